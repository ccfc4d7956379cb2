import { describe, expect, it } from 'vitest';
import type {
  FileSource,
  InputDocument,
  LayerActivations,
  LayerOutputRequest,
  OpenResult,
  PostnetApi,
  ProcessRequest,
  ProcessSummary,
  ResultPart,
} from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/contract';
import { DEFAULT_APP_SETTINGS } from '../../../shared/api/settings';
import { HIFIGAN_MEL, TACOTRON2_MEL, type MelConfig } from '../../../shared/mel/config';
import { createController } from '../../../renderer/src/app/controller';
import { INITIAL_STATE, currentLayerOutput, workspaceReducer } from '../../../renderer/src/state/workspace';
import type { WorkspaceAction, WorkspaceState } from '../../../renderer/src/state/workspace';
import type { StackRole } from '../../../shared/model/types';
import {
  TACOTRON2_STACKS,
  syntheticEncoder,
  syntheticInput,
  syntheticResult,
  syntheticWeights,
  unusedMicroscopeCalls,
} from '../fakes';
import { LAYER_COLUMNS } from '../../../renderer/src/app/layer-window';

/** What the controller asked `process` for, without the stream id and engine (the same every time). */
const asked = ({ inputId, weightsId, first }: ProcessRequest) => ({ inputId, weightsId, first });

/** A host whose open/process answers are scripted per call; records what the controller asked. */
/**
 * A host that answers `open` from the script. It names a recent file to open first (not the
 * sample, which opens as the demo) unless told `openFirst`.
 */
