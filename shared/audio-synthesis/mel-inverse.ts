/**
 * From a natural-log mel back to linear STFT magnitudes: mel = exp(logMel), then a non-negative
 * magnitude s per frame with W·s ≈ mel, W the config's Slaney filterbank `[nMels, nBins]`.
 *
 * - `nnls` (default): multiplicative updates for the generalised KL divergence D(mel ‖ W·s)
 *   (Lee & Seung 2001): s ← s ⊙ Wᵀ(mel ⊘ W·s) ⊘ Wᵀ1, from the clamped pseudo-inverse. Every
 *   iterate stays ≥ 0 and the divergence weighs each band by its level, so quiet bands fit as well
 *   as loud ones (the quality measure is in the log domain). Measured against the clamped
 *   pseudo-inverse and a Euclidean projected gradient in docs/griffin-lim.md.
 * - `pinv`: max(0, W⁺·mel) with W⁺ = Wᵀ(W·Wᵀ)⁻¹, what torchaudio users do with torch.linalg.pinv.
 * Bins no band covers (above fMax, the DC bin at fMin 0) get magnitude 0 either way.
 */
import { ShapeMismatchError } from '../errors';
import { throwIfCancelled, type CancelSignal } from '../cancel';
import type { MelConfig } from '../mel/config';
import { melFilterbank, type MelFilterbank } from '../mel/filterbank';

export type MelInversion = 'nnls' | 'pinv';

export interface MelInverseOptions {
  method?: MelInversion;
  /** Multiplicative updates per frame for `nnls` (default 50: the round-trip error stops improving by 25). */
  nnlsIterations?: number;
  signal?: CancelSignal;
  /** Called with 0…1 as frames are done. */
  onProgress?: (fraction: number) => void;
}

export const DEFAULT_NNLS_ITERATIONS = 50;
const FRAMES_PER_CHUNK = 256;

/**
 * The pseudo-inverse W⁺ = Wᵀ(W·Wᵀ)⁻¹ `[nBins, nMels]` row-major, in float64. W·Wᵀ (`[nMels, nMels]`,
 * banded) is inverted by Cholesky with a diagonal of 1e-12 × its mean added, so an empty band
 * (a zero row) maps to zeros instead of failing; for a filterbank of full row rank (every preset)
 * that changes nothing measurable (numpy's pinv agrees to 1e-9, test/shared/audio-synthesis).
 */
export function filterbankPseudoInverse(bank: MelFilterbank): Float64Array {
  const { nMels, nBins, weights } = bank;
  const gram = new Float64Array(nMels * nMels);
  for (let a = 0; a < nMels; a++) {
    for (let b = a; b < nMels; b++) {
      let sum = 0;
      for (let k = 0; k < nBins; k++) sum += weights[a * nBins + k]! * weights[b * nBins + k]!;
      gram[a * nMels + b] = sum;
      gram[b * nMels + a] = sum;
    }
  }
  let trace = 0;
  for (let a = 0; a < nMels; a++) trace += gram[a * nMels + a]!;
  const ridge = (1e-12 * trace) / nMels || 1e-300;
  for (let a = 0; a < nMels; a++) gram[a * nMels + a] = gram[a * nMels + a]! + ridge;
  const inverse = invertSymmetricPositive(gram, nMels);
  const pinv = new Float64Array(nBins * nMels);
  for (let k = 0; k < nBins; k++) {
    for (let b = 0; b < nMels; b++) {
      let sum = 0;
      for (let a = 0; a < nMels; a++) sum += weights[a * nBins + k]! * inverse[a * nMels + b]!;
      pinv[k * nMels + b] = sum;
    }
  }
  return pinv;
}

/** The inverse of a symmetric positive-definite `[n, n]` matrix by Cholesky (A = L·Lᵀ). */
function invertSymmetricPositive(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = i === j ? Math.sqrt(Math.max(sum, 1e-300)) : sum / l[j * n + j]!;
    }
  }
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    column.fill(0);
    column[c] = 1;
    for (let i = 0; i < n; i++) {
      let sum = column[i]!;
      for (let k = 0; k < i; k++) sum -= l[i * n + k]! * column[k]!;
      column[i] = sum / l[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = column[i]!;
      for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * column[k]!;
      column[i] = sum / l[i * n + i]!;
    }
    for (let r = 0; r < n; r++) inverse[r * n + c] = column[r]!;
  }
  return inverse;
}

/**
 * Linear magnitudes `[nFrames, nBins]` (frame-major, as the Griffin-Lim loop reads them, float32)
 * of a natural-log mel `[nMels, nFrames]` made with `config`.
 */
