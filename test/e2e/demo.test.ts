/**
 * The first run: the bundled sample opens as the demo (clean, smoothed, output, residual, each
 * with its error to the clean mel) with the demo post-net as the default weights; the untrained
 * weights stay choosable, and the demo can be turned off.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { screenshot } from './helpers/artifacts';
import { launchOnSample, paneHeader, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';

const DEMO_NAME = 'demo post-net (trained to undo decoder-like smoothing: Gaussian σ 1 band × 2 frames)';

/** `MSE to clean 0.1234 · 57 % lower than smoothed` → 0.1234. */
function mseOf(badge: string | null): number {
  const match = /MSE to clean ([0-9.e+-]+)/.exec(badge ?? '');
  if (!match) throw new Error(`no MSE in the badge '${badge}'`);
  return Number(match[1]);
}

describe('first run: the demo', () => {
  let app: App | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('opens the sample as four panes with their errors; the demo post-net lowers the error by at least 40 %', async () => {
    app = await launchOnSample(inject('baseUrl'), { viewport: { width: 1440, height: 900 } });
    const { page } = app;
    const kinds = await page.locator('.pane').evaluateAll((panes) => panes.map((p) => p.dataset['kind']));
    expect(kinds).toEqual(['clean', 'input', 'output', 'residual']);
    expect(await paneHeader(page, 'clean')).toContain('sample.wav');
    expect(await paneHeader(page, 'input')).toContain('smoothed');
    expect(await page.getByTestId('weights-name').textContent()).toBe(DEMO_NAME);
    expect(await paneHeader(page, 'output')).toContain(DEMO_NAME);
    const smoothed = mseOf(await page.getByTestId('badge-input').textContent());
    const output = mseOf(await page.getByTestId('badge-output').textContent());
    expect(smoothed).toBeGreaterThan(0);
    expect(output).toBeLessThan(0.6 * smoothed);
    expect(await page.getByTestId('badge-output').textContent()).toMatch(/\d+ % lower than smoothed/);
    expect(await page.getByTestId('demo-toggle').isChecked()).toBe(true);
    await screenshot(page, '01-first-run-demo');
  });

  it('the untrained weights stay choosable; turning the demo off shows the clean input again', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    await page.getByTestId('built-in-weights').selectOption('untrained');
    await expect
      .poll(() => page.getByTestId('weights-name').textContent())
      .toBe('untrained Tacotron 2 post-net');
    await waitIdle(page);
    const badge = await page.getByTestId('badge-output').textContent();
    expect(badge).toMatch(/MSE to clean/);
    await page.getByTestId('demo-toggle').uncheck();
    await expect.poll(() => page.locator('.pane').count()).toBe(3);
    await waitIdle(page);
    expect(await paneHeader(page, 'input')).toContain('sample.wav');
    expect(await page.getByTestId('badge-output').count()).toBe(0);
    await page.getByTestId('demo-toggle').check();
    await expect.poll(() => page.locator('.pane').count()).toBe(4);
    await page.getByTestId('built-in-weights').selectOption('demo');
    await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe(DEMO_NAME);
  });
});