function scriptedHost(
  openAnswers: (() => Promise<OpenResult>)[],
  openFirst: FileSource = { kind: 'granted', ids: ['recent'] },
) {
  const processed: ProcessRequest[] = [];
  const openedWith: (MelConfig | undefined)[] = [];
  const layerFetches: LayerOutputRequest[] = [];
  const chosen: { weightsId: string; stack: StackRole }[] = [];
  const partListeners = new Set<(part: ResultPart) => void>();
  /** The frames the host returns for a request: its range in columns of `step` frames. */
  const layerData = (request: LayerOutputRequest, totalFrames: number): LayerActivations => {
    const nChannels = syntheticWeights('any').layers[request.layer]!.outChannels;
    const step = Math.max(1, Math.ceil((request.frames.end - request.frames.start) / request.maxColumns));
    const firstFrame = Math.floor(request.frames.start / step) * step;
    const nFrames = Math.ceil((request.frames.end - firstFrame) / step);
    const data = new Float32Array(nChannels * nFrames).fill(request.layer + 0.5);
    return {
      layer: request.layer,
      nChannels,
      nFrames,
      data,
      firstFrame,
      step,
      totalFrames,
      reduce: request.reduce,
    };
  };
  const inputs = new Map<string, ReturnType<typeof syntheticInput>>();
  let cancelled = 0;
  const smoothedOf: string[] = [];
  const api: PostnetApi = {
    startup: async () => ({
      host: 'browser',
      appVersion: 'test',
      openFirst,
      recent: [],
      melPresets: { tacotron2: TACOTRON2_MEL },
      settings: { ...DEFAULT_APP_SETTINGS },
    }),
    open: async (_source, _intent, melConfig) => {
      openedWith.push(melConfig);
      const next = openAnswers.shift();
      if (!next) throw new Error('unexpected open');
      const result = await next();
      for (const input of result.inputs) inputs.set(input.id, input);
      return result;
    },
    remel: async (inputId, melConfig) => {
      const old = inputs.get(inputId)!;
      const input = syntheticInput(inputId, old.mel.nFrames - 1, melConfig.nMels);
      const updated = { ...input, mel: { ...input.mel, config: melConfig } };
      inputs.set(inputId, updated);
      return updated;
    },
    relabel: async (inputId, melConfig) => {
      const old = inputs.get(inputId)!;
      const source = { ...old.mel.source, settings: { from: 'given' as const } };
      const updated = { ...old, mel: { ...old.mel, config: melConfig, source } };
      inputs.set(inputId, updated);
      return updated;
    },
    defaultWeights: async (which) => syntheticWeights(which === 'untrained' ? 'untrained' : 'default'),
    chooseStack: async (weightsId, stack) => {
      chosen.push({ weightsId, stack });
      return stack === 'encoder' ? syntheticEncoder(`${weightsId}-encoder`) : syntheticWeights(weightsId);
    },
    process: async (request): Promise<ProcessSummary> => {
      processed.push(request);
      const input = inputs.get(request.inputId)!;
      const takes = syntheticWeights(request.weightsId).layers[0]!.inChannels;
      if (input.mel.nMels !== takes) {
        throw new ApiError({
          name: 'ShapeMismatchError',
          message: `the weights' first layer takes ${takes} channels but ${input.name} has ${input.mel.nMels} mel bands`,
          advice: { kind: 'n-mels', nMels: takes },
        });
      }
      const { residual, output, ...summary } = syntheticResult(input, request.weightsId);
      const { nMels, nFrames } = summary;
      const half = Math.floor(nFrames / 2);
      for (const [start, end] of [
        [half, nFrames],
        [0, half],
      ] as const) {
        const cut = (array: Float32Array) => {
          const part = new Float32Array(nMels * (end - start));
          for (let m = 0; m < nMels; m++)
            part.set(array.subarray(m * nFrames + start, m * nFrames + end), m * (end - start));
          return part;
        };
        const part: ResultPart = {
          stream: request.stream,
          inputId: input.id,
          inputRevision: input.revision,
          weightsId: request.weightsId,
          start,
          end,
          nMels,
          residual: cut(residual),
          output: cut(output),
        };
        for (const listener of partListeners) listener(part);
        await new Promise((resolve) => setTimeout(resolve, 2)); // parts come apart, as from workers
      }
      return summary;
    },
    layerOutput: async (request) => {
      layerFetches.push(request);
      return layerData(request, inputs.get(request.inputId)!.mel.nFrames);
    },
    smooth: async (inputId) => {
      const clean = inputs.get(inputId)!;
      const smoothed = {
        ...syntheticInput(`${inputId}-smoothed`, clean.mel.nFrames, clean.mel.nMels),
        smoothedFrom: { inputId, revision: clean.revision },
      };
      smoothedOf.push(inputId);
      inputs.set(smoothed.id, smoothed);
      return smoothed;
    },
    inputAudio: async () => {
      throw new Error('unexpected inputAudio');
    },
    synthesize: async () => {
      throw new Error('unexpected synthesize');
    },
    exportResult: async () => null,
    showRecent: async () => undefined,
    cancel: async () => void cancelled++,
    onProgress: () => () => undefined,
    onResultPart: (listener) => {
      partListeners.add(listener);
      return () => void partListeners.delete(listener);
    },
    onCommand: () => () => undefined,
    setTitle: async () => undefined,
    saveSettings: async () => undefined,
    ...unusedMicroscopeCalls(),
  };
  return {
    api,
    processed,
    openedWith,
    layerFetches,
    chosen,
    smoothedOf,
    cancelledCount: () => cancelled,
    partListeners,
  };
}

function harness(
  host: ReturnType<typeof scriptedHost>,
  visibleFrames?: () => { start: number; end: number },
) {
  let state: WorkspaceState = INITIAL_STATE;
  const actions: WorkspaceAction[] = [];
  const newInputs: InputDocument[] = [];
  const controller = createController({
    api: host.api,
    dispatch: (action) => {
      actions.push(action);
      state = workspaceReducer(state, action);
    },
    getState: () => state,
    renderPng: async () => new Uint8Array([137, 80, 78, 71]),
    onNewInput: (input) => void newInputs.push(input),
    fillIntervalMs: 0,
    ...(visibleFrames ? { visibleFrames } : {}),
  });
  return { controller, actions, newInputs, state: () => state };
}

