import { describe, expect, it } from 'vitest';
import type { TensorRow } from '../../../shared/api/contract';
import {
  isBufferKey,
  keyParts,
  moduleLines,
  parametersText,
  tensorCounts,
  tensorTableCaption,
  warningParts,
} from '../../../renderer/src/app/weights-text';

const row = (key: string, used: boolean, numel = 2): TensorRow => ({ key, shape: [numel], numel, used });
/** One post-net block as NVIDIA's state_dict has it: conv weight and bias, BatchNorm γ, β and 3 buffers. */
const block = (i: number): TensorRow[] => [
  row(`postnet.convolutions.${i}.0.conv.weight`, true, 10),
  row(`postnet.convolutions.${i}.0.conv.bias`, true, 2),
  row(`postnet.convolutions.${i}.1.weight`, true, 2),
  row(`postnet.convolutions.${i}.1.bias`, true, 2),
  row(`postnet.convolutions.${i}.1.running_mean`, true, 2),
  row(`postnet.convolutions.${i}.1.running_var`, true, 2),
  row(`postnet.convolutions.${i}.1.num_batches_tracked`, true, 1),
];
const postnet = [0, 1, 2, 3, 4].flatMap(block);
const checkpoint = [
  row('embedding.weight', false, 100),
  ...postnet,
  ...Array.from({ length: 29 }, (_, i) => row(`encoder.t${i}`, false)),
];

describe('weights panel counts', () => {
  it('counts parameters apart from BatchNorm buffers, as model.parameters() does', () => {
    const counts = tensorCounts(postnet);
    expect(counts.parameters).toEqual({ tensors: 20, values: 5 * 16 });
    expect(counts.buffers).toEqual({ tensors: 15, values: 5 * 5 });
    expect(counts.unused).toEqual({ tensors: 0, values: 0 });
    expect(parametersText(postnet)).toBe('80 parameters + 15 buffers');
  });

  it('a whole checkpoint: the tensors the stack does not use are counted apart', () => {
    expect(tensorCounts(checkpoint).unused).toEqual({ tensors: 30, values: 100 + 29 * 2 });
    expect(parametersText(checkpoint)).toMatch(/ · 30 of the file’s 65 tensors not used$/);
    expect(tensorTableCaption(checkpoint)).toBe('state_dict (65 tensors, 35 used)');
  });

  it('a file with only the stack: no "of the file’s" wording', () => {
    expect(parametersText(postnet)).not.toContain('of the file');
    expect(tensorTableCaption(postnet)).toBe('state_dict (35 tensors)');
  });

  it('an empty list: zero parameters, no buffers, not "0 of 0"', () => {
    expect(parametersText([])).toBe('0 parameters');
    expect(tensorTableCaption([])).toBe('state_dict (0 tensors)');
  });

  it('one parameter and one buffer are singular', () => {
    expect(parametersText([row('w.weight', true, 1), row('bn.running_var', true, 1)])).toBe(
      '1 parameter + 1 buffer',
    );
  });

  it('buffers are the BatchNorm running statistics, by the last name only', () => {
    expect(isBufferKey('postnet.convolutions.0.1.running_var')).toBe(true);
    expect(isBufferKey('num_batches_tracked')).toBe(true);
    expect(isBufferKey('postnet.running_var_scale.weight')).toBe(false);
    expect(isBufferKey('postnet.convolutions.0.1.weight')).toBe(false);
  });
});

describe('weights panel text that must not break inside a name', () => {
  it('cuts a state_dict key after each dot, keeping every name whole', () => {
    expect(keyParts('postnet.convolutions.0.0.conv.weight')).toEqual([
      'postnet.',
      'convolutions.',
      '0.',
      '0.',
      'conv.',
      'weight',
    ]);
    expect(keyParts('weight')).toEqual(['weight']);
  });

  it('splits print(model) into lines with their indent', () => {
    expect(moduleLines('Postnet(\n  (convolutions): ModuleList(\n    (0): Conv1d(80, 512)\n)')).toEqual([
      { indent: 0, text: 'Postnet(' },
      { indent: 2, text: '(convolutions): ModuleList(' },
      { indent: 4, text: '(0): Conv1d(80, 512)' },
      { indent: 0, text: ')' },
    ]);
  });

  it('finds the quoted state_dict keys in a warning, and only dotted ones', () => {
    expect(warningParts("unused tensor 'module.embedding.weight' [148, 512]: not 'x'")).toEqual([
      { text: 'unused tensor ', key: false },
      { text: 'module.embedding.weight', key: true },
      { text: " [148, 512]: not 'x'", key: false },
    ]);
  });
});
