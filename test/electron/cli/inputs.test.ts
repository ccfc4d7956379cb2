import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIDECAR_SCHEMA } from '../../../shared/export/sidecar';
import { encodeNpyFloat32, parseNpy } from '../../../shared/formats/npy';
import { HIFIGAN_MEL, resolveMelConfig } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { toFloat32 } from '../../../shared/tensor';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { expectClose } from '../../helpers/close';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { floatsOf, readNpzFixture } from '../../shared/backend/fixtures';

const scratch = useScratchFolder('inputs-cli');
const SPEECH = fixturePath('audio', 'speech_pcm16.wav');
const small = readNpzFixture('weights', 'postnet_small', 'io.npz');
const SMALL_WEIGHTS = fixturePath('weights', 'postnet_small', 'postnet.npz');

const ID3 = Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);

describe('audio is told by its content', () => {
  it('an MP3 as the input: refused as audio we do not read yet, with how to convert it', async () => {
    const input = scratch.file('take1.mp3', ID3);
    const out = scratch.file('take1.npy');
    const { status, stderr } = await runCli('process', input, '-o', out);
    expect({ status, stderr }).toEqual({
      status: 1,
      stderr: `error: ${input}: an MP3 file: audio in a format we do not read yet: convert it to WAV (e.g. sox in.mp3 out.wav)\n`,
    });
    expect(existsSync(out)).toBe(false);
  });

  it('audio given as weights is called audio, never an unknown weights format', async () => {
    const mp3 = scratch.file('song.mp3', ID3);
    expect((await runCli('inspect', mp3)).stderr).toBe(
      'error: song.mp3: an MP3 file: audio in a format we do not read yet: convert it to WAV (e.g. sox in.mp3 out.wav), ' +
        'then open it as the input (it is audio, not weights)\n',
    );
    expect((await runCli('inspect', SPEECH)).stderr).toBe(
      'error: speech_pcm16.wav is audio (a WAV file), not weights: open it as the input\n',
    );
    const flac = scratch.file('take.flac', new TextEncoder().encode('fLaC\0\0\0\x22 and more'));
    expect((await runCli('inspect', flac)).stderr).toMatch(
      /^error: take\.flac: a FLAC file: audio in a format/,
    );
  });

  it('a WAV cut short: mel and process read what is there, with a warning saying how much is missing', async () => {
    const whole = readFixture('audio', 'speech_pcm16.wav');
    const cut = scratch.file('cut.wav', whole.subarray(0, whole.length - 2000));
    const out = scratch.file('cut.npy');
    const { status, stderr } = await runCli('mel', cut, '-o', out);
    expect(status).toBe(0);
    expect(stderr).toMatch(
      new RegExp(
        `^warning: ${cut}: truncated WAV: the data chunk declares \\d+ bytes \\(\\d+ samples\\) but the file ends after \\d+ samples: 1000 samples \\(0\\.045 s\\) missing; reading the \\d+ there are\\n$`,
      ),
    );
    const expected = analyzeWav(whole.subarray(0, whole.length - 2000), cut, resolveMelConfig()).mel;
    expect(parseNpy(new Uint8Array(readFileSync(out))).shape).toEqual([80, expected.nFrames]);
    const processed = await runCli('process', cut, '-o', scratch.file('cut_out.npy'));
    expect(processed.stderr.split('\n')[0]).toMatch(
      /^warning: .*cut\.wav: truncated WAV: .* 1000 samples \(0\.045 s\) missing/,
    );
  });
});