describe('controller', () => {
  it('opens what the host names first, takes the default weights, processes and shows all three', async () => {
    const host = scriptedHost([async () => ({ inputs: [syntheticInput('sample', 30)], weights: null })]);
    const h = harness(host);
    await h.controller.start();
    expect(h.state().input?.id).toBe('sample');
    expect(h.state().weights?.id).toBe('default');
    expect(h.state().result?.inputId).toBe('sample');
    expect(host.processed.map(asked)).toEqual([
      { inputId: 'sample', weightsId: 'default', first: { start: 0, end: 30 } },
    ]);
    expect(h.state().firstOpenDone).toBe(true);
    expect(h.state().job).toBeNull();
  });

  it('dropping weights keeps the input and reprocesses with the new weights', async () => {
    const host = scriptedHost([
      async () => ({ inputs: [syntheticInput('sample', 30)], weights: null }),
      async () => ({ inputs: [], weights: syntheticWeights('w2', 'trained.npz') }),
    ]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.open({ kind: 'dropped', files: [{ name: 'trained.npz', size: 10 }] }, 'auto');
    expect(h.state().weights?.name).toBe('trained.npz');
    expect(h.state().result?.weightsId).toBe('w2');
    expect(h.state().input?.id).toBe('sample');
  });

  it('fails clearly when a dropped file is broken: error with name and message, previous view kept', async () => {
    const host = scriptedHost([
      async () => ({ inputs: [syntheticInput('sample', 30)], weights: null }),
      async () => {
        throw new ApiError({ name: 'WavFormatError', message: 'broken.wav: not a RIFF/WAVE file' });
      },
    ]);
    const h = harness(host);
    await h.controller.start();
    const before = h.state().result;
    await h.controller.open({ kind: 'dropped', files: [{ name: 'broken.wav', size: 4 }] }, 'auto');
    expect(h.state().error).toEqual({
      action: 'Opening broken.wav',
      name: 'WavFormatError',
      message: 'broken.wav: not a RIFF/WAVE file',
    });
    expect(h.state().result).toBe(before);
    expect(h.state().input?.id).toBe('sample');
  });

  it('a cancelled job leaves a notice, not an error', async () => {
    const host = scriptedHost([
      async () => {
        throw new ApiError({ name: 'CancelledError', message: 'the job was cancelled' });
      },
    ]);
    const h = harness(host);
    await h.controller.open({ kind: 'dialog' }, 'audio');
    expect(h.state().error).toBeNull();
    expect(h.state().notice).toBe('Opening a file: cancelled');
  });

  it('a cancelled picker changes nothing', async () => {
    const host = scriptedHost([async () => ({ inputs: [], weights: null })]);
    const h = harness(host);
    await h.controller.open({ kind: 'dialog' }, 'audio');
    expect(h.state().input).toBeNull();
    expect(h.state().error).toBeNull();
  });

  it('export before anything is open fails with a message saying what to do', async () => {
    const h = harness(scriptedHost([]));
    await h.controller.exportAs('npy');
    expect(h.state().error?.message).toMatch(/open a WAV first/);
  });
});

describe('controller with partial failures', () => {
  it('shows what opened and reports the file that failed', async () => {
    const host = scriptedHost([
      async () => ({
        inputs: [syntheticInput('good', 12)],
        weights: null,
        failures: [
          { name: 'bad.wav', error: { name: 'WavFormatError', message: 'bad.wav: not a RIFF/WAVE file' } },
          { name: 'worse.wav', error: { name: 'WavFormatError', message: 'worse.wav: empty' } },
        ],
      }),
    ]);
    const h = harness(host);
    await h.controller.open({ kind: 'dropped', files: [] }, 'auto');
    expect(h.state().input?.id).toBe('good');
    expect(h.state().error).toEqual({
      action: 'Opening bad.wav',
      name: 'WavFormatError',
      message: 'bad.wav: not a RIFF/WAVE file (and 1 more file)',
    });
  });
});

describe('controller remel', () => {
  it('re-analyses the open WAV with another preset and reprocesses it', async () => {
    const host = scriptedHost([async () => ({ inputs: [syntheticInput('sample', 30)], weights: null })]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.remel({ ...HIFIGAN_MEL });
    expect(h.state().input?.mel.config.preset).toBe('hifigan');
    expect(h.state().input?.mel.nFrames).toBe(29);
    expect(h.state().result?.nFrames).toBe(29);
    expect(host.processed).toHaveLength(2);
  });

  it('a re-analysed input (same id, new frames) resets the view like a new file', async () => {
    const host = scriptedHost([async () => ({ inputs: [syntheticInput('sample', 30)], weights: null })]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.remel({ ...HIFIGAN_MEL });
    expect(h.newInputs.map((input) => [input.id, input.mel.nFrames])).toEqual([
      ['sample', 30],
      ['sample', 29],
    ]);
    await h.controller.useDefaultWeights(); // same input, same data: the view stays
    expect(h.newInputs).toHaveLength(2);
  });

  it('fails clearly when the re-analysed input cannot be processed: the view still resets to its frames', async () => {
    const host = scriptedHost([async () => ({ inputs: [syntheticInput('sample', 30)], weights: null })]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.remel({ ...TACOTRON2_MEL, preset: 'custom', nMels: 64 });
    expect(h.state().error?.name).toBe('ShapeMismatchError');
    expect(h.newInputs.at(-1)?.mel.nMels).toBe(64);
  });

  it('the settings applied are the window’s: every later open (weights too) is made with them', async () => {
    const host = scriptedHost([
      async () => ({ inputs: [syntheticInput('sample', 30)], weights: null }),
      async () => ({ inputs: [], weights: syntheticWeights('w64', 'trained64.npz') }),
    ]);
    const h = harness(host);
    await h.controller.start();
    expect(host.openedWith[0]).toEqual(TACOTRON2_MEL);
    const bands64 = { ...TACOTRON2_MEL, preset: 'custom', nMels: 64 } as const;
    await h.controller.remel(bands64);
    expect(h.state().melConfig).toEqual(bands64);
    await h.controller.open({ kind: 'dropped', files: [{ name: 'trained64.npz', size: 10 }] }, 'weights');
    expect(host.openedWith[1]).toEqual(bands64);
  });

  it('fails clearly when the weights do not take the new bands: the re-analysed input is shown without output, with the error', async () => {
    const host = scriptedHost([async () => ({ inputs: [syntheticInput('sample', 30)], weights: null })]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.remel({ ...TACOTRON2_MEL, preset: 'custom', nMels: 64 });
    expect(h.state().input?.mel.nMels).toBe(64); // the host re-analysed it: the view must agree
    expect(h.state().result).toBeNull();
    expect(h.state().melConfig.nMels).toBe(64);
    expect(h.state().error).toMatchObject({
      name: 'ShapeMismatchError',
      message: expect.stringMatching(/64 mel bands/),
      title: 'sample.wav re-analysed with 64 mel bands: the weights do not fit the new settings',
    });
  });

  it('an .npy input keeps its bands: the settings apply to the next file opened, and a notice says so', async () => {
    const npy = syntheticInput('mel', 12);
    const host = scriptedHost([async () => ({ inputs: [{ ...npy, audio: null }], weights: null })]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.remel({ ...TACOTRON2_MEL, preset: 'custom', nMels: 64 });
    expect(h.state().input?.mel.nMels).toBe(80);
    expect(h.state().melConfig.nMels).toBe(64);
    expect(h.state().error).toBeNull();
    expect(h.state().notice).toMatch(
      /^Mel settings: custom, 64 bands, for the next file you open \(mel\.wav is a spectrogram/,
    );
  });

  it('an .npy input with the same bands is relabelled: new time axis, same numbers, no re-run', async () => {
    const npy = syntheticInput('mel', 12);
    const host = scriptedHost([async () => ({ inputs: [{ ...npy, audio: null }], weights: null })]);
    const h = harness(host);
    await h.controller.start();
    const before = h.state().result;
    const settings = {
      ...TACOTRON2_MEL,
      preset: 'custom',
      sampleRateHz: 16000,
      hopLength: 200,
      fMaxHz: 8000,
    } as const;
    await h.controller.remel(settings);
    expect(h.state().input?.mel.config).toEqual(settings);
    expect(h.state().input?.mel.source.settings).toEqual({ from: 'given' });
    expect(h.state().input?.mel.data).toBe(npy.mel.data);
    expect(h.state().result).toBe(before);
    expect(host.processed).toHaveLength(1);
    expect(h.state().error).toBeNull();
  });

  it('fails clearly when nothing is open', async () => {
    const h = harness(scriptedHost([]));
    await h.controller.remel({ ...HIFIGAN_MEL });
    expect(h.state().error?.message).toMatch(/nothing to re-analyse: open a WAV first/);
  });
});

describe('controller: layer outputs on demand', () => {
  const sample = () => ({ inputs: [syntheticInput('sample', 30)], weights: null });

  it('selecting a layer asks layerOutput for that layer only, once: going back is served from the cache', async () => {
    const host = scriptedHost([async () => sample()]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.showLayer(1);
    expect(host.layerFetches).toEqual([
      {
        inputId: 'sample',
        weightsId: 'default',
        layer: 1,
        frames: { start: 0, end: 30 },
        maxColumns: 30,
        reduce: 'absmax',
        engine: 'auto',
      },
    ]);
    expect(currentLayerOutput(h.state())?.layer).toBe(1);
    await h.controller.showLayer(0);
    expect(host.layerFetches.at(-1)).toMatchObject({ inputId: 'sample', weightsId: 'default', layer: 0 });
    await h.controller.showLayer(1);
    expect(host.layerFetches).toHaveLength(2);
    expect(host.processed).toHaveLength(1); // the output is not computed again for a layer
    expect(currentLayerOutput(h.state())?.layer).toBe(1);
  });

  it('fails clearly when the host answers with another layer than asked: an error, nothing cached', async () => {
    const host = scriptedHost([async () => sample()]);
    const h = harness(host);
    await h.controller.start();
    const honest = host.api.layerOutput;
    host.api.layerOutput = async (request) => honest({ ...request, layer: 0 });
    await h.controller.showLayer(1);
    expect(h.state().error).toMatchObject({
      action: 'Computing conv 1 output',
      message: 'the host returned no output for conv 1',
    });
    expect(currentLayerOutput(h.state())).toBeNull();
  });

  it('with the pane open, a new input fetches the layer output for its frames after its output', async () => {
    const host = scriptedHost([
      async () => sample(),
      async () => ({ inputs: [syntheticInput('next', 12)], weights: null }),
    ]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.showLayer(1);
    await h.controller.open({ kind: 'dropped', files: [{ name: 'next.wav', size: 1 }] }, 'auto');
    expect(host.layerFetches.map((request) => [request.inputId, request.layer, request.frames])).toEqual([
      ['sample', 1, { start: 0, end: 30 }],
      ['next', 1, { start: 0, end: 12 }],
    ]);
    expect(currentLayerOutput(h.state())?.nFrames).toBe(12);
  });

  it('hiding the pane stops asking: the next input is processed without activations', async () => {
    const host = scriptedHost([
      async () => sample(),
      async () => ({ inputs: [syntheticInput('next', 12)], weights: null }),
    ]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.showLayer(0);
    h.controller.hideLayer();
    const fetches = host.layerFetches.length;
    await h.controller.open({ kind: 'dropped', files: [{ name: 'next.wav', size: 1 }] }, 'auto');
    expect(host.processed.at(-1)?.inputId).toBe('next');
    expect(host.layerFetches).toHaveLength(fetches);
  });

  it('a newer selection cancels a layer job still running; the superseded one leaves no notice', async () => {
    const host = scriptedHost([async () => sample()]);
    const h = harness(host);
    await h.controller.start();
    const realLayerOutput = host.api.layerOutput;
    let rejectPending: ((error: Error) => void) | null = null;
    host.api.layerOutput = (request) =>
      request.layer === 0
        ? new Promise<LayerActivations>((_, reject) => (rejectPending = reject))
        : realLayerOutput(request);
    host.api.cancel = async () =>
      rejectPending?.(new ApiError({ name: 'CancelledError', message: 'cancelled' }));
    const first = h.controller.showLayer(0);
    await Promise.resolve();
    await Promise.resolve();
    expect(h.state().job?.label).toBe('Computing conv 0 output');
    const second = h.controller.showLayer(1);
    await Promise.all([first, second]);
    expect(currentLayerOutput(h.state())?.layer).toBe(1);
    expect(h.state().notice).toBeNull();
    expect(h.state().error).toBeNull();
  });

  it('a long input’s layer pane fetches only the frames on screen and a margin, at most LAYER_COLUMNS columns', async () => {
    const host = scriptedHost([async () => ({ inputs: [syntheticInput('long', 120_000)], weights: null })]);
    let visible = { start: 0, end: 120_000 };
    const h = harness(host, () => visible);
    await h.controller.start();
    await h.controller.showLayer(0);
    const whole = host.layerFetches.at(-1)!;
    expect(whole.frames).toEqual({ start: 0, end: 120_000 });
    expect(whole.maxColumns).toBeLessThanOrEqual(LAYER_COLUMNS);
    const held = currentLayerOutput(h.state())!;
    expect(held.step).toBe(Math.ceil(120_000 / LAYER_COLUMNS));
    expect(held.data.length).toBe(512 * held.nFrames); // 512 × ≤ 4,096 columns, not 512 × 120,000

    visible = { start: 100_000, end: 102_000 }; // zoomed in: finer frames for that part only
    h.controller.viewChanged();
    await h.controller.showLayer(0);
    const zoomed = host.layerFetches.at(-1)!;
    expect(zoomed.frames).toEqual({ start: 99_000, end: 103_000 });
    expect(zoomed.maxColumns).toBe(4_000);
    const fine = currentLayerOutput(h.state())!;
    expect([fine.firstFrame, fine.step, fine.nFrames]).toEqual([99_000, 1, 4_000]);

    const fetches = host.layerFetches.length;
    visible = { start: 100_500, end: 102_500 }; // a small pan stays within the margin
    h.controller.viewChanged();
    await h.controller.showLayer(0);
    expect(host.layerFetches).toHaveLength(fetches);
  });

  it('the output fills in part by part: the input is shown before the run answers, the output complete after', async () => {
    const host = scriptedHost([async () => sample()]);
    const h = harness(host);
    const seen: (number | undefined)[] = [];
    const unsubscribe = host.api.onResultPart(() => seen.push(h.state().result?.filling?.frames));
    await h.controller.start();
    unsubscribe();
    expect(h.actions.findIndex((a) => a.type === 'shown')).toBeLessThan(
      h.actions.findIndex((a) => a.type === 'result-filled'),
    );
    expect(seen).toEqual([0, 15]); // the view held the input, then half of the output, as parts came
    const result = h.state().result!;
    expect(result.filling).toBeUndefined();
    expect(Array.from(result.output.subarray(0, 30))).toEqual(
      Array.from(syntheticResult(h.state().input!, 'default').output.subarray(0, 30)),
    );
    expect(result.engine.name).toBe('wasm-simd');
  });

  it('a cancel mid-run keeps the frames that are in, marked stopped, with a notice', async () => {
    const host = scriptedHost([async () => sample()]);
    const h = harness(host);
    const honest = host.api.process;
    host.api.process = async (request) => {
      // Runs the honest host with the parts caught, then lets only the first through and fails.
      const listeners = [...host.partListeners];
      const parts: ResultPart[] = [];
      host.partListeners.clear();
      host.partListeners.add((part) => void parts.push(part));
      await honest(request);
      host.partListeners.clear();
      for (const listener of listeners) {
        host.partListeners.add(listener);
        listener(parts[0]!);
      }
      throw new ApiError({ name: 'CancelledError', message: 'the post-net run was cancelled' });
    };
    await h.controller.start();
    expect(h.state().notice).toMatch(/cancelled/);
    expect(h.state().result?.filling).toEqual({ stream: 1, frames: 15, totalFrames: 30, stopped: true });
    expect(h.state().input?.id).toBe('sample');
  });

  it('the default weights load even when the first file fails (the weights panel is not empty)', async () => {
    const host = scriptedHost([
      async () => {
        throw new ApiError({ name: 'SampleMissingError', message: 'the bundled sample could not be loaded' });
      },
    ]);
    const h = harness(host);
    await h.controller.start();
    expect(h.state().weights?.id).toBe('default');
    expect(h.state().input).toBeNull();
    expect(h.state().error?.name).toBe('SampleMissingError');
  });
});

describe('controller: the stacks of a full Tacotron 2', () => {
  const full = () => ({ ...syntheticWeights('full', 'checkpoint_1000'), stacks: TACOTRON2_STACKS });

  it('building the encoder shows it without running it over the mel; back to the post-net runs again', async () => {
    const host = scriptedHost([
      async () => ({ inputs: [syntheticInput('sample', 30)], weights: null }),
      async () => ({ inputs: [], weights: full() }),
    ]);
    const h = harness(host);
    await h.controller.start();
    await h.controller.open({ kind: 'dropped', files: [{ name: 'checkpoint_1000', size: 10 }] }, 'weights');
    expect(host.processed.map((request) => request.weightsId)).toEqual(['default', 'full']);
    await h.controller.chooseStack('encoder');
    expect(host.chosen).toEqual([{ weightsId: 'full', stack: 'encoder' }]);
    expect(h.state().weights?.built).toBe('encoder');
    expect(h.state().result).toBeNull();
    expect(host.processed).toHaveLength(2); // nothing ran over the mel
    expect(h.state().error).toBeNull();
    await h.controller.showLayer(1); // selecting a layer fetches nothing either
    expect(host.layerFetches).toEqual([]);
    await h.controller.chooseStack('postnet');
    expect(h.state().weights?.built).toBe('postnet');
    expect(host.processed.at(-1)?.weightsId).toBe('full-encoder');
  });

  it('choosing the stack already built asks nothing', async () => {
    const host = scriptedHost([async () => ({ inputs: [], weights: full() })]);
    const h = harness(host);
    await h.controller.open({ kind: 'dropped', files: [{ name: 'checkpoint_1000', size: 10 }] }, 'weights');
    await h.controller.chooseStack('postnet');
    expect(host.chosen).toEqual([]);
  });

  it('fails clearly with no weights loaded: says what to load', async () => {
    const h = harness(scriptedHost([]));
    await h.controller.chooseStack('encoder');
    expect(h.state().error?.message).toMatch(/no weights loaded/);
  });
});

describe('controller: audio dropped on the weights panel', () => {
  it('opens it as the input and says so in a notice, not as a weights error', async () => {
    const host = scriptedHost([async () => ({ inputs: [syntheticInput('speech', 30)], weights: null })]);
    const h = harness(host);
    await h.controller.open({ kind: 'dropped', files: [{ name: 'speech.wav', size: 10 }] }, 'weights');
    expect(h.state().input?.id).toBe('speech');
    expect(h.state().notice).toBe('speech.wav is audio, not weights: opened as the input');
    expect(h.state().error).toBeNull();
  });

  it('weights dropped on the input load as weights, and a notice says where they went', async () => {
    const host = scriptedHost([
      async () => ({ inputs: [], weights: syntheticWeights('w', 'checkpoint_1000') }),
    ]);
    const h = harness(host);
    await h.controller.open({ kind: 'dropped', files: [{ name: 'checkpoint_1000', size: 10 }] }, 'auto');
    expect(h.state().weights?.name).toBe('checkpoint_1000');
    expect(h.state().notice).toBe('checkpoint_1000 holds weights, not audio: loaded in the weights panel');
  });
});

describe('controller: the demo ("Simulate decoder smoothing")', () => {
  const sampleFirst = () =>
    scriptedHost([async () => ({ inputs: [syntheticInput('sample', 30)], weights: null })], {
      kind: 'sample',
    });

  it('the bundled sample opens as the demo: its smoothed copy is processed, the clean input beside it', async () => {
    const host = sampleFirst();
    const h = harness(host);
    await h.controller.start();
    expect(h.state().demoMode).toBe(true);
    expect(host.smoothedOf).toEqual(['sample']);
    expect(h.state().input?.id).toBe('sample-smoothed');
    expect(h.state().demo?.clean.id).toBe('sample');
    expect(host.processed.map(({ inputId, weightsId }) => ({ inputId, weightsId }))).toEqual([
      { inputId: 'sample-smoothed', weightsId: 'default' },
    ]);
    // The time axis is the clean input's: the view was fitted to it once.
    expect(h.newInputs.map((input) => input.id)).toEqual(['sample']);
  });

  it('turning it off shows the clean input, on again smooths it again; the view stays', async () => {
    const host = sampleFirst();
    const h = harness(host);
    await h.controller.start();
    await h.controller.setDemo(false);
    expect(h.state().demoMode).toBe(false);
    expect(h.state().demo).toBeNull();
    expect(h.state().input?.id).toBe('sample');
    expect(h.state().result?.inputId).toBe('sample');
    await h.controller.setDemo(true);
    expect(h.state().input?.id).toBe('sample-smoothed');
    expect(h.state().demo?.clean.id).toBe('sample');
    expect(host.smoothedOf).toEqual(['sample', 'sample']);
    expect(h.newInputs).toHaveLength(1);
  });

  it('a file opened in the demo is smoothed too; new weights keep the demo', async () => {
    const host = scriptedHost(
      [
        async () => ({ inputs: [syntheticInput('sample', 30)], weights: null }),
        async () => ({ inputs: [syntheticInput('speech', 40)], weights: null }),
        async () => ({ inputs: [], weights: syntheticWeights('w2', 'trained.npz') }),
      ],
      { kind: 'sample' },
    );
    const h = harness(host);
    await h.controller.start();
    await h.controller.open({ kind: 'dropped', files: [{ name: 'speech.wav', size: 10 }] }, 'auto');
    expect(h.state().input?.id).toBe('speech-smoothed');
    expect(h.state().demo?.clean.id).toBe('speech');
    await h.controller.open({ kind: 'dropped', files: [{ name: 'trained.npz', size: 10 }] }, 'auto');
    expect(h.state().demo?.clean.id).toBe('speech');
    expect(h.state().result).toMatchObject({ inputId: 'speech-smoothed', weightsId: 'w2' });
  });

  it('re-analysing in the demo re-analyses the clean input and smooths it again', async () => {
    const host = sampleFirst();
    const h = harness(host);
    await h.controller.start();
    await h.controller.remel({ ...HIFIGAN_MEL });
    expect(h.state().demo?.clean.mel.config.preset).toBe('hifigan');
    expect(h.state().input?.id).toBe('sample-smoothed');
    expect(host.smoothedOf).toEqual(['sample', 'sample']);
  });

  it('the untrained weights can be chosen instead of the demo post-net', async () => {
    const host = sampleFirst();
    const h = harness(host);
    await h.controller.start();
    await h.controller.useDefaultWeights('untrained');
    expect(h.state().weights?.id).toBe('untrained');
    expect(h.state().result).toMatchObject({ inputId: 'sample-smoothed', weightsId: 'untrained' });
  });
});
