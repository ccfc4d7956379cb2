/**
 * Declared sizes and depths in JSON, `.npy` and the explicit layer JSON (issue 9's fuzz
 * findings): each is refused with a WeightsFormatError naming the file before anything is
 * allocated or recursed into.
 */
import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { MAX_AXIS_SIZE } from '../../../shared/formats/limits';
import { parseArchitectureDocument, resolveArchitecture } from '../../../shared/formats/arch-json';
import { parseNpy } from '../../../shared/formats/npy';
import { parseWeightFiles } from '../../../shared/weights/read';
import { deepJson, deepNpyHeader, layersWith, layersWithChannels } from '../../helpers/crafted';

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WeightsFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a WeightsFormatError, nothing was thrown');
}

const load = (name: string, bytes: Uint8Array) => () => parseWeightFiles([{ name, bytes }]);

/** An `.npy` v1.0 header with `shape` as given, and no data. */
function npyWithShape(shapeText: string): Uint8Array {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const length = Math.ceil((10 + dict.length + 1) / 64) * 64 - 10;
  const bytes = new Uint8Array(10 + length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(bytes.buffer).setUint16(8, length, true);
  const text = dict.padEnd(length - 1, ' ') + '\n';
  for (let i = 0; i < text.length; i++) bytes[10 + i] = text.charCodeAt(i);
  return bytes;
}

describe('JSON weights', () => {
  it('nested 100,000 deep: refused before parsing, naming the file (was: Maximum call stack size exceeded)', () => {
    expect(refusal(load('deep.json', deepJson(100_000)))).toBe(
      'deep.json: JSON nested deeper than 64 levels at character 69; a state_dict nests a few',
    );
  });

  it('nested 64 deep still reads (a 63-d tensor of one value)', () => {
    const tensors = parseWeightFiles([{ name: 'ok.json', bytes: deepJson(63) }]);
    expect(tensors.get('w')!.shape).toHaveLength(63);
  });

  it('a ragged list whose first items claim [2000, 2000, 2000] is refused without allocating 32 GB', () => {
    const inner = Array.from({ length: 2000 }, () => 0);
    const middle: unknown[] = [inner, ...Array.from({ length: 1999 }, () => 0)];
    const outer: unknown[] = [middle, ...Array.from({ length: 1999 }, () => 0)];
    expect(refusal(load('ragged.json', json({ w: outer })))).toBe(
      "ragged.json: key 'w' is ragged: at [0][1] expected a list of 2000 items (like [0][0]), found number 0",
    );
  });

  it('a {shape, data} tensor whose shape has an axis beyond 2^31 − 1', () => {
    expect(refusal(load('s.json', json({ w: { shape: [0, 1e300], data: [] } })))).toBe(
      `s.json: key 'w': axis 1 has 1e+300 items; at most ${MAX_AXIS_SIZE} are read`,
    );
  });
});

describe('.npy headers', () => {
  it('a header length above 64 KiB (a tuple nested 100,000 deep) is refused before it is read', () => {
    expect(refusal(() => parseNpy(deepNpyHeader(100_000), 'deep.npy'))).toMatch(
      /^deep\.npy: the \.npy header claims \d+ bytes; at most 65536 are read \(numpy\.save writes under 200 for a plain array\)$/,
    );
  });

  it('a tuple nested 40 deep inside 64 KiB: refused at depth 32, naming the file', () => {
    expect(refusal(() => parseNpy(deepNpyHeader(40), 'deep.npy'))).toMatch(
      /^deep\.npy: unreadable \.npy header: nested deeper than 32 levels at character \d+/,
    );
  });

  it('65 axes', () => {
    expect(refusal(() => parseNpy(npyWithShape(`(${'1, '.repeat(65)})`), 'r.npy'))).toBe(
      "r.npy: the .npy header's 'shape' has 65 axes; at most 64 are read",
    );
  });

  it('an axis of 2^40 items (with another of 0, so no data is needed)', () => {
    expect(refusal(() => parseNpy(npyWithShape('(0, 1099511627776)'), 'big.npy'))).toBe(
      `big.npy: the .npy header's 'shape' gives axis 1 1099511627776 items; at most ${MAX_AXIS_SIZE} are read`,
    );
  });
});

describe('the explicit layer JSON', () => {
  it('padding 1e8 is refused (it ran 469 s at 6.3 GB before failing)', () => {
    expect(refusal(load('pad.json', layersWith('padding', 1e8)))).toBe(
      'pad.json: layers[0]: "padding" 100000000 is more than the kernel\'s reach, dilation × (kernel_size − 1) = 0: the extra output frames would see only zeros',
    );
  });

  it.each([
    ['stride', 5000, 1024],
    ['dilation', 2000, 1024],
  ] as const)('%s %i is above its cap', (field, value, cap) => {
    expect(refusal(load('x.json', layersWith(field, value)))).toBe(
      `x.json: layers[0]: "${field}" is ${value}; at most ${cap} is read (docs/weights.md, Limits)`,
    );
  });

  it('in_channels of a million', () => {
    expect(refusal(load('c.json', layersWithChannels(1_000_000)))).toBe(
      'c.json: layers[0]: "in_channels" is 1000000; at most 8192 is read (docs/weights.md, Limits)',
    );
  });

  it('a kernel that reaches more than 4096 frames', () => {
    const doc = { layers: [{ kernel_size: 5, dilation: 1025, weight: [[[1, 1, 1, 1, 1]]] }] };
    expect(refusal(load('r.json', json(doc)))).toBe(
      'r.json: layers[0]: "dilation" is 1025; at most 1024 is read (docs/weights.md, Limits)',
    );
    const wide = { layers: [{ kernel_size: 1000, dilation: 5, weight: [[Array(1000).fill(0)]] }] };
    expect(refusal(load('w.json', json(wide)))).toBe(
      'w.json: layers[0]: dilation 5 × (kernel_size 1000 − 1) reaches 4995 frames; at most 4096 are read',
    );
  });

  it('more than 256 layers', () => {
    const doc = { layers: Array.from({ length: 257 }, () => ({ weight: [[[1]]] })) };
    expect(refusal(load('l.json', json(doc)))).toBe(
      'l.json: "layers" lists 257 layers; at most 256 are read',
    );
  });
});

describe('an architecture document (--arch) gets the same caps', () => {
  const doc = (layer: Record<string, unknown>) => json({ layers: [{ weight: 'w', ...layer }] });
  const tensors = new Map([
    ['w', { dtype: 'float32' as const, shape: [1, 80, 1], data: new Float32Array(80) }],
  ]);

  it('padding 1e8 is refused when the kernel is known', () => {
    const template = parseArchitectureDocument(doc({ padding: 1e8 }), 'arch.json');
    expect(refusal(() => resolveArchitecture(template, tensors))).toBe(
      'arch.json: layers[0]: "padding" 100000000 is more than the kernel\'s reach, dilation × (kernel_size − 1) = 0: the extra output frames would see only zeros',
    );
  });

  it('a stride above its cap, and too many layers, before any tensor is looked up', () => {
    expect(refusal(() => parseArchitectureDocument(doc({ stride: 5000 }), 'arch.json'))).toBe(
      'arch.json: layers[0]: "stride" is 5000; at most 1024 is read (docs/weights.md, Limits)',
    );
    const many = json({ layers: Array.from({ length: 257 }, () => ({ weight: 'w' })) });
    expect(refusal(() => parseArchitectureDocument(many, 'arch.json'))).toBe(
      'arch.json: "layers" lists 257 layers; at most 256 are read',
    );
  });
});
