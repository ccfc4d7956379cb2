/**
 * What users trip over, in the window: audio divided by 32768 twice (a float WAV with tiny
 * values) and a mel `.npy` in log10. The input panel says what the numbers look like.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeNpyFloat32 } from '../../shared/formats/npy';
import { screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSample, paneHeader, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';
import { encodeWavFloat32, testSignal } from './helpers/wav';

describe('input checks in the side panel', () => {
  let app: App;
  const check = () => app.page.locator('.input-facts [data-fact="check"] dd');

  beforeAll(async () => {
    app = await launchOnSample(inject('baseUrl'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the bundled sample (speech at a normal level) shows no check', async () => {
    expect(await check().count()).toBe(0);
  });

  it('fails clearly on a float WAV scaled by 1/32768 twice: the panel says it is very quiet', async () => {
    const { page } = app;
    const tiny = testSignal(2).map((x) => x / 32768);
    await dropFiles(page, [{ name: 'tiny.wav', bytes: encodeWavFloat32(tiny, 22050) }]);
    await waitIdle(page);
    await expect.poll(() => paneHeader(page, 'input')).toContain('tiny.wav');
    await expect
      .poll(() => check().textContent())
      .toMatch(/^tiny\.wav is very quiet: .*divided by 32768 twice/);
    await screenshot(page, 'input-check-quiet');
  });

  it('fails clearly on a log10 mel .npy: the panel says it looks like log10', async () => {
    const { page } = app;
    const nFrames = 100;
    const log10 = Float32Array.from({ length: 80 * nFrames }, (_, i) =>
      i % 5 === 0 ? -5 : -2 + (i % 7) * 0.3,
    );
    await dropFiles(page, [{ name: 'log10.npy', bytes: encodeNpyFloat32(log10, [80, nFrames]) }]);
    await waitIdle(page);
    await expect.poll(() => paneHeader(page, 'input')).toContain('log10.npy');
    await expect.poll(() => check().textContent()).toMatch(/^log10\.npy looks like a log10 mel/);
    expect(app.errors).toEqual([]);
  });
});
