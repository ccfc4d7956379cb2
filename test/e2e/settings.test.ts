/**
 * The window's settings last beyond a session: the engine (status bar) and Decimation (toolbar)
 * chosen in the browser host are back after a reload, from the page's localStorage, and the
 * first run after it uses the stored engine. A damaged stored value opens with the defaults.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchOnSample, waitFirstDraw, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';

const SETTINGS_KEY = 'postnet-studio.settings';

describe('settings between sessions in Chromium (browser host)', () => {
  let app: App | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('the engine and decimation chosen survive a reload, and the run after it uses that engine', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    const engine = page.getByLabel('Engine', { exact: true });
    const decimation = page.getByLabel('Decimation', { exact: true });
    expect(await engine.inputValue()).toBe('auto');
    expect(await decimation.inputValue()).toBe('mean');
    await engine.selectOption('js');
    await decimation.selectOption('max');
    await expect
      .poll(() => page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY))
      .toBe(JSON.stringify({ engine: 'js', decimation: 'max' }));

    await page.reload();
    await waitFirstDraw(page);
    await waitIdle(page);
    expect(await engine.inputValue()).toBe('js');
    expect(await decimation.inputValue()).toBe('max');
    await expect.poll(() => page.getByTestId('engine-used').textContent()).toMatch(/^typescript/); // the JS engine's own name
    expect(app.errors).toEqual([]);
  });

  it('opens with the defaults when the stored value is damaged or names an unknown engine', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    await page.evaluate(
      (key) => localStorage.setItem(key, '{"engine": "cuda", "decimation": "min"'),
      SETTINGS_KEY,
    );
    await page.reload();
    await waitFirstDraw(page);
    await waitIdle(page);
    expect(await page.getByLabel('Engine', { exact: true }).inputValue()).toBe('auto');
    expect(await page.getByLabel('Decimation', { exact: true }).inputValue()).toBe('mean');

    await page.evaluate(
      (key) => localStorage.setItem(key, '{"engine": "cuda", "decimation": "min"}'),
      SETTINGS_KEY,
    );
    await page.reload();
    await waitFirstDraw(page);
    await waitIdle(page);
    expect(await page.getByLabel('Engine', { exact: true }).inputValue()).toBe('auto');
    expect(await page.getByLabel('Decimation', { exact: true }).inputValue()).toBe('min');
    expect(app.errors).toEqual([]);
  });
});
