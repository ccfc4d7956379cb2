import { describe, expect, it } from 'vitest';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import { backendFromKernel, type KernelFactory } from '../../../shared/backend/driver';
import type { Backend, RunProgress } from '../../../shared/backend/types';
import { CancelledError, ShapeMismatchError } from '../../../shared/errors';
import { buildStack } from '../../../shared/model/build';
import { initPostnetTensors } from '../../../shared/model/defaults';
import { SeededRandom } from '../../../shared/model/rng';
import type { Conv1dStack } from '../../../shared/model/types';
import { expectClose } from '../../helpers/close';
import { wasmBackends } from './backends';

/** A three-layer 512-channel post-net: a 400-frame input takes several chunks per layer. */
const { stack } = buildStack(
  initPostnetTensors(new SeededRandom(5), { nMels: 80, embeddingDim: 512, kernelSize: 5, nConvolutions: 3 }),
);
const longInputFast = { nChannels: 80, nFrames: 400, data: new SeededRandom(6).fillUniform(80 * 400, -8, 0) };
const longInputReference = { nChannels: 80, nFrames: 100, data: longInputFast.data.subarray(0, 80 * 100) };
const shortInput = { nChannels: 80, nFrames: 12, data: new SeededRandom(7).fillUniform(80 * 12, -8, 0) };
const backends: readonly Backend[] = [fastBackend, referenceBackend, ...wasmBackends];

describe.each(backends)('$name run()', (backend) => {
  // The reference is ~8× slower: it gets a shorter input, still several chunks per layer.
  const longInput = backend === referenceBackend ? longInputReference : longInputFast;

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

describe.each(backends)('$name runUntil(): stopping after a layer', (backend) => {
  const longInput = backend === referenceBackend ? longInputReference : longInputFast;

  it('the stopped run’s outputs equal a full run’s, for every layer it stops after', async () => {
    const all = [0, 1, 2];
    const full = await backend.run(stack, longInput, { keepActivations: all });
    for (const last of all) {
      const kept = all.filter((layer) => layer <= last);
      const stopped = await backend.runUntil(stack, longInput, {
        stopAfterLayer: last,
        keepActivations: kept,
      });
      expect(stopped.stoppedAfterLayer).toBe(last);
      expect([...stopped.activations.keys()].sort()).toEqual(kept);
      for (const layer of kept) {
        const got = stopped.activations.get(layer)!;
        const want = full.activations!.get(layer)!;
        expect([got.nChannels, got.nFrames]).toEqual([want.nChannels, want.nFrames]);
        expectClose(got.data, want.data, {
          atol: 0,
          rtol: 0,
          label: `layer ${layer}, stopped after ${last}`,
        });
      }
    }
  });

  it('returns the stop layer’s output even when keepActivations does not name it', async () => {
    const stopped = await backend.runUntil(stack, shortInput, { stopAfterLayer: 1 });
    expect([...stopped.activations.keys()]).toEqual([1]);
    expect(stopped.activations.get(1)).toMatchObject({ nChannels: 512, nFrames: 12 });
  });

  it('progress counts only the layers it runs and reaches exactly 1 at the stop', async () => {
    const events: RunProgress[] = [];
    await backend.runUntil(stack, longInput, { stopAfterLayer: 1, onProgress: (p) => events.push({ ...p }) });
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.fraction).toBeGreaterThan(events[i - 1]!.fraction);
    expect(events.every((e) => e.layerCount === 2)).toBe(true);
    expect(events.at(-1)).toEqual({ layersDone: 2, layerCount: 2, fraction: 1 });
    expect(events.filter((e) => e.layersDone === 1).length).toBeGreaterThan(1); // chunks within layer 1
  });

  it('stops with CancelledError between chunks once the signal fires', async () => {
    const signal = { aborted: false };
    const run = backend.runUntil(stack, longInput, {
      stopAfterLayer: 1,
      signal,
      onProgress: () => void (signal.aborted = true),
    });
    await expect(run).rejects.toThrow('the post-net run was cancelled');
  });

  it('fails clearly when asked to stop after a layer the stack does not have, or to keep one after the stop', async () => {
    await expect(backend.runUntil(stack, shortInput, { stopAfterLayer: 3 })).rejects.toThrow(
      'cannot stop after layer 3: Tacotron 2 post-net has 3 layers (0…2)',
    );
    await expect(backend.runUntil(stack, shortInput, { stopAfterLayer: -1 })).rejects.toThrow(RangeError);
    await expect(
      backend.runUntil(stack, shortInput, { stopAfterLayer: 0, keepActivations: [0, 2] }),
    ).rejects.toThrow("cannot keep layer 2's output in a run that stops after layer 0");
  });
});

describe('backendFromKernel: what a stopped run computes', () => {
  /** A backend whose kernels record which layers they were made for and how many frames they ran. */
  function countingBackend() {
    const framesByLayer = new Map<string, number>();
    const makeKernel: KernelFactory = (layer, _input, geometry) => {
      const output = new Float32Array(layer.outChannels * geometry.outFrames);
      return {
        output,
        run(t0, t1) {
          framesByLayer.set(layer.name, (framesByLayer.get(layer.name) ?? 0) + (t1 - t0));
        },
      };
    };
    return { backend: backendFromKernel('counting', makeKernel), framesByLayer };
  }

  it('stopping after layer 1 runs layers 0 and 1 over every frame and never makes a kernel for layer 2', async () => {
    const { backend, framesByLayer } = countingBackend();
    await backend.runUntil(stack, longInputFast, { stopAfterLayer: 1 });
    expect([...framesByLayer]).toEqual([
      ['postnet.convolutions.0', 400],
      ['postnet.convolutions.1', 400],
    ]);
  });

  it('fails clearly when the input is too short for a layer it runs, but not for one after the stop', async () => {
    const unpadded: Conv1dStack = { ...stack, layers: stack.layers.map((l) => ({ ...l, padding: 0 })) };
    const { backend } = countingBackend();
    const nine = { nChannels: 80, nFrames: 9, data: new Float32Array(80 * 9) };
    // 9 → 5 → 1 frames: layer 2 (kernel 5) cannot run, layers 0 and 1 can.
    await expect(backend.runUntil(unpadded, nine, { stopAfterLayer: 1 })).resolves.toMatchObject({
      stoppedAfterLayer: 1,
    });
    await expect(backend.runUntil(unpadded, nine, { stopAfterLayer: 2 })).rejects.toThrow(
      /postnet\.convolutions\.2: an input of 1 frames .* is shorter than the kernel's span of 5 frames/,
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
