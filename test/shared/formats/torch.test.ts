import { existsSync, readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnsafePickleError, WeightsFormatError } from '../../../shared/errors';
import { unpickle } from '../../../shared/formats/pickle';
import { torchGlobal } from '../../../shared/formats/torch-globals';
import { StorageTable } from '../../../shared/formats/torch-storages';
import { parseWeightFiles, readWeightSet } from '../../../shared/weights/read';
import { writeZip } from '../../../shared/formats/zip';
import { expectClose } from '../../helpers/close';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import {
  PickleWriter,
  f32Bytes,
  stateDictPickle,
  torchZip,
  type CraftedTensor,
} from '../../helpers/pickle-writer';

const DIR = 'checkpoints';

interface Expected {
  dtype: string;
  shape: number[];
  values: number[];
}

const VALUES: Record<string, Expected> = JSON.parse(
  readFileSync(fixturePath(DIR, 'strided_values.json'), 'utf8'),
);

function read(name: string, bytes: Uint8Array = readFixture(DIR, name)) {
  return parseWeightFiles([{ name, bytes }]);
}

describe('torch.save files: every dtype, stride, offset and shared storage as PyTorch saved them', () => {
  it.each(['strided.pt', 'strided_legacy.pt'])('%s', (file) => {
    const tensors = read(file);
    expect([...tensors.keys()]).toEqual(Object.keys(VALUES));
    for (const [key, expected] of Object.entries(VALUES)) {
      const tensor = tensors.get(key)!;
      expect({ key, dtype: tensor.dtype, shape: tensor.shape }).toEqual({
        key,
        dtype: expected.dtype,
        shape: expected.shape,
      });
      if (expected.values.length > 0) expectClose(tensor.data, expected.values, { atol: 0, label: key });
      else expect(tensor.data).toHaveLength(0);
    }
  });

  it('int64 values beyond 2^32 and bool come through exactly', () => {
    const tensors = read('strided.pt');
    expect(Array.from(tensors.get('i64')!.data)).toEqual([-(2 ** 53), 0, 2 ** 40 + 1]);
    expect(Array.from(tensors.get('bool')!.data)).toEqual([1, 0, 1]);
  });

  it('any top folder name, and a big-endian archive (byteorder record)', () => {
    const tensors: CraftedTensor[] = [{ key: 'w', storage: '0', numel: 3, size: [3], stride: [1] }];
    const big = new Uint8Array(12);
    [1.5, -2, 0.25].forEach((v, i) => new DataView(big.buffer).setFloat32(i * 4, v, false));
    const pickle = stateDictPickle(tensors);
    const archive = writeZip(
      [
        { name: 'my_checkpoint/data.pkl', data: pickle },
        { name: 'my_checkpoint/byteorder', data: new TextEncoder().encode('big') },
        { name: 'my_checkpoint/data/0', data: big },
      ],
      { compress: false },
    );
    expect(Array.from(read('ckpt', archive).get('w')!.data)).toEqual([1.5, -2, 0.25]);
  });

  it('a whole file says what it is: format, state_dict path, ignored entries', () => {
    const set = readWeightSet([
      { name: 'checkpoint_legacy_module.pt', bytes: readFixture(DIR, 'checkpoint_legacy_module.pt') },
    ]);
    expect(set.files[0]).toMatchObject({ format: 'torch-legacy', stateDictPath: ['state_dict'] });
    expect([...set.tensors.keys()][0]).toBe('module.embedding.weight');
  });
});

describe('torch.save files that would run code are refused, and nothing runs', () => {
  const MARKER = '/tmp/postnet-studio-pickle-ran';

  it.each(['evil_os_system.pt', 'evil_legacy.pt', 'evil_protocol4.pkl'])(
    '%s (os.system("touch …"))',
    (file) => {
      rmSync(MARKER, { force: true });
      let caught: unknown;
      try {
        read(file);
      } catch (error) {
        caught = error;
      }
      if (file.endsWith('.pkl')) {
        // a plain pickle is not a torch.save file: refused before anything in it is read
        expect(caught).toBeInstanceOf(WeightsFormatError);
        expect((caught as Error).message).toMatch(/is a Python pickle that is not a torch\.save file/);
      } else {
        expect(caught).toBeInstanceOf(UnsafePickleError);
        expect((caught as Error).message).toMatch(
          new RegExp(
            `^${file}[: ].*refused: the pickle asks for the Python global '(posix|os)\\.system' \\(it would run a shell command\\).*Nothing was run$`,
          ),
        );
      }
      expect(existsSync(MARKER)).toBe(false);
    },
  );

  it('a pickled model class (torch.save(model)) is refused with the fix', () => {
    expect(() => read('whole_model.pt')).toThrow(
      /the Python global 'make_fixtures\.Postnet' \(a class: torch\.save\(model\) pickles the whole module; save model\.state_dict\(\) instead\)/,
    );
  });

  it('a TorchScript archive is refused with the fix', () => {
    expect(() => read('torchscript.pt')).toThrow(
      'torchscript.pt is a TorchScript archive (torch.jit.save), which holds code as well as weights and is not read; ' +
        'save the weights with torch.save(model.state_dict(), path)',
    );
  });

  it('a persistent id that is not a storage (a pickled module, legacy format) is refused', () => {
    const pickle = new PickleWriter()
      .mark()
      .str('module')
      .global('collections', 'OrderedDict')
      .str('x.py')
      .str('src');
    const bytes = torchZip(pickle.raw(0x74).persid().done(), {});
    expect(() => read('m.pt', bytes)).toThrow(UnsafePickleError);
  });
});

