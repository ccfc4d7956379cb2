import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildSidecar, encodeSidecar } from '../../../shared/export/sidecar';
import { MelConfigError } from '../../../shared/errors';
import { HIFIGAN_MEL, resolveMelConfig } from '../../../shared/mel/config';
import { SidecarFormatError, melConfigFromSidecar } from '../../../shared/audio-synthesis/sidecar-config';

/** The sidecar the app writes for an `.npy` export of a mel made with `config`. */
function sidecarFor(config = HIFIGAN_MEL): Uint8Array {
  return encodeSidecar(
    buildSidecar({
      appVersion: '0.1.0',
      createdAt: '2025-06-01T12:00:00.000Z',
      fileName: 'speech.npy',
      format: 'npy',
      input: {
        data: new Float32Array(config.nMels * 4),
        nMels: config.nMels,
        nFrames: 4,
        config: { ...config },
        source: { name: 'speech.wav', kind: 'wav' },
      },
      audio: null,
      weights: { name: 'postnet.npz', sha256: null, isDefault: false, residual: true },
    } as unknown as Parameters<typeof buildSidecar>[0]),
  );
}

const edit = (mutate: (json: Record<string, unknown>) => void): Uint8Array => {
  const json = JSON.parse(new TextDecoder().decode(sidecarFor())) as Record<string, unknown>;
  mutate(json);
  return strToU8(JSON.stringify(json));
};

describe('melConfigFromSidecar', () => {
  it("reads back the melConfig of the app's own export sidecar", () => {
    expect(melConfigFromSidecar(sidecarFor(), 'speech.npy.json')).toEqual(HIFIGAN_MEL);
    const custom = resolveMelConfig({
      sampleRateHz: 16000,
      nFft: 512,
      hopLength: 160,
      nMels: 40,
      fMaxHz: 7600,
    });
    expect(melConfigFromSidecar(sidecarFor(custom), 'speech.npy.json')).toEqual(custom);
  });
});

describe('melConfigFromSidecar fails clearly', () => {
  it('when the file is not JSON', () => {
    expect(() => melConfigFromSidecar(strToU8('{oops'), 'a.npy.json')).toThrow(SidecarFormatError);
    expect(() => melConfigFromSidecar(strToU8('{oops'), 'a.npy.json')).toThrow(
      /^a\.npy\.json: not valid JSON/,
    );
  });

  it('when the schema is not the export sidecar', () => {
    const bytes = edit((json) => (json.schema = 'something/2'));
    expect(() => melConfigFromSidecar(bytes, 'a.npy.json')).toThrow(
      'a.npy.json: not a Postnet Studio export sidecar (schema "something/2", expected "postnet-studio.export-sidecar/1")',
    );
  });

  it('when a melConfig field is missing or of the wrong type', () => {
    const missing = edit((json) => delete (json.melConfig as Record<string, unknown>).hopLength);
    expect(() => melConfigFromSidecar(missing, 'a.npy.json')).toThrow(
      'a.npy.json: melConfig.hopLength is null, expected a number',
    );
    const wrong = edit((json) => ((json.melConfig as Record<string, unknown>).padding = 3));
    expect(() => melConfigFromSidecar(wrong, 'a.npy.json')).toThrow(
      'melConfig.padding is 3, expected a string',
    );
  });

  it('when the melConfig cannot work (a MelConfigError naming the field)', () => {
    const bytes = edit((json) => ((json.melConfig as Record<string, unknown>).fMaxHz = 20000));
    expect(() => melConfigFromSidecar(bytes, 'a.npy.json')).toThrow(MelConfigError);
    expect(() => melConfigFromSidecar(bytes, 'a.npy.json')).toThrow(
      /^a\.npy\.json: melConfig: fMaxHz 20000 Hz is above the Nyquist frequency 11025 Hz/,
    );
  });
});
