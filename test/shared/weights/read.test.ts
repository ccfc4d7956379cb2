import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { encodeNpy } from '../../../shared/formats/npy';
import { keyFromFileName, parseWeightFiles } from '../../../shared/weights/read';
import { fixturePath, readFixture } from '../../helpers/fixtures';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function smallPostnetFolder(): { name: string; bytes: Uint8Array }[] {
  return readdirSync(fixturePath('weights', 'postnet_small', 'npy'))
    .sort()
    .map((name) => ({ name: `npy/${name}`, bytes: readFixture('weights', 'postnet_small', 'npy', name) }));
}

describe('parseWeightFiles', () => {
  it('keys a folder of .npy files by file name minus .npy, in state_dict order', () => {
    const tensors = parseWeightFiles(smallPostnetFolder());
    expect(tensors.size).toBe(35);
    expect(tensors.get('postnet.convolutions.0.0.conv.weight')!.shape).toEqual([16, 8, 5]);
    const npz = parseWeightFiles([
      { name: 'p.npz', bytes: readFixture('weights', 'postnet_small', 'postnet.npz') },
    ]);
    expect([...tensors.keys()]).toEqual([...npz.keys()]);
  });

  it('decides by content, not by extension', () => {
    const npz = readFixture('weights', 'postnet_small', 'postnet.npz');
    const json = readFixture('weights', 'postnet_small', 'bare_tolist.json');
    const npy = encodeNpy({ dtype: 'float32', shape: [2], data: Float32Array.of(1, 2) });
    const tensors = parseWeightFiles([
      { name: 'weights.bin', bytes: npz },
      { name: 'extra.txt', bytes: json },
      { name: 'lonely.data', bytes: npy },
    ]);
    expect(tensors.has('postnet.convolutions.0.0.conv.weight')).toBe(true);
    expect(tensors.has('convolutions.0.0.conv.weight')).toBe(true);
    expect(tensors.has('lonely.data')).toBe(true);
  });

  it('reads all the small post-net fixtures to the same values', () => {
    const npz = parseWeightFiles([
      { name: 'a.npz', bytes: readFixture('weights', 'postnet_small', 'postnet.npz') },
    ]);
    const json = parseWeightFiles([
      { name: 'b.json', bytes: readFixture('weights', 'postnet_small', 'bare_tolist.json') },
    ]);
    const a = npz.get('postnet.convolutions.2.0.conv.weight')!.data;
    const b = json.get('convolutions.2.0.conv.weight')!.data;
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('keyFromFileName strips directories and .npy', () => {
    expect(keyFromFileName('C:\\w\\postnet.convolutions.0.0.conv.weight.npy')).toBe(
      'postnet.convolutions.0.0.conv.weight',
    );
    expect(keyFromFileName('dir/x.NPY')).toBe('x');
  });
});

describe('parseWeightFiles fails clearly', () => {
  it('on an unknown format, showing the first bytes', () => {
    expect(() => parseWeightFiles([{ name: 'notes.txt', bytes: text('hello world') }])).toThrow(
      'notes.txt: unknown weights format: starts with text (not shown); expected .npy ("\\x93NUMPY"), .npz or torch.save (a ZIP, "PK"), legacy torch.save ("\\x80\\x02"), .safetensors or JSON ("{")',
    );
  });

  it('on an empty file', () => {
    expect(() => parseWeightFiles([{ name: 'empty.npy', bytes: new Uint8Array() }])).toThrow(
      'empty.npy: unknown weights format: starts with nothing (the file is empty)',
    );
  });

  it('on a legacy torch.save cut off after its magic number', () => {
    expect(() =>
      parseWeightFiles([
        {
          name: 'old.pt',
          bytes: Uint8Array.of(
            0x80,
            0x02,
            0x8a,
            0x0a,
            0x6c,
            0xfc,
            0x9c,
            0x46,
            0xf9,
            0x20,
            0x6a,
            0xa8,
            0x50,
            0x19,
          ),
        },
      ]),
    ).toThrow(/^old\.pt \(legacy torch\.save\): magic number: truncated pickle/);
  });

  it('on a pickle that is not a torch.save file', () => {
    expect(() =>
      parseWeightFiles([{ name: 'sd.pkl', bytes: Uint8Array.of(0x80, 0x04, 0x4e, 0x2e) }]),
    ).toThrow(/^sd\.pkl is a Python pickle that is not a torch\.save file, which is not read/);
  });

  it('reads a torch.save zip checkpoint', () => {
    const tensors = parseWeightFiles([
      { name: 'model.pt', bytes: readFixture('weights', 'npz', 'checkpoint.pt') },
    ]);
    expect([...tensors.keys()]).toEqual(['w']);
    expect(Array.from(tensors.get('w')!.data)).toEqual([1, 1]);
  });

  it('on safetensors whose header names a tensor without offsets, and on HDF5', () => {
    const header = text('{"w":{}}');
    const safetensors = new Uint8Array(8 + header.length);
    new DataView(safetensors.buffer).setBigUint64(0, BigInt(header.length), true);
    safetensors.set(header, 8);
    expect(() => parseWeightFiles([{ name: 'm.safetensors', bytes: safetensors }])).toThrow(
      'm.safetensors: tensor \'w\' has no "dtype" string',
    );
    const hdf5 = Uint8Array.of(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a);
    expect(() => parseWeightFiles([{ name: 'm.h5', bytes: hdf5 }])).toThrow(
      /m\.h5 is an HDF5 \(Keras \.h5\) file/,
    );
  });

  it('on the same key in two files', () => {
    const npy = encodeNpy({ dtype: 'float32', shape: [1], data: Float32Array.of(1) });
    const npz = readFixture('weights', 'postnet_small', 'postnet.npz');
    expect(() =>
      parseWeightFiles([
        { name: 'a/postnet.convolutions.0.1.bias.npy', bytes: npy },
        { name: 'b.npz', bytes: npz },
      ]),
    ).toThrow(
      "key 'postnet.convolutions.0.1.bias' appears in both postnet.convolutions.0.1.bias.npy and b.npz",
    );
  });

  it.each([
    ['nan_f4.npy', "nan_f4.npy: key 'nan_f4' has a non-finite value (NaN) at index [1, 0]"],
    ['inf_f8.npy', "inf_f8.npy: key 'inf_f8' has a non-finite value (-Infinity) at index [2]"],
  ])('on non-finite values in %s, naming key and index', (file, message) => {
    expect(() => parseWeightFiles([{ name: file, bytes: readFixture('weights', 'npy', file) }])).toThrow(
      WeightsFormatError,
    );
    expect(() => parseWeightFiles([{ name: file, bytes: readFixture('weights', 'npy', file) }])).toThrow(
      message,
    );
  });

  it('on an explicit layer JSON mixed with other files', () => {
    const layers = readFixture('conv', 'modules', 'tanh_bn_k5.json');
    const npy = encodeNpy({ dtype: 'float32', shape: [1], data: Float32Array.of(1) });
    expect(() =>
      parseWeightFiles([
        { name: 'm.json', bytes: layers },
        { name: 'x.npy', bytes: npy },
      ]),
    ).toThrow('m.json is an explicit layer JSON; it holds the whole model, load it on its own');
  });

  it('on no files at all', () => {
    expect(() => parseWeightFiles([])).toThrow('no weight files given');
  });
});
