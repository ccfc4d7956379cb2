/**
 * Launching Chromium (chromium.ts finds it) through playwright-core with a fresh profile, and the
 * page helpers the tests share: feeding files to the page, synthetic drops, waiting for the app.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { findChromium } from './chromium';
import { installDrawProbe, type DrawMetrics, type DrawnPane } from './draw-probe';

/** The Chromium the tests drive; vitest.e2e.config.ts skips the suite when there is none. */
export function chromiumPath(): string {
  const lookup = findChromium();
  if (!lookup.found) throw new Error(`e2e: ${lookup.reason}`);
  return lookup.path;
}

/** The flags the project runs Chromium with in tests (see docs/DEVELOPERS.md). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface App {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Files the page can fetch from `__e2e__/<name>` (served by a Playwright route, not the server). */
const served = new WeakMap<Page, Map<string, Buffer>>();

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Runs before the page loads, e.g. to add routes that break the sample. */
  beforeLoad?: (page: Page) => Promise<unknown>;
}

export async function launchApp(baseUrl: string, options: LaunchOptions = {}): Promise<App> {
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const profile = await mkdtemp(join(tmpdir(), 'postnet-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
    viewport,
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.addInitScript(installDrawProbe);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const files = new Map<string, Buffer>();
  served.set(page, files);
  await page.route('**/__e2e__/**', async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/__e2e__/')[1] ?? '');
    const body = files.get(name);
    if (body) await route.fulfill({ status: 200, body, contentType: 'application/octet-stream' });
    else await route.fulfill({ status: 404, body: `no e2e file ${name}` });
  });
  await options.beforeLoad?.(page);
  await page.goto(baseUrl);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Drops files on an element (default: the body, i.e. the window) with a DataTransfer built in
 * the page from the given bytes: dragenter, dragover, drop — what a real drop dispatches.
 */
export async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[], selector = 'body') {
  const table = served.get(page);
  if (!table) throw new Error('dropFiles: page was not launched with launchApp');
  for (const file of files)
    table.set(file.name, Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  await page.evaluate(
    async ({ names, selector }) => {
      const transfer = new DataTransfer();
      for (const name of names) {
        const response = await fetch(`__e2e__/${encodeURIComponent(name)}`);
        transfer.items.add(new File([await response.blob()], name));
      }
      const target = document.querySelector(selector);
      if (!target) throw new Error(`no element ${selector}`);
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }
    },
    { names: files.map((file) => file.name), selector },
  );
}

/** Waits until no job is running (the status bar shows no progress). */
export async function waitIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-testid="job"]'), undefined, { timeout });
  // Let the panes draw: they redraw on the next animation frame after a state change.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** The panes, by their `data-kind`: `layer` is the selected layer's output. */
export type PaneKindName = DrawnPane;

export async function paneHeader(page: Page, kind: PaneKindName): Promise<string> {
  return (await page.locator(`.pane[data-kind="${kind}"]  .pane-title`).textContent()) ?? '';
}

/** The draw metrics the probe collects in the page (./draw-probe.ts). */
export type PageMetrics = DrawMetrics;

export async function readMetrics(page: Page): Promise<PageMetrics> {
  return page.evaluate(() => {
    const metrics = (window as unknown as { __e2eDrawMetrics?: PageMetrics }).__e2eDrawMetrics;
    if (!metrics) throw new Error('the draw probe is not installed (launch the page with launchApp)');
    return {
      drawMs: [...metrics.drawMs],
      panesDrawnAt: metrics.panesDrawnAt,
      lastDrawn: { ...metrics.lastDrawn },
    };
  });
}

/** Waits until input and output have been drawn with data once (the first-run sample). */
export async function waitFirstDraw(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as { __e2eDrawMetrics?: PageMetrics }).__e2eDrawMetrics?.panesDrawnAt != null,
    undefined,
    { timeout },
  );
}

/** A window on the bundled sample with both panes drawn and no job running: most suites start here. */
export async function launchOnSample(baseUrl: string, options: LaunchOptions = {}): Promise<App> {
  const app = await launchApp(baseUrl, options);
  await waitFirstDraw(app.page);
  await waitIdle(app.page);
  return app;
}

/**
 * Leaves the first run's demo for the untrained Tacotron 2 post-net on the clean sample: the
 * three panes (input, output, residual) the suites written before the demo check.
 */
export async function leaveDemo(page: Page): Promise<void> {
  await page.getByTestId('built-in-weights').selectOption('untrained');
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="weights-name"]')?.textContent === 'untrained Tacotron 2 post-net',
    undefined,
    { timeout: 60_000 },
  );
  await waitIdle(page);
  await page.getByTestId('demo-toggle').uncheck();
  await page.waitForFunction(() => document.querySelectorAll('.pane').length === 3, undefined, {
    timeout: 60_000,
  });
  await waitIdle(page);
}

/** A window on the bundled sample outside the demo, with the untrained weights (see `leaveDemo`). */
export async function launchOnSampleWithoutDemo(baseUrl: string, options: LaunchOptions = {}): Promise<App> {
  const app = await launchOnSample(baseUrl, options);
  await leaveDemo(app.page);
  return app;
}
