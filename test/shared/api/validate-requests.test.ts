import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, INVOKE_VALIDATORS } from '../../../shared/api/ipc';
import {
  validateExportRequest,
  validateMelConfigArg,
  validateLayerOutputRequest,
  validateProcessRequest,
  validateWireFileSource,
} from '../../../shared/api/validate-requests';
import { MEL_PRESETS, TACOTRON2_MEL } from '../../../shared/mel/config';
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

  it('accept each wire file source and return a fresh copy', () => {
    const paths = ['/home/u/a.wav'];
    const source = validateWireFileSource({ kind: 'dropped-paths', paths });
    expect(source).toEqual({ kind: 'dropped-paths', paths });
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
    expect(messageOf(() => validateWireFileSource({ kind: 'dropped-paths', paths: [7] }))).toBe(
      'source.paths[0] must be a string, got number 7',
    );
  });

  it('accept process and export requests, with optional activations and png', () => {
    expect(validateProcessRequest({ inputId: 'input-1', weightsId: 'w', activations: [0, 4] })).toEqual({
      inputId: 'input-1',
      weightsId: 'w',
      activations: [0, 4],
    });
    const png = new Uint8Array([137, 80]);
    expect(validateExportRequest({ format: 'png', inputId: 'a', weightsId: 'b', png }).png).toBe(png);
  });

  it('fail clearly on a bad process or export request', () => {
    expect(messageOf(() => validateProcessRequest({ inputId: 'a', weightsId: 'b', activations: [-1] }))).toBe(
      'request.activations[0] must be an integer in [0, 255], got number -1',
    );
    expect(messageOf(() => validateExportRequest({ format: 'mp3', inputId: 'a', weightsId: 'b' }))).toMatch(
      /^request\.format must be one of 'npy', 'npy-batched', 'npz', 'png', 'csv', got string 'mp3'$/,
    );
  });
});

describe('layer-output requests', () => {
  it('accept an input, weights and a layer index, and return a fresh copy', () => {
    const request = { inputId: 'input-1', weightsId: 'weights-default', layer: 4 };
    const checked = validateLayerOutputRequest(request);
    expect(checked).toEqual(request);
    expect(checked).not.toBe(request);
    expect(INVOKE_VALIDATORS['postnet:layer-output']([request])).toEqual([request]);
  });

  it('fail clearly on a missing, fractional, negative or huge layer, or an extra field', () => {
    const base = { inputId: 'a', weightsId: 'b' };
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
    expect(messageOf(() => INVOKE_VALIDATORS['postnet:layer-output']([]))).toBe(
      'layerOutput takes 1 argument(s), got 0',
    );
  });
});

describe('INVOKE_VALIDATORS', () => {
  it('has a validator for every channel and each checks its argument count', () => {
    expect(INVOKE_CHANNELS).toHaveLength(10);
    for (const channel of INVOKE_CHANNELS) {
      expect(() => INVOKE_VALIDATORS[channel](new Array(5).fill(null))).toThrow(/argument\(s\), got 5/);
    }
  });

  it('turns an absent mel config into null for open', () => {
    expect(INVOKE_VALIDATORS['postnet:open']([{ kind: 'sample' }, 'auto'])).toEqual([
      { kind: 'sample' },
      'auto',
      null,
    ]);
    expect(INVOKE_VALIDATORS['postnet:open']([{ kind: 'sample' }, 'audio', TACOTRON2_MEL])[2]).toEqual(
      TACOTRON2_MEL,
    );
  });

  it('fails clearly when open gets an unknown intent', () => {
    expect(messageOf(() => INVOKE_VALIDATORS['postnet:open']([{ kind: 'sample' }, 'everything']))).toMatch(
      /^intent must be one of 'audio', 'weights', 'auto'/,
    );
  });
});
