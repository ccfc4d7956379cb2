import { describe, expect, it } from 'vitest';
import { API_TABLE } from '../../../shared/api/table';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  return 'no error';
}

describe('the microscope’s table rows check their arguments', () => {
  it('explain takes an input or a text source and integer indices', () => {
    const input = { weightsId: 'w', source: { kind: 'input', inputId: 'i' }, layer: 2, channel: 3, frame: 4 };
    expect(API_TABLE.explain.validate([input])).toEqual([input]);
    const text = { ...input, source: { kind: 'text', text: 'hello', cleaners: 'english' } };
    expect(API_TABLE.explain.validate([text])).toEqual([text]);
    expect(messageOf(() => API_TABLE.explain.validate([{ ...input, frame: 1.5 }]))).toBe(
      'InvalidArgumentError: request.frame must be an integer, got number 1.5',
    );
    expect(
      messageOf(() =>
        API_TABLE.explain.validate([{ ...text, source: { kind: 'text', text: 'x', cleaners: 'german' } }]),
      ),
    ).toBe(
      "InvalidArgumentError: request.source.cleaners must be one of 'basic', 'english', got string 'german'",
    );
    expect(
      messageOf(() =>
        API_TABLE.explain.validate([{ ...input, source: { kind: 'input', inputId: 'i', path: '/etc' } }]),
      ),
    ).toBe(
      "InvalidArgumentError: request.source has an unexpected field 'path' (allowed: kind, inputId, text, cleaners)",
    );
  });

  it('textRun refuses empty and overlong text', () => {
    const request = { weightsId: 'w', text: 'hi', cleaners: 'basic' };
    expect(API_TABLE.textRun.validate([request])).toEqual([request]);
    expect(messageOf(() => API_TABLE.textRun.validate([{ ...request, text: '' }]))).toBe(
      "InvalidArgumentError: request.text must be 1…2000 characters, got string ''",
    );
    expect(messageOf(() => API_TABLE.textRun.validate([{ ...request, text: 'a'.repeat(2001) }]))).toBe(
      'InvalidArgumentError: request.text must be 1…2000 characters, got a string of 2001 characters',
    );
  });

  it('layerFilters, tensorStats and exportTensor', () => {
    expect(API_TABLE.layerFilters.validate([{ weightsId: 'w', stack: 'text-encoder', layer: 0 }])).toEqual([
      { weightsId: 'w', stack: 'text-encoder', layer: 0 },
    ]);
    expect(
      messageOf(() => API_TABLE.layerFilters.validate([{ weightsId: 'w', stack: 'decoder', layer: 0 }])),
    ).toBe(
      "InvalidArgumentError: request.stack must be one of 'loaded', 'text-encoder', got string 'decoder'",
    );
    expect(API_TABLE.tensorStats.validate(['w'])).toEqual(['w']);
    expect(messageOf(() => API_TABLE.tensorStats.validate([]))).toBe(
      'InvalidArgumentError: tensorStats takes 1 argument(s), got 0',
    );
    const request = { weightsId: 'w', key: 'postnet.convolutions.0.0.conv.weight', format: 'csv' };
    expect(API_TABLE.exportTensor.validate([request])).toEqual([request]);
    expect(messageOf(() => API_TABLE.exportTensor.validate([{ ...request, format: 'npz' }]))).toBe(
      "InvalidArgumentError: request.format must be one of 'npy', 'csv', got string 'npz'",
    );
  });
});
