import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TACOTRON2_MEL, HIFIGAN_MEL } from '../../../shared/mel/config';
import { frameCentreSample } from '../../../shared/mel/frames';
import { hzToMelSlaney, melToHzSlaney } from '../../../shared/mel/slaney';
import {
  bandCentresHz,
  formatHz,
  frameClock,
  frameToSeconds,
  secondsToFrame,
} from '../../../renderer/src/render/mel-axis';

interface Reference {
  nMels: number;
  fMinHz: number;
  fMaxHz: number;
  centresHz: number[];
}
const REFERENCE = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'band_centres.json'), 'utf8'),
) as Record<string, Reference>;

describe('band centre frequencies (Slaney mel)', () => {
  for (const [name, reference] of Object.entries(REFERENCE)) {
    it(`${name}: ${reference.nMels} bands ${reference.fMinHz}–${reference.fMaxHz} Hz match torchaudio`, () => {
      const centres = bandCentresHz(reference);
      expect(centres.length).toBe(reference.nMels);
      reference.centresHz.forEach((hz, band) => expect(centres[band]).toBeCloseTo(hz, 6));
    });
  }

  it('tacotron2 preset: band 0 ≈ 37.2 Hz, band 79 just under 8 kHz', () => {
    const centres = bandCentresHz(TACOTRON2_MEL);
    expect(centres[0]).toBeCloseTo(37.239, 3);
    expect(centres[79]!).toBeLessThan(8000);
    expect(centres[79]!).toBeGreaterThan(7500);
  });

  it('mel ↔ Hz round-trips on both sides of the 1 kHz break', () => {
    for (const hz of [0, 440, 999, 1000, 1001, 4000, 8000])
      expect(melToHzSlaney(hzToMelSlaney(hz))).toBeCloseTo(hz, 9);
    expect(hzToMelSlaney(1000)).toBeCloseTo(15, 12);
  });

  it('fails clearly when a wrong scale would be used: HTK mel of 1 kHz is ≈ 1000, Slaney is 15', () => {
    expect(hzToMelSlaney(1000)).not.toBeCloseTo(1000, 0);
  });
});

describe('frame clock', () => {
  it('center padding: frame t is centred on sample hop·t', () => {
    const clock = frameClock(TACOTRON2_MEL);
    expect(frameToSeconds(clock, 100 + 0.5)).toBeCloseTo((100 * 256) / 22050, 12);
    expect(secondsToFrame(clock, frameToSeconds(clock, 42.25))).toBeCloseTo(42.25, 9);
  });

  it('hifigan padding: frames sit half a hop later', () => {
    const clock = frameClock(HIFIGAN_MEL);
    expect(frameToSeconds(clock, 0.5)).toBeCloseTo(128 / 22050, 12);
  });

  it('the centre of every frame is frameCentreSample, also for hifigan with odd nFft − hop', () => {
    const configs = [
      TACOTRON2_MEL,
      HIFIGAN_MEL,
      { ...HIFIGAN_MEL, hopLength: 255 },
      { ...TACOTRON2_MEL, winLength: 801 },
    ];
    for (const config of configs) {
      const clock = frameClock(config);
      for (const t of [0, 7, 300])
        expect(frameToSeconds(clock, t + 0.5)).toBeCloseTo(frameCentreSample(config, t) / 22050, 12);
    }
    expect(frameToSeconds(frameClock({ ...HIFIGAN_MEL, hopLength: 255 }), 0.5)).toBeCloseTo(128 / 22050, 12);
  });

  it('fails clearly when frames are not centred: frame 0 of center padding starts before 0 s', () => {
    expect(frameToSeconds(frameClock(TACOTRON2_MEL), 0)).toBeLessThan(0);
  });
});

describe('formatHz', () => {
  it('prints Hz below 1 kHz and kHz above', () => {
    expect(formatHz(37.2)).toBe('37 Hz');
    expect(formatHz(1020)).toBe('1.02 kHz');
    expect(formatHz(12000)).toBe('12.0 kHz');
  });
});
