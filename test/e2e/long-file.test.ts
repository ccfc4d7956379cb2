/**
 * A long file with a full-size post-net (the untrained Tacotron 2 post-net, 8.68 MFLOP a frame):
 * the input pane appears before the post-net ends, output and residual fill in chunk by chunk
 * (the headers say how much is in), the status bar names the engine once it is done, the page's
 * main thread never blocks long (a `longtask` observer over the whole run), and Cancel mid-file
 * keeps what is in. Two minutes of audio keep it within CI time; docs/engine.md has the
 * ten-minute figures.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSampleWithoutDemo, paneHeader, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';
import { encodeWavPcm16, testSignal } from './helpers/wav';

/**
 * The longest main-thread task allowed while a job runs. The target is 100 ms, met on a
 * quiet machine (`npm run bench -- browser`: 10 minutes of audio, longest task 88–128 ms under
 * load 4–5, two minutes 61 ms; docs/engine.md). The bound leaves room for a CI machine whose two
 * cores the page shares with both workers of the pool, and still fails on any pass over the whole
 * result on the page: before the panes kept their reduced columns, 254–642 ms were seen here.
 */
const LONGEST_TASK_MS = 300;

interface LongTaskLog {
  /** [startTime, duration] of each long task, page clock (performance.now()). */
  tasks: [number, number][];
  /** Page-clock spans in which the test itself worked the page (a screenshot renders it). */
  excluded: [number, number][];
}

/** Starts recording the page's long tasks (≥ 50 ms by the browser's definition). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: LongTaskLog = { tasks: [], excluded: [] };
    (window as unknown as { __longTasks: LongTaskLog }).__longTasks = log;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) log.tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: false });
  });
}

/** A screenshot, its span left out of the long tasks: capturing the page is a long task of its own. */
async function screenshotUnwatched(page: Page, name: string): Promise<void> {
  const from = await page.evaluate(() => performance.now());
  await screenshot(page, name);
  await page.evaluate((from) => {
    (window as unknown as { __longTasks: LongTaskLog }).__longTasks.excluded.push([from, performance.now()]);
  }, from);
}

/** The durations of the long tasks that did not overlap a span the test worked the page in. */
const longTasks = (page: Page) =>
  page.evaluate(() => {
    const { tasks, excluded } = (window as unknown as { __longTasks: LongTaskLog }).__longTasks;
    const overlaps = ([start, duration]: [number, number]) =>
      excluded.some(([from, to]) => start < to && start + duration > from);
    return tasks.filter((task) => !overlaps(task)).map(([, duration]) => duration);
  });

/** The percentage the output header says is in, or null when the result is whole. */
async function percentIn(page: Page): Promise<number | null> {
  const match = /computing, (\d+) % in/.exec(await paneHeader(page, 'output'));
  return match ? Number(match[1]) : null;
}

describe('a long file with the full-size post-net', () => {
  let app: App;
  beforeAll(async () => {
    app = await launchOnSampleWithoutDemo(inject('baseUrl'), { viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the input at once, fills the output in part by part, and the window stays responsive', async () => {
    const { page } = app;
    const started = Date.now();
    await dropFiles(page, [{ name: 'two-minutes.wav', bytes: encodeWavPcm16(testSignal(120), 22050) }]);
    // From here on: the drop itself (the test building a 5 MB File in the page) is not the app's work.
    await watchLongTasks(page);
    await expect
      .poll(() => paneHeader(page, 'input'), { timeout: 60_000, interval: 100 })
      .toContain('two-minutes.wav');
    const inputShownMs = Date.now() - started;
    // The input is on screen while the post-net still runs.
    expect(await paneHeader(page, 'output')).toMatch(/computing, \d+ % in/);
    // Part of the output, not all and not nothing, is in at some point: it fills in.
    await expect
      .poll(
        async () => {
          const percent = await percentIn(page);
          return percent !== null && percent > 0 && percent < 100;
        },
        { timeout: 240_000, interval: 50 },
      )
      .toBe(true);
    await screenshotUnwatched(page, '30-long-file-filling');
    await expect.poll(() => percentIn(page), { timeout: 600_000, interval: 250 }).toBeNull();
    await waitIdle(page, 60_000);
    const outputDoneMs = Date.now() - started;
    expect(await paneHeader(page, 'residual')).toMatch(/ran in \d+ ms on wasm/);
    expect(await page.getByTestId('engine-used').textContent()).toMatch(/^wasm/);
    const tasks = await longTasks(page);
    console.log(
      `two minutes, full-size post-net: input shown after ${inputShownMs} ms, output whole after ${outputDoneMs} ms; ` +
        `longest main-thread task ${Math.max(0, ...tasks).toFixed(0)} ms (${tasks.length} over 50 ms)`,
    );
    expect(Math.max(0, ...tasks)).toBeLessThan(LONGEST_TASK_MS);
    await screenshot(page, '31-long-file-done');
  }, 900_000);

  it('Cancel mid-file stops the run and keeps what is in, marked stopped', async () => {
    const { page } = app;
    // Five minutes: long enough that the run is still going when the click lands.
    await dropFiles(page, [{ name: 'again.wav', bytes: encodeWavPcm16(testSignal(300, 22050), 22050) }]);
    await expect
      .poll(
        async () => {
          const percent = await percentIn(page);
          return percent !== null && percent > 0;
        },
        { timeout: 240_000, interval: 50 },
      )
      .toBe(true);
    // The button's own click: a pointer click was seen reported as intercepted by <html> while the
    // window updated under load, and retried until the run had ended.
    await page.evaluate(() =>
      (document.querySelector('[data-testid="job"] button') as HTMLButtonElement | null)?.click(),
    );
    await waitIdle(page, 60_000);
    expect(await paneHeader(page, 'output')).toMatch(/stopped at \d+ %/);
    expect(await page.getByRole('status').textContent()).toMatch(/cancelled/);
    await screenshot(page, '32-long-file-cancelled');
  }, 600_000);
});