describe('torch.save files fail clearly when damaged, before anything is allocated', () => {
  const one = (overrides: Partial<CraftedTensor> = {}): CraftedTensor => ({
    key: 'w',
    storage: '0',
    numel: 6,
    size: [2, 3],
    stride: [3, 1],
    ...overrides,
  });
  const zip = (tensor: CraftedTensor, record = f32Bytes([1, 2, 3, 4, 5, 6])) =>
    torchZip(stateDictPickle([tensor]), { [tensor.storage]: record });

  it.each([
    [
      'a missing storage record',
      torchZip(stateDictPickle([one()]), {}),
      "the storage record 'archive/data/0' is missing",
    ],
    [
      'a record shorter than its storage id says',
      zip(one(), f32Bytes([1, 2, 3])),
      "the record 'archive/data/0' holds 12 bytes, but the pickle says it is 6 float32 values (24 bytes)",
    ],
    [
      'a view past the end of its storage',
      zip(one({ size: [2, 4], stride: [4, 1] })),
      "m.pt: 'w': size [2, 4], stride [4, 1] from storage offset 0 reaches element 7, but its storage holds 6 elements",
    ],
    [
      'a storage offset past the end',
      zip(one({ offset: 5, size: [2], stride: [1] })),
      'from storage offset 5 reaches element 6, but its storage holds 6 elements',
    ],
    [
      'sizes and strides of different lengths',
      zip(one({ stride: [1] })),
      'a tensor has 2 sizes but 1 strides',
    ],
    [
      'an expanded view asking for more values than the file can hold',
      zip(one({ size: [1 << 20, 1 << 20], stride: [0, 0] })),
      /holds 1099511627776 values, more than a \d+-byte file can sensibly hold/,
    ],
    [
      'a complex storage',
      zip(one({ storageType: 'ComplexFloatStorage' })),
      "storage '0' is a torch.ComplexFloatStorage, which is not read (complex or quantized values)",
    ],
    [
      'one storage named with two dtypes',
      torchZip(stateDictPickle([one(), one({ key: 'v', storageType: 'LongStorage' })]), {
        '0': f32Bytes([1, 2, 3, 4, 5, 6]),
      }),
      "storage '0' is named as 6 float32 and as 6 int64",
    ],
  ])('%s', (_, bytes, message) => {
    expect(() => read('m.pt', bytes)).toThrow(WeightsFormatError);
    expect(() => read('m.pt', bytes)).toThrow(message);
  });

  it('a legacy file cut inside its storages, or whose storage count disagrees with the pickle', () => {
    const legacy = readFixture(DIR, 'postnet_legacy.pt');
    expect(() => read('old.pt', legacy.subarray(0, legacy.length - 10))).toThrow(
      /old\.pt \(legacy torch\.save\): truncated: storage '\d+' needs \d+ bytes from byte \d+, the file has \d+/,
    );
    const bytes = legacy.slice();
    const view = new DataView(bytes.buffer);
    // Five pickles (magic, protocol, sys_info, the object, the key list), then the first storage's count.
    const table = new StorageTable('x');
    const hooks = {
      global: (m: string, n: string) => torchGlobal(m, n, 'x'),
      persistentLoad: table.load.bind(table),
    };
    let at = 0;
    for (let i = 0; i < 5; i++) at = unpickle(bytes, at, hooks, 'x').end;
    const count = view.getBigInt64(at, true);
    view.setBigInt64(at, count + 1n, true);
    expect(() => read('old.pt', bytes)).toThrow(
      new RegExp(`storage '\\d+' at byte ${at} says ${count + 1n} elements, the pickle says ${count}`),
    );
  });

  it('a data.pkl that is not a dict of tensors', () => {
    const bytes = torchZip(new PickleWriter().int(7).done(), {});
    expect(() => read('seven.pt', bytes)).toThrow('seven.pt holds 7, not a dict of tensors (a state_dict)');
  });
});
