import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { crc32 } from '../../../shared/formats/crc32';
import { encodeNpz, parseNpz } from '../../../shared/formats/npz';
import { readZipEntries, writeZip } from '../../../shared/formats/zip';
import type { TensorMap } from '../../../shared/tensor';
import { readFixture } from '../../helpers/fixtures';

function npz(name: string): Uint8Array {
  return readFixture('weights', 'npz', name);
}

/** What make_fixtures.py put in every mixed-dtype archive. */
function expectMixed(tensors: TensorMap): void {
  expect([...tensors.keys()]).toEqual(['a.weight', 'b', 'scalar', 'half']);
  expect(tensors.get('a.weight')).toMatchObject({ dtype: 'float32', shape: [2, 3] });
  expect(tensors.get('a.weight')!.data[0]).toBe(-1.5);
  expect(tensors.get('b')).toMatchObject({ dtype: 'int64', shape: [5] });
  expect(Array.from(tensors.get('b')!.data)).toEqual([0, 1, 2, 3, 4]);
  expect(tensors.get('scalar')).toMatchObject({ dtype: 'int64', shape: [] });
  expect(Array.from(tensors.get('scalar')!.data)).toEqual([7]);
  expect(Array.from(tensors.get('half')!.data)).toEqual([-1.5, 0, 0.25, 2, 65504, -0.0009765625]);
}

describe('parseNpz', () => {
  it('reads np.savez (stored members with NumPy’s forced ZIP64 local extras), keys in order', () => {
    expectMixed(parseNpz(npz('stored.npz'), 'stored.npz'));
  });

  it('reads np.savez_compressed (deflated members)', () => {
    expectMixed(parseNpz(npz('deflated.npz'), 'deflated.npz'));
  });

  it('reads an archive with ZIP64 sizes in the central directory and a ZIP64 end record (zip -fz)', () => {
    const bytes = npz('zip64.npz');
    expect(readZipEntries(bytes, 'zip64.npz')[0]!.uncompressedSize).toBe(152);
    expectMixed(parseNpz(bytes, 'zip64.npz'));
  });
});

describe('parseNpz fails clearly', () => {
  it('on a PyTorch checkpoint, saying what it is and what reads it', () => {
    expect(() => parseNpz(npz('checkpoint.pt'), 'model.pt')).toThrow(WeightsFormatError);
    expect(() => parseNpz(npz('checkpoint.pt'), 'model.pt')).toThrow(
      /^model\.pt is a PyTorch checkpoint \(torch\.save archive with data\.pkl\), not an \.npz; read it as weights/,
    );
  });

  it('on a member that is not .npy', () => {
    expect(() => parseNpz(npz('bad_member.npz'), 'bad_member.npz')).toThrow(
      "bad_member.npz: member 'notes.txt' is not an .npy array; an .npz holds only key.npy members",
    );
  });

  it('on a truncated archive', () => {
    expect(() => parseNpz(npz('bad_truncated.npz'), 'cut.npz')).toThrow(
      /cut\.npz: damaged or truncated ZIP: no end-of-central-directory record/,
    );
  });

  it('on a corrupted member (CRC-32 mismatch)', () => {
    expect(() => parseNpz(npz('bad_crc.npz'), 'bad.npz')).toThrow(
      "bad.npz: member 'a.weight.npy': CRC-32 mismatch (damaged data)",
    );
  });

  it('on a whole training checkpoint saved with np.savez(**checkpoint): says to save its state_dict', () => {
    const pickled = readFixture('weights', 'npy', 'bad_object.npy');
    const checkpoint = writeZip([{ name: 'state_dict.npy', data: pickled }], { compress: false });
    expect(() => parseNpz(checkpoint, 'ckpt.npz')).toThrow(WeightsFormatError);
    expect(() => parseNpz(checkpoint, 'ckpt.npz')).toThrow(
      "ckpt.npz: 'state_dict' is a pickled dict: this is a whole training checkpoint saved with " +
        'np.savez(path, **checkpoint); save its weights instead: np.savez(path, **{k: v.numpy() for k, v in ' +
        "checkpoint['state_dict'].items()})",
    );
  });

  it('on a pickled state_dict whatever byte-order mark its descr carries (=O), judged by the parsed dtype', () => {
    const pickled = readFixture('weights', 'npy', 'bad_object.npy').slice();
    const at = new TextDecoder('latin1').decode(pickled).indexOf("'|O'");
    pickled[at + 1] = 0x3d; // '|' → '='
    const checkpoint = writeZip([{ name: 'state_dict.npy', data: pickled }], { compress: false });
    expect(() => parseNpz(checkpoint, 'ckpt.npz')).toThrow(/^ckpt\.npz: 'state_dict' is a pickled dict/);
  });

  it('on a state_dict member that is not .npy: the .npy message, not the checkpoint one', () => {
    const checkpoint = writeZip([{ name: 'state_dict.npy', data: new TextEncoder().encode("'|O'") }], {
      compress: false,
    });
    expect(() => parseNpz(checkpoint, 'ckpt.npz')).toThrow(/^ckpt\.npz: state_dict\.npy: not an \.npy file/);
  });

  it('on any other pickled member: the dtype message, naming the member', () => {
    const other = writeZip([{ name: 'a.npy', data: readFixture('weights', 'npy', 'bad_object.npy') }], {
      compress: false,
    });
    expect(() => parseNpz(other, 'o.npz')).toThrow(/^o\.npz: a\.npy: dtype '\|O' holds Python objects/);
  });

  it('on a member with a bad .npy inside, naming archive and member', () => {
    const broken = writeZip([{ name: 'w.npy', data: new TextEncoder().encode('not numpy') }], {
      compress: true,
    });
    expect(() => parseNpz(broken, 'w.npz')).toThrow(
      'w.npz: w.npy: not an .npy file: expected the magic "\\x93NUMPY", found text (not shown)',
    );
  });
});

