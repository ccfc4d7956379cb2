/**
 * A strided view of a raw storage → a C-order tensor: what `torch.Tensor.set_(storage, offset,
 * size, stride)` followed by `.contiguous()` gives. Used for torch.save storages (any strides,
 * offsets, shared storages, stride-0 expansions) and, with C strides, for safetensors. Every index
 * the view can reach is checked against the storage before anything is allocated.
 */
import { WeightsFormatError, formatShape } from '../errors';
import { makeTensor, numel, storesFloat64, type DType, type Tensor } from '../tensor';
import { viewOf } from './bytes';
import { float16ToNumber } from './float16';

const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Bytes per element of `dtype` as PyTorch and safetensors store it. */
export function storageItemSize(dtype: DType): number {
  switch (dtype) {
    case 'float64':
    case 'int64':
    case 'uint64':
      return 8;
    case 'float32':
    case 'int32':
    case 'uint32':
      return 4;
    case 'float16':
    case 'bfloat16':
    case 'int16':
    case 'uint16':
      return 2;
    case 'int8':
    case 'uint8':
    case 'bool':
      return 1;
  }
}

/** A view of a storage: element offset, sizes and strides in elements, as `_rebuild_tensor_v2` gives them. */
export interface StridedView {
  dtype: DType;
  storageOffset: number;
  shape: readonly number[];
  stride: readonly number[];
}

/** Row-major strides of `shape`: [3, 4] → [4, 1]. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  for (let axis = shape.length - 1, s = 1; axis >= 0; axis--) {
    strides[axis] = s;
    s *= shape[axis]!;
  }
  return strides;
}

/**
 * One past the largest element index the view reaches (0 for an empty view): the storage must
 * hold at least this many elements.
 */
export function elementsReached(view: StridedView): number {
  if (view.shape.some((size) => size === 0)) return 0;
  let last = view.storageOffset;
  view.shape.forEach((size, axis) => (last += (size - 1) * view.stride[axis]!));
  return last + 1;
}

/**
 * The view's values in C order. `storage` holds `storageElements` elements of `view.dtype` in the
 * given byte order; `where` names the tensor in messages. Throws WeightsFormatError when the view
 * reaches past the storage.
 */
export function gatherStrided(
  storage: Uint8Array,
  storageElements: number,
  view: StridedView,
  littleEndian: boolean,
  where: string,
): Tensor {
  const itemSize = storageItemSize(view.dtype);
  if (storage.length < storageElements * itemSize) {
    throw new WeightsFormatError(
      `${where}: its storage should hold ${storageElements} ${view.dtype} values (${storageElements * itemSize} bytes), the file has ${storage.length} bytes`,
    );
  }
  const reached = elementsReached(view);
  if (reached > storageElements) {
    throw new WeightsFormatError(
      `${where}: size ${formatShape(view.shape)}, stride ${formatShape(view.stride)} from storage offset ` +
        `${view.storageOffset} reaches element ${reached - 1}, but its storage holds ${storageElements} elements`,
    );
  }
  const count = numel(view.shape);
  const cStrides = contiguousStrides(view.shape);
  const contiguous = view.stride.every((s, axis) => s === cStrides[axis] || view.shape[axis] === 1);
  if (contiguous && count > 0 && view.dtype === 'float32' && littleEndian === HOST_LITTLE_ENDIAN) {
    const start = storage.byteOffset + view.storageOffset * 4;
    return makeTensor(
      'float32',
      view.shape,
      new Float32Array(storage.buffer.slice(start, start + count * 4)),
    );
  }
  const out = storesFloat64(view.dtype) ? new Float64Array(count) : new Float32Array(count);
  if (count === 0) return makeTensor(view.dtype, view.shape, out);
  const read = elementReader(view.dtype, viewOf(storage), littleEndian);
  const rank = view.shape.length;
  if (rank === 0) {
    out[0] = read(view.storageOffset);
    return makeTensor(view.dtype, view.shape, out);
  }
  // Odometer over all axes but the last; the last axis is the inner loop.
  const inner = view.shape[rank - 1]!;
  const innerStride = view.stride[rank - 1]!;
  const index = new Array<number>(rank - 1).fill(0);
  let base = view.storageOffset;
  for (let o = 0; o < count; o += inner) {
    for (let j = 0, at = base; j < inner; j++, at += innerStride) out[o + j] = read(at);
    for (let axis = rank - 2; axis >= 0; axis--) {
      index[axis]!++;
      base += view.stride[axis]!;
      if (index[axis]! < view.shape[axis]!) break;
      base -= index[axis]! * view.stride[axis]!;
      index[axis] = 0;
    }
  }
  return makeTensor(view.dtype, view.shape, out);
}

const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);

/** The value of element `i` (an element index, not a byte offset). */
function elementReader(dtype: DType, view: DataView, le: boolean): (i: number) => number {
  switch (dtype) {
    case 'float16':
      return (i) => float16ToNumber(view.getUint16(i * 2, le));
    case 'bfloat16':
      return (i) => {
        bits[0] = view.getUint16(i * 2, le) << 16;
        return asFloat[0]!;
      };
    case 'float32':
      return (i) => view.getFloat32(i * 4, le);
    case 'float64':
      return (i) => view.getFloat64(i * 8, le);
    case 'int8':
      return (i) => view.getInt8(i);
    case 'uint8':
      return (i) => view.getUint8(i);
    case 'bool':
      return (i) => (view.getUint8(i) === 0 ? 0 : 1);
    case 'int16':
      return (i) => view.getInt16(i * 2, le);
    case 'uint16':
      return (i) => view.getUint16(i * 2, le);
    case 'int32':
      return (i) => view.getInt32(i * 4, le);
    case 'uint32':
      return (i) => view.getUint32(i * 4, le);
    case 'int64':
      return (i) => Number(view.getBigInt64(i * 8, le));
    case 'uint64':
      return (i) => Number(view.getBigUint64(i * 8, le));
  }
}
