import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { HIFIGAN_MEL, TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { expectClose } from '../../helpers/close';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { makeWav, packFloats, pcm16Wav } from '../../helpers/make-wav';
import { readNpyFloat32 } from '../../shared/mel/npy-fixture';
import { COMPARE_ABOVE } from '../../shared/mel/torchaudio-reference';

const scratch = useScratchFolder('mel-cli');
const run = runCli;
const file = scratch.file;

const SPEECH = fixturePath('audio', 'speech_pcm16.wav');

describe('postnet-studio mel', () => {
  it('writes float32 [80, T] .npy, byte-identical to encodeNpyFloat32 of analyzeWav, and prints nothing', async () => {
    const out = file('speech.npy');
    const result = await run('mel', SPEECH, '-o', out);
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    const { mel } = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), SPEECH, TACOTRON2_MEL);
    expect(new Uint8Array(readFileSync(out))).toEqual(encodeNpyFloat32(mel.data, [80, mel.nFrames]));
    const npy = readNpyFloat32(new Uint8Array(readFileSync(out)));
    expect(npy.shape).toEqual([80, mel.nFrames]);
  });

  it('matches the torchaudio reference for a 16 kHz file (resampled to 22050 Hz) to 1e-3', async () => {
    const out = file('speech16k.npy');
    expect((await run('mel', fixturePath('audio', 'speech_16k.wav'), '-o', out)).status).toBe(0);
    const ours = readNpyFloat32(new Uint8Array(readFileSync(out)));
    const ref = readNpyFloat32(readFixture('mel', 'speech_16k.tacotron2.npy'));
    expect(ours.shape).toEqual(ref.shape);
    expectClose(ours.data, ref.data, { atol: 1e-3, where: (e) => e > COMPARE_ABOVE, shape: ref.shape });
  });

  it('--preset hifigan gives T = N // 256 frames and matches meldataset.py', async () => {
    const out = file('hifigan.npy');
    expect((await run('mel', SPEECH, '-o', out, '--preset', 'hifigan')).status).toBe(0);
    const ours = readNpyFloat32(new Uint8Array(readFileSync(out)));
    const ref = readNpyFloat32(readFixture('mel', 'speech_pcm16.hifigan.npy'));
    expect(ours.shape).toEqual(ref.shape);
    expectClose(ours.data, ref.data, { atol: 1e-3, where: (e) => e > COMPARE_ABOVE, shape: ref.shape });
    const { mel } = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'x', HIFIGAN_MEL);
    expect(ours.shape[1]).toBe(mel.nFrames);
  });

  it('every parameter can be overridden: --sample-rate --n-fft --win --hop --n-mels --fmin --fmax', async () => {
    const out = file('custom.npy');
    const args = ['--sample-rate', '16000', '--n-fft', '512', '--win', '400', '--hop', '160'];
    args.push('--n-mels', '40', '--fmin', '20', '--fmax', '7600');
    expect((await run('mel', fixturePath('audio', 'speech_16k.wav'), '-o', out, ...args)).status).toBe(0);
    const ours = readNpyFloat32(new Uint8Array(readFileSync(out)));
    const ref = readNpyFloat32(readFixture('mel', 'speech_16k.custom16k.npy'));
    expect(ours.shape).toEqual([40, ref.shape[1]]);
    expectClose(ours.data, ref.data, { atol: 1e-3, where: (e) => e > COMPARE_ABOVE, shape: ref.shape });
  });
});

