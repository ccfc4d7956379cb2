/** IEEE 754 half precision (NumPy `float16`) to and from JavaScript numbers. */

/** The value of the half-precision bit pattern `bits` (0…0xffff), exactly. */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The nearest half-precision bit pattern to `value` (round half to even, as NumPy does). */
export function numberToFloat16(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  if (magnitude === Infinity) return sign | 0x7c00;
  // Scale so the result's last bit has weight 1, then round half to even.
  const exponent = magnitude === 0 ? -25 : binaryExponent(magnitude);
  const quantum = 2 ** Math.max(exponent - 10, -24);
  let units = magnitude / quantum;
  const floor = Math.floor(units);
  const rest = units - floor;
  units = rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  const rounded = units * quantum;
  if (rounded >= 65520) return sign | 0x7c00;
  if (rounded < 2 ** -14) return sign | Math.round(rounded / 2 ** -24); // subnormal (or zero)
  const e = binaryExponent(rounded);
  const fraction = Math.round((rounded / 2 ** e - 1) * 1024);
  return sign | ((e + 15) << 10) | fraction;
}

/** floor(log2(x)) for x > 0, exact even where Math.log2 rounds up near a power of two. */
function binaryExponent(x: number): number {
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  return e;
}
