/** A result filling in: parts of any order land at their frames; which frames are in; when it is whole. */
import { describe, expect, it } from 'vitest';
import { addRange, createResultFill, isFilled } from '../../../renderer/src/app/result-fill';
import type { ResultPart } from '../../../shared/api/contract';
import { syntheticInput, syntheticWeights } from '../fakes';

const input = syntheticInput('speech', 10, 2);
const weights = syntheticWeights('w');

function part(start: number, end: number, overrides: Partial<ResultPart> = {}): ResultPart {
  const frames = end - start;
  const values = (offset: number) => Float32Array.from({ length: 2 * frames }, (_, i) => offset + i);
  return {
    stream: 7,
    inputId: input.id,
    inputRevision: input.revision,
    weightsId: 'w',
    start,
    end,
    nMels: 2,
    residual: values(100 + start),
    output: values(200 + start),
    ...overrides,
  };
}

describe('result fill', () => {
  it('merges ranges, adjacent ones joining', () => {
    expect(addRange([{ start: 0, end: 3 }], { start: 3, end: 5 })).toEqual([{ start: 0, end: 5 }]);
    expect(addRange([{ start: 6, end: 8 }], { start: 0, end: 2 })).toEqual([
      { start: 0, end: 2 },
      { start: 6, end: 8 },
    ]);
    expect(isFilled({ ranges: [{ start: 0, end: 5 }] }, 1, 4)).toBe(true);
  });

  it('starts as NaN, places each part at its frames row by row, and completes when every frame is in', async () => {
    const fill = createResultFill(input, weights, 7);
    expect(Number.isNaN(fill.output[0]!)).toBe(true);
    expect(fill.add(part(6, 10))).toBe(true);
    expect(fill.filled()).toMatchObject({ frames: 4, totalFrames: 10 });
    expect(Number.isNaN(fill.output[0]!)).toBe(true); // frame 0 still pending
    expect(fill.add(part(0, 6))).toBe(true);
    await fill.complete;
    // Row 1 of the part [6, 10) starts at its value 4 (its 4 frames of row 0 come first).
    expect([fill.output[6], fill.output[10 + 6], fill.residual[10 + 9]]).toEqual([206, 210, 113]);
  });

  it('fails clearly (takes nothing) for a part of another run, input revision, weights or shape', () => {
    const fill = createResultFill(input, weights, 7);
    expect(fill.add(part(0, 5, { stream: 8 }))).toBe(false);
    expect(fill.add(part(0, 5, { inputRevision: input.revision + 1 }))).toBe(false);
    expect(fill.add(part(0, 5, { weightsId: 'other' }))).toBe(false);
    expect(fill.add(part(0, 5, { nMels: 3 }))).toBe(false);
    expect(fill.add(part(8, 12))).toBe(false); // past the end
    expect(fill.filled().frames).toBe(0);
  });
});
