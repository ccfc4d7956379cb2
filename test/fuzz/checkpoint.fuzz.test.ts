/**
 * Seeded fuzzing of the checkpoint readers (fast-check): every case parses, or throws one of the
 * project's named errors, quickly, and never returns more values than its budget allows. Inputs are
 * random opcode streams, torch.save archives with random tensor views, and mutations of the real
 * fixtures (for zip archives, the data.pkl is mutated and re-zipped, so the CRC does not reject it
 * before the unpickler sees it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostnetError } from '../../shared/errors';
import { parseArchitectureDocument } from '../../shared/formats/arch-json';
import { unpickle } from '../../shared/formats/pickle';
import { parseSafetensors } from '../../shared/formats/safetensors';
import { torchGlobal } from '../../shared/formats/torch-globals';
import { readWeightSet } from '../../shared/weights/read';
import { extractZipEntry, readZipEntries, writeZip } from '../../shared/formats/zip';
import { readFixture } from '../helpers/fixtures';
import { stateDictPickle, torchZip } from '../helpers/pickle-writer';

const SEED = 13;
/** Each case must finish well within this (a guard against hangs, not a speed target). */
const CASE_MS = 2000;

/** Runs `parse`: it must return, or throw a PostnetError; returns what it returned (or null). */
function parsesOrNamedError<T>(parse: () => T): T | null {
  const start = performance.now();
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof PostnetError)) throw error;
    return null;
  } finally {
    expect(performance.now() - start).toBeLessThan(CASE_MS);
  }
}

/** The values a file's tensors hold, which the readers bound to 4 per byte plus 2^20. */
function checkBudget(bytes: Uint8Array) {
  const set = parsesOrNamedError(() => readWeightSet([{ name: 'fuzz.pt', bytes }]));
  if (!set) return;
  let values = 0;
  for (const tensor of set.tensors.values()) values += tensor.data.length;
  expect(values).toBeLessThanOrEqual(4 * bytes.length + (1 << 20));
}

/** Bytes with a few of them replaced, some cut off or inserted. */
const mutation = (length: number) =>
  fc.record({
    edits: fc.array(fc.record({ at: fc.nat({ max: length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), {
      minLength: 1,
      maxLength: 8,
    }),
    cut: fc.option(fc.nat({ max: length }), { nil: undefined }),
    insert: fc.option(fc.record({ at: fc.nat({ max: length }), bytes: fc.uint8Array({ maxLength: 16 }) }), {
      nil: undefined,
    }),
  });

function mutate(
  bytes: Uint8Array,
  m: { edits: { at: number; byte: number }[]; cut?: number; insert?: { at: number; bytes: Uint8Array } },
) {
  let out = bytes.slice();
  for (const { at, byte } of m.edits) out[at] = byte;
  if (m.insert)
    out = new Uint8Array([...out.subarray(0, m.insert.at), ...m.insert.bytes, ...out.subarray(m.insert.at)]);
  if (m.cut !== undefined) out = out.subarray(0, m.cut);
  return out;
}

/** The archive with its data.pkl replaced (CRCs recomputed). */
function withPickle(archive: Uint8Array, pickle: Uint8Array): Uint8Array {
  const entries = readZipEntries(archive, 'a');
  return writeZip(
    entries.map((e) => ({
      name: e.name,
      data: e.name.endsWith('data.pkl') ? pickle : extractZipEntry(archive, e, 'a'),
    })),
    { compress: false },
  );
}

function pickleOf(archive: Uint8Array): Uint8Array {
  const entry = readZipEntries(archive, 'a').find((e) => e.name.endsWith('data.pkl'))!;
  return extractZipEntry(archive, entry, 'a').slice();
}

const OPCODES = [
  0x28, 0x29, 0x2e, 0x30, 0x31, 0x32, 0x47, 0x4a, 0x4b, 0x4d, 0x4e, 0x51, 0x52, 0x58, 0x5d, 0x61, 0x62, 0x65,
  0x68, 0x6a, 0x71, 0x72, 0x73, 0x74, 0x75, 0x7d, 0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8c, 0x8f, 0x90,
  0x91, 0x93, 0x94, 0x95, 0x43, 0x42, 0x55, 0x69, 0x6f, 0x82,
];
const NAMES = [
  'collections\nOrderedDict\n',
  'torch._utils\n_rebuild_tensor_v2\n',
  'torch\nFloatStorage\n',
  'os\nsystem\n',
  'torch\nSize\n',
];

/** A random stream of opcodes with small arguments, some GLOBALs among them. */
const opcodeStream = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...OPCODES), fc.uint8Array({ maxLength: 4 })),
      fc.tuple(
        fc.constant(0x63),
        fc.constantFrom(...NAMES).map((n) => new TextEncoder().encode(n)),
      ),
    ),
    { maxLength: 60 },
  )
  .map((ops) => Uint8Array.from([0x80, 2, ...ops.flatMap(([op, args]) => [op, ...args]), 0x2e]));

