import { describe, expect, it, vi } from 'vitest';
import { apiFromBridge, isPostnetBridge, type PostnetBridge } from '../../../shared/api/bridge';
import { ApiError } from '../../../shared/api/contract';
import { replyError, replyOk, settle, unwrapReply } from '../../../shared/api/reply';
import { WavFormatError } from '../../../shared/errors';

function fakeBridge(overrides: Partial<PostnetBridge> = {}): PostnetBridge {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    startup: unused,
    open: unused,
    remel: unused,
    relabel: unused,
    defaultWeights: unused,
    chooseStack: unused,
    process: unused,
    layerOutput: unused,
    smooth: unused,
    inputAudio: unused,
    synthesize: unused,
    exportResult: unused,
    explain: unused,
    textRun: unused,
    layerFilters: unused,
    tensorStats: unused,
    exportTensor: unused,
    showRecent: vi.fn(async () => replyOk(undefined)),
    cancel: vi.fn(async () => replyOk(undefined)),
    onProgress: vi.fn(() => () => undefined),
    onResultPart: vi.fn(() => () => undefined),
    onCommand: vi.fn(() => () => undefined),
    setTitle: vi.fn(async () => replyOk(undefined)),
    saveSettings: vi.fn(async () => replyOk(undefined)),
    ...overrides,
  };
}

describe('Reply envelopes', () => {
  it('settle wraps results and errors; unwrapReply gives back the result', async () => {
    expect(await settle(() => 3)).toEqual({ ok: true, result: 3 });
    expect(await settle(() => Promise.reject(new WavFormatError('bad')))).toEqual({
      ok: false,
      error: { name: 'WavFormatError', message: 'bad' },
    });
    expect(unwrapReply(replyOk('x'))).toBe('x');
  });

  it('fails clearly: unwrapReply throws an ApiError with the original name and message', () => {
    const error = (() => {
      try {
        unwrapReply(replyError(new WavFormatError('a.wav: not a RIFF file')));
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.name).toBe('WavFormatError');
    expect(error?.message).toBe('a.wav: not a RIFF file');
  });
});

describe('apiFromBridge', () => {
  it('resolves with the result of an ok envelope and passes arguments through', async () => {
    const open = vi.fn(async () => replyOk({ inputs: [], weights: null }));
    const api = apiFromBridge(fakeBridge({ open }));
    expect(await api.open({ kind: 'sample' }, 'audio')).toEqual({ inputs: [], weights: null });
    expect(open).toHaveBeenCalledWith({ kind: 'sample' }, 'audio');
  });

  it('fails clearly: rejects with an ApiError named after the pipeline error, not a wrapper', async () => {
    const api = apiFromBridge(
      fakeBridge({ defaultWeights: async () => replyError(new WavFormatError('x')) }),
    );
    await expect(api.defaultWeights()).rejects.toMatchObject({ name: 'WavFormatError', message: 'x' });
    await expect(api.defaultWeights()).rejects.toBeInstanceOf(ApiError);
  });

  it('forwards listeners and every call of the table', async () => {
    const bridge = fakeBridge();
    const api = apiFromBridge(bridge);
    const listener = () => undefined;
    api.onProgress(listener);
    await api.setTitle('a.wav');
    await api.cancel();
    await api.showRecent();
    expect(bridge.showRecent).toHaveBeenCalled();
    expect(bridge.onProgress).toHaveBeenCalledWith(listener);
    expect(bridge.setTitle).toHaveBeenCalledWith('a.wav');
    expect(bridge.cancel).toHaveBeenCalled();
  });

  it('layerOutput resolves with the layer’s data as sent, and rejects with the host’s error', async () => {
    const data = new Float32Array(512 * 3);
    const result = {
      layer: 0,
      nChannels: 512,
      nFrames: 3,
      data,
      firstFrame: 0,
      step: 1,
      totalFrames: 3,
      reduce: 'absmax' as const,
    };
    const ok = apiFromBridge(fakeBridge({ layerOutput: async () => replyOk(result) }));
    const request = {
      inputId: 'i',
      weightsId: 'w',
      frames: { start: 0, end: 3 },
      maxColumns: 3,
      reduce: 'absmax' as const,
    };
    expect(await ok.layerOutput({ ...request, layer: 0 })).toBe(result);
    const failing = apiFromBridge(
      fakeBridge({
        layerOutput: async () =>
          replyError(Object.assign(new Error('layer 9 does not exist'), { name: 'InvalidArgumentError' })),
      }),
    );
    await expect(failing.layerOutput({ ...request, layer: 9 })).rejects.toMatchObject({
      name: 'InvalidArgumentError',
    });
  });

  it('isPostnetBridge recognises a bridge and rejects anything missing a method', () => {
    expect(isPostnetBridge(fakeBridge())).toBe(true);
    const { process: _p, ...partial } = fakeBridge();
    expect(isPostnetBridge(partial)).toBe(false);
    const { layerOutput: _l, ...older } = fakeBridge(); // a preload from before layerOutput
    expect(isPostnetBridge(older)).toBe(false);
    expect(isPostnetBridge(undefined)).toBe(false);
  });
});
