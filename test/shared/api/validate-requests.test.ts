import { describe, expect, it } from 'vitest';
import { API_TABLE, CALL_NAMES } from '../../../shared/api/table';
import {
  validateExportRequest,
  validateMelConfigArg,
  validateLayerOutputRequest,
  validateProcessRequest,
  validateFileSource,
  validateWireFileSource,
} from '../../../shared/api/validate-requests';
import { MEL_PRESETS, TACOTRON2_MEL } from '../../../shared/mel/config';
import { MAX_N_FFT, MAX_N_MELS } from '../../../shared/mel/limits';
import { thrownBy } from '../../helpers/rejection';

/** The message of the InvalidArgumentError `run` throws. */
function messageOf(run: () => unknown): string {
  const error = thrownBy(run);
  expect(error.name).toBe('InvalidArgumentError');
  return error.message;
}

describe('request validators', () => {
  it('accept every mel preset unchanged (a field added to MelConfig but not checked fails here)', () => {
    for (const preset of Object.values(MEL_PRESETS))
      expect(validateMelConfigArg({ ...preset })).toEqual(preset);
  });

  it("accept 'custom' (settings edited by hand) and fail clearly on a preset name MEL_PRESETS does not have", () => {
    expect(validateMelConfigArg({ ...TACOTRON2_MEL, preset: 'custom' }).preset).toBe('custom');
    const names = [...Object.keys(MEL_PRESETS), 'custom'].map((name) => `'${name}'`).join(', ');
    expect(messageOf(() => validateMelConfigArg({ ...TACOTRON2_MEL, preset: 'waveglow' }))).toBe(
      `melConfig.preset must be one of ${names}, got string 'waveglow'`,
    );
  });

  it('fail clearly on a mel config with a wrong, missing or extra field', () => {
    expect(messageOf(() => validateMelConfigArg({ ...TACOTRON2_MEL, nMels: '80' }))).toBe(
      "melConfig.nMels must be an integer, got string '80'",
    );
    const { hopLength: _hop, ...missing } = TACOTRON2_MEL;
    expect(messageOf(() => validateMelConfigArg(missing))).toBe(
      'melConfig.hopLength must be an integer, got nothing',
    );
    expect(messageOf(() => validateMelConfigArg({ ...TACOTRON2_MEL, evil: 1 }))).toMatch(
      /^melConfig has an unexpected field 'evil'/,
    );
    expect(messageOf(() => validateMelConfigArg({ ...TACOTRON2_MEL, padding: 'zeros' }))).toMatch(
      /^melConfig\.padding must be one of 'center', 'hifigan'/,
    );
  });

  it("fail clearly on sizes beyond the mel front end's own limits (mel/limits.ts, one source for both)", () => {
    expect(validateMelConfigArg({ ...TACOTRON2_MEL, nFft: MAX_N_FFT, winLength: MAX_N_FFT }).nFft).toBe(
      MAX_N_FFT,
    );
    expect(messageOf(() => validateMelConfigArg({ ...TACOTRON2_MEL, nFft: MAX_N_FFT * 2 }))).toMatch(
      new RegExp(`^melConfig\\.nFft must be an integer in \\[1, ${MAX_N_FFT}\\]`),
    );
    expect(messageOf(() => validateMelConfigArg({ ...TACOTRON2_MEL, nMels: MAX_N_MELS + 1 }))).toMatch(
      new RegExp(`^melConfig\\.nMels must be an integer in \\[1, ${MAX_N_MELS}\\]`),
    );
  });

  it('accept each wire file source and return a fresh copy', () => {
    const paths = ['/home/u/a.wav'];
    const source = validateWireFileSource({ kind: 'resolved-drop', paths });
    expect(source).toEqual({ kind: 'resolved-drop', paths });
    expect(source).not.toBe(paths);
    expect(validateWireFileSource({ kind: 'dialog', folder: true })).toEqual({
      kind: 'dialog',
      folder: true,
    });
    expect(validateWireFileSource({ kind: 'dialog' })).toEqual({ kind: 'dialog' });
    expect(validateWireFileSource({ kind: 'granted', ids: ['x'] })).toEqual({ kind: 'granted', ids: ['x'] });
    expect(validateWireFileSource({ kind: 'sample' })).toEqual({ kind: 'sample' });
  });

  it('fail clearly on a file source the renderer should never send', () => {
    expect(messageOf(() => validateWireFileSource({ kind: 'dropped', files: [] }))).toMatch(
      /^source has an unexpected field 'files'/,
    );
    expect(messageOf(() => validateWireFileSource({ kind: 'path', paths: [] }))).toMatch(
      /^source\.kind must be one of/,
    );
    expect(messageOf(() => validateWireFileSource({ kind: 'sample', paths: ['/etc/passwd'] }))).toMatch(
      /^source has an unexpected field 'paths'/,
    );
    expect(messageOf(() => validateWireFileSource({ kind: 'resolved-drop', paths: [7] }))).toBe(
      'source.paths[0] must be a string, got number 7',
    );
    expect(
      messageOf(() => validateWireFileSource({ kind: 'dropped-paths', paths: ['/etc/shadow'] })),
    ).toMatch(/^source\.kind must be one of 'dialog', 'resolved-drop', 'granted', 'sample'/);
  });

  it('the page’s file source names no path: dropped Files, a dialog, granted ids or the sample', () => {
    const file = { name: 'a.wav', size: 3 };
    const dropped = validateFileSource({ kind: 'dropped', files: [file] });
    expect(dropped).toEqual({ kind: 'dropped', files: [file] });
    if (dropped.kind === 'dropped') expect(dropped.files[0]).toBe(file); // the page's own File, for the preload
    expect(validateFileSource({ kind: 'granted', ids: ['x'] })).toEqual({ kind: 'granted', ids: ['x'] });
    expect(messageOf(() => validateFileSource({ kind: 'resolved-drop', paths: ['/etc/shadow'] }))).toBe(
      "source has an unexpected field 'paths' (allowed: kind, folder, ids, files)",
    );
    expect(messageOf(() => validateFileSource({ kind: 'resolved-drop' }))).toMatch(
      /^source\.kind must be one of 'dialog', 'dropped', 'granted', 'sample'/,
    );
    expect(messageOf(() => validateFileSource({ kind: 'dropped', files: ['/etc/shadow'] }))).toBe(
      "source.files[0] must be a File, got string '/etc/shadow'",
    );
    expect(messageOf(() => validateFileSource({ kind: 'sample', paths: ['/etc/shadow'] }))).toMatch(
      /^source has an unexpected field 'paths'/,
    );
  });

  it('accept process and export requests, with an optional engine, first frames and png', () => {
    expect(validateProcessRequest({ inputId: 'input-1', weightsId: 'w', stream: 3 })).toEqual({
      inputId: 'input-1',
      weightsId: 'w',
      stream: 3,
    });
    const full = {
      inputId: 'input-1',
      weightsId: 'w',
      stream: 4,
      engine: 'wasm',
      first: { start: 10, end: 900 },
    };
    expect(validateProcessRequest(full)).toEqual(full);
    const png = new Uint8Array([137, 80]);
    expect(validateExportRequest({ format: 'png', inputId: 'a', weightsId: 'b', png }).png).toBe(png);
  });

  it('fail clearly on a bad process or export request', () => {
    const base = { inputId: 'a', weightsId: 'b', stream: 1 };
    expect(messageOf(() => validateProcessRequest({ ...base, activations: [0] }))).toMatch(
      /^request has an unexpected field 'activations'/,
    );
    expect(messageOf(() => validateProcessRequest({ ...base, engine: 'gpu' }))).toBe(
      "request.engine must be one of 'auto', 'native', 'wasm', 'js', got string 'gpu'",
    );
    expect(messageOf(() => validateProcessRequest({ ...base, first: { start: 9, end: 3 } }))).toBe(
      'request.first must end at or after its start, got 9…3',
    );
    expect(messageOf(() => validateProcessRequest({ inputId: 'a', weightsId: 'b' }))).toBe(
      'request.stream must be an integer, got nothing',
    );
    expect(messageOf(() => validateExportRequest({ format: 'mp3', inputId: 'a', weightsId: 'b' }))).toMatch(
      /^request\.format must be one of 'npy', 'npy-batched', 'npz', 'png', 'csv', got string 'mp3'$/,
    );
  });
});