describe('postnet-studio mel fails clearly', () => {
  const good = readFixture('audio', 'speech_pcm16.wav');
  const badWavs: [string, Uint8Array, RegExp][] = [
    [
      'not RIFF',
      new TextEncoder().encode('just some text, not audio'),
      /not a RIFF\/WAVE file: it starts with text \(not shown\)/,
    ],
    [
      'truncated inside its header',
      good.subarray(0, 30),
      /truncated WAV: the 'fmt ' chunk at byte 12 declares 16 bytes, only 10 present/,
    ],
    [
      'ADPCM',
      makeWav({ formatTag: 2, bitsPerSample: 4, data: new Uint8Array(64) }),
      /unsupported WAV codec: format tag 0x0002 \(Microsoft ADPCM\)/,
    ],
    ['zero samples', makeWav({ data: new Uint8Array(0) }), /data chunk holds no samples/],
    [
      'NaN',
      makeWav({ formatTag: 3, bitsPerSample: 32, data: packFloats([0, 0, 0, NaN, 0], 32) }),
      /NaN at sample 3/,
    ],
    [
      'too short',
      pcm16Wav(new Array(300).fill(0)),
      /audio too short for the STFT: 300 samples at 22050 Hz, the tacotron2 mel config needs at least 513/,
    ],
  ];

  it.each(badWavs)(
    'a %s WAV → exit 1, one `error: <file>: …` line, no output file',
    async (name, bytes, message) => {
      const input = file(`bad-${name}.wav`, bytes);
      const out = file(`bad-${name}.npy`);
      const result = await run('mel', input, '-o', out);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')).toEqual([expect.stringMatching(/^error: /), '']);
      expect(result.stderr).toContain(`error: ${input}: `);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    },
  );

  it('a bad WAV leaves an existing output file as it was', async () => {
    const out = file('keep.npy', Uint8Array.from([1, 2, 3]));
    expect((await run('mel', file('bad.wav', new Uint8Array(3)), '-o', out)).status).toBe(1);
    expect(new Uint8Array(readFileSync(out))).toEqual(Uint8Array.from([1, 2, 3]));
  });

  it('a missing input → exit 1 naming the file', async () => {
    const missing = join(scratch.dir, 'nope.wav');
    const result = await run('mel', missing, '-o', file('nope.npy'));
    expect(result).toMatchObject({
      status: 1,
      stderr: `error: cannot read ${missing}: no such file or directory\n`,
    });
  });

  it('a failed write → exit 1 naming the output, and no file or temporary file is left', async () => {
    const noDir = join(scratch.dir, 'missing-dir', 'out.npy');
    const result = await run('mel', SPEECH, '-o', noDir);
    expect(result).toMatchObject({
      status: 1,
      stderr: `error: cannot write ${noDir}: no such file or directory\n`,
    });
    const target = join(scratch.dir, 'a-directory');
    mkdirSync(join(target, 'inside'), { recursive: true });
    const before = readdirSync(scratch.dir).sort();
    const overDir = await run('mel', SPEECH, '-o', target);
    expect(overDir.status).toBe(1);
    expect(overDir.stderr).toBe(
      `error: -o ${target} is a folder; name the output file (e.g. -o ${join(target, 'out.npy')}), or give mel ` +
        'several inputs or a folder to write one .npy per input into it\n',
    );
    expect(readdirSync(scratch.dir).sort()).toEqual(before);
  });

  const usage: [string, string[], RegExp][] = [
    ['no input', ['-o', 'x.npy'], /^error: mel: missing input WAV file/],
    ['no -o', [SPEECH], /^error: mel: missing -o OUT\.npy/],
    [
      'two inputs and -o naming a .npy file',
      [SPEECH, SPEECH, '-o', 'x.npy'],
      /^error: mel: 2 inputs write one \.npy each into a folder, but -o x\.npy names a \.npy file; give -o a folder \(see/,
    ],
    [
      'an unknown option',
      [SPEECH, '-o', 'x.npy', '--frobnicate'],
      /^error: mel: unknown option '--frobnicate' \(see postnet-studio --help\)\n$/,
    ],
    [
      'a misspelt option',
      [SPEECH, '-o', 'x.npy', '--n_mels', '64'],
      /^error: mel: unknown option '--n_mels'; did you mean '--n-mels'\? \(see postnet-studio --help\)\n$/,
    ],
    [
      '-o without its value',
      [SPEECH, '-o'],
      /^error: mel: -o, --output needs a value \(see postnet-studio --help\)\n$/,
    ],
    [
      'a non-integer --hop',
      [SPEECH, '-o', 'x.npy', '--hop', 'abc'],
      /--hop must be a positive integer, got 'abc'/,
    ],
    [
      'an unknown --preset',
      [SPEECH, '-o', 'x.npy', '--preset', 'waveglow'],
      /--preset must be one of tacotron2, hifigan, got 'waveglow'/,
    ],
    [
      '--fmax above Nyquist',
      [SPEECH, '-o', 'x.npy', '--fmax', '12000'],
      /invalid mel settings: --fmax 12000 Hz is above the Nyquist frequency 11025 Hz/,
    ],
    [
      '--win longer than --n-fft',
      [SPEECH, '-o', 'x.npy', '--n-fft', '512', '--win', '1024'],
      /--win 1024 is longer than --n-fft 512/,
    ],
    [
      '--n-fft not a power of two',
      [SPEECH, '-o', 'x.npy', '--n-fft', '1000'],
      /--n-fft must be a power of two/,
    ],
    [
      'too many --n-mels',
      [SPEECH, '-o', 'x.npy', '--n-mels', '500'],
      /mel band \d+ of 500 covers no FFT bin/,
    ],
  ];
  it.each(usage)('%s → exit 2, one line pointing to --help', async (_, args, message) => {
    const result = await run('mel', ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\(see postnet-studio --help\)\n$/);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });
});
