import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, currentLayerOutput, workspaceReducer } from '../../../renderer/src/state/workspace';
import { syntheticInput, syntheticResult, syntheticWeights, wholeLayerOutput } from '../fakes';

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
    expect(shown.result?.inputId).toBe('a');
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

describe('workspace reducer: the layer-output pane', () => {
  const input = syntheticInput('a', 20);
  const weights = syntheticWeights('w');
  const shown = workspaceReducer(INITIAL_STATE, { type: 'shown', input, weights, result: null });
  const output = {
    inputId: 'a',
    weightsId: 'w',
    inputRevision: input.revision,
    activations: wholeLayerOutput(1, 80, 20, 0),
  };

  it('show-layer selects the layer and opens its pane; hide-layer closes it', () => {
    const open = workspaceReducer(shown, { type: 'show-layer', layer: 1 });
    expect([open.selectedLayer, open.layerPane]).toEqual([1, 1]);
    const closed = workspaceReducer(open, { type: 'hide-layer' });
    expect([closed.selectedLayer, closed.layerPane]).toEqual([1, null]);
  });

  it('the fetched output shows while it matches input, weights and layer', () => {
    const open = workspaceReducer(shown, { type: 'show-layer', layer: 1 });
    const fetched = workspaceReducer(open, { type: 'layer-output', output });
    expect(currentLayerOutput(fetched)).toBe(output.activations);
    expect(currentLayerOutput(workspaceReducer(fetched, { type: 'show-layer', layer: 0 }))).toBeNull();
  });

  it('fails clearly (shows nothing) for an input re-analysed in place: same id, another revision', () => {
    const open = workspaceReducer(workspaceReducer(shown, { type: 'show-layer', layer: 1 }), {
      type: 'layer-output',
      output,
    });
    const remelled = { ...input, revision: input.revision + 1000 }; // the same data would not matter: revisions decide
    const after = workspaceReducer(open, { type: 'shown', input: remelled, weights, result: null });
    expect(currentLayerOutput(after)).toBeNull();
    expect(after.layerOutput).toBeNull(); // let go, not kept for nothing
  });

  it('new weights with fewer layers close a pane that no longer exists', () => {
    const open = workspaceReducer(shown, { type: 'show-layer', layer: 1 });
    const fewer = { ...syntheticWeights('w2'), layers: [syntheticWeights('w2').layers[0]!] };
    expect(
      workspaceReducer(open, { type: 'shown', input, weights: fewer, result: null }).layerPane,
    ).toBeNull();
  });

  it('weights-ready fills an empty panel and never replaces loaded weights', () => {
    const ready = workspaceReducer(INITIAL_STATE, { type: 'weights-ready', weights });
    expect(ready.weights).toBe(weights);
    expect(workspaceReducer(ready, { type: 'weights-ready', weights: syntheticWeights('x') }).weights).toBe(
      weights,
    );
  });
});
