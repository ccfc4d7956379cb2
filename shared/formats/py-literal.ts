/**
 * The subset of Python literal syntax an `.npy` header uses (`ast.literal_eval` of
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`): dicts, tuples, lists, strings,
 * integers (with Python 2's `L` suffix), True, False, None. Nesting deeper than
 * MAX_PY_LITERAL_DEPTH is refused before it is entered, so the recursion stays shallow.
 */
import { MAX_PY_LITERAL_DEPTH } from './limits';

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** Thrown with the position of the problem; the caller adds the file name. */
export class PyLiteralError extends Error {
  override name = 'PyLiteralError';
}

export function parsePyLiteral(text: string): PyValue {
  const parser = new Parser(text);
  const value = parser.value();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected text after the value');
  return value;
}

/** An integer at a position (sticky: matched where the parser stands, without slicing the text). */
const INTEGER = /[-+]?\d+L?/y;

class Parser {
  private pos = 0;
  /** Brackets open around the current position. */
  private depth = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(what: string): never {
    const near = this.text.slice(this.pos, this.pos + 20);
    throw new PyLiteralError(`${what} at character ${this.pos} (near "${near}")`);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  value(): PyValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.dict();
    if (c === '(') return this.sequence(')');
    if (c === '[') return this.sequence(']');
    if (c === "'" || c === '"') return this.string();
    if (c !== undefined && /[-+0-9]/.test(c)) return this.integer();
    for (const [word, value] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail('expected a value');
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) this.fail(`expected '${char}'`);
    this.pos++;
  }

  /** Items separated by commas, a trailing comma allowed, up to `close`. */
  private items(close: string, item: () => void): void {
    if (++this.depth > MAX_PY_LITERAL_DEPTH) {
      this.fail(`nested deeper than ${MAX_PY_LITERAL_DEPTH} levels`);
    }
    this.pos++; // the opening bracket
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) break;
      item();
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== close) this.fail(`expected ',' or '${close}'`);
    }
    this.pos++;
    this.depth--;
  }

  private dict(): { [key: string]: PyValue } {
    const result: { [key: string]: PyValue } = {};
    this.items('}', () => {
      const key = this.value();
      if (typeof key !== 'string') this.fail('dict keys must be strings');
      this.expect(':');
      result[key] = this.value();
    });
    return result;
  }

  private sequence(close: string): PyValue[] {
    const result: PyValue[] = [];
    this.items(close, () => result.push(this.value()));
    return result;
  }

  private string(): string {
    const quote = this.text[this.pos]!;
    let out = '';
    this.pos++;
    while (!this.atEnd() && this.text[this.pos] !== quote) {
      const c = this.text[this.pos++]!;
      if (c === '\\' && !this.atEnd()) out += this.text[this.pos++]!;
      else out += c;
    }
    if (this.atEnd()) this.fail('unterminated string');
    this.pos++;
    return out;
  }

  private integer(): number {
    INTEGER.lastIndex = this.pos;
    const match = INTEGER.exec(this.text);
    if (!match) return this.fail('expected an integer');
    this.pos += match[0].length;
    return Number.parseInt(match[0], 10);
  }
}
