import { describe, expect, it } from 'vitest';
import { HIFIGAN_MEL, TACOTRON2_MEL, type MelConfig } from '../../../shared/mel/config';
import { frameCentreSample, padLength } from '../../../shared/mel/frames';
import { paddedPeriodicHann } from '../../../shared/mel/window';

type CentreConfig = Pick<MelConfig, 'nFft' | 'winLength' | 'hopLength' | 'padding'>;

/** The window of frame t is symmetric about the centre frameCentreSample names (in signal samples). */
function expectSymmetricAboutCentre(config: CentreConfig, t: number): void {
  const window = paddedPeriodicHann(config.winLength, config.nFft);
  const start = t * config.hopLength - padLength(config);
  const centre = frameCentreSample(config, t) - start;
  // w(centre + d) = w(centre − d) for every offset d reaching whole samples on both sides.
  for (let d = centre % 1; d <= config.nFft / 2; d++) {
    const right = centre + d < config.nFft ? window[centre + d]! : 0;
    const left = centre - d >= 0 ? window[centre - d]! : 0;
    expect(Math.abs(right - left), `d = ${d}`).toBeLessThan(1e-12);
  }
  // and not about a whole sample next to it
  const beside = Math.floor(centre) + 1;
  expect(Math.abs(window[beside + 3]! - window[beside - 3]!)).toBeGreaterThan(1e-6);
}

describe('frameCentreSample', () => {
  it('tacotron2 (center padding): frame t is centred on sample hop·t', () => {
    expect([0, 1, 86].map((t) => frameCentreSample(TACOTRON2_MEL, t))).toEqual([0, 256, 86 * 256]);
  });

  it('hifigan: pad (1024 − 256) // 2 = 384 puts frame t on hop·t + 128, half a hop later', () => {
    expect([0, 1, 86].map((t) => frameCentreSample(HIFIGAN_MEL, t))).toEqual([128, 384, 86 * 256 + 128]);
  });

  it('hifigan with odd nFft − hop (1024, hop 255): pad 384 floors, so the centre is hop·t + 128, not + 127.5', () => {
    const config = { ...HIFIGAN_MEL, hopLength: 255 };
    expect([0, 10].map((t) => frameCentreSample(config, t))).toEqual([128, 2550 + 128]);
    expectSymmetricAboutCentre(config, 10);
  });

  it('a window shorter than nFft with an odd difference sits half a sample early: 801 in 1024 → hop·t − 0.5', () => {
    const config = { ...TACOTRON2_MEL, winLength: 801 };
    expect(frameCentreSample(config, 2)).toBe(512 - 0.5);
    expectSymmetricAboutCentre(config, 2);
  });

  it('names the centre of symmetry of the window for the presets and custom sizes', () => {
    const configs: CentreConfig[] = [
      TACOTRON2_MEL,
      HIFIGAN_MEL,
      { nFft: 512, winLength: 400, hopLength: 160, padding: 'center' },
      { nFft: 512, winLength: 401, hopLength: 161, padding: 'hifigan' },
      { nFft: 64, winLength: 64, hopLength: 7, padding: 'hifigan' },
    ];
    for (const config of configs) for (const t of [0, 3]) expectSymmetricAboutCentre(config, t);
  });

  it('fails clearly when a centre is off by one sample: the window is not symmetric about it', () => {
    const shifted = { ...TACOTRON2_MEL };
    const window = paddedPeriodicHann(shifted.winLength, shifted.nFft);
    const wrongCentre = frameCentreSample(shifted, 0) + padLength(shifted) + 1;
    expect(Math.abs(window[wrongCentre + 5]! - window[wrongCentre - 5]!)).toBeGreaterThan(1e-6);
  });
});