describe('--fmax none is half the sample rate, as TacotronSTFT(mel_fmax=None)', () => {
  it.each([
    [[], '11025'],
    [['--sample-rate', '16000'], '8000'],
  ])('with %j it gives the bytes --fmax %s gives', async (extra, hz) => {
    const none = scratch.file(`none${hz}.npy`);
    const explicit = scratch.file(`explicit${hz}.npy`);
    expect((await runCli('mel', SPEECH, '-o', none, '--fmax', 'none', ...extra)).status).toBe(0);
    expect((await runCli('mel', SPEECH, '-o', explicit, '--fmax', hz, ...extra)).status).toBe(0);
    expect(readFileSync(none).equals(readFileSync(explicit))).toBe(true);
  });

  it('fails clearly on another word', async () => {
    const { status, stderr } = await runCli('mel', SPEECH, '-o', scratch.file('x.npy'), '--fmax', 'nyquist');
    expect({ status, stderr }).toEqual({
      status: 2,
      stderr: "error: --fmax must be a number ≥ 0, got 'nyquist' (see postnet-studio --help)\n",
    });
  });
});

describe('an .npy input’s mel settings: from its sidecar when there is one, else assumed and said so', () => {
  /** A sidecar as our exports write it, with `config` as its melConfig. */
  function sidecar(config: object): Uint8Array {
    return new TextEncoder().encode(
      JSON.stringify({ schema: SIDECAR_SCHEMA, melConfig: config, frames: {} }, null, 2),
    );
  }
  const x = floatsOf(small, 'x');

  it('an 8-band .npy with its sidecar runs the 8-band weights without any mel option', async () => {
    const input = scratch.file('small.npy', encodeNpyFloat32(x, [8, 40]));
    writeFileSync(
      `${input}.json`,
      sidecar({ ...resolveMelConfig({ nMels: 8, sampleRateHz: 16000, fMaxHz: 8000 }) }),
    );
    const out = scratch.file('small_out.npy');
    const { status, stderr } = await runCli('process', input, '--weights', SMALL_WEIGHTS, '-o', out);
    expect({ status, stderr }).toEqual({
      status: 0,
      stderr:
        'note: small.npy: mel settings from small.npy.json: custom settings (16000 Hz, n_fft 1024, hop 256, 8 bands, 0–8000 Hz)\n',
    });
    expectClose(toFloat32(parseNpy(new Uint8Array(readFileSync(out)))), floatsOf(small, 'output'), {
      rtol: 1e-5,
      atol: 1e-5,
    });
  });

  it('the same .npy without a sidecar: the tacotron2 preset is assumed (80 bands), so it is refused', async () => {
    const input = scratch.file('bare.npy', encodeNpyFloat32(x, [8, 40]));
    const { status, stderr } = await runCli(
      'process',
      input,
      '--weights',
      SMALL_WEIGHTS,
      '-o',
      scratch.file('b.npy'),
    );
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: .*bare\.npy has shape \[8, 40\], expected \[80, T\] or \[1, 80, T\]/);
  });

  it('mel options given on the command line win over the sidecar', async () => {
    const input = scratch.file('given.npy', encodeNpyFloat32(x, [8, 40]));
    writeFileSync(`${input}.json`, sidecar(HIFIGAN_MEL));
    const { status, stderr } = await runCli(
      'process',
      input,
      '--weights',
      SMALL_WEIGHTS,
      '-o',
      scratch.file('g.npy'),
      '--n-mels',
      '8',
    );
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('fails clearly on a sidecar that is not ours, or whose settings cannot work', async () => {
    const input = scratch.file('odd.npy', encodeNpyFloat32(x, [8, 40]));
    writeFileSync(`${input}.json`, '{"hello": 1}');
    expect((await runCli('process', input, '-o', scratch.file('o.npy'))).stderr).toBe(
      `error: odd.npy.json: not a Postnet Studio export sidecar (no "schema": "${SIDECAR_SCHEMA}")\n`,
    );
    writeFileSync(`${input}.json`, sidecar({ ...resolveMelConfig(), fMaxHz: 20000 }));
    expect((await runCli('process', input, '-o', scratch.file('o.npy'))).stderr).toMatch(
      /^error: odd\.npy\.json: fMaxHz/,
    );
  });
});
