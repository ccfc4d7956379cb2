/**
 * A restricted unpickler for pickle protocols 2–5: it builds plain data (pickle-values.ts) and
 * never runs anything. Globals go through `hooks.global`, which answers from an allow-list or
 * throws; REDUCE and NEWOBJ may only call what it returned; BUILD only sets the (ignored)
 * attributes of an OrderedDict; APPEND only extends lists and SETITEM only fills dicts. Opcodes a
 * state_dict never needs (INST, OBJ, EXT*, NEWOBJ_EX, out-of-band buffers, protocol 0 text forms)
 * are refused. The same restrictions as PyTorch's `weights_only=True` unpickler (torch 1.13
 * `_weights_only_unpickler.py`), plus the protocol 4/5 framing and short forms.
 */
import { strFromU8 } from 'fflate';
import { UnsafePickleError, WeightsFormatError } from '../errors';
import { PickleReader } from './pickle-reader';
import {
  dictSet,
  describeValue,
  isDict,
  isSequence,
  keyText,
  newDict,
  typeName,
  type PyValue,
} from './pickle-values';

export interface PickleHooks {
  /** GLOBAL / STACK_GLOBAL `module.name`: an allowed value, or throw (UnsafePickleError). */
  global(module: string, name: string): PyValue;
  /** BINPERSID: what a persistent id (a torch storage) stands for. */
  persistentLoad(pid: PyValue): PyValue;
}

export interface Unpickled {
  value: PyValue;
  /** Byte offset just after the STOP opcode (the next pickle in a legacy torch.save file starts here). */
  end: number;
}

/** Opcodes refused by name (the rest of the unknown ones are refused by number). */
const REFUSED: Readonly<Record<number, string>> = {
  0x69: "INST (build an object of a named class: 'i')",
  0x6f: "OBJ (build an object of a class: 'o')",
  0x82: 'EXT1 (a copyreg extension)',
  0x83: 'EXT2 (a copyreg extension)',
  0x84: 'EXT4 (a copyreg extension)',
  0x92: 'NEWOBJ_EX (build an object with keyword arguments)',
  0x97: 'NEXT_BUFFER (out-of-band data)',
  0x98: 'READONLY_BUFFER (out-of-band data)',
  0x50: "PERSID (a text persistent id: 'P', protocol 0)",
};

/**
 * Unpickles one pickle starting at `start`. `where` names it in messages (`model.pt: data.pkl`).
 * Throws WeightsFormatError for damaged data and UnsafePickleError for what it refuses to do.
 */
export function unpickle(bytes: Uint8Array, start: number, hooks: PickleHooks, where: string): Unpickled {
  return new Machine(bytes, start, hooks, where).run();
}

class Machine extends PickleReader {
  private stack: PyValue[] = [];
  private readonly marks: PyValue[][] = [];
  private readonly memo = new Map<number, PyValue>();

  constructor(
    bytes: Uint8Array,
    start: number,
    private readonly hooks: PickleHooks,
    where: string,
  ) {
    super(bytes, start, where);
  }

  run(): Unpickled {
    for (;;) {
      if (this.pos >= this.bytes.length) {
        throw new WeightsFormatError(
          `${this.where}: truncated pickle: it ends at byte ${this.pos} before its STOP opcode`,
        );
      }
      this.at = this.pos;
      const op = this.bytes[this.pos++]!;
      if (op === 0x2e /* STOP . */) return { value: this.pop(), end: this.pos };
      this.step(op);
    }
  }

