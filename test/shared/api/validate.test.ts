import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../shared/api/errors';
import {
  describeValue,
  expectArgCount,
  expectArray,
  expectBytes,
  expectInteger,
  expectNumber,
  expectOneOf,
  expectRecord,
  expectString,
} from '../../../shared/api/validate';
import { thrownBy } from '../../helpers/rejection';

describe('primitive validators', () => {
  it('accept values of the right type and range and return them', () => {
    expect(expectString('a.wav', 'name')).toBe('a.wav');
    expect(expectNumber(0.5, 'x', 0, 1)).toBe(0.5);
    expect(expectInteger(80, 'nMels', 1, 4096)).toBe(80);
    expect(expectOneOf('npz', 'format', ['npy', 'npz'] as const)).toBe('npz');
    expect(expectArray([1, 2], 'list', 2)).toEqual([1, 2]);
    expect(expectBytes(Buffer.from([1, 2]), 'png', 10).length).toBe(2);
    expect(expectRecord({ a: 1 }, 'r', ['a', 'b'])).toEqual({ a: 1 });
    expect(() => expectArgCount([1, 2], 'open', 2, 3)).not.toThrow();
  });

  it('fail clearly with InvalidArgumentError naming the argument, the expectation and the value', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => expectString(3, 'source.paths[0]'), /^source\.paths\[0\] must be a string, got number 3$/],
      [() => expectString('', 'name'), /^name must be 1…4096 characters, got string ''$/],
      [() => expectNumber(Number.NaN, 'fMinHz'), /^fMinHz must be a finite number, got number NaN$/],
      [() => expectNumber(-1, 'fMinHz', 0), /^fMinHz must be a number in \[0, Infinity\], got number -1$/],
      [() => expectInteger(2.5, 'nMels'), /^nMels must be an integer, got number 2\.5$/],
      [
        () => expectOneOf('wav', 'format', ['npy', 'npz']),
        /^format must be one of 'npy', 'npz', got string 'wav'$/,
      ],
      [() => expectArray({}, 'ids', 4), /^ids must be an array, got a object$/],
      [() => expectArray([1, 2, 3], 'ids', 2), /^ids must be at most 2 items, got an array of 3$/],
      [() => expectBytes([1, 2], 'png', 10), /^png must be a Uint8Array, got an array of 2$/],
      [() => expectBytes(new Uint8Array(11), 'png', 10), /^png holds 11 bytes, more than the 10 allowed$/],
      [() => expectRecord(null, 'request', []), /^request must be an object, got null$/],
      [() => expectRecord({ path: '/etc' }, 'source', ['kind']), /^source has an unexpected field 'path'/],
      [() => expectArgCount([], 'remel', 2), /^remel takes 2 argument\(s\), got 0$/],
    ];
    for (const [run, message] of cases) {
      const error = thrownBy(run);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.name).toBe('InvalidArgumentError');
      expect(error.message).toMatch(message);
    }
  });

  it('describeValue shortens long strings and names typed arrays', () => {
    expect(describeValue('x'.repeat(100))).toBe('a string of 100 characters');
    expect(describeValue(new Float32Array(2))).toBe('a Float32Array');
    expect(describeValue(undefined)).toBe('nothing');
  });
});