export function melToMagnitude(
  logMel: Float32Array,
  nFrames: number,
  config: Pick<MelConfig, 'sampleRateHz' | 'nFft' | 'nMels' | 'fMinHz' | 'fMaxHz'>,
  options: MelInverseOptions = {},
): Float32Array {
  const bank = melFilterbank(config);
  const { nMels, nBins } = bank;
  if (logMel.length !== nMels * nFrames) {
    throw new ShapeMismatchError(
      `mel inversion: the mel holds ${logMel.length} values, expected nMels ${nMels} × nFrames ${nFrames}`,
    );
  }
  const solver = new FrameSolver(
    bank,
    options.method ?? 'nnls',
    options.nnlsIterations ?? DEFAULT_NNLS_ITERATIONS,
  );
  const out = new Float32Array(nFrames * nBins);
  const mel = new Float64Array(nMels);
  for (let start = 0; start < nFrames; start += FRAMES_PER_CHUNK) {
    throwIfCancelled(options.signal, 'the mel inversion');
    const end = Math.min(nFrames, start + FRAMES_PER_CHUNK);
    for (let t = start; t < end; t++) {
      for (let m = 0; m < nMels; m++) mel[m] = Math.exp(logMel[m * nFrames + t]!);
      solver.solve(mel, out.subarray(t * nBins, (t + 1) * nBins));
    }
    options.onProgress?.(end / nFrames);
  }
  return out;
}

/** One frame's solve, with the tables and buffers it reuses. */
class FrameSolver {
  private readonly pinv: Float64Array;
  /** Wᵀ1: each bin's total filter weight (0 for bins no band covers). */
  private readonly columnSums: Float64Array;
  private readonly s: Float64Array;
  private readonly ratio: Float64Array;
  private readonly update: Float64Array;

  constructor(
    private readonly bank: MelFilterbank,
    private readonly method: MelInversion,
    private readonly iterations: number,
  ) {
    if (!Number.isInteger(iterations) || iterations < 0) {
      throw new RangeError(`mel inversion: nnlsIterations must be an integer ≥ 0, got ${iterations}`);
    }
    this.pinv = filterbankPseudoInverse(bank);
    this.columnSums = new Float64Array(bank.nBins);
    for (let m = 0; m < bank.nMels; m++) {
      for (let k = bank.firstBin[m]!; k < bank.endBin[m]!; k++) {
        this.columnSums[k] = this.columnSums[k]! + bank.weights[m * bank.nBins + k]!;
      }
    }
    this.s = new Float64Array(bank.nBins);
    this.ratio = new Float64Array(bank.nMels);
    this.update = new Float64Array(bank.nBins);
  }

  solve(mel: Float64Array, out: Float32Array): void {
    const { nMels, nBins } = this.bank;
    const { s, pinv, columnSums } = this;
    let peak = 0;
    for (let m = 0; m < nMels; m++) peak = Math.max(peak, mel[m]!);
    // The clamped pseudo-inverse; for nnls a tiny positive start on covered bins, since a
    // multiplicative update never moves a zero.
    const start = this.method === 'nnls' ? 1e-8 * peak : 0;
    for (let k = 0; k < nBins; k++) {
      let sum = 0;
      for (let m = 0; m < nMels; m++) sum += pinv[k * nMels + m]! * mel[m]!;
      s[k] = columnSums[k]! > 0 ? Math.max(sum, start) : 0;
    }
    if (this.method === 'nnls') this.multiplicativeUpdates(mel);
    for (let k = 0; k < nBins; k++) out[k] = s[k]!;
  }

  /** s ← s ⊙ Wᵀ(mel ⊘ W·s) ⊘ Wᵀ1, `iterations` times, over the bands' non-zero bins only. */
  private multiplicativeUpdates(mel: Float64Array): void {
    const { nMels, nBins, weights, firstBin, endBin } = this.bank;
    const { s, ratio, update, columnSums } = this;
    for (let it = 0; it < this.iterations; it++) {
      for (let m = 0; m < nMels; m++) {
        let sum = 0;
        for (let k = firstBin[m]!; k < endBin[m]!; k++) sum += weights[m * nBins + k]! * s[k]!;
        ratio[m] = sum > 0 ? mel[m]! / sum : 0;
      }
      update.fill(0);
      for (let m = 0; m < nMels; m++) {
        const r = ratio[m]!;
        for (let k = firstBin[m]!; k < endBin[m]!; k++) update[k] = update[k]! + weights[m * nBins + k]! * r;
      }
      for (let k = 0; k < nBins; k++) if (columnSums[k]! > 0) s[k] = (s[k]! * update[k]!) / columnSums[k]!;
    }
  }
}
