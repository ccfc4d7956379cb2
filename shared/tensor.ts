/**
 * Tensors as they come out of weight files: a dtype as NumPy names it, a shape, and the values.
 * Floating-point and small integer dtypes are held as float64/float32 views of the values;
 * the dtype records what the file said so it can be reported and written back.
 */

export type DType =
  | 'float16'
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
  /** Values in C order, `product(shape)` long. float64 files keep float64; everything else is float32. */
  data: Float32Array | Float64Array;
}

/** Ordered key → tensor, keys exactly as in a PyTorch state_dict. */
export type TensorMap = Map<string, Tensor>;

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
