import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../shared/api/contract';
import { encodeExport, isPng } from '../../../shared/export/encode';
import { defaultExportName, sidecarName, withExportExtension } from '../../../shared/export/names';
import { SIDECAR_SCHEMA, type ExportSidecar } from '../../../shared/export/sidecar';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { rampContent } from '../../electron/main/export-content';

function npyHeader(bytes: Uint8Array): string {
  const headerLength = bytes[8]! | (bytes[9]! << 8);
  return Buffer.from(bytes.subarray(10, 10 + headerLength)).toString('latin1');
}

function sidecarOf(bytes: Uint8Array): ExportSidecar {
  return JSON.parse(strFromU8(bytes)) as ExportSidecar;
}

describe('encodeExport', () => {
  it('npy: float32 [nMels, T] of the output, byte-identical to numpy.save', () => {
    const content = rampContent('npy', 7);
    const { file } = encodeExport(content);
    expect(file).toEqual(encodeNpyFloat32(content.output, [80, 7]));
    expect(npyHeader(file)).toMatch(/'descr': '<f4', 'fortran_order': False, 'shape': \(80, 7\)/);
  });

  it('npy-batched: the same values as [1, nMels, T] (HiFi-GAN inference_e2e)', () => {
    const content = rampContent('npy-batched', 7);
    const { file } = encodeExport(content);
    expect(npyHeader(file)).toMatch(/'shape': \(1, 80, 7\)/);
    expect(file.subarray(128)).toEqual(encodeNpyFloat32(content.output, [80, 7]).subarray(128));
  });

  it('png: passes the rendered PNG through unchanged', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(encodeExport({ ...rampContent('png', 3), png }).file).toBe(png);
    expect(isPng(png)).toBe(true);
  });

  it('fails clearly on a png export without a PNG, or with bytes that are not one', () => {
    expect(() => encodeExport(rampContent('png', 3))).toThrow(
      'a PNG export needs the rendered view (request.png)',
    );
    expect(() => encodeExport({ ...rampContent('png', 3), png: new Uint8Array(16) })).toThrow(
      /not a PNG image/,
    );
  });

  it('fails clearly with ShapeMismatchError when residual or output do not match the input', () => {
    const content = { ...rampContent('npy', 4), residual: new Float32Array(10) };
    expect(() => encodeExport(content)).toThrow(
      'export: residual has 10 values, the spectrogram [80, 4] needs 320',
    );
  });
});

describe('sidecar', () => {
  it('records the mel config, shape and orientation, weights and SHA-256, input and app version', () => {
    const content = rampContent('npy', 862);
    const sidecar = sidecarOf(encodeExport(content).sidecar);
    expect(sidecar.schema).toBe(SIDECAR_SCHEMA);
    expect(sidecar.app).toEqual({ name: 'Postnet Studio', version: '0.1.0' });
    expect(sidecar.file).toBe('ramp.npy');
    expect(sidecar.contents).toEqual([
      expect.objectContaining({ name: 'output', dtype: 'float32', shape: [80, 862] }),
    ]);
    expect(sidecar.contents[0]!.orientation).toMatch(/^channels-first \[nMels, nFrames\]/);
    expect(sidecar.melConfig).toEqual(content.input.config);
    expect(sidecar.weights).toEqual({
      name: 'postnet.npz',
      sha256: 'ab'.repeat(32),
      isDefault: false,
      residual: true,
    });
    expect(sidecar.input).toEqual({ name: 'ramp.wav', kind: 'wav', audio: content.audio });
    expect(sidecar.frames.frameRateHz).toBeCloseTo(22050 / 256, 10);
    expect(sidecar.output).toBe('input + postnet(input)');
  });

  it('says where the mel config came from: computed from the WAV', () => {
    expect(sidecarOf(encodeExport(rampContent('npy', 4)).sidecar).melConfigFrom).toBe(
      'the app computed the input mel from the WAV with these settings',
    );
  });

  it('fails clearly rather than claims: for an .npy input the mel config is marked as assumed', () => {
    const content = rampContent('npy', 4);
    const npyInput = {
      ...content,
      audio: null,
      input: { ...content.input, source: { name: 'mel.npy', kind: 'npy' as const } },
    };
    const sidecar = sidecarOf(encodeExport(npyInput).sidecar);
    expect(sidecar.input).toEqual({ name: 'mel.npy', kind: 'npy', audio: null });
    expect(sidecar.melConfigFrom).toBe(
      'assumed: the input .npy carries no mel settings; these are the tacotron2 preset the app read it with',
    );
  });

  it('describes each format’s own layout (batched npy, npz members, csv rows, png image)', () => {
    const shapes = (format: Parameters<typeof rampContent>[0]) =>
      sidecarOf(
        encodeExport({
          ...rampContent(format, 5),
          png: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        }).sidecar,
      ).contents.map((entry) => [entry.name, entry.shape]);
    expect(shapes('npy-batched')).toEqual([['output', [1, 80, 5]]]);
    expect(shapes('csv')).toEqual([['output', [5, 82]]]);
    expect(shapes('png')).toEqual([['output', [80, 5]]]);
  });
});

