import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { encodeNpy, encodeNpyFloat32, parseNpy } from '../../../shared/formats/npy';
import { HIFIGAN_MEL, TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { processSpectrogram } from '../../../shared/pipeline/process';
import { defaultWeights } from '../../../shared/weights/load';
import { toFloat32 } from '../../../shared/tensor';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { makeWav, packFloats } from '../../helpers/make-wav';
import { expectClose } from '../../helpers/close';
import { scaleOf, floatsOf, readNpzFixture, residualOutputOf } from '../../shared/backend/fixtures';

const scratch = useScratchFolder('process-cli');
const run = runCli;
const file = scratch.file;

function readOutput(path: string): { shape: readonly number[]; data: Float32Array; dtype: string } {
  const tensor = parseNpy(new Uint8Array(readFileSync(path)));
  return { shape: tensor.shape, data: toFloat32(tensor), dtype: tensor.dtype };
}

const NOTE =
  'note: no --weights given; using the demo post-net (trained to undo decoder-like smoothing: Gaussian σ 1 band × 2 frames); ' +
  '--weights untrained for the untrained Tacotron 2 post-net\n';
const UNTRAINED_NOTE =
  'note: --weights untrained: using the untrained Tacotron 2 post-net (its initialisation, seed 1234)\n';
/** PyTorch: the bundled demo post-net over the blurred LibriVox held-out clip. */
const demo = readNpzFixture('demo-postnet', 'pytorch.npz');
/** An .npy input without a sidecar and without mel options: its settings are assumed, and said so. */
const ASSUMED = (name: string) =>
  `note: ${name} carries no mel settings: assumed the tacotron2 preset (22050 Hz, n_fft 1024, hop 256, 80 bands, ` +
  `0–8000 Hz); give them with the mel options, or keep the ${name}.json sidecar Postnet Studio writes beside its exports\n`;
/** PyTorch: the default post-net over the torchaudio mel of speech_pcm16.wav. */
const speech = readNpzFixture('conv', 'default_postnet_speech.npz');
const speechX = floatsOf(speech, 'x');
const speechFrames = speechX.length / 80;
/** PyTorch: the small post-net (8 mels) of weights/postnet_small. */
const small = readNpzFixture('weights', 'postnet_small', 'io.npz');

/** Half a second of a 440 Hz tone at 1e-4 (−80 dBFS), float32: loud enough to analyse, quiet enough to warn about. */
const quietWav = makeWav({
  formatTag: 3,
  bitsPerSample: 32,
  data: packFloats(
    Array.from({ length: 11025 }, (_, i) => 1e-4 * Math.sin((2 * Math.PI * 440 * i) / 22050)),
    32,
  ),
});
const quietWarning = (path: string) =>
  new RegExp(`^warning: ${path} is very quiet: its loudest mel value is −\\d+\\.\\d\\d .*\n$`);

describe('postnet-studio process', () => {
  it('without --weights runs the bundled demo post-net as PyTorch does, with a note on stderr', async () => {
    const blurred = floatsOf(demo, 'blurred_7');
    const input = file('blurred.npy', encodeNpyFloat32(blurred, [80, blurred.length / 80]));
    const out = file('blurred_out.npy');
    expect(await run('process', input, '-o', out)).toEqual({
      status: 0,
      stdout: '',
      stderr: ASSUMED('blurred.npy') + NOTE,
    });
    expectClose(readOutput(out).data, floatsOf(demo, 'output_7'), { atol: 2e-4, label: 'demo output' });
  });

  it('--weights untrained runs the untrained Tacotron 2 post-net over an .npy [80, T] as PyTorch does', async () => {
    const input = file('speech_mel.npy', encodeNpyFloat32(speechX, [80, speechFrames]));
    const out = file('speech_out.npy');
    expect(await run('process', input, '--weights', 'untrained', '-o', out)).toEqual({
      status: 0,
      stdout: '',
      stderr: ASSUMED('speech_mel.npy') + UNTRAINED_NOTE,
    });
    const result = readOutput(out);
    expect(result).toMatchObject({ shape: [80, speechFrames], dtype: 'float32' });
    const expected = residualOutputOf(speech);
    expectClose(result.data, expected, { rtol: 1e-5, atol: 1e-5 * scaleOf(expected), label: 'output' });
  });

  it('--no-residual writes postnet(input) alone', async () => {
    const input = file('speech_mel2.npy', encodeNpyFloat32(speechX, [80, speechFrames]));
    const out = file('speech_residual.npy');
    expect((await run('process', input, '--weights', 'untrained', '--no-residual', '-o', out)).status).toBe(
      0,
    );
    const expected = floatsOf(speech, 'residual');
    expectClose(readOutput(out).data, expected, {
      rtol: 1e-5,
      atol: 1e-5 * scaleOf(expected),
      label: 'residual',
    });
  });

  it('warns on stderr, and still runs, when the .npy looks like a log10 mel (floor −5)', async () => {
    const log10 = speechX.map((value) => Math.max(value, Math.log(1e-5)) / Math.LN10);
    const input = file('speech_log10.npy', encodeNpyFloat32(log10, [80, speechFrames]));
    const out = file('speech_log10_out.npy');
    const { status, stderr } = await run('process', input, '-o', out);
    expect(status).toBe(0);
    expect(stderr).toBe(
      ASSUMED('speech_log10.npy') +
        `warning: ${input} looks like a log10 mel (its lowest value is −5.00, log10 of 1e-5): Tacotron 2 and ` +
        'this app use the natural log (floor −11.51); multiply by ln 10 = 2.3026\n' +
        NOTE,
    );
    expect(readOutput(out).shape).toEqual([80, speechFrames]);
  });

  it('accepts [1, 80, T] (batched) .npy input and writes [80, T]', async () => {
    const input = file('batched.npy', encodeNpyFloat32(speechX, [1, 80, speechFrames]));
    const out = file('batched_out.npy');
    expect((await run('process', input, '-o', out)).status).toBe(0);
    expect(readOutput(out).shape).toEqual([80, speechFrames]);
  });

  it('--weights FILE: the small 8-mel post-net (npz) with --n-mels 8 matches PyTorch', async () => {
    const input = file('small_x.npy', encodeNpyFloat32(floatsOf(small, 'x'), [8, 40]));
    const out = file('small_out.npy');
    const weights = fixturePath('weights', 'postnet_small', 'module_postnet_compressed.npz');
    expect(await run('process', input, '--weights', weights, '-o', out, '--n-mels', '8')).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    expectClose(readOutput(out).data, floatsOf(small, 'output'), { rtol: 1e-5, atol: 1e-5, label: 'output' });
  });

  it('--weights FOLDER of .npy files', async () => {
    const input = file('small_x2.npy', encodeNpyFloat32(floatsOf(small, 'x'), [8, 40]));
    const out = file('small_out2.npy');
    const folder = fixturePath('weights', 'postnet_small', 'npy');
    expect((await run('process', input, '--weights', folder, '-o', out, '--n-mels', '8')).status).toBe(0);
    expectClose(readOutput(out).data, floatsOf(small, 'output'), { rtol: 1e-5, atol: 1e-5, label: 'output' });
  });

  it('runs a WAV through the mel front end first (same bytes as the in-process pipeline on the same backend)', async () => {
    const out = file('wav_out.npy');
    const wav = fixturePath('audio', 'speech_pcm16.wav');
    expect(await run('process', wav, '--weights', 'untrained', '-o', out, '--backend', 'js')).toEqual({
      status: 0,
      stdout: '',
      stderr: UNTRAINED_NOTE,
    });
    const { mel } = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), wav, TACOTRON2_MEL);
    const expected = await processSpectrogram(defaultWeights().stack, mel);
    expect(new Uint8Array(readFileSync(out))).toEqual(encodeNpyFloat32(expected.output, [80, mel.nFrames]));
  });

  it('--preset hifigan analyses the WAV with HiFi-GAN’s framing (T = N // 256)', async () => {
    const out = file('hifigan_out.npy');
    expect(
      (await run('process', fixturePath('audio', 'speech_pcm16.wav'), '-o', out, '--preset', 'hifigan'))
        .status,
    ).toBe(0);
    const { mel } = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'x', HIFIGAN_MEL);
    expect(readOutput(out).shape).toEqual([80, mel.nFrames]);
  });
});

