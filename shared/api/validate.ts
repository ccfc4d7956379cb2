/**
 * Hand-written checks for values that arrive from the renderer. Each returns the value typed (a
 * fresh copy for objects, so nothing unexpected rides along) or throws `InvalidArgumentError`
 * naming the argument, what was expected and what came.
 */
import { InvalidArgumentError } from './errors';

/** A short description of a value for error messages: `number 3`, `an object`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : `string '${value}'`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'undefined':
      return 'nothing';
    default:
      return `a ${typeof value}`;
  }
}

function fail(what: string, expected: string, value: unknown): never {
  throw new InvalidArgumentError(`${what} must be ${expected}, got ${describeValue(value)}`);
}

export function expectString(value: unknown, what: string, maxLength = 4096): string {
  if (typeof value !== 'string') fail(what, 'a string', value);
  if (value.length === 0 || value.length > maxLength) fail(what, `1…${maxLength} characters`, value);
  return value;
}

export function expectBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') fail(what, 'true or false', value);
  return value;
}

/** A finite number in `[min, max]`. */
export function expectNumber(value: unknown, what: string, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(what, 'a finite number', value);
  if (value < min || value > max) fail(what, `a number in [${min}, ${max}]`, value);
  return value;
}

/** An integer in `[min, max]`. */
export function expectInteger(value: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(what, 'an integer', value);
  if (value < min || value > max) fail(what, `an integer in [${min}, ${max}]`, value);
  return value;
}

export function expectOneOf<T extends string>(value: unknown, what: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(what, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}

/** A plain object whose keys are all in `allowed`; returns it as a record to read fields from. */
export function expectRecord(
  value: unknown,
  what: string,
  allowed: readonly string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    fail(what, 'an object', value);
  }
  const record = value as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => !allowed.includes(key));
  if (unknownKey !== undefined) {
    throw new InvalidArgumentError(
      `${what} has an unexpected field '${unknownKey}' (allowed: ${allowed.join(', ')})`,
    );
  }
  return record;
}

export function expectArray(value: unknown, what: string, maxLength: number): readonly unknown[] {
  if (!Array.isArray(value)) fail(what, 'an array', value);
  if (value.length > maxLength) fail(what, `at most ${maxLength} items`, value);
  return value;
}

/** A `Uint8Array` (a Node `Buffer` is one) of at most `maxBytes`. */
export function expectBytes(value: unknown, what: string, maxBytes: number): Uint8Array {
  if (Object.prototype.toString.call(value) !== '[object Uint8Array]') fail(what, 'a Uint8Array', value);
  const bytes = value as Uint8Array;
  if (bytes.byteLength > maxBytes) {
    throw new InvalidArgumentError(
      `${what} holds ${bytes.byteLength} bytes, more than the ${maxBytes} allowed`,
    );
  }
  return bytes;
}

/** Checks the number of arguments an API call received. */
export function expectArgCount(args: readonly unknown[], what: string, min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min}–${max}`;
    throw new InvalidArgumentError(`${what} takes ${expected} argument(s), got ${args.length}`);
  }
}
