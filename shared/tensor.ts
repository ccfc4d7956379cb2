/**
 * Tensors as they come out of weight files: a dtype as NumPy names it, a shape, and the values.
 * Values are held as float32 or float64 views; the dtype records what the file said so it can be
 * reported and written back.
 */

export type DType =
  | 'float16'
  /** PyTorch's bfloat16 (safetensors `BF16`): float32's top 16 bits, so float32 holds it exactly. */
  | 'bfloat16'
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool';

export interface Tensor {
  dtype: DType;
  /** Row-major (C order) dimensions; `[]` for a 0-d scalar. */
  shape: readonly number[];
  /**
   * Values in C order, `product(shape)` long. Dtypes whose values a float32 cannot hold exactly
   * (float64, int32, uint32, int64, uint64) are float64; everything else is float32.
   * int64/uint64 beyond ±2^53 lose their low bits.
   */
  data: Float32Array | Float64Array;
}

/** Ordered key → tensor, keys exactly as in a PyTorch state_dict. */
export type TensorMap = Map<string, Tensor>;

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Whether a dtype's values are stored as float64 (see `Tensor.data`). */
export function storesFloat64(dtype: DType): boolean {
  return (
    dtype === 'float64' || dtype === 'int32' || dtype === 'uint32' || dtype === 'int64' || dtype === 'uint64'
  );
}

/** A tensor whose data array has the length its shape says (throws RangeError otherwise). */
export function makeTensor(
  dtype: DType,
  shape: readonly number[],
  data: Float32Array | Float64Array,
): Tensor {
  const count = numel(shape);
  if (data.length !== count) {
    throw new RangeError(
      `tensor of shape [${shape.join(', ')}] holds ${count} values, data has ${data.length}`,
    );
  }
  return { dtype, shape: [...shape], data };
}

/** The values as float32 (the array itself when it already is one; a rounded copy otherwise). */
export function toFloat32(tensor: Tensor): Float32Array {
  return tensor.data instanceof Float32Array ? tensor.data : Float32Array.from(tensor.data);
}

/** A shape as the inspect listing writes it: `512x80x5`, `512`, or `scalar` for 0-d. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('x');
}

/** Row-major multi-index of flat position `flat` in `shape`, e.g. 7 in [2, 5] → [1, 2]. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis]!;
    index[axis] = rest % size;
    rest = Math.floor(rest / size);
  }
  return index;
}

/** Flat position of the first NaN or ±Infinity in `data`, or -1 when all values are finite. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    // value - value is NaN for NaN and ±Infinity, 0 otherwise: one comparison per value.
    if (value - value !== 0) return i;
  }
  return -1;
}