describe('fuzzing the checkpoint readers (seeded): parse or a named error, in bounded time and values', () => {
  it('the unpickler on random opcode streams', () => {
    const hooks = {
      global: (m: string, n: string) => torchGlobal(m, n, 'fuzz'),
      persistentLoad: () => null,
    };
    fc.assert(
      fc.property(opcodeStream, (bytes) => {
        parsesOrNamedError(() => unpickle(bytes, 0, hooks, 'fuzz'));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('torch.save archives with random tensor views over random records', () => {
    const view = fc.record({
      numel: fc.nat({ max: 64 }),
      offset: fc.nat({ max: 80 }),
      size: fc.array(fc.nat({ max: 1 << 12 }), { maxLength: 4 }),
      stride: fc.array(fc.nat({ max: 1 << 12 }), { maxLength: 4 }),
      storageType: fc.constantFrom(
        'FloatStorage',
        'HalfStorage',
        'BFloat16Storage',
        'LongStorage',
        'BoolStorage',
        'ComplexFloatStorage',
      ),
      record: fc.nat({ max: 300 }),
    });
    fc.assert(
      fc.property(fc.array(view, { minLength: 1, maxLength: 3 }), (views) => {
        const tensors = views.map((v, i) => ({ key: `t${i}`, storage: String(i), ...v }));
        const records = Object.fromEntries(views.map((v, i) => [String(i), new Uint8Array(v.record)]));
        checkBudget(torchZip(stateDictPickle(tensors), records));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it.each(['postnet_zip.pt', 'checkpoint_1000', 'strided.pt'])('mutations of %s’s data.pkl', (file) => {
    const archive = readFixture('checkpoints', file);
    const pickle = pickleOf(archive);
    fc.assert(
      fc.property(mutation(pickle.length), (m) => checkBudget(withPickle(archive, mutate(pickle, m)))),
      { seed: SEED, numRuns: 150 },
    );
  });

  it.each([
    'postnet_legacy.pt',
    'strided_legacy.pt',
    'evil_legacy.pt',
    'postnet.safetensors',
    'postnet_bf16.safetensors',
  ])('mutations of the whole of %s', (file) => {
    const bytes = readFixture('checkpoints', file);
    fc.assert(
      fc.property(mutation(bytes.length), (m) => checkBudget(mutate(bytes, m))),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('safetensors headers with random entries', () => {
    const entry = fc.record({
      dtype: fc.constantFrom('F32', 'F16', 'BF16', 'I64', 'BOOL', 'U8', 'F8_E4M3', 'X'),
      shape: fc.array(fc.integer({ min: -1, max: 1 << 20 }), { maxLength: 3 }),
      data_offsets: fc.tuple(fc.integer({ min: -1, max: 80 }), fc.integer({ min: -1, max: 80 })),
    });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), entry, { maxKeys: 4 }),
        fc.nat({ max: 80 }),
        (header, bufferLength) => {
          const json = new TextEncoder().encode(JSON.stringify(header));
          const bytes = new Uint8Array(8 + json.length + bufferLength);
          new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
          bytes.set(json, 8);
          parsesOrNamedError(() => parseSafetensors(bytes, 'fuzz.safetensors'));
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('architecture documents: mutations of the --arch fixture', () => {
    const bytes = readFixture('checkpoints', 'conv_stack.arch.json');
    fc.assert(
      fc.property(mutation(bytes.length), (m) => {
        parsesOrNamedError(() => parseArchitectureDocument(mutate(bytes, m), 'fuzz.json'));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
