import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { encodeNpy, parseNpy } from '../../../shared/formats/npy';
import type { DType } from '../../../shared/tensor';
import { readFixture } from '../../helpers/fixtures';

/** The values test/fixtures/weights/make_fixtures.py wrote for every dtype (VALUES there), flattened. */
const VALUES: Record<string, { dtype: DType; values: number[] }> = {
  f2: { dtype: 'float16', values: [-1.5, 0, 0.25, 2, 65504, -0.0009765625] },
  f4: {
    dtype: 'float32',
    values: [-1.5, 0, Math.fround(0.1), Math.fround(3.4e38), Math.fround(1e-45), -2.5],
  },
  f8: { dtype: 'float64', values: [-1.5, 0, 0.1, 1e300, 5e-324, -2.5] },
  i1: { dtype: 'int8', values: [-128, 0, 1, 2, 127, -3] },
  i2: { dtype: 'int16', values: [-32768, 0, 1, 2, 32767, -3] },
  i4: { dtype: 'int32', values: [-2147483648, 0, 1, 2, 2147483647, -3] },
  i8: { dtype: 'int64', values: [-(2 ** 53), 0, 1, 2, 2 ** 40 + 1, -3] },
  u1: { dtype: 'uint8', values: [0, 1, 2, 200, 255, 7] },
  u2: { dtype: 'uint16', values: [0, 1, 2, 60000, 65535, 7] },
  u4: { dtype: 'uint32', values: [0, 1, 2, 4000000000, 4294967295, 7] },
  u8: { dtype: 'uint64', values: [0, 1, 2, 2 ** 53, 2 ** 40 + 1, 7] },
  b1: { dtype: 'bool', values: [1, 0, 1, 0, 0, 1] },
};

const FILES = Object.entries(VALUES).flatMap(([code, expected]) =>
  (code.endsWith('1') ? ['le'] : ['le', 'be']).map((order) => ({
    file: `${code}_${order}.npy`,
    ...expected,
  })),
);

function npy(name: string): Uint8Array {
  return readFixture('weights', 'npy', name);
}

