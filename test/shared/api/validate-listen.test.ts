import { MAX_GRIFFIN_LIM_ITERATIONS } from '../../../shared/audio-synthesis/griffin-lim';
import { MAX_SYNTHESIS_ITERATIONS } from '../../../shared/api/listen-types';
import { describe, expect, it } from 'vitest';
import { API_TABLE } from '../../../shared/api/table';
import { validateSynthesisRequest } from '../../../shared/api/validate-listen';
import { thrownBy } from '../../helpers/rejection';

function messageOf(run: () => unknown): string {
  const error = thrownBy(run);
  expect(error.name).toBe('InvalidArgumentError');
  return error.message;
}

describe('listening and built-in weights arguments', () => {
  it('a synthesis request of the input or of an output (with its weights) is accepted as given', () => {
    const input = { inputId: 'input-1', mel: 'input', iterations: 32 } as const;
    expect(validateSynthesisRequest(input)).toEqual(input);
    const output = { inputId: 'input-1', mel: 'output', weightsId: 'weights-2', iterations: 100 } as const;
    expect(API_TABLE.synthesize.validate([output])).toEqual([output]);
  });

  it('fails clearly on an output without weights, weights for the input, an unknown mel or iterations out of range', () => {
    expect(messageOf(() => validateSynthesisRequest({ inputId: 'a', mel: 'output', iterations: 60 }))).toBe(
      'request.weightsId is required to hear the output: whose output?',
    );
    expect(
      messageOf(() =>
        validateSynthesisRequest({ inputId: 'a', mel: 'input', weightsId: 'w', iterations: 60 }),
      ),
    ).toBe("request.weightsId is only for mel 'output'; the input's mel needs none");
    expect(
      messageOf(() => validateSynthesisRequest({ inputId: 'a', mel: 'residual', iterations: 60 })),
    ).toMatch(/request\.mel must be one of 'input', 'output'/);
    expect(messageOf(() => validateSynthesisRequest({ inputId: 'a', mel: 'input', iterations: 0 }))).toMatch(
      /request\.iterations must be an integer in \[1, 1000\], got/,
    );
    expect(
      messageOf(() => validateSynthesisRequest({ inputId: 'a', mel: 'input', iterations: 60, extra: 1 })),
    ).toMatch(/extra/);
  });

  it('defaultWeights takes nothing (the demo) or which built-in set; fails clearly on another name', () => {
    expect(API_TABLE.defaultWeights.validate([])).toEqual([]);
    expect(API_TABLE.defaultWeights.validate(['untrained'])).toEqual(['untrained']);
    expect(API_TABLE.defaultWeights.validate(['demo'])).toEqual(['demo']);
    expect(messageOf(() => API_TABLE.defaultWeights.validate(['trained']))).toMatch(
      /which must be one of 'demo', 'untrained'/,
    );
  });

  it('smooth and inputAudio take one input id', () => {
    expect(API_TABLE.smooth.validate(['input-3'])).toEqual(['input-3']);
    expect(API_TABLE.inputAudio.validate(['input-3'])).toEqual(['input-3']);
    expect(messageOf(() => API_TABLE.inputAudio.validate([7]))).toMatch(/inputId must be a string/);
  });
});

describe('the synthesis iteration limit', () => {
  it('is the Griffin-Lim limit, kept apart so the preload does not import the synthesis code', () => {
    expect(MAX_SYNTHESIS_ITERATIONS).toBe(MAX_GRIFFIN_LIM_ITERATIONS);
  });
});
