/**
 * NumPy `.npy` files (format spec: numpy.lib.format). This module writes version 1.0 files;
 * the reader lives beside it.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * Encodes float32 values as an `.npy` v1.0 file: dtype `<f4`, C order, the given shape.
 * The header is padded with spaces so the data starts on a 64-byte boundary, as NumPy does.
 */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Uint8Array {
  let count = 1;
  for (const d of shape) count *= d;
  if (count !== data.length) {
    throw new RangeError(
      `encodeNpyFloat32: shape [${shape.join(', ')}] holds ${count} values, data has ${data.length}`,
    );
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const preamble = MAGIC.length + 2 + 2;
  const unpadded = preamble + dict.length + 1; // + '\n'
  const headerLength = Math.ceil(unpadded / 64) * 64 - preamble;
  const header = dict.padEnd(headerLength - 1, ' ') + '\n';

  const bytes = new Uint8Array(preamble + headerLength + data.length * 4);
  bytes.set(MAGIC, 0);
  bytes[6] = 1; // major version
  bytes[7] = 0; // minor version
  bytes[8] = headerLength & 0xff;
  bytes[9] = headerLength >> 8;
  for (let i = 0; i < header.length; i++) bytes[preamble + i] = header.charCodeAt(i);
  const view = new DataView(bytes.buffer, preamble + headerLength);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return bytes;
}
