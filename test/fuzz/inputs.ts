/**
 * fast-check arbitraries for the fuzz properties: valid seed files of every format the parsers
 * read, and byte-level mutations of them that aim at what parsers trust (size and count fields set
 * to 0, 1, 2^31, 0xFFFFFFFF…, truncation, insertion, repetition). JSON gets structural mutations
 * too: deep nesting, extreme numbers, the NaN/Infinity tokens.
 */
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { encodeNpy } from '../../shared/formats/npy';
import { encodeNpz } from '../../shared/formats/npz';
import type { Tensor, TensorMap } from '../../shared/tensor';
import { makeWav, packFloats, pcm16Wav } from '../helpers/make-wav';

const wave = (n: number, scale: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.round(scale * Math.sin(i / 5)));

/** Small WAVs of each kind parseWav reads: PCM 8/16/24, float 32, A-law, extensible, stereo, RIFX. */
export const WAV_SEEDS: readonly Uint8Array[] = [
  pcm16Wav(wave(1200, 9000)),
  pcm16Wav(wave(800, 9000), 16000, 2),
  makeWav({ bitsPerSample: 8, data: Uint8Array.from(wave(1000, 100), (v) => v + 128) }),
  makeWav({
    formatTag: 3,
    bitsPerSample: 32,
    data: packFloats(
      wave(600, 1).map((v) => v / 2),
      32,
    ),
  }),
  makeWav({
    formatTag: 6,
    bitsPerSample: 8,
    sampleRateHz: 8000,
    data: Uint8Array.from(wave(900, 120), (v) => v & 0xff),
  }),
  makeWav({ extensible: true, bitsPerSample: 24, data: new Uint8Array(1500 * 3) }),
  makeWav({ bigEndian: true, data: new Uint8Array(1000 * 2), sampleRateHz: 44100 }),
];

const tensor = (dtype: Tensor['dtype'], shape: number[], values: (i: number) => number): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float64' || dtype === 'int64' ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = values(i);
  return { dtype, shape, data };
};

/** A small post-net-shaped state_dict (2 layers, 8 bands, kernel 5), as TensorMap. */
export function smallStateDict(): TensorMap {
  const map: TensorMap = new Map();
  for (let l = 0; l < 2; l++) {
    const p = `postnet.convolutions.${l}`;
    const out = l === 0 ? 6 : 8;
    const inn = l === 0 ? 8 : 6;
    map.set(
      `${p}.0.conv.weight`,
      tensor('float32', [out, inn, 5], (i) => Math.sin(i) / 10),
    );
    map.set(
      `${p}.0.conv.bias`,
      tensor('float32', [out], () => 0.01),
    );
    map.set(
      `${p}.1.weight`,
      tensor('float32', [out], () => 1),
    );
    map.set(
      `${p}.1.bias`,
      tensor('float32', [out], () => 0),
    );
    map.set(
      `${p}.1.running_mean`,
      tensor('float32', [out], () => 0),
    );
    map.set(
      `${p}.1.running_var`,
      tensor('float32', [out], () => 1),
    );
    map.set(
      `${p}.1.num_batches_tracked`,
      tensor('int64', [], () => 7),
    );
  }
  return map;
}

/** `.npy` files: several dtypes and ranks, and a Fortran-order header. */
export const NPY_SEEDS: readonly Uint8Array[] = [
  encodeNpy(tensor('float32', [8, 30], (i) => Math.cos(i) - 6)),
  encodeNpy(tensor('float32', [1, 8, 12], (i) => i / 7)),
  encodeNpy(tensor('float64', [3, 4, 5], (i) => i)),
  encodeNpy(tensor('int64', [], () => 3)),
  encodeNpy(tensor('float16', [17], (i) => i / 3)),
  strToU8(
    "\x93NUMPY\x01\x00v\x00{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }" +
      ' '.repeat(53) +
      '\n',
  ),
];

/** `.npz` archives, stored and deflated. */
export const NPZ_SEEDS: readonly Uint8Array[] = [
  encodeNpz(smallStateDict()),
  encodeNpz(smallStateDict(), { compress: true }),
  encodeNpz(new Map([['x', tensor('float32', [8, 20], (i) => i)]]), { compress: true }),
];

/** Weights JSON: a nested-list state_dict, the {shape, data} form, and the explicit layer form. */
export const JSON_SEEDS: readonly string[] = [
  JSON.stringify({
    state_dict: Object.fromEntries(
      [...smallStateDict()]
        .filter(([key]) => !key.endsWith('num_batches_tracked'))
        .map(([key, t]) => [key, { shape: t.shape, data: Array.from(t.data) }]),
    ),
  }),
  JSON.stringify({ 'layer.weight': [[[0.1, 0.2, 0.3]], [[0.4, 0.5, 0.6]]], 'layer.bias': [0, 1] }),
  JSON.stringify({
    format: 'postnet-studio.conv1d-stack',
    residual: true,
    layers: [
      {
        padding: 1,
        activation: 'tanh',
        weight: Array.from({ length: 8 }, (_, o) =>
          Array.from({ length: 8 }, (_, i) => [0, o === i ? 0.5 : 0, 0]),
        ),
        bias: new Array(8).fill(0),
        batch_norm: { eps: 1e-5, running_mean: new Array(8).fill(0), running_var: new Array(8).fill(1) },
      },
    ],
  }),
];

/** Values that size and count fields are tested with. */
const INTERESTING_U32 = [
  0, 1, 2, 3, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
];

/**
 * Where a mutation lands: headers sit in the first bytes (RIFF, .npy) or the last (a ZIP's central
 * directory and end record), so positions favour both ends; any byte may still be chosen.
 */
