import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import { buildSidecar, encodeSidecar } from '../../../shared/export/sidecar';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { HIFIGAN_MEL, TACOTRON2_MEL, resolveMelConfig, type MelConfig } from '../../../shared/mel/config';
import { logMel } from '../../../shared/mel/log-mel';
import { readFixture } from '../../helpers/fixtures';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { readNpyFloat32 } from '../../shared/mel/npy-fixture';

const scratch = useScratchFolder('griffin-lim-cli');
const speech = readNpyFloat32(readFixture('mel', 'speech_pcm16.tacotron2.npy'));
const [, nFrames] = speech.shape as [number, number];
const CUSTOM_16K = resolveMelConfig({
  sampleRateHz: 16000,
  nFft: 512,
  winLength: 400,
  hopLength: 160,
  nMels: 40,
  fMinHz: 20,
  fMaxHz: 7600,
});

function melFile(name: string, data = speech.data, shape: number[] = [80, nFrames]): string {
  return scratch.file(name, encodeNpyFloat32(data, shape));
}

function sidecarFor(config: MelConfig): Uint8Array {
  const content = {
    appVersion: '0.1.0',
    createdAt: '2025-06-01T12:00:00.000Z',
    fileName: 'x.npy',
    format: 'npy',
    input: {
      data: new Float32Array(0),
      nMels: config.nMels,
      nFrames: 0,
      config,
      source: { name: 'x.wav', kind: 'wav' },
    },
    audio: null,
    weights: { name: 'w.npz', sha256: null, isDefault: false, residual: true },
  };
  return encodeSidecar(buildSidecar(content as unknown as Parameters<typeof buildSidecar>[0]));
}

/** Mean |Δ| of the WAV's mel to `mel` where mel > −9. */
function roundTripError(wavPath: string, mel: Float32Array, frames: number, config: MelConfig): number {
  const audio = parseWav(new Uint8Array(readFileSync(wavPath)));
  const again = logMel(audio.samples, config);
  let sum = 0;
  let count = 0;
  for (let m = 0; m < config.nMels; m++) {
    for (let t = 0; t < Math.min(frames, again.nFrames); t++) {
      const ref = mel[m * frames + t]!;
      if (ref > -9) {
        sum += Math.abs(again.data[m * again.nFrames + t]! - ref);
        count++;
      }
    }
  }
  return sum / count;
}

describe('postnet-studio griffin-lim', () => {
  it('writes 16-bit PCM mono at 22050 Hz, 256·(T − 1) samples, whose mel is close to the input, silently', async () => {
    const out = scratch.file('speech.wav');
    expect(await runCli('griffin-lim', melFile('speech.npy'), '-o', out, '--iters', '16')).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    const audio = parseWav(new Uint8Array(readFileSync(out)));
    expect(audio).toMatchObject({ sampleRateHz: 22050, nChannels: 1, encoding: 'PCM 16-bit' });
    expect(audio.nSamples).toBe(256 * (nFrames - 1));
    expect(roundTripError(out, speech.data, nFrames, TACOTRON2_MEL)).toBeLessThan(0.2);
  });

  it('reads [1, 80, T] and, with --preset hifigan, writes 256·T samples', async () => {
    const out = scratch.file('hifigan.wav');
    const input = melFile('batched.npy', speech.data, [1, 80, nFrames]);
    expect(
      (await runCli('griffin-lim', input, '-o', out, '--iters', '4', '--preset', 'hifigan')).status,
    ).toBe(0);
    expect(parseWav(new Uint8Array(readFileSync(out))).nSamples).toBe(256 * nFrames);
  });

  it('uses the mel settings of MEL.npy.json beside the input (a 16 kHz, 40-band export), with a note', async () => {
    const custom = readNpyFloat32(readFixture('mel', 'speech_16k.custom16k.npy'));
    const input = melFile('custom.npy', custom.data, custom.shape);
    scratch.file('custom.npy.json', sidecarFor(CUSTOM_16K));
    const out = scratch.file('custom.wav');
    const { status, stderr } = await runCli('griffin-lim', input, '-o', out, '--iters', '16');
    expect(status).toBe(0);
    expect(stderr).toBe(`note: mel settings from ${input}.json (custom)\n`);
    const audio = parseWav(new Uint8Array(readFileSync(out)));
    expect(audio.sampleRateHz).toBe(16000);
    expect(audio.nSamples).toBe(160 * (custom.shape[1]! - 1));
    expect(roundTripError(out, custom.data, custom.shape[1]!, CUSTOM_16K)).toBeLessThan(0.25);
  });

  it('a mel option on the command line wins over the sidecar, with a warning', async () => {
    const input = melFile('override.npy');
    scratch.file('override.npy.json', sidecarFor(HIFIGAN_MEL));
    const out = scratch.file('override.wav');
    const { status, stderr } = await runCli(
      'griffin-lim',
      input,
      '-o',
      out,
      '--iters',
      '2',
      '--preset',
      'tacotron2',
    );
    expect(status).toBe(0);
    expect(stderr).toBe(`warning: ${input}.json was ignored: --preset given on the command line\n`);
    expect(parseWav(new Uint8Array(readFileSync(out))).nSamples).toBe(256 * (nFrames - 1));
  });
});

