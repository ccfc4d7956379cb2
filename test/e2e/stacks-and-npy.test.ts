/**
 * Issue 13's window side in Chromium (browser host): an `.npy` mel opens with its settings shown
 * as assumed, and Mel settings… sets its sample rate and hop (fmax None) so its time axis is
 * right; a WAV dropped on the weights panel opens as the input; at 8 bands, a full Tacotron 2
 * checkpoint (train.py's `checkpoint_1000`, the fixture's 8-band model) offers its post-net and
 * its encoder in the weights panel, the post-net built; a cut-off WAV says how much is missing,
 * an MP3 how to convert it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeNpyFloat32 } from '../../shared/formats/npy';
import { readFixture } from '../helpers/fixtures';
import { screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSample, leaveDemo, paneHeader, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';
import { encodeWavPcm16, testSignal } from './helpers/wav';

/** An [80, 40] log-mel ramp, as a model's decoder would have written it. */
function melNpy(): Uint8Array {
  const data = new Float32Array(80 * 40);
  for (let i = 0; i < data.length; i++) data[i] = -6 + 4 * Math.sin(i / 7);
  return encodeNpyFloat32(data, [80, 40]);
}

const fact = (page: Page, label: string) => page.locator(`.input-facts [data-fact="${label}"] dd`);
const notice = (page: Page) => page.locator('.status-bar .notice');

async function dismissError(page: Page): Promise<void> {
  if ((await page.locator('[role="alert"]').count()) > 0) await page.keyboard.press('Escape');
}

