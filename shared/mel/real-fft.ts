/**
 * The STFT's transform: the DFT of `size` real samples (a power of two ≥ 2) as one complex FFT of
 * size/2 and one split pass. Samples are packed as z[m] = x[2m] + i·x[2m+1] straight into
 * bit-reversed order, an iterative radix-2 FFT done two stages per pass (a lone first stage
 * fused into the loading) (twiddles precomputed with Math.cos / Math.sin, no
 * recurrence) gives Z, and the split recovers X[k] = E[k] + e^(−2πik/size)·O[k] for k = 0…size/2,
 * where E = (Z[k] + conj Z[h−k]) / 2 and O = (Z[k] − conj Z[h−k]) / 2i are the DFTs of the even
 * and odd samples (h = size/2, Z[h] ≡ Z[0]). Float64 throughout; no allocation per call.
 */

export class RealFftPlan {
  /** size / 2 + 1 one-sided bins. */
  readonly nBins: number;
  private readonly half: number;
  /** Position of z[m] in bit-reversed order. */
  private readonly reversed: Int32Array;
  /** e^(−2πij/half) for j < half/2: the complex FFT's twiddles. */
  private readonly twiddleRe: Float64Array;
  private readonly twiddleIm: Float64Array;
  /** e^(−2πik/size) for k ≤ half: the split pass's. */
  private readonly splitRe: Float64Array;
  private readonly splitIm: Float64Array;
  private readonly zRe: Float64Array;
  private readonly zIm: Float64Array;
  /** log2(size/2) is odd: one radix-2 stage, fused into loading, before the paired ones. */
  private readonly oddStages: boolean;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
      throw new RangeError(`real FFT size must be a power of two ≥ 2, got ${size}`);
    }
    const half = size / 2;
    this.half = half;
    this.nBins = half + 1;
    this.reversed = bitReversal(half);
    this.oddStages = Math.log2(half) % 2 === 1;
    this.twiddleRe = new Float64Array(Math.max(1, half / 2));
    this.twiddleIm = new Float64Array(Math.max(1, half / 2));
    for (let j = 0; j < half / 2; j++) {
      this.twiddleRe[j] = Math.cos((2 * Math.PI * j) / half);
      this.twiddleIm[j] = -Math.sin((2 * Math.PI * j) / half);
    }
    this.splitRe = new Float64Array(half + 1);
    this.splitIm = new Float64Array(half + 1);
    for (let k = 0; k <= half; k++) {
      this.splitRe[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitIm[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    // One buffer, the halves 64 bytes off a 4 KiB multiple apart: zRe[i] and zIm[i] at addresses
    // 4096·k bytes apart make the CPU's store-to-load check see false conflicts (4K aliasing).
    const z = new Float64Array(2 * half + 8);
    this.zRe = z.subarray(0, half);
    this.zIm = z.subarray(half + 8, 2 * half + 8);
  }

  /**
   * X = DFT(input) for bins 0…nBins − 1 (default all size/2 + 1): `re[k]`, `im[k]`. `input` has
   * `size` samples and is not changed. Asking for fewer bins skips the split for the rest.
   */
  forward(input: Float64Array, re: Float64Array, im: Float64Array, nBins = this.nBins): void {
    const { half, reversed, zRe, zIm } = this;
    if (this.oddStages) {
      // Load fused with the first radix-2 stage: z[m] and z[m + half/2] land side by side.
      const quarter = half / 2;
      for (let m = 0; m < quarter; m++) {
        const at = reversed[m]!;
        const ar = input[2 * m]!;
        const ai = input[2 * m + 1]!;
        const br = input[2 * (m + quarter)]!;
        const bi = input[2 * (m + quarter) + 1]!;
        zRe[at] = ar + br;
        zIm[at] = ai + bi;
        zRe[at + 1] = ar - br;
        zIm[at + 1] = ai - bi;
      }
    } else {
      for (let m = 0; m < half; m++) {
        const at = reversed[m]!;
        zRe[at] = input[2 * m]!;
        zIm[at] = input[2 * m + 1]!;
      }
    }
    this.transformLoaded(re, im, nBins);
  }

  /**
   * The same for input[n] = samples[start + n] · window[n] (n < size), without an intermediate
   * array: the windowing is done while packing.
   */
  forwardWindowed(
    samples: Float32Array,
    start: number,
    window: Float64Array,
    re: Float64Array,
    im: Float64Array,
    nBins = this.nBins,
  ): void {
    const { half, reversed, zRe, zIm } = this;
    if (this.oddStages) {
      const quarter = half / 2;
      for (let m = 0, n = start, o = start + half; m < quarter; m++, n += 2, o += 2) {
        const at = reversed[m]!;
        const ar = samples[n]! * window[2 * m]!;
        const ai = samples[n + 1]! * window[2 * m + 1]!;
        const br = samples[o]! * window[half + 2 * m]!;
        const bi = samples[o + 1]! * window[half + 2 * m + 1]!;
        zRe[at] = ar + br;
        zIm[at] = ai + bi;
        zRe[at + 1] = ar - br;
        zIm[at + 1] = ai - bi;
      }
    } else {
      for (let m = 0, n = start; m < half; m++, n += 2) {
        const at = reversed[m]!;
        zRe[at] = samples[n]! * window[2 * m]!;
        zIm[at] = samples[n + 1]! * window[2 * m + 1]!;
      }
    }
    this.transformLoaded(re, im, nBins);
  }

  /** The complex FFT of the loaded z, then the split into bins 0…nBins − 1. */
  private transformLoaded(re: Float64Array, im: Float64Array, nBins: number): void {
    this.transformPacked();
    const { half, zRe, zIm, splitRe, splitIm } = this;
    // k = 0 and k = half: Z[half] ≡ Z[0], so E = Re Z[0] and O = Im Z[0].
    re[0] = zRe[0]! + zIm[0]!;
    im[0] = 0;
    const end = Math.min(nBins, half);
    for (let k = 1; k < end; k++) {
      const b = half - k;
      const evenRe = 0.5 * (zRe[k]! + zRe[b]!);
      const evenIm = 0.5 * (zIm[k]! - zIm[b]!);
      const oddRe = 0.5 * (zIm[k]! + zIm[b]!);
      const oddIm = -0.5 * (zRe[k]! - zRe[b]!);
      const wRe = splitRe[k]!;
      const wIm = splitIm[k]!;
      re[k] = evenRe + wRe * oddRe - wIm * oddIm;
      im[k] = evenIm + wRe * oddIm + wIm * oddRe;
    }
    if (nBins > half) {
      re[half] = zRe[0]! - zIm[0]!;
      im[half] = 0;
    }
  }

  /** The size/2-point complex FFT of z (loaded in bit-reversed order), in place. */
  private transformPacked(): void {
    const { half, zRe, zIm, twiddleRe, twiddleIm } = this;
    // With an odd number of radix-2 stages, the first (span 2, twiddle 1) was done while loading.
    let span = this.oddStages ? 2 : 1;
    // Two radix-2 stages at a time (spans 2·span and 4·span): one pass over memory instead of two.
    for (; span < half; span *= 4) {
      const quarter = span; // distance between the four points of a group
      const block = 4 * span;
      const step = half / block;
      for (let j = 0; j < quarter; j++) {
        // w1 = e^(−2πij/block), w2 = w1² = e^(−2πij/(block/2)).
        const w1r = twiddleRe[j * step]!;
        const w1i = twiddleIm[j * step]!;
        const w2r = twiddleRe[2 * j * step]!;
        const w2i = twiddleIm[2 * j * step]!;
        for (let i0 = j; i0 < half; i0 += block) {
          const i1 = i0 + quarter;
          const i2 = i1 + quarter;
          const i3 = i2 + quarter;
          // First stage (span 2·quarter): (i0, i1) and (i2, i3), twiddle w2.
          const x1r = zRe[i1]!;
          const x1i = zIm[i1]!;
          const t1r = w2r * x1r - w2i * x1i;
          const t1i = w2r * x1i + w2i * x1r;
          const x3r = zRe[i3]!;
          const x3i = zIm[i3]!;
          const t3r = w2r * x3r - w2i * x3i;
          const t3i = w2r * x3i + w2i * x3r;
          const x0r = zRe[i0]!;
          const x0i = zIm[i0]!;
          const x2r = zRe[i2]!;
          const x2i = zIm[i2]!;
          const ar = x0r + t1r;
          const ai = x0i + t1i;
          const br = x0r - t1r;
          const bi = x0i - t1i;
          const cr = x2r + t3r;
          const ci = x2i + t3i;
          const dr = x2r - t3r;
          const di = x2i - t3i;
          // Second stage (span 4·quarter): (i0, i2) with w1, (i1, i3) with w1·(−i).
          const ur = w1r * cr - w1i * ci;
          const ui = w1r * ci + w1i * cr;
          const vr = w1r * di + w1i * dr;
          const vi = w1i * di - w1r * dr;
          zRe[i0] = ar + ur;
          zIm[i0] = ai + ui;
          zRe[i2] = ar - ur;
          zIm[i2] = ai - ui;
          zRe[i1] = br + vr;
          zIm[i1] = bi + vi;
          zRe[i3] = br - vr;
          zIm[i3] = bi - vi;
        }
      }
    }
  }
}

/** reversed[m] = m with its log2(n) bits in reverse order. */
function bitReversal(n: number): Int32Array {
  const out = new Int32Array(n);
  const bits = Math.log2(n);
  for (let m = 0; m < n; m++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((m >> b) & 1) << (bits - 1 - b);
    out[m] = r;
  }
  return out;
}
