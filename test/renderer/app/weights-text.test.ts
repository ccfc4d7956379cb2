import { describe, expect, it } from 'vitest';
import type { TensorRow } from '../../../shared/api/contract';
import { tensorTableCaption, tensorsUsedText } from '../../../renderer/src/app/weights-text';

const row = (key: string, used: boolean): TensorRow => ({ key, shape: [2], numel: 2, used });
const postnet = Array.from({ length: 35 }, (_, i) => row(`postnet.t${i}`, true));
const checkpoint = [
  row('embedding.weight', false),
  ...postnet,
  ...Array.from({ length: 29 }, (_, i) => row(`encoder.t${i}`, false)),
];

describe('weights panel counts', () => {
  it('a whole checkpoint: the parameters are in 35 of the file’s 65 tensors', () => {
    expect(tensorsUsedText(checkpoint)).toBe('in 35 of the file’s 65 tensors');
    expect(tensorTableCaption(checkpoint)).toBe('state_dict (65 tensors, 35 used)');
  });

  it('a file with only the stack: no "of the file’s" wording', () => {
    expect(tensorsUsedText(postnet)).toBe('in 35 tensors');
    expect(tensorTableCaption(postnet)).toBe('state_dict (35 tensors)');
  });

  it('fails clearly on an empty list: zero tensors, not a division or "0 of 0"', () => {
    expect(tensorsUsedText([])).toBe('in 0 tensors');
    expect(tensorTableCaption([])).toBe('state_dict (0 tensors)');
  });
});