  /** One opcode; a switch with a case per opcode, in the order of CPython's pickle.py tables. */
  private step(op: number): void {
    switch (op) {
      case 0x80 /* PROTO */: {
        const version = this.u8();
        if (version < 2 || version > 5) this.malformed(`pickle protocol ${version} (2 to 5 are read)`);
        return;
      }
      case 0x95 /* FRAME */:
        this.length(8);
        return;
      case 0x28 /* MARK ( */:
        this.marks.push(this.stack);
        this.stack = [];
        return;
      case 0x4e /* NONE N */:
        return this.push(null);
      case 0x88 /* NEWTRUE */:
        return this.push(true);
      case 0x89 /* NEWFALSE */:
        return this.push(false);
      case 0x4b /* BININT1 K */:
        return this.push(this.u8());
      case 0x4d /* BININT2 M */:
        return this.push(this.u16());
      case 0x4a /* BININT J */:
        return this.push(this.i32());
      case 0x8a /* LONG1 */:
        return this.push(this.long(this.u8()));
      case 0x8b /* LONG4 */:
        return this.push(this.long(this.length(4)));
      case 0x47 /* BINFLOAT G */:
        return this.push({ kind: 'float', value: this.f64() });
      case 0x58 /* BINUNICODE X */:
        return this.push(strFromU8(this.slice(this.length(4))));
      case 0x8c /* SHORT_BINUNICODE */:
        return this.push(strFromU8(this.slice(this.u8())));
      case 0x8d /* BINUNICODE8 */:
        return this.push(strFromU8(this.slice(this.length(8))));
      case 0x55 /* SHORT_BINSTRING U */:
        return this.push(this.latin1(this.u8()));
      case 0x54 /* BINSTRING T */:
        return this.push(this.latin1(this.length(4)));
      case 0x43 /* SHORT_BINBYTES C */:
        return this.push({ kind: 'bytes', value: this.slice(this.u8()) });
      case 0x42 /* BINBYTES B */:
        return this.push({ kind: 'bytes', value: this.slice(this.length(4)) });
      case 0x8e /* BINBYTES8 */:
      case 0x96 /* BYTEARRAY8 */:
        return this.push({ kind: 'bytes', value: this.slice(this.length(8)) });
      case 0x29 /* EMPTY_TUPLE ) */:
        return this.push({ kind: 'tuple', items: [] });
      case 0x85 /* TUPLE1 */:
        return this.push({ kind: 'tuple', items: this.popN(1) });
      case 0x86 /* TUPLE2 */:
        return this.push({ kind: 'tuple', items: this.popN(2) });
      case 0x87 /* TUPLE3 */:
        return this.push({ kind: 'tuple', items: this.popN(3) });
      case 0x74 /* TUPLE t */:
        return this.push({ kind: 'tuple', items: this.popMark() });
      case 0x5d /* EMPTY_LIST ] */:
        return this.push({ kind: 'list', items: [] });
      case 0x6c /* LIST l */:
        return this.push({ kind: 'list', items: this.popMark() });
      case 0x7d /* EMPTY_DICT } */:
        return this.push(newDict(false));
      case 0x64 /* DICT d */: {
        const dict = newDict(false);
        this.setItems(dict, this.popMark());
        return this.push(dict);
      }
      case 0x8f /* EMPTY_SET */:
        return this.push({ kind: 'set', items: [] });
      case 0x91 /* FROZENSET */:
        return this.push({ kind: 'set', items: this.hashed(this.popMark()) });
      case 0x90 /* ADDITEMS */: {
        const items = this.hashed(this.popMark());
        const target = this.top();
        if (!isSequence(target, 'set')) this.unsafe(`ADDITEMS to ${typeName(target)} (only sets take items)`);
        target.items.push(...items);
        return;
      }
      case 0x61 /* APPEND a */:
        return this.appendTo(this.popN(1));
      case 0x65 /* APPENDS e */:
        return this.appendTo(this.popMark());
      case 0x73 /* SETITEM s */: {
        const pair = this.popN(2);
        return this.setItems(this.dictOnTop(), pair);
      }
      case 0x75 /* SETITEMS u */: {
        const items = this.popMark();
        return this.setItems(this.dictOnTop(), items);
      }
      case 0x30 /* POP 0 */:
        if (this.stack.length > 0) this.stack.pop();
        else this.popMark();
        return;
      case 0x31 /* POP_MARK 1 */:
        this.popMark();
        return;
      case 0x32 /* DUP 2 */:
        return this.push(this.top());
      case 0x71 /* BINPUT q */:
        this.memo.set(this.u8(), this.top());
        return;
      case 0x72 /* LONG_BINPUT r */:
        this.memo.set(this.u32(), this.top());
        return;
      case 0x94 /* MEMOIZE */:
        this.memo.set(this.memo.size, this.top());
        return;
      case 0x68 /* BINGET h */:
        return this.push(this.recall(this.u8()));
      case 0x6a /* LONG_BINGET j */:
        return this.push(this.recall(this.u32()));
      case 0x63 /* GLOBAL c */: {
        const module = this.line();
        return this.push(this.hooks.global(module, this.line()));
      }
      case 0x93 /* STACK_GLOBAL */: {
        const [module, name] = this.popN(2);
        if (typeof module !== 'string' || typeof name !== 'string') {
          this.malformed(`STACK_GLOBAL needs two strings, found ${typeName(module!)} and ${typeName(name!)}`);
        }
        return this.push(this.hooks.global(module, name));
      }
      case 0x51 /* BINPERSID Q */:
        return this.push(this.hooks.persistentLoad(this.pop()));
      case 0x52 /* REDUCE R */: {
        const [callable, args] = this.popTwo();
        if (
          typeof callable !== 'object' ||
          callable === null ||
          callable.kind !== 'callable' ||
          !callable.call
        ) {
          this.unsafe(`REDUCE (a call) of ${describeValue(callable!)}: only allowed functions may be called`);
        }
        if (!isSequence(args, 'tuple'))
          this.malformed(`REDUCE arguments are ${typeName(args!)}, not a tuple`);
        return this.push(callable.call(args.items));
      }
      case 0x81 /* NEWOBJ */: {
        const [cls, args] = this.popTwo();
        if (typeof cls !== 'object' || cls === null || cls.kind !== 'callable' || !cls.construct) {
          this.unsafe(
            `NEWOBJ (building an object) of ${describeValue(cls!)}: only torch.nn.Parameter may be built`,
          );
        }
        if (!isSequence(args, 'tuple'))
          this.malformed(`NEWOBJ arguments are ${typeName(args!)}, not a tuple`);
        return this.push(cls.construct(args.items));
      }
      case 0x62 /* BUILD b */: {
        const state = this.pop();
        const target = this.top();
        if (!isDict(target) || !target.ordered) {
          this.unsafe(
            `BUILD (setting the state of) ${describeValue(target)}: only an OrderedDict's attributes may be set`,
          );
        }
        if (state !== null && !isDict(state)) this.malformed(`BUILD state is ${typeName(state)}, not a dict`);
        return; // an OrderedDict's attributes (`_metadata`: module versions) are not needed
      }
      default: {
        const name = REFUSED[op];
        if (name) this.unsafe(`opcode ${hex(op)} ${name}, which a state_dict never needs`);
        this.malformed(`unknown or unsupported opcode ${hex(op)} (${describeOpcode(op)})`);
      }
    }
  }

