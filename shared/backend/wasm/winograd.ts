/**
 * Minimal-filtering (Winograd / Toom-Cook) 1-D correlation F(m, r): m outputs of an r-tap filter
 * from α = m + r − 1 inputs with α multiplications instead of m·r,
 *   y = Aᵀ [(G g) ⊙ (Bᵀ d)],   y[i] = Σ_k g[k] · d[i + k],  i < m,
 * the transpose of the Toom-Cook linear convolution of an m- and an r-term polynomial evaluated at
 * α − 1 finite points a_j and at ∞ (the leading coefficient):
 *   Aᵀ[i][j] = a_j^i                 (column α − 1: 1 in the last row),
 *   G[j][k]  = a_j^k / Π_{l≠j}(a_j − a_l)  (row α − 1: 1 at k = r − 1),
 *   Bᵀ[j][·] = coefficients of Π_{l≠j}(x − a_l)  (row α − 1: of Π_l (x − a_l)).
 * The denominators sit in G, which is applied to the weights once, in float64; the data
 * transforms Bᵀ and Aᵀ then have small integer-ish entries. Built in float64 and rounded once.
 */

/** Finite interpolation points in the order they are used: small magnitudes first (accuracy). */
export const DEFAULT_POINTS: readonly number[] = [0, 1, -1, 0.5, -0.5, 2, -2, 0.25, -0.25, 4, -4];

export interface WinogradMatrices {
  /** Outputs per tile. */
  m: number;
  /** Filter taps. */
  r: number;
  /** Inputs per tile, m + r − 1: the multiplications per tile and channel pair. */
  alpha: number;
  points: readonly number[];
  /** `[m][alpha]` */
  at: Float64Array;
  /** `[alpha][r]` */
  g: Float64Array;
  /** `[alpha][alpha]` */
  bt: Float64Array;
}

/** Coefficients (lowest power first) of Π (x − roots[i]). */
function polynomialFromRoots(roots: readonly number[]): Float64Array {
  let coefficients = new Float64Array([1]);
  for (const root of roots) {
    const next = new Float64Array(coefficients.length + 1);
    for (let i = 0; i < coefficients.length; i++) {
      next[i + 1]! += coefficients[i]!;
      next[i]! -= root * coefficients[i]!;
    }
    coefficients = next;
  }
  return coefficients;
}

export function winogradMatrices(
  m: number,
  r: number,
  points: readonly number[] = DEFAULT_POINTS,
): WinogradMatrices {
  if (!Number.isInteger(m) || m < 1 || !Number.isInteger(r) || r < 1) {
    throw new RangeError(`F(m, r) needs positive integers, got F(${m}, ${r})`);
  }
  const alpha = m + r - 1;
  const finite = points.slice(0, alpha - 1);
  if (finite.length < alpha - 1 || new Set(finite).size !== finite.length) {
    throw new RangeError(`F(${m}, ${r}) needs ${alpha - 1} distinct points, got ${finite.join(', ')}`);
  }
  const at = new Float64Array(m * alpha);
  const g = new Float64Array(alpha * r);
  const bt = new Float64Array(alpha * alpha);
  finite.forEach((a, j) => {
    const others = finite.filter((_, l) => l !== j);
    const denominator = others.reduce((product, b) => product * (a - b), 1);
    for (let i = 0; i < m; i++) at[i * alpha + j] = a ** i;
    for (let k = 0; k < r; k++) g[j * r + k] = a ** k / denominator;
    polynomialFromRoots(others).forEach((c, i) => (bt[j * alpha + i] = c));
  });
  at[(m - 1) * alpha + alpha - 1] = 1;
  g[(alpha - 1) * r + r - 1] = 1;
  polynomialFromRoots(finite).forEach((c, i) => (bt[(alpha - 1) * alpha + i] = c));
  return { m, r, alpha, points: finite, at, g, bt };
}

/** G g for one filter `g` `[r]` (float64): the filter in the transformed domain, `[alpha]`. */
export function transformFilter(
  w: WinogradMatrices,
  filter: ArrayLike<number>,
  out = new Float64Array(w.alpha),
): Float64Array {
  for (let j = 0; j < w.alpha; j++) {
    let sum = 0;
    for (let k = 0; k < w.r; k++) sum += w.g[j * w.r + k]! * filter[k]!;
    out[j] = sum;
  }
  return out;
}