describe('postnet-studio griffin-lim fails clearly', () => {
  const failsWith = async (args: string[], status: number, message: string | RegExp, out: string) => {
    const run = await runCli('griffin-lim', ...args);
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status, stdout: '' });
    expect(run.stderr.split('\n').length).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  };

  it('on a WAV given as the mel (exit 1, no output)', async () => {
    const out = scratch.file('never1.wav');
    const wav = scratch.file('in.wav', readFixture('audio', 'speech_pcm16.wav'));
    await failsWith(
      [wav, '-o', out],
      1,
      /^error: .*in\.wav: not an \.npy file: starts with 52 49 46 46/,
      out,
    );
  });

  it('on a transposed [T, 80] mel (exit 1, says so)', async () => {
    const out = scratch.file('never2.wav');
    const input = melFile('transposed.npy', new Float32Array(80 * 100), [100, 80]);
    await failsWith([input, '-o', out], 1, /has shape \[100, 80\].*looks transposed/, out);
  });

  it('on a mel too short to invert (exit 1)', async () => {
    const out = scratch.file('never3.wav');
    const input = melFile('short.npy', speech.data.subarray(0, 80 * 3), [80, 3]);
    await failsWith([input, '-o', out], 1, /a mel of 3 frames is too short .* at least 4 frames/, out);
  });

  it('on a broken sidecar beside the input (exit 1, names it)', async () => {
    const out = scratch.file('never4.wav');
    const input = melFile('broken.npy');
    scratch.file('broken.npy.json', new TextEncoder().encode('{"schema": "nope"}'));
    await failsWith([input, '-o', out], 1, /broken\.npy\.json: not a Postnet Studio export sidecar/, out);
  });

  it('on usage errors (exit 2): no -o, bad --iters, bad --inversion', async () => {
    const input = melFile('usage.npy');
    const out = scratch.file('never5.wav');
    await failsWith([input], 2, /^error: griffin-lim: missing -o OUT\.wav/, out);
    await failsWith(
      [input, '-o', out, '--iters', '0'],
      2,
      /--iters must be a positive integer, got '0'/,
      out,
    );
    await failsWith([input, '-o', out, '--iters', '5000'], 2, /--iters must be at most 1000, got 5000/, out);
    await failsWith(
      [input, '-o', out, '--inversion', 'svd'],
      2,
      /--inversion must be one of nnls, pinv, got 'svd'/,
      out,
    );
  });

  it('leaves an existing output file as it was when the run fails', async () => {
    const out = scratch.file('kept.wav', new Uint8Array([1, 2, 3]));
    const input = melFile('short2.npy', speech.data.subarray(0, 80 * 2), [80, 2]);
    expect((await runCli('griffin-lim', input, '-o', out)).status).toBe(1);
    expect([...readFileSync(out)]).toEqual([1, 2, 3]);
  });
});