describe('layer-output requests', () => {
  it('accept an input, weights and a layer index, and return a fresh copy', () => {
    const request = {
      inputId: 'input-1',
      weightsId: 'weights-default',
      layer: 4,
      frames: { start: 0, end: 862 },
      maxColumns: 1000,
      reduce: 'absmax',
    };
    const checked = validateLayerOutputRequest(request);
    expect(checked).toEqual(request);
    expect(checked).not.toBe(request);
    expect(API_TABLE.layerOutput.validate([request])).toEqual([request]);
  });

  it('fail clearly on a missing, fractional, negative or huge layer, or an extra field', () => {
    const base = {
      inputId: 'a',
      weightsId: 'b',
      frames: { start: 0, end: 10 },
      maxColumns: 10,
      reduce: 'max',
    };
    expect(messageOf(() => validateLayerOutputRequest(base))).toBe(
      'request.layer must be an integer, got nothing',
    );
    expect(messageOf(() => validateLayerOutputRequest({ ...base, layer: 1.5 }))).toBe(
      'request.layer must be an integer, got number 1.5',
    );
    expect(messageOf(() => validateLayerOutputRequest({ ...base, layer: -1 }))).toBe(
      'request.layer must be an integer in [0, 255], got number -1',
    );
    expect(messageOf(() => validateLayerOutputRequest({ ...base, layer: 256 }))).toMatch(/\[0, 255\]/);
    expect(messageOf(() => validateLayerOutputRequest({ ...base, layer: 0, activations: [0] }))).toMatch(
      /^request has an unexpected field 'activations'/,
    );
    expect(messageOf(() => validateLayerOutputRequest({ ...base, layer: 0, maxColumns: 0 }))).toBe(
      'request.maxColumns must be an integer in [1, 65536], got number 0',
    );
    expect(messageOf(() => validateLayerOutputRequest({ ...base, layer: 0, reduce: 'mean' }))).toBe(
      "request.reduce must be one of 'max', 'absmax', got string 'mean'",
    );
    expect(messageOf(() => API_TABLE.layerOutput.validate([]))).toBe(
      'layerOutput takes 1 argument(s), got 0',
    );
  });
});

describe('the API table', () => {
  it('has one row per call, each on its own channel and checking its argument count', () => {
    const channels = CALL_NAMES.map((name) => API_TABLE[name].channel);
    expect(new Set(channels).size).toBe(CALL_NAMES.length);
    for (const name of CALL_NAMES) {
      expect(() => API_TABLE[name].validate(new Array(5).fill(null))).toThrow(/argument\(s\), got 5/);
    }
  });

  it('leaves an absent mel config out of open’s arguments (null too)', () => {
    expect(API_TABLE.open.validate([{ kind: 'sample' }, 'auto'])).toEqual([{ kind: 'sample' }, 'auto']);
    expect(API_TABLE.open.validate([{ kind: 'sample' }, 'auto', null])).toEqual([{ kind: 'sample' }, 'auto']);
    expect(API_TABLE.open.validate([{ kind: 'sample' }, 'audio', TACOTRON2_MEL])[2]).toEqual(TACOTRON2_MEL);
  });

  it('fails clearly when open gets an unknown intent', () => {
    expect(messageOf(() => API_TABLE.open.validate([{ kind: 'sample' }, 'everything']))).toMatch(
      /^intent must be one of 'audio', 'weights', 'auto'/,
    );
  });
});
