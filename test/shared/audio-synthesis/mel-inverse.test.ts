import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../../../shared/errors';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { melFilterbank } from '../../../shared/mel/filterbank';
import { filterbankPseudoInverse, melToMagnitude } from '../../../shared/audio-synthesis/mel-inverse';
import { expectClose } from '../../helpers/close';
import { floatsOf, readNpzFixture, tensorOf } from '../backend/fixtures';

const reference = readNpzFixture('griffin-lim', 'reference.npz');
const bank = melFilterbank(TACOTRON2_MEL);
/** 16 linear mel frames `[80, 16]` and scipy.optimize.nnls's residual for each. */
const melFrames = tensorOf(reference, 'mel_frames').data;
const scipyResidual = tensorOf(reference, 'nnls_residual').data;
const nFrames = 16;

/** Natural-log mel `[80, 16]` of the fixture's frames, as float32 (what a .npy holds). */
const logMel = Float32Array.from(melFrames, (x) => Math.log(x));

/** ‖W·s − mel‖ for frame t of `[nFrames, nBins]` magnitudes, and ‖mel‖. */
function residual(magnitude: Float32Array, t: number): { error: number; norm: number } {
  let error = 0;
  let norm = 0;
  for (let m = 0; m < bank.nMels; m++) {
    let sum = 0;
    for (let k = 0; k < bank.nBins; k++)
      sum += bank.weights[m * bank.nBins + k]! * magnitude[t * bank.nBins + k]!;
    const target = Math.exp(logMel[m * nFrames + t]!);
    error += (sum - target) ** 2;
    norm += target ** 2;
  }
  return { error: Math.sqrt(error), norm: Math.sqrt(norm) };
}

describe('filterbankPseudoInverse', () => {
  it('matches numpy.linalg.pinv of the Slaney filterbank [513, 80]', () => {
    const expected = floatsOf(reference, 'pinv');
    let peak = 0;
    for (const v of expected) peak = Math.max(peak, Math.abs(v));
    expectClose(filterbankPseudoInverse(bank), expected, {
      atol: 1e-6 * peak,
      rtol: 1e-5,
      shape: [bank.nBins, bank.nMels],
      label: 'pinv',
    });
  });
});

describe('melToMagnitude', () => {
  it('nnls: non-negative magnitudes whose mel is the input, as scipy.optimize.nnls finds (residual 0)', () => {
    const magnitude = melToMagnitude(logMel, nFrames, TACOTRON2_MEL);
    expect(magnitude.length).toBe(nFrames * bank.nBins);
    expect(Math.min(...magnitude)).toBeGreaterThanOrEqual(0);
    for (let t = 0; t < nFrames; t++) {
      const { error, norm } = residual(magnitude, t);
      // scipy reaches an exact fit; 200 multiplicative updates get within 0.5 % of the mel's norm.
      expect(error, `frame ${t}`).toBeLessThan(scipyResidual[t]! + 5e-3 * norm);
    }
  });

  it('pinv: the clamped pseudo-inverse, max(0, W⁺·mel)', () => {
    const magnitude = melToMagnitude(logMel, nFrames, TACOTRON2_MEL, { method: 'pinv' });
    const pinv = floatsOf(reference, 'pinv');
    const expected = new Float32Array(nFrames * bank.nBins);
    for (let t = 0; t < nFrames; t++) {
      for (let k = 0; k < bank.nBins; k++) {
        let sum = 0;
        for (let m = 0; m < bank.nMels; m++)
          sum += pinv[k * bank.nMels + m]! * Math.exp(logMel[m * nFrames + t]!);
        expected[t * bank.nBins + k] = Math.max(0, sum);
      }
    }
    expectClose(magnitude, expected, { atol: 1e-5, rtol: 1e-4, shape: [nFrames, bank.nBins] });
  });

  it('nnls fits the mel better than the clamped pseudo-inverse', () => {
    const nnls = melToMagnitude(logMel, nFrames, TACOTRON2_MEL);
    const pinv = melToMagnitude(logMel, nFrames, TACOTRON2_MEL, { method: 'pinv' });
    let nnlsError = 0;
    let pinvError = 0;
    for (let t = 0; t < nFrames; t++) {
      nnlsError += residual(nnls, t).error;
      pinvError += residual(pinv, t).error;
    }
    expect(nnlsError).toBeLessThan(pinvError);
  });

  it('bins no band covers (DC at fMin 0, above fMax 8000 Hz) get magnitude 0', () => {
    const magnitude = melToMagnitude(logMel, nFrames, TACOTRON2_MEL);
    const firstAbove = Math.ceil((8000 * 1024) / 22050);
    for (let t = 0; t < nFrames; t++) {
      expect(magnitude[t * bank.nBins]).toBe(0);
      for (let k = firstAbove + 1; k < bank.nBins; k++) expect(magnitude[t * bank.nBins + k]).toBe(0);
    }
  });

  it('reports progress up to 1 and stops when cancelled', () => {
    const seen: number[] = [];
    melToMagnitude(logMel, nFrames, TACOTRON2_MEL, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(() => melToMagnitude(logMel, nFrames, TACOTRON2_MEL, { signal: { aborted: true } })).toThrow(
      /the mel inversion was cancelled/,
    );
  });
});

describe('melToMagnitude fails clearly', () => {
  it('when the mel does not hold nMels × nFrames values', () => {
    expect(() => melToMagnitude(new Float32Array(79 * 3), 3, TACOTRON2_MEL)).toThrow(ShapeMismatchError);
    expect(() => melToMagnitude(new Float32Array(79 * 3), 3, TACOTRON2_MEL)).toThrow(
      /the mel holds 237 values, expected nMels 80 × nFrames 3/,
    );
  });

  it('when nnlsIterations is not a non-negative integer', () => {
    expect(() => melToMagnitude(logMel, nFrames, TACOTRON2_MEL, { nnlsIterations: -1 })).toThrow(
      /nnlsIterations must be an integer ≥ 0, got -1/,
    );
  });
});
