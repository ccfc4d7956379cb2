import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, currentResult, workspaceReducer } from '../../../renderer/src/state/workspace';
import { syntheticInput, syntheticResult, syntheticWeights } from '../fakes';

describe('workspace reducer', () => {
  const input = syntheticInput('a', 20);
  const weights = syntheticWeights('w');
  const shown = workspaceReducer(INITIAL_STATE, {
    type: 'shown',
    input,
    weights,
    result: syntheticResult(input, 'w'),
  });

  it('shown commits input, weights and result together', () => {
    expect(shown.input).toBe(input);
    expect(shown.weights).toBe(weights);
    expect(currentResult(shown)?.inputId).toBe('a');
  });

  it('a failure keeps the previous view and shows the error', () => {
    const failed = workspaceReducer(shown, {
      type: 'failed',
      error: { action: 'Opening broken.wav', name: 'WavFormatError', message: 'not a RIFF file' },
    });
    expect(failed.input).toBe(input);
    expect(failed.result).toBe(shown.result);
    expect(failed.error?.name).toBe('WavFormatError');
  });

  it('fails clearly when the result belongs to other weights: currentResult is null', () => {
    const stale = { ...shown, weights: syntheticWeights('other') };
    expect(currentResult(stale)).toBeNull();
  });

  it('job progress updates only a running job', () => {
    const progress = { jobId: 1, kind: 'process' as const, label: 'conv 3 of 5', fraction: 0.6 };
    expect(workspaceReducer(shown, { type: 'job-progress', progress }).job).toBeNull();
    const running = workspaceReducer(shown, { type: 'job-started', kind: 'process', label: 'Processing' });
    expect(workspaceReducer(running, { type: 'job-progress', progress }).job).toEqual({
      kind: 'process',
      label: 'Processing',
      step: 'conv 3 of 5',
      fraction: 0.6,
    });
  });

  it('selected layer stays inside the new weights’ layers', () => {
    const selected = workspaceReducer(shown, { type: 'select-layer', layer: 1 });
    const fewer = { ...syntheticWeights('w2'), layers: [syntheticWeights('w2').layers[0]!] };
    expect(
      workspaceReducer(selected, { type: 'shown', input, weights: fewer, result: null }).selectedLayer,
    ).toBe(0);
  });
});
