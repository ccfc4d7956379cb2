import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { parseSafetensors } from '../../../shared/formats/safetensors';
import { parseWeightFiles } from '../../../shared/weights/read';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';

/** A safetensors file: the header as JSON text (padded to 8 bytes), then `buffer`. */
function safetensors(header: unknown, buffer: Uint8Array = new Uint8Array(0), text?: string): Uint8Array {
  let json = new TextEncoder().encode(text ?? JSON.stringify(header));
  const padded = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20);
  padded.set(json);
  json = padded;
  const out = new Uint8Array(8 + json.length + buffer.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(buffer, 8 + json.length);
  return out;
}

const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

describe('parseSafetensors reads the format as the spec writes it', () => {
  it('the F32 post-net fixture holds the same tensors as the torch.save one, and its __metadata__', () => {
    const { tensors, metadata } = parseSafetensors(
      readFixture('checkpoints', 'postnet.safetensors'),
      'p.safetensors',
    );
    const torch = parseWeightFiles([{ name: 'p.pt', bytes: readFixture('checkpoints', 'postnet_zip.pt') }]);
    expect(metadata).toEqual({ format: 'pt', source: 'postnet-studio test fixture' });
    expect([...tensors.keys()]).toEqual([...torch.keys()].map((k) => `postnet.${k}`));
    for (const [key, tensor] of torch) {
      const ours = tensors.get(`postnet.${key}`)!;
      expect({ dtype: ours.dtype, shape: ours.shape }).toEqual({ dtype: tensor.dtype, shape: tensor.shape });
      expectClose(ours.data, tensor.data, { atol: 0, label: key });
    }
  });

  it('BF16 values are float32 with the low 16 bits cleared (the torch bfloat16 rounding of the fixture)', () => {
    const { tensors } = parseSafetensors(readFixture('checkpoints', 'postnet_bf16.safetensors'));
    const weight = tensors.get('convolutions.0.0.conv.weight')!;
    expect(weight.dtype).toBe('bfloat16');
    const bits = new Uint32Array(Float32Array.from(weight.data).buffer);
    expect(bits.every((b) => (b & 0xffff) === 0)).toBe(true);
  });

  it('every dtype, a 0-d and an empty tensor, keys in state_dict order', () => {
    const i64 = new Uint8Array(8);
    new DataView(i64.buffer).setBigInt64(0, -5n, true);
    const buffer = new Uint8Array([...f32([1.5]), ...i64, 1, 0, 0x00, 0x3c, 0x80, 0x3f]);
    const file = safetensors(
      {
        'b.1.weight': { dtype: 'F32', shape: [], data_offsets: [0, 4] },
        'b.10.weight': { dtype: 'I64', shape: [1], data_offsets: [4, 12] },
        'b.2.flags': { dtype: 'BOOL', shape: [2], data_offsets: [12, 14] },
        'b.2.empty': { dtype: 'F16', shape: [0, 3], data_offsets: [14, 14] },
        half: { dtype: 'F16', shape: [1], data_offsets: [14, 16] },
        bf: { dtype: 'BF16', shape: [1], data_offsets: [16, 18] },
      },
      buffer,
    );
    const { tensors, metadata } = parseSafetensors(file);
    expect(metadata).toBeNull();
    // a module's own tensors (bf, half) before its children's, index 2 before 10, as a state_dict lists them
    expect([...tensors].map(([k, t]) => [k, t.dtype, t.shape, Array.from(t.data)])).toEqual([
      ['bf', 'bfloat16', [1], [1]],
      ['half', 'float16', [1], [1]],
      ['b.1.weight', 'float32', [], [1.5]],
      ['b.2.empty', 'float16', [0, 3], []],
      ['b.2.flags', 'bool', [2], [1, 0]],
      ['b.10.weight', 'int64', [1], [-5]],
    ]);
  });
});

describe('parseSafetensors fails clearly', () => {
  const one = { w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
  it.each([
    [
      'a file shorter than the length field',
      Uint8Array.of(1, 2, 3),
      'truncated: 3 bytes; a .safetensors file starts with an 8-byte header length',
    ],
    [
      'a header length beyond the file',
      (() => {
        const bytes = safetensors(one, f32([1, 2]));
        new DataView(bytes.buffer).setBigUint64(0, 1n << 40n, true);
        return bytes;
      })(),
      'the header length 1099511627776 is beyond the file (64 bytes after the length)',
    ],
    [
      'a header that is not JSON',
      safetensors(null, new Uint8Array(0), '{"w": {'),
      /the header is not JSON: /,
    ],
    [
      'a header that is not an object',
      safetensors(null, new Uint8Array(0), '[1, 2]'),
      /does not start with '\{'/,
    ],
    [
      'offsets out of range',
      safetensors({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 16] } }, f32([1, 2])),
      "tensor 'w': data_offsets [0, 16] are out of range (the data buffer holds 8 bytes)",
    ],
    [
      'offsets that overlap',
      safetensors(
        {
          a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
        },
        f32([1, 2]),
      ),
      "tensors 'a' [0, 8] and 'b' [4, 8] overlap",
    ],
    [
      'a hole between tensors',
      safetensors(
        {
          a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
          b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] },
        },
        f32([1, 2, 3]),
      ),
      "bytes [4, 8) of the data buffer belong to no tensor (before 'b'); the format allows no holes",
    ],
    [
      'bytes after the last tensor',
      safetensors(one, f32([1, 2, 3])),
      "the tensors cover 8 of the data buffer's 12 bytes; the format allows nothing after the last tensor",
    ],
    [
      'an unknown dtype',
      safetensors({ w: { dtype: 'Q4', shape: [2], data_offsets: [0, 8] } }, f32([1, 2])),
      /tensor 'w' has dtype 'Q4', an unknown dtype \(read: F16, BF16, F32/,
    ],
    [
      'a float8 dtype',
      safetensors({ w: { dtype: 'F8_E4M3', shape: [8], data_offsets: [0, 8] } }, f32([1, 2])),
      "tensor 'w' has dtype 'F8_E4M3', which is not read",
    ],
    [
      'a shape whose size is not the offsets’ span',
      safetensors({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, f32([1, 2])),
      "tensor 'w': shape [3] of F32 needs 12 bytes, data_offsets [0, 8] span 8",
    ],
    [
      'a negative size',
      safetensors({ w: { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } }, f32([1, 2])),
      'tensor \'w\' has "shape" [-2], not a list of sizes',
    ],
    [
      '__metadata__ that is not all strings',
      safetensors({ __metadata__: { epoch: 3 }, ...one }, f32([1, 2])),
      '"__metadata__" entry "epoch" is 3, not a string',
    ],
    [
      'an unknown field in an entry',
      safetensors({ w: { ...one.w, offsets: [0, 8] } }, f32([1, 2])),
      'tensor \'w\' has unknown field "offsets"',
    ],
  ])('on %s', (_, bytes, message) => {
    expect(() => parseSafetensors(bytes, 'x.safetensors')).toThrow(WeightsFormatError);
    expect(() => parseSafetensors(bytes, 'x.safetensors')).toThrow(message);
  });

  it('is read by content through parseWeightFiles whatever the name', () => {
    expect([
      ...parseWeightFiles([{ name: 'weights.bin', bytes: safetensors(one, f32([1, 2])) }]).keys(),
    ]).toEqual(['w']);
  });
});