describe('postnet-studio process: notes and warnings', () => {
  it('a very quiet WAV without --weights runs, with the warning and then the note on stderr', async () => {
    const input = file('quiet.wav', quietWav);
    const out = file('quiet_out.npy');
    const { status, stdout, stderr } = await run('process', input, '-o', out);
    expect({ status, stdout }).toEqual({ status: 0, stdout: '' });
    const [warning, note, ...rest] = stderr.split(/(?<=\n)/);
    expect(warning).toMatch(quietWarning(input));
    expect([note, ...rest]).toEqual([NOTE]);
    expect(existsSync(out)).toBe(true);
  });

  it('a weights folder with other files runs, naming the skipped ones; hidden files (._x.npy) are skipped silently', async () => {
    const folder = join(scratch.dir, 'weights_with_extras');
    mkdirSync(folder);
    const npy = fixturePath('weights', 'postnet_small', 'npy');
    for (const name of readdirSync(npy)) writeFileSync(join(folder, name), readFileSync(join(npy, name)));
    // macOS AppleDouble files beside each tensor on a FAT/exFAT stick: not NumPy files at all.
    for (const name of readdirSync(npy)) writeFileSync(join(folder, `._${name}`), 'Mac OS X resource fork');
    writeFileSync(join(folder, 'README.txt'), 'exported from train.py');
    const input = file('small_x3.npy', encodeNpyFloat32(floatsOf(small, 'x'), [8, 40]));
    const out = file('small_out3.npy');
    const { status, stderr } = await run('process', input, '--weights', folder, '-o', out, '--n-mels', '8');
    expect({ status, stderr }).toEqual({
      status: 0,
      stderr: `warning: ${folder}: ignored 1 file(s) that are not .npy: README.txt\n`,
    });
    expectClose(readOutput(out).data, floatsOf(small, 'output'), { rtol: 1e-5, atol: 1e-5, label: 'output' });
  });
});

