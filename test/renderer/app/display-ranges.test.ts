import { beforeEach, describe, expect, it, vi } from 'vitest';
import { displayRanges } from '../../../renderer/src/app/panes';
import * as valueRange from '../../../renderer/src/render/value-range';
import { INITIAL_DISPLAY } from '../../../renderer/src/state/workspace';
import { syntheticInput, syntheticResult } from '../fakes';

// Count the passes over the data: the auto ranges read every value of input, output and residual.
vi.mock('../../../renderer/src/render/value-range', async (importOriginal) => {
  const actual = await importOriginal<typeof valueRange>();
  return {
    ...actual,
    percentileRange: vi.fn(actual.percentileRange),
    symmetricRange: vi.fn(actual.symmetricRange),
  };
});

const passes = () =>
  vi.mocked(valueRange.percentileRange).mock.calls.length +
  vi.mocked(valueRange.symmetricRange).mock.calls.length;

describe('auto display ranges', () => {
  beforeEach(() => vi.clearAllMocks());

  it('a colour-map change reuses the ranges of the same data (no new pass over it)', () => {
    const input = syntheticInput('speech', 300);
    const result = syntheticResult(input, 'w1', -0.5);
    const first = displayRanges(input, result, INITIAL_DISPLAY);
    expect(passes()).toBe(2);
    const again = displayRanges(input, result, { ...INITIAL_DISPLAY, colormap: 'viridis' });
    const back = displayRanges(input, result, { ...INITIAL_DISPLAY, rangeMode: 'fixed' });
    const auto = displayRanges(input, result, { ...INITIAL_DISPLAY, residualColormap: 'coolwarm' });
    expect(passes()).toBe(2);
    expect(again).toEqual(first);
    expect(auto).toEqual(first);
    expect(back.shared).toEqual(INITIAL_DISPLAY.fixedRange);
  });

  it('fails clearly when the data changed: another revision or other weights get their own ranges', () => {
    const input = syntheticInput('speech', 300);
    const before = displayRanges(input, syntheticResult(input, 'w1', -0.5), INITIAL_DISPLAY);
    const louder = syntheticResult(input, 'w2', 3);
    const after = displayRanges(input, louder, INITIAL_DISPLAY);
    expect(passes()).toBe(4);
    expect(after.residual.hi).toBeGreaterThan(before.residual.hi);
    expect(after.shared.hi).toBeGreaterThan(before.shared.hi);
  });

  it('a re-analysed input (same id, new revision) gets its own shared range, even with the same weights id', () => {
    const input = syntheticInput('speech', 300);
    displayRanges(input, syntheticResult(input, 'w1'), INITIAL_DISPLAY);
    const passesBefore = passes();
    const remelled = { ...input, revision: input.revision + 1000 };
    displayRanges(remelled, syntheticResult(remelled, 'w1'), INITIAL_DISPLAY);
    expect(passes()).toBe(passesBefore + 2);
  });

  it('fails clearly to mix a result of another revision into the shared range: the input alone counts', () => {
    const input = syntheticInput('speech', 300);
    const stale = syntheticResult(input, 'w1', 40); // computed on the previous revision
    const remelled = { ...input, revision: input.revision + 2000 };
    expect(displayRanges(remelled, stale, INITIAL_DISPLAY).shared).toEqual(
      displayRanges(remelled, null, INITIAL_DISPLAY).shared,
    );
  });
});
