import { describe, expect, it } from 'vitest';
import { displayRanges, formatSeconds, paneSpecs } from '../../../renderer/src/app/panes';
import { INITIAL_DISPLAY } from '../../../renderer/src/state/workspace';
import { syntheticInput, syntheticResult, syntheticWeights } from '../fakes';

describe('pane specs', () => {
  const input = syntheticInput('speech', 862);
  const weights = syntheticWeights('w1');
  const result = syntheticResult(input, 'w1', -0.5);

  it('headers say what each pane is, its shape, duration and mel preset', () => {
    const ranges = displayRanges(input, result, INITIAL_DISPLAY);
    const [inPane, outPane, resPane] = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges);
    expect(inPane!.header).toBe('input · [80, 862] · 10.0 s · tacotron2 mel · speech.wav');
    expect(outPane!.header).toBe(
      'output = input + residual · [80, 862] · untrained Tacotron 2 post-net (default)',
    );
    expect(resPane!.header).toMatch(
      /^residual = postnet\(input\) · \[80, 862\] · colours ±0\.500 · ran in 12 ms/,
    );
  });

  it('input and output share one range; the residual range is symmetric', () => {
    const ranges = displayRanges(input, result, INITIAL_DISPLAY);
    const [inPane, outPane, resPane] = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges);
    expect(inPane!.range).toBe(outPane!.range);
    expect(resPane!.range.lo).toBe(-resPane!.range.hi);
    expect(resPane!.decimation).toBe('absmax');
  });

  it('fixed mode uses the fixed range (default −11.5 … 2)', () => {
    const display = { ...INITIAL_DISPLAY, rangeMode: 'fixed' as const };
    const ranges = displayRanges(input, result, display);
    expect(ranges.shared).toEqual({ lo: -11.5, hi: 2 });
    expect(ranges.residual).toEqual({ lo: -2, hi: 2 });
  });

  it('fails clearly when the result does not fit the input: output and residual show a placeholder', () => {
    const other = syntheticResult(syntheticInput('other', 10), 'w1');
    const ranges = displayRanges(input, other, INITIAL_DISPLAY);
    const [, outPane, resPane] = paneSpecs(input, weights, other, INITIAL_DISPLAY, ranges);
    expect(outPane!.data).toBeNull();
    expect(resPane!.data).toBeNull();
    expect(outPane!.placeholder).toBe('not processed yet');
  });

  it('formatSeconds keeps two decimals under 10 s', () => {
    expect(formatSeconds(6.5227)).toBe('6.52 s');
    expect(formatSeconds(600)).toBe('600.0 s');
  });
});