type Position = { from: 'start' | 'end' | 'any'; n: number };
const position: fc.Arbitrary<Position> = fc.oneof(
  fc.record({ from: fc.constant('start' as const), n: fc.nat({ max: 63 }) }),
  fc.record({ from: fc.constant('end' as const), n: fc.nat({ max: 2047 }) }),
  fc.record({ from: fc.constant('any' as const), n: fc.nat() }),
);

type Mutation =
  | { kind: 'byte'; at: Position; value: number }
  | { kind: 'u32'; at: Position; value: number }
  | { kind: 'truncate'; at: Position }
  | { kind: 'insert'; at: Position; bytes: Uint8Array }
  | { kind: 'repeat'; at: Position; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('u32' as const),
    at: position,
    value: fc.oneof(fc.constantFrom(...INTERESTING_U32), fc.nat({ max: 0xffffffff })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: position,
    length: fc.integer({ min: 1, max: 64 }),
    times: fc.integer({ min: 1, max: 64 }),
  }),
);

function offset(p: Position, length: number, width: number): number {
  const room = Math.max(1, length - width + 1);
  if (p.from === 'start') return p.n < room ? p.n : p.n % room;
  if (p.from === 'end') return Math.max(0, room - 1 - (p.n % room));
  return p.n % room;
}

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (bytes.length === 0) return m.kind === 'insert' ? m.bytes : bytes;
  const at = offset(m.at, bytes.length, m.kind === 'u32' ? 4 : 1);
  switch (m.kind) {
    case 'byte': {
      const out = bytes.slice();
      out[at] = m.value;
      return out;
    }
    case 'u32': {
      const out = bytes.slice();
      if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, m.value, true);
      return out;
    }
    case 'truncate':
      return bytes.slice(0, at);
    case 'insert':
      return new Uint8Array([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    case 'repeat': {
      const piece = bytes.subarray(at, at + m.length);
      const parts = [
        bytes.subarray(0, at),
        ...Array.from({ length: m.times }, () => piece),
        bytes.subarray(at),
      ];
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const part of parts) {
        out.set(part, o);
        o += part.length;
      }
      return out;
    }
  }
}

/**
 * The byte offsets of the size, count, rate and offset fields a seed's format declares: where a
 * lie does the most harm. RIFF: channels, rate, block align, bits, the data chunk's size; `.npy`:
 * the header length; ZIP: every local and central size and offset, and the end record's counts.
 */
export function declaredFields(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = String.fromCharCode(...bytes.subarray(0, 4));
  if (text === 'RIFF' || text === 'RIFX') return [4, 22, 24, 28, 32, 34, 40];
  if (bytes[0] === 0x93) return [8];
  const fields: number[] = [];
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) fields.push(at + 18, at + 22, at + 26);
    else if (signature === 0x02014b50) fields.push(at + 20, at + 24, at + 28, at + 42);
    else if (signature === 0x06054b50) fields.push(at + 8, at + 10, at + 12, at + 16);
  }
  return fields;
}

/** A seed file, then up to 6 mutations of it, bytes anywhere or its declared fields (none: the seed itself). */
export function mutatedFrom(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const fieldLie = (seed: Uint8Array) =>
    fc
      .tuple(
        fc.constantFrom(...declaredFields(seed), 0),
        fc.oneof(fc.constantFrom(...INTERESTING_U32), fc.nat()),
      )
      .map(([at, value]) => ({ kind: 'u32' as const, at: { from: 'start' as const, n: at }, value }));
  return fc
    .constantFrom(...seeds)
    .chain((seed) =>
      fc
        .array(fc.oneof(mutation, fieldLie(seed)), { maxLength: 6 })
        .map((mutations) => mutations.reduce(apply, seed)),
    );
}

/** JSON values aimed at the weights walkers: deep lists, ragged lists, extreme numbers, objects. */
const extremeNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 3.5e38, 2 ** 53, -(2 ** 31), 1e300),
  fc.integer({ min: -10, max: 10 }),
);
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    extremeNumber,
    fc.boolean(),
    fc.constantFrom(null, 'x', 'same', 'valid', 'tanh', 'postnet.convolutions.0.0.conv.weight'),
    fc.array(tie('json'), { maxLength: 5 }),
    fc.dictionary(
      fc.constantFrom(
        'weight',
        'bias',
        'shape',
        'data',
        'layers',
        'padding',
        'stride',
        'dilation',
        'kernel_size',
        'in_channels',
        'format',
        'batch_norm',
        'running_var',
        'eps',
      ),
      tie('json'),
      { maxKeys: 5 },
    ),
  ),
}));

/** A JSON text: a seed mutated as bytes, a random document, a deep nest, or NaN/Infinity tokens. */
export const jsonText: fc.Arbitrary<Uint8Array> = fc.oneof(
  mutatedFrom(JSON_SEEDS.map((text) => strToU8(text))),
  json.map((value) => strToU8(JSON.stringify({ w: value }))),
  fc
    .integer({ min: 1, max: 5000 })
    .map((depth) => strToU8(`{"w": ${'['.repeat(depth)}1${']'.repeat(depth)}}`)),
  fc
    .constantFrom('{"w": [NaN, 1]}', '{"w": [[Infinity]]}', '{"w": -Infinity}', '{"a": {"b": [1, 2, 3]}}')
    .map(strToU8),
);

/** `.npy` header texts for the Python-literal parser: seeds mutated, and nests of brackets. */
export const pyLiteralText: fc.Arbitrary<string> = fc.oneof(
  mutatedFrom([strToU8("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }")]).map((bytes) =>
    String.fromCharCode(...bytes),
  ),
  fc
    .tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('(', '[', '{'))
    .map(([depth, open]) => open.repeat(depth)),
  fc.string({ maxLength: 200 }),
);
