import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnsafePickleError, WeightsFormatError } from '../../../shared/errors';
import { unpickle, type PickleHooks } from '../../../shared/formats/pickle';
import type { PyValue } from '../../../shared/formats/pickle-values';
import { torchGlobal } from '../../../shared/formats/torch-globals';
import { pyFloatRepr } from '../../../shared/model/py-repr';
import { fixturePath } from '../../helpers/fixtures';
import { PickleWriter } from '../../helpers/pickle-writer';

interface PickleCase {
  name: string;
  hex: string;
  value?: unknown;
  refused?: string;
}

const CASES: PickleCase[] = JSON.parse(readFileSync(fixturePath('checkpoints', 'pickles.json'), 'utf8'));

/** The hooks torch.load's restricted unpickler would have, without storages. */
const HOOKS: PickleHooks = {
  global: (module, name) => torchGlobal(module, name, 'test.pkl'),
  persistentLoad: () => {
    throw new Error('no persistent ids in these pickles');
  },
};

function load(bytes: Uint8Array): PyValue {
  return unpickle(bytes, 0, HOOKS, 'test.pkl').value;
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!.map((byte) => parseInt(byte, 16)));
}

/** The value in the tagged JSON form make_fixtures.py writes. */
function tagged(value: PyValue): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return { int: String(value) };
  if (typeof value === 'string') return { str: value };
  switch (value.kind) {
    case 'float':
      return { float: pyFloatRepr(value.value) };
    case 'bytes':
      return { bytes: Array.from(value.value, (b) => b.toString(16).padStart(2, '0')).join('') };
    case 'tuple':
    case 'list':
    case 'set':
      return { [value.kind]: value.items.map(tagged) };
    case 'dict':
      return {
        [value.ordered ? 'odict' : 'dict']: [...value.entries.values()].map(([k, v]) => [
          tagged(k),
          tagged(v),
        ]),
      };
    default:
      return { other: value.kind };
  }
}

describe('unpickle reads what CPython pickles with protocols 2 to 5', () => {
  it.each(CASES.filter((c) => c.value !== undefined).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const value = load(fromHex(c.hex));
    if (c.name.startsWith('batched')) {
      // list(range(1100)) and {i: i for i in range(1100)}: more than one APPENDS/SETITEMS batch
      const [list, dict] = (tagged(value) as { list: [{ list: unknown[] }, { dict: unknown[][] }] }).list;
      expect(list.list).toEqual(Array.from({ length: 1100 }, (_, i) => ({ int: String(i) })));
      expect(dict.dict).toEqual(
        Array.from({ length: 1100 }, (_, i) => [{ int: String(i) }, { int: String(i) }]),
      );
      return;
    }
    expect(tagged(value)).toEqual(c.value);
  });

  it('keeps shared references shared (the memo): [x, x] holds the same list twice', () => {
    const value = load(fromHex(CASES.find((c) => c.name === 'shared protocol 2')!.hex));
    if (typeof value !== 'object' || value === null || value.kind !== 'list') throw new Error('not a list');
    expect(value.items[0]).toBe(value.items[1]);
  });

  it('ends at the STOP opcode, so a second pickle can follow (the legacy torch.save layout)', () => {
    const first = new PickleWriter().int(7).done();
    const second = new PickleWriter().str('next').done();
    const both = new Uint8Array([...first, ...second]);
    const one = unpickle(both, 0, HOOKS, 'two.pkl');
    expect(one).toEqual({ value: 7, end: first.length });
    expect(unpickle(both, one.end, HOOKS, 'two.pkl').value).toBe('next');
  });
});

