// AssemblyScript (compiled by wasm/build.mjs, not by tsc).
// The layer activations on f32x4, in place: what Math.tanh per value cost the kernel (a quarter
// of a Winograd run) done four lanes at a time. tanh follows Cephes tanhf (peak relative error
// ~2e-7 over the float range): an odd polynomial below |x| = 0.625, 1 − 2 / (e^{2|x|} + 1)
// above, with e^y from Cephes expf (Cody–Waite reduction by ln 2, a degree-5 polynomial, 2^n put
// into the exponent bits); |x| ≥ 9.02 gives ±1, what float32 tanh rounds to from 9.011 on.
import { madd } from './simd';

export const ACTIVATION_IDENTITY: i32 = 0;
export const ACTIVATION_TANH: i32 = 1;
export const ACTIVATION_RELU: i32 = 2;

function expPositive(y: v128): v128 {
  // y in [1.25, 18.04]: n = round(y / ln 2) ≤ 27, no overflow.
  const n = f32x4.nearest(f32x4.mul(y, f32x4.splat(1.4426950408889634)));
  let r = madd(n, f32x4.splat(-0.693359375), y);
  r = madd(n, f32x4.splat(2.1219444e-4), r);
  let p = f32x4.splat(1.98756915e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  const r2 = f32x4.mul(r, r);
  const e = f32x4.add(madd(p, r2, r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(e, scale);
}

function tanh4(x: v128): v128 {
  const a = f32x4.abs(x);
  // Small |x|: x + x³·P(x²).
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = madd(p, z, f32x4.splat(2.06390887954e-2));
  p = madd(p, z, f32x4.splat(-5.37397155531e-2));
  p = madd(p, z, f32x4.splat(1.33314422036e-1));
  p = madd(p, z, f32x4.splat(-3.33332819422e-1));
  const small = madd(f32x4.mul(p, z), x, x);
  // Large |x|: 1 − 2 / (e^{2|x|} + 1), the sign put back.
  const one = f32x4.splat(1);
  const clamped = f32x4.min(a, f32x4.splat(9.02));
  const e = expPositive(f32x4.add(clamped, clamped));
  const below = f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(e, one)));
  const magnitude = v128.bitselect(one, below, f32x4.ge(a, f32x4.splat(9.02)));
  const signBit = v128.and(x, i32x4.splat(0x80000000));
  const large = v128.or(magnitude, signBit);
  // NaN fails both comparisons and takes the small branch, which keeps it NaN.
  return v128.bitselect(large, small, f32x4.ge(a, f32x4.splat(0.625)));
}

/** Applies the activation in place to `count4` × 4 floats at `data`. */
export function activate(data: usize, count4: i32, activation: i32): void {
  if (activation == ACTIVATION_TANH) {
    for (let i = 0; i < count4; i++) {
      const p = data + <usize>i * 16;
      v128.store(p, tanh4(v128.load(p)));
    }
  } else if (activation == ACTIVATION_RELU) {
    const zero = f32x4.splat(0);
    // pmax(x, 0) = x < 0 ? 0 : x: NaN and −0 stay as they are, as in PyTorch's relu.
    for (let i = 0; i < count4; i++) {
      const p = data + <usize>i * 16;
      v128.store(p, f32x4.pmax(v128.load(p), zero));
    }
  }
}
