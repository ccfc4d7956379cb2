/**
 * Writes pickles opcode by opcode (protocol 2 unless told), for tests that need pickles CPython
 * would not write: malicious ones, damaged ones, torch.save archives with wrong sizes.
 */
import { strToU8 } from 'fflate';
import { writeZip } from '../../shared/formats/zip';

export class PickleWriter {
  private readonly out: number[] = [];

  constructor(protocol = 2) {
    if (protocol >= 2) this.out.push(0x80, protocol);
  }

  raw(...bytes: number[]): this {
    this.out.push(...bytes);
    return this;
  }

  /** GLOBAL `module\nname\n`. */
  global(module: string, name: string): this {
    return this.raw(0x63, ...strToU8(`${module}\n${name}\n`));
  }

  /** SHORT_BINUNICODE, module, SHORT_BINUNICODE, name, STACK_GLOBAL (protocol 4). */
  stackGlobal(module: string, name: string): this {
    return this.str(module, true).str(name, true).raw(0x93);
  }

  /** BINUNICODE (or SHORT_BINUNICODE). */
  str(text: string, short = false): this {
    const bytes = strToU8(text);
    if (short) return this.raw(0x8c, bytes.length, ...bytes);
    return this.raw(0x58, ...u32(bytes.length), ...bytes);
  }

  /** BININT1 / BININT2 / BININT for small ints, LONG1 otherwise. */
  int(value: number | bigint): this {
    const n = BigInt(value);
    if (n >= 0n && n < 256n) return this.raw(0x4b, Number(n));
    if (n >= 0n && n < 65536n) return this.raw(0x4d, Number(n) & 0xff, Number(n) >> 8);
    if (n >= -(2n ** 31n) && n < 2n ** 31n) return this.raw(0x4a, ...u32(Number(BigInt.asUintN(32, n))));
    const bytes: number[] = [];
    let rest = n;
    do {
      bytes.push(Number(BigInt.asUintN(8, rest)));
      rest >>= 8n;
    } while (!(rest === 0n && bytes.at(-1)! < 0x80) && !(rest === -1n && bytes.at(-1)! >= 0x80));
    return this.raw(0x8a, bytes.length, ...bytes);
  }

  float(value: number): this {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, false);
    return this.raw(0x47, ...bytes);
  }

  none(): this {
    return this.raw(0x4e);
  }

  bool(value: boolean): this {
    return this.raw(value ? 0x88 : 0x89);
  }

  mark(): this {
    return this.raw(0x28);
  }

  tuple(): this {
    return this.raw(0x74);
  }

  emptyTuple(): this {
    return this.raw(0x29);
  }

  emptyDict(): this {
    return this.raw(0x7d);
  }

  emptyList(): this {
    return this.raw(0x5d);
  }

  setItems(): this {
    return this.raw(0x75);
  }

  reduce(): this {
    return this.raw(0x52);
  }

  build(): this {
    return this.raw(0x62);
  }

  persid(): this {
    return this.raw(0x51);
  }

  /** The pickle, with STOP. */
  done(): Uint8Array {
    return Uint8Array.from([...this.out, 0x2e]);
  }
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** One tensor of a crafted state_dict: a view of storage `storage` (`FloatStorage`…). */
export interface CraftedTensor {
  key: string;
  storage: string;
  storageType?: string;
  /** Elements the persistent id says the storage holds. */
  numel: number;
  offset?: number;
  size: number[];
  stride: number[];
}

/** `{key: _rebuild_tensor_v2(persistent_load(('storage', torch.<type>, storage, 'cpu', numel)), …)}`. */
export function stateDictPickle(tensors: readonly CraftedTensor[]): Uint8Array {
  return writeStateDict(new PickleWriter(), tensors).done();
}

/** A trainer's checkpoint: `{...numbers, [under]: state_dict}` (train.py: `under` = 'state_dict'). */
export function checkpointPickle(
  tensors: readonly CraftedTensor[],
  under: string,
  numbers: Readonly<Record<string, number>>,
): Uint8Array {
  const w = new PickleWriter().emptyDict().mark();
  for (const [key, value] of Object.entries(numbers)) {
    w.str(key);
    if (Number.isInteger(value)) w.int(value);
    else w.float(value);
  }
  w.str(under);
  return writeStateDict(w, tensors).setItems().done();
}

function writeStateDict(w: PickleWriter, tensors: readonly CraftedTensor[]): PickleWriter {
  w.global('collections', 'OrderedDict').emptyTuple().reduce().mark();
  for (const t of tensors) {
    w.str(t.key).global('torch._utils', '_rebuild_tensor_v2').mark();
    w.mark()
      .str('storage')
      .global('torch', t.storageType ?? 'FloatStorage')
      .str(t.storage)
      .str('cpu')
      .int(t.numel);
    w.tuple()
      .persid()
      .int(t.offset ?? 0);
    w.mark();
    for (const d of t.size) w.int(d);
    w.tuple().mark();
    for (const s of t.stride) w.int(s);
    w.tuple().bool(false).global('collections', 'OrderedDict').emptyTuple().reduce().tuple().reduce();
  }
  return w.setItems();
}

/** A TensorMap as crafted tensors (one storage each, float32) and the records holding their bytes. */
export function craftedFromTensors(
  tensors: ReadonlyMap<string, { shape: readonly number[]; data: ArrayLike<number> }>,
): { tensors: CraftedTensor[]; records: Record<string, Uint8Array> } {
  const crafted: CraftedTensor[] = [];
  const records: Record<string, Uint8Array> = {};
  let i = 0;
  for (const [key, tensor] of tensors) {
    const storage = String(i++);
    const stride = tensor.shape.map((_, axis) => tensor.shape.slice(axis + 1).reduce((a, b) => a * b, 1));
    crafted.push({ key, storage, numel: tensor.data.length, size: [...tensor.shape], stride });
    records[storage] = f32Bytes(Array.from(tensor.data));
  }
  return { tensors: crafted, records };
}

/** A torch.save zip: `<top>/data.pkl`, `<top>/data/<key>` records, `<top>/version`. */
export function torchZip(
  pickle: Uint8Array,
  records: Record<string, Uint8Array>,
  top = 'archive',
): Uint8Array {
  const members = [
    { name: `${top}/data.pkl`, data: pickle },
    ...Object.entries(records).map(([key, data]) => ({ name: `${top}/data/${key}`, data })),
    { name: `${top}/version`, data: strToU8('3\n') },
  ];
  return writeZip(members, { compress: false });
}

/** float32 values as little-endian bytes. */
export function f32Bytes(values: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}