describe('export names', () => {
  it('names exports after the input’s stem, and sidecars OUT.<ext>.json', () => {
    expect(defaultExportName('speech.wav', 'npy')).toBe('speech.npy');
    expect(defaultExportName('take.2.wav', 'csv')).toBe('take.2.csv');
    expect(defaultExportName('recording', 'png')).toBe('recording.png');
    expect(sidecarName('speech.npy')).toBe('speech.npy.json');
    expect(withExportExtension('/out/speech', 'npz')).toBe('/out/speech.npz');
    expect(withExportExtension('/out/speech.NPY', 'npy')).toBe('/out/speech.NPY');
  });

  it('the batched .npy [1, nMels, T] gets its own name, speech_batched.npy, beside speech.npy [nMels, T]', () => {
    expect(defaultExportName('speech.wav', 'npy-batched')).toBe('speech_batched.npy');
    expect(withExportExtension('/out/speech_batched', 'npy-batched')).toBe('/out/speech_batched.npy');
  });

  it('fails clearly to collide: every format’s default name (and sidecar) differs for one input', () => {
    const names = EXPORT_FORMATS.map((format) => defaultExportName('speech.wav', format));
    expect(new Set(names).size).toBe(EXPORT_FORMATS.length);
    expect(new Set(names.map(sidecarName)).size).toBe(EXPORT_FORMATS.length);
  });

  it('the sidecar’s file is the exported file’s real name, for every format’s default name', () => {
    for (const format of EXPORT_FORMATS) {
      const fileName = defaultExportName('ramp.wav', format);
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const content = { ...rampContent(format, 4), fileName, ...(format === 'png' ? { png } : {}) };
      expect(sidecarOf(encodeExport(content).sidecar).file, format).toBe(fileName);
    }
  });
});

describe('npz export', () => {
  it('holds input, residual and output [nMels, T] float32 and the mel config as UTF-8 JSON bytes', async () => {
    const { parseNpz } = await import('../../../shared/formats/npz');
    const content = rampContent('npz', 9);
    const { file, sidecar } = encodeExport(content);
    const tensors = parseNpz(file, 'ramp.npz');
    expect([...tensors.keys()]).toEqual(['input', 'residual', 'output', 'mel_config_json']);
    for (const [key, expected] of [
      ['input', content.input.data],
      ['residual', content.residual],
      ['output', content.output],
    ] as const) {
      const tensor = tensors.get(key)!;
      expect(tensor.dtype).toBe('float32');
      expect(tensor.shape).toEqual([80, 9]);
      expect(tensor.data).toEqual(expected); // the same float32 values, bit for bit
    }
    const json = tensors.get('mel_config_json')!;
    expect(json.dtype).toBe('uint8');
    expect(JSON.parse(Buffer.from(Uint8Array.from(json.data)).toString('utf8'))).toEqual(
      content.input.config,
    );
    expect(sidecarOf(sidecar).contents.map((entry) => entry.name)).toEqual([
      'input',
      'residual',
      'output',
      'mel_config_json',
    ]);
    expect(sidecarOf(sidecar).contents[3]!.shape).toEqual(json.shape);
  });
});