describe('postnet-studio process fails clearly: one line even after a warning or note', () => {
  function expectOneErrorLine(stderr: string, error: string, out: string): void {
    expect(stderr).toBe(`error: ${error}\n`);
    expect(existsSync(out)).toBe(false);
  }

  it('a very quiet WAV with weights that are not a weights file', async () => {
    const input = file('quiet2.wav', quietWav);
    const weights = file('bad.npz', new TextEncoder().encode('not a zip archive'));
    const out = file('quiet2_out.npy');
    const { status, stdout, stderr } = await run('process', input, '--weights', weights, '-o', out);
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
    expect(stderr).toMatch(/^error: bad\.npz: [^\n]+\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('a very quiet WAV with a weights file that does not exist', async () => {
    const input = file('quiet3.wav', quietWav);
    const weights = join(scratch.dir, 'gone.npz');
    const out = file('quiet3_out.npy');
    const { status, stderr } = await run('process', input, '--weights', weights, '-o', out);
    expect(status).toBe(1);
    expectOneErrorLine(stderr, `cannot read ${weights}: no such file or directory`, out);
  });

  it('a very quiet WAV, no --weights (a note), and an output that cannot be written', async () => {
    const input = file('quiet4.wav', quietWav);
    const notAFolder = file('plain-file', new Uint8Array([1]));
    const out = join(notAFolder, 'out.npy');
    const { status, stderr } = await run('process', input, '-o', out);
    expect(status).toBe(1);
    expectOneErrorLine(stderr, `cannot write ${out}: a part of the path is not a folder`, out);
  });

  it('a weights folder with a skipped file, whose tensors do not fit the input', async () => {
    const folder = join(scratch.dir, 'extras_mismatch');
    mkdirSync(folder);
    const npy = fixturePath('weights', 'postnet_small', 'npy');
    for (const name of readdirSync(npy)) writeFileSync(join(folder, name), readFileSync(join(npy, name)));
    writeFileSync(join(folder, 'notes.md'), '8 mel bands');
    const input = file('mel80b.npy', encodeNpyFloat32(speechX, [80, speechFrames]));
    const out = file('extras_mismatch_out.npy');
    const { status, stderr } = await run('process', input, '--weights', folder, '-o', out);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: extras_mismatch: .*8-band mel spectrograms[^\n]*\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('a weights folder holding only hidden ._x.npy files has no .npy files', async () => {
    const folder = join(scratch.dir, 'only_hidden');
    mkdirSync(folder);
    writeFileSync(join(folder, '._postnet.convolutions.0.0.conv.weight.npy'), 'Mac OS X resource fork');
    const input = file('ok5.npy', encodeNpyFloat32(speechX, [80, speechFrames]));
    const out = file('only_hidden_out.npy');
    const { status, stderr } = await run('process', input, '--weights', folder, '-o', out);
    expect(status).toBe(1);
    expectOneErrorLine(
      stderr,
      `${folder}: no .npy files in this folder (expected one file per tensor, named by its state_dict key)`,
      out,
    );
  });
});

describe('postnet-studio process fails clearly, leaving no output file', () => {
  function expectNoOutput(out: string): void {
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }

  it('on weights that take other mel bands than the input has', async () => {
    const input = file('mel80.npy', encodeNpyFloat32(speechX, [80, speechFrames]));
    const out = file('mismatch_out.npy');
    const weights = fixturePath('weights', 'postnet_small', 'postnet.npz');
    const { status, stderr } = await run('process', input, '--weights', weights, '-o', out);
    expect(status).toBe(1);
    expect(stderr).toBe(
      "error: postnet.npz: 'postnet.convolutions.0.0.conv.weight' is [16, 8, 5]: the first layer takes 8 channels but the spectrogram has 80 mel bands: " +
        'these weights need 8-band mel spectrograms (--n-mels 8 on the command line)\n',
    );
    expectNoOutput(out);
  });

  it('on a transposed [T, 80] spectrogram', async () => {
    const data = new Float32Array(80 * 200);
    const input = file('transposed.npy', encodeNpyFloat32(data, [200, 80]));
    const out = file('transposed_out.npy');
    const { status, stderr } = await run('process', input, '-o', out);
    expect(status).toBe(1);
    // The input is read first, so nothing is said about the weights.
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      `error: ${input} has shape [200, 80], expected [80, T] or [1, 80, T]; it looks transposed ([T, 80], time first): save mel.T (channels first, as vocoders read)`,
    ]);
    expectNoOutput(out);
  });

  it('on an input that is neither WAV nor .npy', async () => {
    const input = file('notes.txt', new TextEncoder().encode('hello'));
    const out = file('notes_out.npy');
    expect(await run('process', input, '-o', out)).toEqual({
      status: 1,
      stdout: '',
      stderr: `error: ${input}: not a WAV (RIFF) or .npy file: starts with text (not shown)\n`,
    });
    expectNoOutput(out);
  });

  it('on a missing input or weights path', async () => {
    const out = file('missing_out.npy');
    const missing = join(scratch.dir, 'missing.wav');
    expect((await run('process', missing, '-o', out)).stderr).toBe(
      `error: cannot read ${missing}: no such file or directory\n`,
    );
    const input = file('ok.npy', encodeNpyFloat32(speechX, [80, speechFrames]));
    const noWeights = join(scratch.dir, 'nowhere.npz');
    const result = await run('process', input, '--weights', noWeights, '-o', out);
    expect(result).toMatchObject({
      status: 1,
      stderr: `error: cannot read ${noWeights}: no such file or directory\n`,
    });
    expectNoOutput(out);
  });

  it('on bad weights (NaN in a tensor)', async () => {
    const input = file('ok2.npy', encodeNpyFloat32(speechX, [80, speechFrames]));
    const out = file('nan_out.npy');
    const nan = encodeNpy({ dtype: 'float32', shape: [2], data: Float32Array.of(0, NaN) });
    const folder = join(scratch.dir, 'nan_weights');
    mkdirSync(folder);
    writeFileSync(join(folder, 'postnet.convolutions.0.0.conv.bias.npy'), nan);
    const { status, stderr } = await run('process', input, '--weights', folder, '-o', out);
    expect(status).toBe(1);
    expect(stderr).toBe(
      "error: postnet.convolutions.0.0.conv.bias.npy: key 'postnet.convolutions.0.0.conv.bias' has a non-finite value (NaN) at index [1]\n",
    );
    expectNoOutput(out);
  });

  it('on an output folder that does not exist', async () => {
    const input = file('ok3.npy', encodeNpyFloat32(speechX, [80, speechFrames]));
    const out = join(scratch.dir, 'no', 'such', 'out.npy');
    const { status, stderr } = await run('process', input, '-o', out);
    expect(status).toBe(1);
    expect(stderr).toBe(`error: cannot write ${out}: no such file or directory\n`);
  });

  it.each([
    [['process', 'in.npy'], /^error: process: missing -o OUT\.npy/],
    [['process', '-o', 'out.npy'], /^error: process: missing input/],
    [
      ['process', 'a.npy', 'b.npy', '-o', 'out.npy'],
      /^error: process: 2 inputs write one \.npy each into a folder/,
    ],
    [
      ['process', 'in.npy', '-o', 'out.npy', '--preset', 'fastspeech'],
      /^error: --preset must be one of tacotron2, hifigan, got 'fastspeech'/,
    ],
    [
      ['process', 'in.npy', '-o', 'out.npy', '--residual'],
      /^error: process: unknown option '--residual'; did you mean '--no-residual'\?/,
    ],
    [['process', 'in.npy', '-o', 'out.npy', '--weights'], /^error: process: --weights needs a value \(/],
    [
      ['process', 'in.npy', '-o', 'out.npy', '--no-residual=yes'],
      /^error: process: --no-residual takes no value/,
    ],
    [['process', 'in.npy', '-o', 'out.npy', '--wieghts', 'w.npz'], /did you mean '--weights'\?/],
  ])('usage error %j: exit 2, one line', async (argv, message) => {
    const { status, stderr } = await run(...argv);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
