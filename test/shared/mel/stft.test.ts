import { describe, expect, it } from 'vitest';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { padLength, reflectIndex } from '../../../shared/mel/frames';
import { StftFrames, type StftConfig } from '../../../shared/mel/stft';
import { paddedPeriodicHann } from '../../../shared/mel/window';
import { expectClose } from '../../helpers/close';

/** |DFT| of one reflect-padded, windowed frame, by the definition (O(nFft²), float64). */
function naiveMagnitude(samples: Float32Array, t: number, config: StftConfig): Float64Array {
  const { nFft, hopLength, winLength, magnitudeEpsilon } = config;
  const window = paddedPeriodicHann(winLength, nFft);
  const start = t * hopLength - padLength(config);
  const out = new Float64Array(nFft / 2 + 1);
  for (let k = 0; k < out.length; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < nFft; n++) {
      const x = samples[reflectIndex(start + n, samples.length)]! * window[n]!;
      re += x * Math.cos((2 * Math.PI * k * n) / nFft);
      im -= x * Math.sin((2 * Math.PI * k * n) / nFft);
    }
    out[k] = Math.sqrt(re * re + im * im + magnitudeEpsilon);
  }
  return out;
}

const SMALL: StftConfig = {
  nFft: 64,
  winLength: 48,
  hopLength: 16,
  padding: 'center',
  magnitudeEpsilon: 1e-9,
};
const signal = Float32Array.from(
  { length: 300 },
  (_, n) => Math.sin(0.3 * n) + 0.25 * Math.cos(1.1 * n + 0.2),
);

describe('StftFrames', () => {
  it('nFft=64 win=48 hop=16 center: every frame equals the DFT definition, edges reflected', () => {
    const stft = new StftFrames(SMALL);
    expect(stft.nBins).toBe(33);
    const out = new Float64Array(stft.nBins);
    for (const t of [0, 1, 9, 17, 18]) {
      stft.magnitude(signal, t, out);
      expectClose(out, naiveMagnitude(signal, t, SMALL), { atol: 1e-9, label: `frame ${t}` });
    }
  });

  it('hifigan padding ((nFft − hop) // 2 each side) frames equal the definition too', () => {
    const config: StftConfig = { ...SMALL, padding: 'hifigan' };
    const stft = new StftFrames(config);
    const out = new Float64Array(stft.nBins);
    for (const t of [0, 5, 16]) {
      stft.magnitude(signal, t, out);
      expectClose(out, naiveMagnitude(signal, t, config), { atol: 1e-9, label: `frame ${t}` });
    }
  });

  it('a 440 Hz sine at 22050 Hz (Tacotron 2 settings) peaks at bin round(440·1024/22050) = 20', () => {
    const sine = Float32Array.from({ length: 22050 }, (_, n) => Math.sin((2 * Math.PI * 440 * n) / 22050));
    const stft = new StftFrames(TACOTRON2_MEL);
    const out = new Float64Array(stft.nBins);
    stft.magnitude(sine, 40, out);
    expect(out.indexOf(Math.max(...out))).toBe(20);
  });

  it('silence gives sqrt(magnitudeEpsilon) in every bin', () => {
    const stft = new StftFrames(SMALL);
    const out = new Float64Array(stft.nBins);
    stft.magnitude(new Float32Array(200), 3, out);
    expectClose(out, new Float64Array(33).fill(Math.sqrt(1e-9)), { atol: 1e-15 });
  });
});