describe('encodeNpz', () => {
  const tensors: TensorMap = new Map([
    [
      'postnet.convolutions.0.0.conv.weight',
      { dtype: 'float32', shape: [4, 2, 5], data: Float32Array.from({ length: 40 }, (_, i) => i / 7) },
    ],
    [
      'postnet.convolutions.0.1.num_batches_tracked',
      { dtype: 'int64', shape: [], data: Float64Array.of(12) },
    ],
    ['ratio', { dtype: 'float64', shape: [3], data: Float64Array.of(0.1, 0.2, 0.3) }],
  ]);

  it.each([false, true])('round-trips through parseNpz (compress: %s)', (compress) => {
    const back = parseNpz(encodeNpz(tensors, { compress }), 'ours.npz');
    expect([...back.keys()]).toEqual([...tensors.keys()]);
    for (const [key, tensor] of tensors) {
      expect(back.get(key)!.dtype).toBe(tensor.dtype);
      expect(back.get(key)!.shape).toEqual(tensor.shape);
      expect(Array.from(back.get(key)!.data)).toEqual(Array.from(tensor.data));
    }
  });

  it('stores or deflates members as asked, with CRC-32s Python’s zipfile checks', () => {
    const stored = encodeNpz(tensors);
    const deflated = encodeNpz(tensors, { compress: true });
    expect(readZipEntries(stored, 's').map((e) => e.method)).toEqual([0, 0, 0]);
    expect(readZipEntries(deflated, 'd').map((e) => e.method)).toEqual([8, 8, 8]);
    expect(deflated.length).toBeLessThan(stored.length);
  });

  it('is deterministic (fixed timestamps)', () => {
    expect(encodeNpz(tensors, { compress: true })).toEqual(encodeNpz(tensors, { compress: true }));
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('fails clearly when a tensor’s shape does not match its data', () => {
    const bad: TensorMap = new Map([['x', { dtype: 'float32', shape: [3], data: new Float32Array(2) }]]);
    expect(() => encodeNpz(bad)).toThrow(/shape \[3\] holds 3 values, data has 2/);
  });
});