describe('parseNpy', () => {
  it.each(FILES)('reads $file (numpy.save) as $dtype [2, 3] with exact values', ({ file, dtype, values }) => {
    const tensor = parseNpy(npy(file), file);
    expect(tensor.dtype).toBe(dtype);
    expect(tensor.shape).toEqual([2, 3]);
    // Integers and floats here are all exactly representable in the tensor's storage.
    expect(Array.from(tensor.data)).toEqual(values);
  });

  it('reads fortran_order arrays into C order (int32 [2, 3, 4])', () => {
    const tensor = parseNpy(npy('fortran_i4_2x3x4.npy'));
    expect(tensor.shape).toEqual([2, 3, 4]);
    expect(Array.from(tensor.data)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('reads a big-endian fortran_order float64 [3, 2]', () => {
    const tensor = parseNpy(npy('fortran_f8_be_3x2.npy'));
    expect(tensor.shape).toEqual([3, 2]);
    expect(Array.from(tensor.data)).toEqual([0, 1, 2, 3, 4, 5].map((v) => v / 8));
  });

  it('reads 0-d scalars and empty arrays', () => {
    expect(parseNpy(npy('scalar_f8.npy'))).toMatchObject({ dtype: 'float64', shape: [] });
    expect(Array.from(parseNpy(npy('scalar_f8.npy')).data)).toEqual([2.5]);
    expect(Array.from(parseNpy(npy('scalar_i8.npy')).data)).toEqual([12345]);
    const empty = parseNpy(npy('empty_f4_0x3.npy'));
    expect(empty.shape).toEqual([0, 3]);
    expect(empty.data).toHaveLength(0);
  });

  it.each(['v2_f4_2x3.npy', 'v3_f4_2x3.npy'])('reads format version 2.0 and 3.0 headers (%s)', (file) => {
    const tensor = parseNpy(npy(file));
    expect(tensor.shape).toEqual([2, 3]);
    expect(Array.from(tensor.data)).toEqual(VALUES.f4!.values);
  });

  it('reads the existing float32 fixtures written by numpy.save', () => {
    const tensor = parseNpy(readFixture('npy', 'f4_80x7.npy'));
    expect(tensor.shape).toEqual([80, 7]);
    expect(tensor.data[0]).toBe(-40);
  });
});

/** A one-value float32 .npy whose header text is replaced by `text` (space-padded, same length). */
function withHeader(text: string): Uint8Array {
  const bytes = encodeNpy({ dtype: 'float32', shape: [1], data: Float32Array.of(1) });
  const length = bytes[8]! | (bytes[9]! << 8);
  const padded = text.padEnd(length - 1, ' ') + '\n';
  for (let i = 0; i < length; i++) bytes[10 + i] = padded.charCodeAt(i);
  return bytes;
}

describe('parseNpy fails clearly', () => {
  it.each([
    ['bad_object.npy', /bad_object\.npy: dtype '\|O' holds Python objects \(a pickled object array/],
    ['bad_structured.npy', /bad_structured\.npy: structured dtype \(record fields\) is not supported/],
    ['bad_complex.npy', /bad_complex\.npy: dtype '<c8' holds complex numbers/],
    [
      'bad_truncated_data.npy',
      /bad_truncated_data\.npy: truncated: shape \[2, 3\] of '<f4' needs 24 bytes of data from byte offset 128, the file has 19/,
    ],
    [
      'bad_truncated_header.npy',
      /bad_truncated_header\.npy: truncated: the header claims 118 bytes from byte offset 10, the file has 30/,
    ],
    ['bad_version.npy', /bad_version\.npy: unsupported \.npy version 9\.0/],
  ])('%s', (file, message) => {
    expect(() => parseNpy(npy(file), file)).toThrow(WeightsFormatError);
    expect(() => parseNpy(npy(file), file)).toThrow(message);
  });

  it('when the magic is wrong, showing the first bytes', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0);
    expect(() => parseNpy(png, 'image.npy')).toThrow(
      'image.npy: not an .npy file: expected the magic "\\x93NUMPY", found 89 50 4e 47 0d 0a 1a 0a ("·PNG····")',
    );
  });

  it('when the file is shorter than the 10-byte preamble', () => {
    const bytes = encodeNpy({ dtype: 'float32', shape: [1], data: Float32Array.of(1) }).subarray(0, 9);
    expect(() => parseNpy(bytes, 'x.npy')).toThrow(WeightsFormatError);
    expect(() => parseNpy(bytes, 'x.npy')).toThrow('x.npy: truncated .npy header (9 bytes)');
  });

  it.each([
    ['a list, not a dict', '[1, 2]', 'x.npy: the .npy header is not a dict'],
    ['no descr', "{'fortran_order': False, 'shape': (1,), }", "x.npy: the .npy header has no 'descr' string"],
    [
      'no fortran_order',
      "{'descr': '<f4', 'shape': (1,), }",
      "x.npy: the .npy header has no 'fortran_order' True/False",
    ],
    [
      'a negative size in the shape',
      "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }",
      "x.npy: the .npy header's 'shape' is not a tuple of sizes",
    ],
    [
      'a shape that is not a tuple',
      "{'descr': '<f4', 'fortran_order': False, 'shape': 'one', }",
      "x.npy: the .npy header's 'shape' is not a tuple of sizes",
    ],
    [
      'a descr that is not a dtype code',
      "{'descr': '<<f4', 'fortran_order': False, 'shape': (1,), }",
      "x.npy: dtype '<<f4' is not a plain number dtype",
    ],
    [
      'a number dtype of a size NumPy does not have',
      "{'descr': '<f3', 'fortran_order': False, 'shape': (1,), }",
      "x.npy: dtype '<f3' is not supported",
    ],
  ])('when the header has %s', (_, header, message) => {
    const bytes = withHeader(header);
    expect(() => parseNpy(bytes, 'x.npy')).toThrow(WeightsFormatError);
    expect(() => parseNpy(bytes, 'x.npy')).toThrow(message);
  });

  it('when the header is not a Python dict literal', () => {
    const bytes = encodeNpy({ dtype: 'float32', shape: [1], data: Float32Array.of(1) });
    bytes[10] = 0x5b; // '{' → '['
    expect(() => parseNpy(bytes, 'x.npy')).toThrow(/x\.npy: unreadable \.npy header: expected ',' or '\]'/);
  });
});

describe('encodeNpy', () => {
  it.each(FILES.filter((f) => f.file.endsWith('_le.npy')))(
    'writes $dtype byte for byte as numpy.save does ($file)',
    ({ file, dtype, values }) => {
      const data =
        dtype === 'float64' || dtype.includes('32') || dtype.includes('64')
          ? Float64Array.from(values)
          : Float32Array.from(values);
      expect(encodeNpy({ dtype, shape: [2, 3], data })).toEqual(npy(file));
    },
  );

  it('round-trips every dtype through parseNpy', () => {
    for (const { dtype, values } of Object.values(VALUES)) {
      const tensor = { dtype, shape: [3, 2], data: Float64Array.from(values) };
      const back = parseNpy(encodeNpy(tensor));
      expect(back.dtype).toBe(dtype);
      expect(back.shape).toEqual([3, 2]);
      expect(Array.from(back.data)).toEqual(values);
    }
  });

  it('fails clearly when the shape does not match the data', () => {
    expect(() => encodeNpy({ dtype: 'float64', shape: [4], data: new Float64Array(3) })).toThrow(
      /encodeNpy: shape \[4\] holds 4 values, data has 3/,
    );
  });
});
