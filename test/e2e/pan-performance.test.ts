/**
 * How smooth panning is on ten minutes of audio (51,680 frames): the page pans by synthetic
 * Shift+wheel events, one per animation frame, and records requestAnimationFrame intervals and
 * the time each plot draw took (the app's `postnet:draw` measures, collected by helpers/draw-probe.ts). Numbers go to the console and to
 * test/artifacts/pan-performance.json; docs/workspace.md says how to read them.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactPath, screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSampleWithoutDemo, paneHeader, readMetrics, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';
import { encodeWavPcm16, testSignal } from './helpers/wav';
import { smallPostnetNpz } from './helpers/weights-npz';

/** Frames in a 10-minute input at 22,050 Hz with hop 256. */
const TEN_MINUTES_FRAMES = 51680;

/** A 60 Hz display's frame interval: a median interval under two of them is no dropped frame in two. */
const DISPLAY_FRAME_MS = 1000 / 60;

interface PanRun {
  /** How far in from fit: 1.5^presses of `+`. */
  zoom: number;
  /** Measured in the page: the readout's frame under the plot's first and last pixel column. */
  framesVisible: number;
  intervalsMs: number[];
  drawMs: number[];
}

/** The q-quantile in ms, rounded to 0.01 ms (performance.now() has 0.1 ms steps plus float noise). */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
}

/**
 * How many frames the input pane shows: the readout's frame under the mouse at the plot's first
 * and at its last pixel column (the readout is the app's own view → frame mapping). The mouse then
 * leaves the plot so the crosshair does not take part in what is measured next.
 */
async function measureFramesVisible(page: Page): Promise<number> {
  const plot = (await page.locator('.pane[data-kind="input"] .pane-hit').boundingBox())!;
  const frameAt = async (x: number) => {
    await page.mouse.move(x, plot.y + plot.height / 2);
    await expect.poll(() => page.locator('.readout').getAttribute('data-frame')).not.toBeNull();
    return Number(await page.locator('.readout').getAttribute('data-frame'));
  };
  const first = await frameAt(plot.x + 0.5);
  const last = await frameAt(plot.x + plot.width - 0.5);
  await page.mouse.move(0, 0);
  return last - first + 1;
}

describe('panning ten minutes of audio', () => {
  let app: App;
  beforeAll(async () => {
    app = await launchOnSampleWithoutDemo(inject('baseUrl'), { viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('stays smooth: median and p95 per animation frame at two zoom levels', async () => {
    const { page } = app;
    // Small weights keep the post-net fast here; drawing cost does not depend on the weights.
    await dropFiles(page, [{ name: 'small-postnet.npz', bytes: smallPostnetNpz() }]);
    await expect
      .poll(() => page.getByTestId('weights-name').textContent(), { timeout: 60_000 })
      .toBe('small-postnet.npz');
    await waitIdle(page);
    const started = Date.now();
    await dropFiles(page, [{ name: 'ten-minutes.wav', bytes: encodeWavPcm16(testSignal(600), 22050) }]);
    await expect
      .poll(() => paneHeader(page, 'input'), { timeout: 240_000, interval: 500 })
      .toContain('ten-minutes.wav');
    await waitIdle(page, 240_000);
    console.log(`ten minutes: drop → shown in ${Date.now() - started} ms (mel + post-net in the worker)`);
    expect(await paneHeader(page, 'input')).toContain(`[80, ${TEN_MINUTES_FRAMES}]`);

    const runs: PanRun[] = [];
    for (const presses of [3, 10]) {
      await page.keyboard.press('0');
      for (let i = 0; i < presses; i++) await page.keyboard.press('+');
      const zoom = 1.5 ** presses;
      await waitIdle(page);
      const framesVisible = await measureFramesVisible(page);
      const before = (await readMetrics(page)).drawMs.length;
      const run = await page.evaluate(async (steps) => {
        const target = document.querySelector('.pane[data-kind="input"] .pane-hit')!;
        const rect = target.getBoundingClientRect();
        const stamps: number[] = [];
        await new Promise<void>((resolve) => {
          let n = 0;
          const step = (time: number) => {
            stamps.push(time);
            if (n >= steps) return resolve();
            const direction = Math.floor(n / 60) % 2 === 0 ? 1 : -1;
            n++;
            target.dispatchEvent(
              new WheelEvent('wheel', {
                deltaY: 24 * direction,
                shiftKey: true,
                clientX: rect.left + rect.width / 2,
                clientY: rect.top + rect.height / 2,
                bubbles: true,
                cancelable: true,
              }),
            );
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        });
        return stamps.slice(1).map((t, i) => t - stamps[i]!);
      }, 240);
      const metrics = await readMetrics(page);
      runs.push({
        zoom,
        framesVisible,
        intervalsMs: run,
        drawMs: metrics.drawMs.slice(before),
      });
      await screenshot(page, `20-ten-minutes-zoom-${presses}`);
    }
    // Fit (every one of the 51,680 frames read, ~55 per column): redraw by switching colour maps.
    await page.keyboard.press('0');
    await waitIdle(page);
    const fitBefore = (await readMetrics(page)).drawMs.length;
    for (let i = 0; i < 20; i++) {
      await page.selectOption('select[aria-label="Colour map"]', i % 2 === 0 ? 'viridis' : 'magma');
      await waitIdle(page);
    }
    const fitDraws = (await readMetrics(page)).drawMs.slice(fitBefore);
    console.log(
      `fit, full redraw per pane: median ${quantile(fitDraws, 0.5)} ms, p95 ${quantile(fitDraws, 0.95)} ms (${fitDraws.length} draws)`,
    );
    const summary = runs.map((run) => ({
      zoom: `${run.zoom.toFixed(1)}×`,
      framesVisible: run.framesVisible,
      frameIntervalMs: { median: quantile(run.intervalsMs, 0.5), p95: quantile(run.intervalsMs, 0.95) },
      drawPerPaneMs: {
        median: quantile(run.drawMs, 0.5),
        p95: quantile(run.drawMs, 0.95),
        count: run.drawMs.length,
      },
    }));
    console.log(JSON.stringify(summary, null, 1));
    const fit = { median: quantile(fitDraws, 0.5), p95: quantile(fitDraws, 0.95), count: fitDraws.length };
    await writeFile(
      artifactPath('pan-performance.json'),
      JSON.stringify({ pan: summary, fitRedrawPerPaneMs: fit }, null, 1),
    );
    for (const [i, item] of summary.entries()) {
      // Each + zooms 1.5× about the middle: the measured span is the zoom's, to a pixel column
      // or two on either side.
      expect(
        Math.abs(item.framesVisible - TEN_MINUTES_FRAMES / runs[i]!.zoom) / item.framesVisible,
      ).toBeLessThan(0.01);
      // Loose bounds for a shared 2-core machine: the point is the numbers, printed above.
      expect(item.drawPerPaneMs.count).toBeGreaterThan(100);
      expect(item.drawPerPaneMs.median).toBeLessThan(30);
      expect(item.frameIntervalMs.median, `median frame interval at ${item.zoom}`).toBeLessThan(
        2 * DISPLAY_FRAME_MS,
      );
    }
  });
});