describe('an .npy mel and a full Tacotron 2 checkpoint in Chromium', () => {
  let app: App;

  beforeAll(async () => {
    app = await launchOnSample(inject('baseUrl'));
    await leaveDemo(app.page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('an .npy mel’s settings are assumed (the preset is named) until Mel settings… sets its rate and hop', async () => {
    const { page } = app;
    await dropFiles(page, [{ name: 'decoder.npy', bytes: melNpy() }]);
    await waitIdle(page);
    await expect.poll(() => fact(page, 'settings').textContent()).toBe('assumed: tacotron2 preset');
    expect(await page.locator('.input-facts [data-fact="settings"]').getAttribute('class')).toBe(
      'fact-warning',
    );
    expect(await page.getByTestId('npy-settings-hint').textContent()).toMatch(/set its sample rate and hop/);
    // 40 frames × 256 / 22050 Hz under the assumed tacotron2 settings
    expect(await paneHeader(page, 'input')).toMatch(/^input · \[80, 40\] · 0\.46 s · /);
    await screenshot(page, 'npy-settings-assumed');
    await page.getByRole('button', { name: 'Mel settings…' }).click();
    const form = page.getByRole('form', { name: 'Mel settings' });
    expect(await form.getByLabel('n_mels', { exact: true }).getAttribute('readonly')).not.toBeNull();
    await form.getByLabel('sample rate', { exact: true }).fill('16000');
    await form.getByLabel('hop', { exact: true }).fill('200');
    await form.getByLabel('fmax None (sample rate / 2)').check();
    expect(await form.getByLabel('fmax', { exact: true }).inputValue()).toBe('8000');
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => fact(page, 'settings').textContent()).toBe('set here (Mel settings…)');
    expect(await page.getByTestId('npy-settings-hint').count()).toBe(0);
    // 40 frames × 200 / 16000 Hz: the time axis follows, the numbers stay
    await expect.poll(() => paneHeader(page, 'input')).toMatch(/^input · \[80, 40\] · 0\.50 s · /);
    expect(await fact(page, 'bands').textContent()).toContain('0–8000 Hz');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('a WAV dropped on the weights panel opens as the input; at 8 bands the 80-band weights do not fit, and the error says so', async () => {
    const { page } = app;
    const wav = encodeWavPcm16(testSignal(0.5), 22050);
    await dropFiles(page, [{ name: 'take.wav', bytes: wav }], '.weights-panel');
    await waitIdle(page);
    await expect
      .poll(() => notice(page).textContent())
      .toBe('take.wav is audio, not weights: opened as the input');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Mel settings…' }).click();
    const form = page.getByRole('form', { name: 'Mel settings' });
    await form.getByLabel('n_mels', { exact: true }).fill('8');
    await form.getByRole('button', { name: 'Apply' }).click();
    const toast = page.locator('[role="alert"]');
    await expect
      .poll(() => toast.locator('.error-head b').textContent())
      .toBe('take.wav re-analysed with 8 mel bands: the weights do not fit the new settings');
    expect(await page.getByTestId('weights-warnings').textContent()).toMatch(
      /^These weights take 80 channels, but the input has 8 mel bands: they do not fit the current mel settings/,
    );
    await page.keyboard.press('Escape');
  });

  it('a full Tacotron 2 checkpoint: the post-net is built, the encoder can be chosen, the files’ facts are shown', async () => {
    const { page } = app;
    const checkpoint = readFixture('checkpoints', 'checkpoint_1000');
    await dropFiles(page, [{ name: 'checkpoint_1000', bytes: checkpoint }], '.weights-panel');
    await waitIdle(page);
    await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe('checkpoint_1000');
    const chooser = page.getByTestId('stack-chooser');
    expect(await chooser.locator('legend').textContent()).toBe('This file holds 2 stacks: build');
    expect(await chooser.getByRole('radio', { name: /post-net/ }).isChecked()).toBe(true);
    expect(await chooser.getByRole('radio', { name: /encoder/ }).isChecked()).toBe(false);
    expect(await page.getByTestId('weights-format').textContent()).toBe('PyTorch torch.save (zip)');
    expect(await page.getByTestId('weights-layout').textContent()).toBe(
      "Tacotron 2 post-net, keys 'postnet.convolutions.*'",
    );
    expect(await page.getByTestId('ignored-entries').locator('li').allTextContents()).toEqual(
      expect.arrayContaining(["'iteration' = 1000", "'learning_rate' = 0.001"]),
    );
    await expect.poll(() => paneHeader(page, 'output')).toContain('checkpoint_1000');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await screenshot(page, 'stack-choice-postnet');

    await chooser.getByRole('radio', { name: /encoder/ }).check();
    await waitIdle(page);
    await expect.poll(() => chooser.getByRole('radio', { name: /encoder/ }).isChecked()).toBe(true);
    expect(await page.getByTestId('encoder-note').textContent()).toMatch(
      /^The encoder convolutions run over characters: text → symbol ids → embedding \(embedding\.weight \[\d+, 12\]\) → \[12, n_chars\]/,
    );
    expect(await page.locator('.layer-list li').count()).toBe(3);
    expect(await page.getByTestId('weights-layout').textContent()).toBe(
      "Tacotron 2 encoder convolutions, keys 'encoder.convolutions.*'",
    );
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await screenshot(page, 'stack-choice-encoder');

    await chooser.getByRole('radio', { name: /post-net/ }).check();
    await waitIdle(page);
    await expect.poll(() => page.getByTestId('encoder-note').count()).toBe(0);
    await expect.poll(() => paneHeader(page, 'output')).toContain('checkpoint_1000');
    expect(app.errors).toEqual([]);
  });

  it('a WAV cut off mid data chunk opens with a warning saying how much is missing', async () => {
    const { page } = app;
    const whole = encodeWavPcm16(testSignal(1), 22050);
    await dropFiles(page, [{ name: 'cut.wav', bytes: whole.subarray(0, 44 + 2 * 11025) }]);
    await waitIdle(page);
    await expect
      .poll(() => fact(page, 'warning').textContent())
      .toMatch(/^cut\.wav: truncated WAV: .*missing/);
    await dismissError(page);
  });

  it('fails clearly on an MP3: audio we do not read yet, with how to convert it', async () => {
    const { page } = app;
    const mp3 = new TextEncoder().encode('ID3\x04\x00\x00\x00\x00\x00\x00 not a real mp3');
    await dropFiles(page, [{ name: 'song.mp3', bytes: mp3 }], '.weights-panel');
    const toast = page.locator('[role="alert"]');
    await expect.poll(() => toast.textContent()).toContain('sox');
    expect(await toast.textContent()).not.toMatch(/unknown weights format/);
    await page.keyboard.press('Escape');
    expect(app.errors).toEqual([]);
  });
});
