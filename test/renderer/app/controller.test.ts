import { describe, expect, it } from 'vitest';
import type { OpenResult, PostnetApi, ProcessRequest, ProcessResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/contract';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { createController } from '../../../renderer/src/app/controller';
import { INITIAL_STATE, workspaceReducer } from '../../../renderer/src/state/workspace';
import type { WorkspaceAction, WorkspaceState } from '../../../renderer/src/state/workspace';
import { syntheticInput, syntheticResult, syntheticWeights } from '../fakes';

/** A host whose open/process answers are scripted per call; records what the controller asked. */
function scriptedHost(openAnswers: (() => Promise<OpenResult>)[]) {
  const processed: ProcessRequest[] = [];
  const inputs = new Map<string, ReturnType<typeof syntheticInput>>();
  let cancelled = 0;
  const api: PostnetApi = {
    startup: async () => ({
      host: 'browser',
      appVersion: 'test',
      openFirst: { kind: 'sample' },
      recent: [],
      melPresets: { tacotron2: TACOTRON2_MEL },
    }),
    open: async () => {
      const next = openAnswers.shift();
      if (!next) throw new Error('unexpected open');
      const result = await next();
      for (const input of result.inputs) inputs.set(input.id, input);
      return result;
    },
    remel: async () => {
      throw new Error('not used');
    },
    defaultWeights: async () => syntheticWeights('default'),
    process: async (request): Promise<ProcessResult> => {
      processed.push(request);
      return syntheticResult(inputs.get(request.inputId)!, request.weightsId);
    },
    exportResult: async () => null,
    cancel: () => void cancelled++,
    onProgress: () => () => undefined,
    onCommand: () => () => undefined,
    setTitle: () => undefined,
  };
  return { api, processed, cancelledCount: () => cancelled };
}

function harness(host: ReturnType<typeof scriptedHost>) {
  let state: WorkspaceState = INITIAL_STATE;
  const actions: WorkspaceAction[] = [];
  const controller = createController({
    api: host.api,
    dispatch: (action) => {
      actions.push(action);
      state = workspaceReducer(state, action);
    },
    getState: () => state,
    renderPng: async () => new Uint8Array([137, 80, 78, 71]),
    onNewInput: () => undefined,
  });
  return { controller, actions, state: () => state };
}

describe('controller', () => {
  it('first run: opens the sample, takes the default weights, processes and shows all three', async () => {
    const host = scriptedHost([async () => ({ inputs: [syntheticInput('sample', 30)], weights: null })]);
    const h = harness(host);
    await h.controller.start();
    expect(h.state().input?.id).toBe('sample');
    expect(h.state().weights?.id).toBe('default');
    expect(h.state().result?.inputId).toBe('sample');
    expect(host.processed).toEqual([{ inputId: 'sample', weightsId: 'default' }]);
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