  private push(value: PyValue): void {
    this.stack.push(value);
  }

  private top(): PyValue {
    if (this.stack.length === 0) this.malformed('the stack is empty');
    return this.stack[this.stack.length - 1]!;
  }

  private pop(): PyValue {
    if (this.stack.length === 0) this.malformed('the stack is empty');
    return this.stack.pop()!;
  }

  private popN(n: number): PyValue[] {
    if (this.stack.length < n) this.malformed(`${n} values needed, the stack holds ${this.stack.length}`);
    return this.stack.splice(this.stack.length - n, n);
  }

  /** The top two values, the deeper one first (popN(2) checked there are two). */
  private popTwo(): [PyValue, PyValue] {
    const [first, second] = this.popN(2);
    return [first!, second!];
  }

  private popMark(): PyValue[] {
    const items = this.stack;
    const previous = this.marks.pop();
    if (!previous) this.malformed('no MARK to pop to');
    this.stack = previous;
    return items;
  }

  private dictOnTop() {
    const target = this.top();
    if (!isDict(target)) this.unsafe(`SETITEM on ${typeName(target)} (only dicts take items)`);
    return target;
  }

  private setItems(dict: ReturnType<typeof newDict>, items: PyValue[]): void {
    if (items.length % 2 !== 0)
      this.malformed(`an odd number of values (${items.length}) for key/value pairs`);
    for (let i = 0; i < items.length; i += 2) dictSet(dict, items[i]!, items[i + 1]!);
  }

  private appendTo(items: PyValue[]): void {
    const target = this.top();
    if (!isSequence(target, 'list')) this.unsafe(`APPEND to ${typeName(target)} (only lists take items)`);
    for (const item of items) target.items.push(item);
  }

  /** Set members must be hashable, as in Python (and this rejects tensors as members). */
  private hashed(items: PyValue[]): PyValue[] {
    for (const item of items) keyText(item);
    return items;
  }

  private recall(index: number): PyValue {
    const value = this.memo.get(index);
    if (value === undefined) this.malformed(`memo entry ${index} was never stored`);
    return value;
  }

  protected malformed(what: string): never {
    throw new WeightsFormatError(`${this.where}: malformed pickle at byte ${this.at}: ${what}`);
  }

  private unsafe(what: string): never {
    throw new UnsafePickleError(
      `${this.where}: refused: the pickle asks for ${what} (byte ${this.at}); nothing was run`,
    );
  }
}

function hex(op: number): string {
  return `0x${op.toString(16).padStart(2, '0')}`;
}

function describeOpcode(op: number): string {
  return op >= 0x20 && op < 0x7f ? `'${String.fromCharCode(op)}'` : 'not a protocol 2–5 opcode';
}
