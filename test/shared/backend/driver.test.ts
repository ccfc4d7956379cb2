import { describe, expect, it } from 'vitest';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import type { Backend, RunProgress } from '../../../shared/backend/types';
import { CancelledError, ShapeMismatchError } from '../../../shared/errors';
import { buildStack } from '../../../shared/model/build';
import { initPostnetTensors } from '../../../shared/model/defaults';
import { SeededRandom } from '../../../shared/model/rng';
import type { Conv1dStack } from '../../../shared/model/types';

/** A three-layer 512-channel post-net: a 400-frame input takes several chunks per layer. */
const { stack } = buildStack(
  initPostnetTensors(new SeededRandom(5), { nMels: 80, embeddingDim: 512, kernelSize: 5, nConvolutions: 3 }),
);
const longInputFast = { nChannels: 80, nFrames: 400, data: new SeededRandom(6).fillUniform(80 * 400, -8, 0) };
const longInputReference = { nChannels: 80, nFrames: 100, data: longInputFast.data.subarray(0, 80 * 100) };
const shortInput = { nChannels: 80, nFrames: 12, data: new SeededRandom(7).fillUniform(80 * 12, -8, 0) };
const backends: Backend[] = [fastBackend, referenceBackend];

describe.each(backends)('$name run()', (backend) => {
  // The reference is ~8× slower: it gets a shorter input, still several chunks per layer.
  const longInput = backend === fastBackend ? longInputFast : longInputReference;

  it('reports progress per layer and finer within layers, rising to exactly 1', async () => {
    const events: RunProgress[] = [];
    await backend.run(stack, longInput, { onProgress: (p) => events.push({ ...p }) });
    expect(events.length).toBeGreaterThan(stack.layers.length);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.fraction).toBeGreaterThan(events[i - 1]!.fraction);
    expect(events.at(-1)).toEqual({ layersDone: 3, layerCount: 3, fraction: 1 });
    expect(events.filter((e) => e.layersDone === 1).length).toBeGreaterThan(1); // chunks within layer 1
  });

  it('stops with CancelledError between chunks once the signal fires', async () => {
    const signal = { aborted: false };
    let calls = 0;
    const run = backend.run(stack, longInput, {
      signal,
      onProgress: () => {
        calls++;
        if (calls === 2) signal.aborted = true;
      },
    });
    await expect(run).rejects.toThrow(CancelledError);
    await expect(run).rejects.toThrow('the post-net run was cancelled');
    expect(calls).toBe(2);
  });

  it('awaits yieldToHost between chunks (so a worker can receive a cancel message)', async () => {
    let yields = 0;
    await backend.run(stack, shortInput, { yieldToHost: async () => void yields++ });
    expect(yields).toBe(3); // one chunk per layer for 12 frames
  });

  it('returns the layer outputs asked for', async () => {
    const result = await backend.run(stack, shortInput, { keepActivations: [1, 2] });
    expect([...result.activations!.keys()]).toEqual([1, 2]);
    expect(result.activations!.get(1)).toMatchObject({ nChannels: 512, nFrames: 12 });
    expect(result.activations!.get(2)!.data).toBe(result.residual.data);
  });

  it('fails clearly when the input data and shape disagree', async () => {
    const bad = { nChannels: 80, nFrames: 12, data: new Float32Array(10) };
    await expect(backend.run(stack, bad)).rejects.toThrow(ShapeMismatchError);
    await expect(backend.run(stack, bad)).rejects.toThrow(
      'input data has 10 values, its shape [80, 12] says 960',
    );
  });

  it('fails clearly when a residual stack changes the length (stride 2)', async () => {
    const strided: Conv1dStack = {
      ...stack,
      layers: stack.layers.map((l, i) => (i === 0 ? { ...l, stride: 2 } : l)),
    };
    await expect(backend.run(strided, shortInput)).rejects.toThrow(
      'Tacotron 2 post-net is residual but its output [80, 6] does not match its input [80, 12], so they cannot be added',
    );
  });
});

describe('cancelling a run from outside, as a worker does', () => {
  it('a signal set by a timer fires between chunks when the run yields to the event loop', async () => {
    const signal = { aborted: false };
    setTimeout(() => (signal.aborted = true), 0);
    const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    await expect(fastBackend.run(stack, longInputFast, { signal, yieldToHost })).rejects.toThrow(
      CancelledError,
    );
  });

  it('fails clearly on a hand-built layer whose weight does not fit its sizes', async () => {
    const broken: Conv1dStack = {
      ...stack,
      layers: [{ ...stack.layers[0]!, weight: new Float32Array(10) }, ...stack.layers.slice(1)],
    };
    await expect(fastBackend.run(broken, shortInput)).rejects.toThrow(
      'postnet.convolutions.0: weight should be [512, 80, 5] (204800 values), it has 10 values',
    );
  });
});
