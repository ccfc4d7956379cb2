// AssemblyScript (compiled by wasm/build.mjs, not by tsc).
// a·b + c on four f32 lanes: one fused multiply-add in the relaxed-SIMD build (asc --enable
// relaxed-simd; whether it rounds once or twice is the runtime's choice), a multiply then an add
// in the plain-SIMD build.
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
