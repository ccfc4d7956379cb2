/**
 * Mel settings… in the input panel: a 64-band model runs in the window, not only from the CLI.
 * Setting n_mels to 64 re-analyses the sample; the default (80-band) post-net then cannot run
 * and the error says how to fix it in the window's words; 64-band weights load and process.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSampleWithoutDemo, paneHeader, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';
import { smallPostnetNpz } from './helpers/weights-npz';

async function applyMelSettings(page: Page, values: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'Mel settings…' }).click();
  const form = page.getByRole('form', { name: 'Mel settings' });
  for (const [label, value] of Object.entries(values))
    await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Apply' }).click();
}

describe('Mel settings… in Chromium (browser host)', () => {
  let app: App;

  beforeAll(async () => {
    app = await launchOnSampleWithoutDemo(inject('baseUrl'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('fails clearly on settings resolveMelConfig refuses: the message beside the form, nothing re-analysed', async () => {
    const { page } = app;
    const before = await paneHeader(page, 'input');
    await applyMelSettings(page, { fmax: '12000' });
    const problem = page.getByTestId('mel-settings-problem');
    await expect
      .poll(() => problem.textContent())
      .toBe('fmax 12000 Hz is above the Nyquist frequency 11025 Hz of 22050 Hz audio');
    expect(await page.getByLabel('fmax', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'mel-settings-invalid');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('form', { name: 'Mel settings' }).count()).toBe(0);
    expect(await paneHeader(page, 'input')).toBe(before);
  });

  it('n_mels 64 re-analyses the sample; the 80-band default weights cannot run, and the error says what to do', async () => {
    const { page } = app;
    await applyMelSettings(page, { n_mels: '64' });
    await expect.poll(() => paneHeader(page, 'input'), { timeout: 30_000 }).toContain('[64, 562]');
    const toast = page.locator('[role="alert"]');
    await expect.poll(() => toast.textContent()).toContain('ShapeMismatchError');
    expect(await toast.textContent()).toContain(
      'these weights need 80-band mel spectrograms (set n_mels to 80 in Mel settings… in the input panel), or load weights made for 64-band ones',
    );
    expect(await paneHeader(page, 'input')).toBe('input · [64, 562] · 6.52 s · custom mel · sample.wav');
    await screenshot(page, 'mel-settings-64-default-weights');
    await page.keyboard.press('Escape');
  });

  it('64-band weights then load and process: output and residual are [64, 562]', async () => {
    const { page } = app;
    await dropFiles(page, [{ name: 'small64.npz', bytes: smallPostnetNpz(64) }], '.weights-panel');
    await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe('small64.npz');
    await waitIdle(page);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await paneHeader(page, 'output')).toContain('[64, 562]');
    expect(await paneHeader(page, 'residual')).toContain('[64, 562]');
    await screenshot(page, 'mel-settings-64-weights');
  });

  it('fails clearly when weights for other bands are loaded: set n_mels to their bands, then load them again', async () => {
    const { page } = app;
    await dropFiles(page, [{ name: 'small80.npz', bytes: smallPostnetNpz(80) }], '.weights-panel');
    const toast = page.locator('[role="alert"]');
    await expect.poll(() => toast.textContent()).toContain('ShapeMismatchError');
    expect(await toast.textContent()).toContain(
      'these weights need 80-band mel spectrograms (set n_mels to 80 in Mel settings… in the input panel, then load them again)',
    );
    expect(await page.getByTestId('weights-name').textContent()).toBe('small64.npz');
    await page.keyboard.press('Escape');
    expect(app.errors).toEqual([]);
  });
});
