/**
 * A layer's output reduced to columns: each column is its frames' max (or value of largest
 * magnitude), counted from frame 0 of the whole run, so chunks reduced apart and assembled equal
 * the whole output reduced at once, bit for bit, whatever order the chunks arrive in.
 */
import { describe, expect, it } from 'vitest';
import { ColumnAssembly, columnsOf, reduceColumns } from '../../../shared/backend/columns';

/** `[channels, frames]` with values that differ everywhere (some negative, some large). */
function values(channels: number, frames: number): Float32Array {
  return Float32Array.from({ length: channels * frames }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 13)));
}

/** Frames [start, end) of `[channels, total]`, as a chunk holds them. */
function cut(data: Float32Array, channels: number, total: number, start: number, end: number): Float32Array {
  const out = new Float32Array(channels * (end - start));
  for (let c = 0; c < channels; c++)
    out.set(data.subarray(c * total + start, c * total + end), c * (end - start));
  return out;
}

describe('reduceColumns', () => {
  it('max and absmax over columns of `step` frames, the last one partial', () => {
    const data = new Float32Array([1, -5, 2, 0.5, -0.25, 3, -7]);
    const max = reduceColumns(data, 1, 0, 7, 3, 'max');
    expect([max.first, max.count, ...max.data]).toEqual([0, 3, 2, 3, -7]);
    const absmax = reduceColumns(data, 1, 0, 7, 3, 'absmax');
    expect([...absmax.data]).toEqual([-5, 3, -7]);
  });

  it('with step 1 the columns are the frames themselves (the same array, nothing copied)', () => {
    const data = values(2, 5);
    const columns = reduceColumns(data, 2, 10, 5, 1, 'max');
    expect(columns).toMatchObject({ step: 1, first: 10, count: 5 });
    expect(columns.data).toBe(data);
  });

  it('fails clearly on a step that is not a positive integer, or data of another shape', () => {
    expect(() => reduceColumns(values(1, 4), 1, 0, 4, 0, 'max')).toThrow(
      'column step must be a positive integer, got 0',
    );
    expect(() => reduceColumns(values(1, 4), 2, 0, 4, 2, 'max')).toThrow(
      'reduceColumns: data holds 4 values, [2, 4] needs 8',
    );
  });
});

describe('ColumnAssembly', () => {
  it.each(['max', 'absmax'] as const)(
    'chunks reduced apart and added in any order equal the whole reduced at once (%s)',
    (reduce) => {
      const channels = 3;
      const total = 100;
      const step = 7; // chunk edges 30 and 64 cut columns 4 and 9 in two
      const whole = values(channels, total);
      const expected = reduceColumns(whole, channels, 0, total, step, reduce);
      const assembly = new ColumnAssembly(channels, step, columnsOf({ start: 0, end: total }, step), reduce);
      for (const [start, end] of [
        [64, 100],
        [0, 30],
        [30, 64],
      ] as const) {
        assembly.add(
          reduceColumns(cut(whole, channels, total, start, end), channels, start, end - start, step, reduce),
        );
      }
      expect([...assembly.data]).toEqual([...expected.data]);
    },
  );

  it('keeps only the columns of its range', () => {
    const whole = values(1, 20);
    const assembly = new ColumnAssembly(1, 2, { start: 3, end: 6 }, 'max');
    assembly.add(reduceColumns(whole, 1, 0, 20, 2, 'max'));
    expect([...assembly.data]).toEqual([...reduceColumns(whole, 1, 0, 20, 2, 'max').data.subarray(3, 6)]);
  });

  it('fails clearly when a part has another step or channel count', () => {
    const assembly = new ColumnAssembly(2, 4, { start: 0, end: 3 }, 'max');
    expect(() => assembly.add(reduceColumns(values(2, 8), 2, 0, 8, 2, 'max'))).toThrow(
      'columns of step 2 × 2 channels do not fit an assembly of step 4 × 2',
    );
  });
});
