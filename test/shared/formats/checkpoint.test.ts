import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { findStateDict } from '../../../shared/formats/checkpoint';
import { ignoredEntriesWarning } from '../../../shared/weights/file-facts';
import { dictSet, newDict, type PyValue, type TensorRef } from '../../../shared/formats/pickle-values';

const storage = {
  kind: 'storage',
  key: '0',
  dtype: 'float32',
  numel: 4,
  location: 'cpu',
  elementOffset: 0,
} as const;
const tensor = (): TensorRef => ({ kind: 'tensor', storage, storageOffset: 0, shape: [4], stride: [1] });

/** A dict from [key, value] pairs (`ordered` for an OrderedDict). */
function dict(entries: [PyValue, PyValue][], ordered = false) {
  const d = newDict(ordered);
  for (const [k, v] of entries) dictSet(d, k, v);
  return d;
}

const sd = () =>
  dict(
    [
      ['postnet.w', tensor()],
      ['postnet.b', tensor()],
    ],
    true,
  );

describe('findStateDict finds the weights inside what trainers save', () => {
  it.each([
    ['a state_dict itself', sd(), []],
    [
      'NVIDIA train.py: {iteration, state_dict, optimizer, learning_rate}',
      dict([
        ['iteration', 1000],
        ['state_dict', sd()],
        ['optimizer', dict([])],
        ['learning_rate', { kind: 'float', value: 0.001 }],
      ]),
      ['state_dict'],
    ],
    [
      '{model_state_dict, …}',
      dict([
        ['epoch', 3],
        ['model_state_dict', sd()],
      ]),
      ['model_state_dict'],
    ],
    [
      'Coqui: {config, model, optimizer, step}',
      dict([
        ['config', dict([['model', 'tacotron2']])],
        ['model', sd()],
        ['step', 7],
      ]),
      ['model'],
    ],
    ['{module: …}', dict([['module', sd()]]), ['module']],
    [
      'nested: {net: {model: …}}',
      dict([
        ['epoch', 5],
        [
          'net',
          dict([
            ['model', sd()],
            ['ema', 1],
          ]),
        ],
      ]),
      ['net', 'model'],
    ],
    [
      'state_dict wins over model when both are there',
      dict([
        ['model', sd()],
        ['state_dict', sd()],
      ]),
      ['state_dict'],
    ],
  ])('%s', (_, root, path) => {
    const found = findStateDict(root, 'ckpt');
    expect(found.path).toEqual(path);
    expect(found.tensors.map(([key]) => key)).toEqual(['postnet.w', 'postnet.b']);
  });

  it('lists every entry beside the weights, at every level, with what it holds', () => {
    const root = dict([
      ['epoch', 5],
      [
        'net',
        dict([
          ['model', sd()],
          ['ema', { kind: 'float', value: 0.5 }],
        ]),
      ],
      ['name', 'run 1'],
      ['flags', { kind: 'list', items: [true] }],
    ]);
    const found = findStateDict(root, 'ckpt');
    expect(found.ignored).toEqual([
      { key: 'epoch', description: '5' },
      { key: 'name', description: "'run 1'" },
      { key: 'flags', description: 'list of 1 item' },
      { key: 'net.ema', description: '0.5' },
    ]);
    expect(ignoredEntriesWarning(found.ignored, found.path)).toBe(
      "ignored 4 entries of the checkpoint that are not weights: 'epoch' = 5, 'name' = 'run 1', 'flags' (list of 1 item), " +
        "'net.ema' = 0.5; the weights are under 'net.model'",
    );
  });

  it('tensors beside other values (a flat checkpoint) are the weights; the rest is ignored', () => {
    const root = dict([
      ['iteration', 10],
      ['postnet.w', tensor()],
    ]);
    const found = findStateDict(root, 'ckpt');
    expect(found).toMatchObject({ path: [], ignored: [{ key: 'iteration', description: '10' }] });
    expect(found.tensors.map(([key]) => key)).toEqual(['postnet.w']);
  });

  it('skips a known key that holds no weights (`model` naming the architecture)', () => {
    const root = dict([
      ['model', 'tacotron2'],
      ['state_dict', sd()],
    ]);
    expect(findStateDict(root, 'ckpt').path).toEqual(['state_dict']);
  });
});

describe('findStateDict fails clearly', () => {
  it('on a file that holds no tensors, listing its entries', () => {
    expect(() =>
      findStateDict(
        dict([
          ['epoch', 1],
          ['config', dict([])],
        ]),
        'c.pt',
      ),
    ).toThrow(
      "c.pt holds no tensors (a state_dict) that could be found: its entries are 'epoch', 'config'; expected the " +
        "weights at the top or under 'state_dict', 'model_state_dict', 'model', 'module', 'net', 'model_state'",
    );
  });

  it('on a file that holds a list or a single tensor, not a dict', () => {
    expect(() => findStateDict({ kind: 'list', items: [tensor()] }, 'l.pt')).toThrow(
      'l.pt holds list of 1 item, not a dict of tensors (a state_dict)',
    );
    expect(() => findStateDict(tensor(), 't.pt')).toThrow(WeightsFormatError);
  });

  it('on a tensor under a key that is not a string', () => {
    expect(() => findStateDict(dict([[3, tensor()]]), 'k.pt')).toThrow(
      'a tensor has the key 3, not a string as state_dict keys are',
    );
  });
});