describe('unpickle refuses, naming the global, and runs nothing', () => {
  it.each(CASES.filter((c) => c.refused !== undefined).map((c) => [c.name, c.refused!, c] as const))(
    '%s (%s)',
    (_, name, c) => {
      expect(() => load(fromHex(c.hex))).toThrow(UnsafePickleError);
      expect(() => load(fromHex(c.hex))).toThrow(`the Python global '${name}'`);
    },
  );

  it.each([
    [
      'GLOBAL os.system',
      new PickleWriter().global('os', 'system').str('touch x').raw(0x85).reduce(),
      'os.system',
    ],
    [
      'GLOBAL builtins.eval',
      new PickleWriter().global('builtins', 'eval').str('1').raw(0x85).reduce(),
      'builtins.eval',
    ],
    [
      'STACK_GLOBAL subprocess.Popen',
      new PickleWriter(4).stackGlobal('subprocess', 'Popen'),
      'subprocess.Popen',
    ],
    ['torch.load itself', new PickleWriter().global('torch', 'load'), 'torch.load'],
    [
      'a torch function',
      new PickleWriter().global('torch._utils', '_rebuild_from_type_v2'),
      'torch._utils._rebuild_from_type_v2',
    ],
  ])('%s', (_, writer, name) => {
    const bytes = writer.done();
    expect(() => load(bytes)).toThrow(UnsafePickleError);
    expect(() => load(bytes)).toThrow(
      new RegExp(`the Python global '${name.replace('.', '\\.')}'.*Nothing was run`),
    );
  });

  it('says what os.system and eval would do', () => {
    expect(() => load(new PickleWriter().global('posix', 'system').done())).toThrow(
      "refused: the pickle asks for the Python global 'posix.system' (it would run a shell command); a state_dict " +
        'needs only tensors, storages, dtypes and OrderedDict, and anything else could run code. Nothing was run',
    );
    expect(() => load(new PickleWriter().global('builtins', 'eval').done())).toThrow(
      '(it would evaluate Python code)',
    );
  });

  it.each([
    ['INST', new PickleWriter().mark().raw(0x69, ...new TextEncoder().encode('os\nsystem\n')), /INST/],
    ['OBJ', new PickleWriter().mark().raw(0x6f), /OBJ/],
    ['EXT1', new PickleWriter().raw(0x82, 1), /EXT1 \(a copyreg extension\)/],
    ['NEWOBJ_EX', new PickleWriter().raw(0x92), /NEWOBJ_EX/],
    [
      'REDUCE of a tuple',
      new PickleWriter().emptyTuple().emptyTuple().reduce(),
      /REDUCE \(a call\) of tuple of 0 items/,
    ],
    [
      'REDUCE of a dtype',
      new PickleWriter().global('torch', 'float32').emptyTuple().reduce(),
      /REDUCE \(a call\) of torch\.float32/,
    ],
    [
      'NEWOBJ of OrderedDict',
      new PickleWriter().global('collections', 'OrderedDict').emptyTuple().raw(0x81),
      /NEWOBJ/,
    ],
    [
      'BUILD on a list',
      new PickleWriter().emptyList().emptyDict().build(),
      /BUILD \(setting the state of\) list/,
    ],
    [
      'BUILD on a plain dict',
      new PickleWriter().emptyDict().emptyDict().build(),
      /BUILD .* dict of 0 entries/,
    ],
    ['APPEND to a dict', new PickleWriter().emptyDict().int(1).raw(0x61), /APPEND to dict/],
    ['SETITEM on a list', new PickleWriter().emptyList().int(1).int(2).raw(0x73), /SETITEM on list/],
    ['a persistent id that is not a storage', new PickleWriter().str('module').raw(0x85).persid(), null],
  ])('%s', (name, writer, message) => {
    const hooks: PickleHooks = {
      ...HOOKS,
      persistentLoad: () => {
        throw new UnsafePickleError('refused: a persistent id that is not a storage');
      },
    };
    const run = () => unpickle(writer.done(), 0, hooks, 'x.pkl');
    expect(run, name).toThrow(UnsafePickleError);
    if (message) expect(run).toThrow(message);
  });
});

describe('unpickle fails clearly on damaged pickles', () => {
  it.each([
    [
      'no STOP',
      Uint8Array.of(0x80, 2, 0x4b, 1),
      /truncated pickle: it ends at byte 4 before its STOP opcode/,
    ],
    [
      'a string longer than the file',
      Uint8Array.of(0x80, 2, 0x58, 0xff, 0xff, 0, 0, 0x61),
      /declares 65535 bytes, 1 are left/,
    ],
    [
      'BININT cut short',
      Uint8Array.of(0x80, 2, 0x4a, 1, 2),
      /the opcode at byte 2 needs 4 more bytes, 2 are left/,
    ],
    ['an empty stack', Uint8Array.of(0x80, 2, 0x2e), /malformed pickle at byte 2: the stack is empty/],
    ['a memo entry never stored', Uint8Array.of(0x80, 2, 0x68, 9, 0x2e), /memo entry 9 was never stored/],
    ['TUPLE without MARK', Uint8Array.of(0x80, 2, 0x4b, 1, 0x74, 0x2e), /no MARK to pop to/],
    ['protocol 6', Uint8Array.of(0x80, 6, 0x4e, 0x2e), /pickle protocol 6 \(2 to 5 are read\)/],
    [
      'a text opcode of protocol 0',
      Uint8Array.of(0x80, 2, 0x49, 0x31, 0x0a, 0x2e),
      /unsupported opcode 0x49 \('I'\)/,
    ],
    [
      'a list as a dict key',
      Uint8Array.of(0x80, 2, 0x7d, 0x5d, 0x4b, 1, 0x73, 0x2e),
      /list of 0 items cannot be a dict key/,
    ],
    [
      'an integer of 100 bytes',
      Uint8Array.of(0x80, 2, 0x8a, 100, ...new Array(100).fill(1), 0x2e),
      /an integer of 100 bytes/,
    ],
  ])('%s', (_, bytes, message) => {
    expect(() => load(bytes)).toThrow(WeightsFormatError);
    expect(() => load(bytes)).toThrow(message);
  });

  it('refuses a dict key nested 40 tuples deep rather than recursing', () => {
    const w = new PickleWriter().emptyDict().int(0);
    for (let i = 0; i < 40; i++) w.raw(0x85);
    const bytes = w.int(1).raw(0x73).done();
    expect(() => load(bytes)).toThrow(/a dict key nests tuples more than 32 deep/);
  });
});
