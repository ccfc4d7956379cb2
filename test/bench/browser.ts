/**
 * `npm run bench -- browser [--seconds N] [--profile]`: the browser host end to end, as a user
 * sees it. Builds the web bundle, serves it, opens it in Chromium (the e2e flags and helpers),
 * leaves the demo for the full-size untrained Tacotron 2 post-net (8.68 MFLOP a frame), drops a
 * WAV of N seconds (default 600) and reports, timed in the page from the drop event:
 *
 * - drop → input pane titled with the file (the mel is on screen),
 * - drop → output whole (the header no longer says "computing"),
 * - the page's long tasks (≥ 50 ms, a `longtask` observer) while the job runs: the longest, how
 *   many, their total;
 * - then a click on conv 2 in the layer list → its output pane drawn (the workers compute the
 *   visible range of layers 0…2 only).
 *
 * With `--profile` it also records a CPU profile of the page's main thread (DevTools protocol),
 * cuts it into busy spans (consecutive samples outside the idle node) and prints, for every span
 * over 50 ms, the functions with most self time in it: where a long task's time goes.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { build, preview } from 'vite';
import type { Page } from 'playwright-core';
import { launchOnSampleWithoutDemo } from '../e2e/helpers/browser';
import { findChromium } from '../e2e/helpers/chromium';
import { encodeWavPcm16, testSignal } from '../e2e/helpers/wav';
import { sectionOptions } from './args';
import type { BenchSection } from './timing';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface PageTimes {
  inputMs: number | null;
  outputMs: number | null;
  longTasks: number[];
}

/**
 * Drops `bytes` as `name` on the window and watches the pane titles from the drop on: when the
 * input pane names the file, and when the output pane is whole (titled, not computing).
 */
async function dropAndTime(
  page: Page,
  name: string,
  bytes: Uint8Array,
  timeoutMs: number,
): Promise<PageTimes> {
  // Served as a file of the built page (same origin: the CSP allows no other), not by a Playwright
  // route: a route's body crosses the DevTools protocol as one message, and an hour of audio
  // (159 MB) closes the connection.
  const served = resolve(ROOT, 'out', 'web', '__bench__', name);
  await mkdir(dirname(served), { recursive: true });
  await writeFile(served, bytes);
  const url = `__bench__/${name}`;
  // tsx (esbuild keepNames) wraps the named arrow functions below in __name(): define it in the page.
  await page.evaluate('globalThis.__name = (f) => f');
  await page.evaluate(
    async ({ name, url }) => {
      const file = new File([await (await fetch(url)).blob()], name);
      const state = {
        inputMs: null as number | null,
        outputMs: null as number | null,
        longTasks: [] as number[],
      };
      (window as unknown as { __bench: typeof state }).__bench = state;
      const title = (kind: string) =>
        document.querySelector(`.pane[data-kind="${kind}"] .pane-title`)?.textContent ?? '';
      const t0 = performance.now();
      const check = () => {
        const now = performance.now() - t0;
        if (state.inputMs === null && title('input').includes(name)) state.inputMs = now;
        const output = title('output');
        if (
          state.inputMs !== null &&
          state.outputMs === null &&
          output &&
          !/computing/.test(output) &&
          !document.querySelector('[data-testid="job"]')
        )
          state.outputMs = now;
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          if (state.outputMs === null) state.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
      const transfer = new DataTransfer();
      transfer.items.add(file);
      for (const type of ['dragenter', 'dragover', 'drop'])
        document.body.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
    },
    { name, url },
  );
  try {
    await page.waitForFunction(
      () => (window as unknown as { __bench: PageTimes }).__bench.outputMs !== null,
      undefined,
      { timeout: timeoutMs, polling: 200 },
    );
    return await page.evaluate(() => (window as unknown as { __bench: PageTimes }).__bench);
  } finally {
    await rm(dirname(served), { recursive: true, force: true });
  }
}

/**
 * Resident memory of the browser this process started (every descendant process: the browser,
 * its GPU and utility processes, the page's renderer, whose threads include the page's workers),
 * in MB, and the largest of them; from `ps` (Linux and macOS), null where there is none.
 */
function browserRssMb(): { totalMb: number; largestMb: number } | null {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  } catch {
    return null;
  }
  const rows = table
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const ours = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of rows)
      if (ours.has(ppid) && !ours.has(pid)) {
        ours.add(pid);
        grew = true;
      }
  }
  const rss = rows.filter(([pid]) => pid !== process.pid && ours.has(pid)).map(([, , kb]) => kb / 1024);
  return { totalMb: rss.reduce((a, b) => a + b, 0), largestMb: Math.max(0, ...rss) };
}

