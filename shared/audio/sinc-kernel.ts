/**
 * Windowed-sinc interpolation kernels, the same family and formula as torchaudio's
 * `functional.resample` (0.13: `_get_sinc_resample_kernel`): a low-pass sinc at
 * `rolloff · min(fromHz, toHz) / 2`, cut after `lowpassFilterWidth` zero crossings on each side and
 * tapered by a Hann or Kaiser window.
 */

export type SincWindow = { kind: 'hann' } | { kind: 'kaiser'; beta: number };

export interface SincFilter {
  /** Zero crossings of the sinc kept on each side of the centre. */
  lowpassFilterWidth: number;
  /** Cut-off as a fraction of the lower rate's Nyquist frequency. */
  rolloff: number;
  window: SincWindow;
}

/**
 * The default: a Kaiser window with β = 14.769656, 64 zero crossings, roll-off 0.9475937, as
 * torchaudio's `resampling_method="kaiser_window"` configuration called "kaiser_best" (from resampy).
 */
export const KAISER_BEST: Readonly<SincFilter> = Object.freeze({
  lowpassFilterWidth: 64,
  rolloff: 0.9475937167399596,
  window: Object.freeze({ kind: 'kaiser', beta: 14.769656459379492 }),
});

/** torchaudio.functional.resample's defaults: Hann window, 6 zero crossings, roll-off 0.99. */
export const TORCHAUDIO_DEFAULT: Readonly<SincFilter> = Object.freeze({
  lowpassFilterWidth: 6,
  rolloff: 0.99,
  window: Object.freeze({ kind: 'hann' }),
});

/** Modified Bessel function of the first kind, order 0, by its power series (x ≤ ~50). */
export function besselI0(x: number): number {
  const quarterX2 = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500 && term > sum * 1e-17; k++) {
    term *= quarterX2 / (k * k);
    sum += term;
  }
  return sum;
}

/**
 * One resampling geometry: rates reduced by their gcd (`orig` input samples ↔ `next` output
 * samples per block), the cut-off `baseFreq` in those units, and the kernel's half-width in input
 * samples.
 */
export interface SincGeometry {
  orig: number;
  next: number;
  baseFreq: number;
  width: number;
  filter: SincFilter;
  /** Kaiser normaliser 1 / I0(β), or 0 for Hann. */
  windowNorm: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function sincGeometry(fromHz: number, toHz: number, filter: SincFilter): SincGeometry {
  const divisor = gcd(fromHz, toHz);
  const orig = fromHz / divisor;
  const next = toHz / divisor;
  const baseFreq = Math.min(orig, next) * filter.rolloff;
  const width = Math.ceil((filter.lowpassFilterWidth * orig) / baseFreq);
  const windowNorm = filter.window.kind === 'kaiser' ? 1 / besselI0(filter.window.beta) : 0;
  return { orig, next, baseFreq, width, filter, windowNorm };
}

/**
 * The weight of input sample `j` for output sample `n` (both counted from 0 in their own rates):
 * `t = (j / orig − n / next) · baseFreq` clamped to ±width zero crossings, then
 * `sinc(πt) · window(t) · baseFreq / orig`.
 */
export function sincWeight(g: SincGeometry, t: number): number {
  const lpw = g.filter.lowpassFilterWidth;
  if (t <= -lpw || t >= lpw) return 0;
  let window: number;
  if (g.filter.window.kind === 'hann') {
    const c = Math.cos((t * Math.PI) / lpw / 2);
    window = c * c;
  } else {
    const r = t / lpw;
    window = besselI0(g.filter.window.beta * Math.sqrt(1 - r * r)) * g.windowNorm;
  }
  const x = t * Math.PI;
  const sinc = x === 0 ? 1 : Math.sin(x) / x;
  return sinc * window * (g.baseFreq / g.orig);
}

/**
 * Kernels for every output phase, precomputed: phase p (output n ≡ p mod next) reads input samples
 * from `b·orig + first[p]` for `count[p]` samples, b = floor(n / next); weights at `offset[p]`.
 */
export interface PhaseKernels {
  first: Int32Array;
  count: Int32Array;
  offset: Int32Array;
  weights: Float64Array;
}

/** Taps of phase p: inputs j (relative to b·orig) with |t| < lowpassFilterWidth. */
export function phaseRange(g: SincGeometry, p: number): { first: number; count: number } {
  const centre = (p * g.orig) / g.next;
  const reach = (g.filter.lowpassFilterWidth * g.orig) / g.baseFreq;
  const first = Math.max(-g.width, Math.floor(centre - reach));
  const last = Math.min(g.width + g.orig - 1, Math.ceil(centre + reach));
  return { first, count: last - first + 1 };
}

export function buildPhaseKernels(g: SincGeometry): PhaseKernels {
  const { first, count, total } = phaseLayout(g);
  const offset = new Int32Array(g.next);
  for (let p = 1; p < g.next; p++) offset[p] = offset[p - 1]! + count[p - 1]!;
  const kernels = { first, count, offset, weights: new Float64Array(total) };
  for (let p = 0; p < g.next; p++) fillPhase(g, kernels, p);
  return kernels;
}

/** Where each phase's taps start and how many there are; their total, and the most any phase has. */
export function phaseLayout(g: SincGeometry): {
  first: Int32Array;
  count: Int32Array;
  total: number;
  maxCount: number;
} {
  const first = new Int32Array(g.next);
  const count = new Int32Array(g.next);
  let total = 0;
  let maxCount = 0;
  for (let p = 0; p < g.next; p++) {
    const range = phaseRange(g, p);
    first[p] = range.first;
    count[p] = range.count;
    total += range.count;
    maxCount = Math.max(maxCount, range.count);
  }
  return { first, count, total, maxCount };
}

/** Computes phase p's weights into `kernels` (the same numbers whether done all at once or lazily). */
export function fillPhase(g: SincGeometry, kernels: PhaseKernels, p: number): void {
  const { first, count, offset, weights } = kernels;
  for (let k = 0; k < count[p]!; k++) {
    const j = first[p]! + k;
    weights[offset[p]! + k] = sincWeight(g, (j / g.orig - p / g.next) * g.baseFreq);
  }
}

/** How many weights precomputing every phase would store. */
export function phaseKernelSize(g: SincGeometry): number {
  return g.next * (2 * Math.ceil((g.filter.lowpassFilterWidth * g.orig) / g.baseFreq) + 2);
}
