// AssemblyScript (compiled by wasm/build.mjs, not by tsc).
// This runtime's 128-bit multiply-add ceiling, for the bench's "% of peak": twelve independent
// accumulators, each a·b + c per step, with nothing to load. FLOPs = iterations · 12 · 8.
import { madd } from './simd';

export function peakLoop(iterations: i32, seed: f32): f32 {
  const m = f32x4.splat(seed);
  const q = f32x4.splat(0.999);
  let a0 = m,
    a1 = m,
    a2 = m,
    a3 = m,
    a4 = m,
    a5 = m,
    a6 = m,
    a7 = m,
    a8 = m,
    a9 = m,
    a10 = m,
    a11 = m;
  for (let i = 0; i < iterations; i++) {
    a0 = madd(a0, q, m);
    a1 = madd(a1, q, m);
    a2 = madd(a2, q, m);
    a3 = madd(a3, q, m);
    a4 = madd(a4, q, m);
    a5 = madd(a5, q, m);
    a6 = madd(a6, q, m);
    a7 = madd(a7, q, m);
    a8 = madd(a8, q, m);
    a9 = madd(a9, q, m);
    a10 = madd(a10, q, m);
    a11 = madd(a11, q, m);
  }
  const s0 = f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3));
  const s1 = f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7));
  const s2 = f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11));
  return f32x4.extract_lane(f32x4.add(f32x4.add(s0, s1), s2), 0);
}