/** Clicks a layer in the layer list; ms until its pane is titled with it and no job runs. */
async function layerShownMs(page: Page, layer: number): Promise<number> {
  const clickedAt = await page.evaluate((layer) => {
    const button = document.querySelector<HTMLButtonElement>(`button.layer[data-layer="${layer}"]`);
    if (!button) throw new Error(`no layer button ${layer}`);
    const at = performance.now();
    button.click();
    return at;
  }, layer);
  return page.evaluate(
    ({ layer, clickedAt }) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const title = document.querySelector('.pane[data-kind="layer"] .pane-title')?.textContent ?? '';
          if (title.startsWith(`conv ${layer} output`) && !document.querySelector('[data-testid="job"]'))
            resolve(performance.now() - clickedAt);
          else setTimeout(check, 10);
        };
        check();
      }),
    { layer, clickedAt },
  );
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The busy spans over 20 ms of a CPU profile, each with its top functions by self time. */
function busySpans(profile: CpuProfile): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const label = (node: ProfileNode) => {
    const file = node.callFrame.url.split('/').pop() ?? '';
    return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
  };
  const idle = (id: number) => {
    const name = byId.get(id)?.callFrame.functionName;
    return name === '(idle)' || name === '(program)';
  };
  const lines: string[] = [];
  let spanMs = 0;
  let self = new Map<string, number>();
  const flush = () => {
    if (spanMs > 20) {
      const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
      lines.push(
        `  busy ${spanMs.toFixed(0)} ms: ${top.map(([name, t]) => `${name} ${t.toFixed(0)}`).join(' · ')}`,
      );
    }
    spanMs = 0;
    self = new Map();
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (idle(id)) return flush();
    spanMs += dt;
    const name = label(byId.get(id)!);
    self.set(name, (self.get(name) ?? 0) + dt);
  });
  flush();
  return lines;
}

export async function runBrowserBench(seconds: number, profile: boolean): Promise<void> {
  const config = resolve(ROOT, 'vite.web.config.ts');
  await build({ configFile: config, logLevel: 'warn' });
  const server = await preview({
    configFile: config,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0 },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview gave no TCP address');
  const app = await launchOnSampleWithoutDemo(`http://127.0.0.1:${address.port}/`);
  try {
    const cdp = profile ? await app.context.newCDPSession(app.page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const bytes = encodeWavPcm16(testSignal(seconds), 22050);
    const times = await dropAndTime(app.page, `speech-${seconds}s.wav`, bytes, 900_000);
    const engine = await app.page.getByTestId('engine-used').textContent();
    const longest = Math.max(0, ...times.longTasks);
    const total = times.longTasks.reduce((a, b) => a + b, 0);
    console.log(
      `  ${seconds} s of audio, full-size post-net, Chromium (${engine}):\n` +
        `  drop → input pane ${times.inputMs?.toFixed(0)} ms, drop → output whole ${times.outputMs?.toFixed(0)} ms\n` +
        `  long tasks while it ran: longest ${longest.toFixed(0)} ms, ${times.longTasks.length} over 50 ms, ${total.toFixed(0)} ms in all`,
    );
    const memory = browserRssMb();
    if (memory)
      console.log(
        `  browser processes' resident memory with it open: ${memory.totalMb.toFixed(0)} MB ` +
          `(the largest, the page's renderer and its workers: ${memory.largestMb.toFixed(0)} MB)`,
      );
    const layerMs = await layerShownMs(app.page, 2);
    console.log(`  click conv 2 → its output pane whole: ${layerMs.toFixed(0)} ms`);
    if (cdp) {
      const { profile: recorded } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      console.log('  main-thread busy spans over 20 ms (top self time, ms):');
      for (const line of busySpans(recorded)) console.log(line);
    }
  } finally {
    await app.close();
    await server.close();
  }
}

export const browserSection: BenchSection = {
  name: 'browser',
  title: 'the browser host: drop a WAV → input and output on screen, long tasks meanwhile',
  async run(args) {
    const options = sectionOptions('browser', args, { seconds: 'integer', profile: 'boolean' });
    const chromium = findChromium();
    if (!chromium.found) {
      console.log(`  not run: ${chromium.reason}`);
      return;
    }
    await runBrowserBench(options.seconds ?? 600, options.profile === true);
  },
};
