/**
 * `mel` and `process` over several inputs or a folder: one `.npy` and sidecar per input in the
 * `-o` folder, names kept, a progress line, a failed input reported and skipped, exit 1 at the end.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSeconds, progressText, runBatch } from '../../../electron/cli/batch';
import type { CommandIo } from '../../../electron/cli/command';
import { SIDECAR_SCHEMA } from '../../../shared/export/sidecar';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { sha256Hex } from '../../../shared/formats/sha256';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { fixturePath, readFixture } from '../../helpers/fixtures';

const scratch = useScratchFolder('batch-cli');
const SPEECH = readFixture('audio', 'speech_pcm16.wav');
const WEIGHTS = fixturePath('weights', 'postnet_small', 'postnet.npz');

/** A folder in the scratch space holding `files` (name → bytes). */
function folder(name: string, files: Record<string, Uint8Array | string>): string {
  const dir = join(scratch.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dir, file), bytes);
  return dir;
}

const json = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('postnet-studio mel over several inputs', () => {
  it('writes OUT/NAME.npy and NAME.npy.json per WAV, the same bytes as one at a time, with a progress line', async () => {
    const inputs = folder('two', { 'a.wav': SPEECH, 'b.WAV': SPEECH });
    const out = join(scratch.dir, 'two-out');
    const { status, stdout, stderr } = await runCli(
      'mel',
      join(inputs, 'a.wav'),
      join(inputs, 'b.WAV'),
      '-o',
      out,
    );
    expect({ status, stdout }).toEqual({ status: 0, stdout: '' });
    expect(stderr).toMatch(/^progress: 0\/2 files, 0 s elapsed\nprogress: 2\/2 files, \d+ s elapsed\n$/);
    expect(readdirSync(out).sort()).toEqual(['a.npy', 'a.npy.json', 'b.npy', 'b.npy.json']);
    const { mel } = analyzeWav(SPEECH, 'a.wav', TACOTRON2_MEL);
    expect(new Uint8Array(readFileSync(join(out, 'b.npy')))).toEqual(
      encodeNpyFloat32(mel.data, [80, mel.nFrames]),
    );
    const sidecar = json(join(out, 'a.npy.json'));
    expect(sidecar).toMatchObject({
      schema: SIDECAR_SCHEMA,
      file: 'a.npy',
      format: 'npy',
      input: { name: 'a.wav', kind: 'wav', audio: { sampleRateHz: 22050, nChannels: 1 } },
      frames: { nFrames: mel.nFrames, nMels: 80 },
      weights: null,
      output: 'the input itself, no post-net',
    });
  });

  it('takes a folder: its .wav files, sorted; other files are named in one warning', async () => {
    const inputs = folder('corpus', { 'LJ002.wav': SPEECH, 'LJ001.wav': SPEECH, 'metadata.csv': 'a|b' });
    const out = join(scratch.dir, 'corpus-out', 'nested');
    const { status, stderr } = await runCli('mel', inputs, '-o', out);
    expect(status).toBe(0);
    expect(stderr.split('\n')[0]).toBe(
      `warning: ${inputs}: ignored 1 file(s) that are not .wav: metadata.csv`,
    );
    expect(readdirSync(out).sort()).toEqual(['LJ001.npy', 'LJ001.npy.json', 'LJ002.npy', 'LJ002.npy.json']);
  });

  it('a broken file: one error line, skipped, the others written, exit 1 at the end, no partial file', async () => {
    const inputs = folder('mixed', { '1.wav': SPEECH, '2.wav': 'not a wav', '3.wav': SPEECH });
    const out = join(scratch.dir, 'mixed-out');
    const { status, stderr } = await runCli('mel', inputs, '-o', out);
    expect(status).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('error: '))).toEqual([
      `error: ${join(inputs, '2.wav')}: not a RIFF/WAVE file: it starts with text (not shown), expected 'RIFF'`,
    ]);
    expect(lines.at(-1)).toMatch(/^progress: 3\/3 files, 1 failed, \d+ s elapsed$/);
    expect(readdirSync(out).sort()).toEqual(['1.npy', '1.npy.json', '3.npy', '3.npy.json']);
  });

  it('refuses two inputs that would write the same file, before writing anything', async () => {
    const a = folder('dup-a', { 'x.wav': SPEECH });
    const b = folder('dup-b', { 'x.wav': SPEECH });
    const out = join(scratch.dir, 'dup-out');
    const { status, stderr } = await runCli('mel', join(a, 'x.wav'), join(b, 'x.wav'), '-o', out);
    expect(status).toBe(1);
    expect(stderr).toBe(
      `error: ${join(a, 'x.wav')} and ${join(b, 'x.wav')} would both be written to ${join(out, 'x.npy')}; give them separately\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses -o naming an existing file, and a folder with no WAV in it', async () => {
    const inputs = folder('refuse', { 'a.wav': SPEECH, 'b.wav': SPEECH });
    const taken = scratch.file('taken.txt', new Uint8Array(1));
    expect(await runCli('mel', inputs, '-o', taken)).toMatchObject({
      status: 1,
      stderr: `error: -o ${taken} is a file; with several inputs or a folder, -o names the folder to write into\n`,
    });
    const empty = folder('nothing', { 'readme.md': '#' });
    expect(await runCli('mel', empty, '-o', join(scratch.dir, 'x'))).toMatchObject({
      status: 1,
      stderr: `error: ${empty}: no .wav files in this folder\n`,
    });
  });
});

describe('postnet-studio process over several inputs', () => {
  it('loads the weights once and writes output + sidecar per WAV or .npy, with their warnings', async () => {
    const { mel } = analyzeWav(SPEECH, 'a.wav', { ...TACOTRON2_MEL, nMels: 8, fMaxHz: 8000 });
    const inputs = folder('proc', { 'a.wav': SPEECH, 'm.npy': encodeNpyFloat32(mel.data, [8, mel.nFrames]) });
    const out = join(scratch.dir, 'proc-out');
    const { status, stderr } = await runCli(
      'process',
      inputs,
      '--weights',
      WEIGHTS,
      '--n-mels',
      '8',
      '-o',
      out,
    );
    expect(stderr).not.toMatch(/^error/m);
    expect(status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['a.npy', 'a.npy.json', 'm.npy', 'm.npy.json']);
    const single = scratch.file('single.npy');
    const one = await runCli(
      'process',
      join(inputs, 'm.npy'),
      '--weights',
      WEIGHTS,
      '--n-mels',
      '8',
      '-o',
      single,
    );
    expect(one).toMatchObject({ status: 0 });
    expect(readFileSync(join(out, 'm.npy'))).toEqual(readFileSync(single));
    expect(json(join(out, 'a.npy.json'))).toMatchObject({
      file: 'a.npy',
      input: { name: 'a.wav', kind: 'wav' },
      weights: {
        name: 'postnet.npz',
        sha256: sha256Hex(readFixture('weights', 'postnet_small', 'postnet.npz')),
      },
      output: 'input + postnet(input)',
    });
    expect(json(join(out, 'm.npy.json'))).toMatchObject({
      input: { name: 'm.npy', kind: 'npy', audio: null },
    });
  });

  it('refuses an output folder that is one of its inputs’ own folder for .npy inputs', async () => {
    const inputs = folder('inplace', { 'm.npy': encodeNpyFloat32(new Float32Array(80 * 30), [80, 30]) });
    const { status, stderr } = await runCli('process', inputs, '-o', inputs);
    expect(status).toBe(1);
    expect(stderr).toBe(
      `error: ${join(inputs, 'm.npy')} would be overwritten by its own output ${join(inputs, 'm.npy')}; choose another -o folder\n`,
    );
  });
});

describe('the batch runner', () => {
  const recorder = (): CommandIo & { lines: string[] } => {
    const lines: string[] = [];
    return { lines, line: (text) => lines.push(text), progress: (text) => lines.push(text) };
  };

  it('reports each failure on its own and keeps going; the ETA is the mean so far', async () => {
    const io = recorder();
    let clock = 0;
    const items = ['a', 'b', 'c', 'd'].map((input) => ({ input, output: `${input}.npy` }));
    const outcome = await runBatch(
      items,
      io,
      async ({ input }) => {
        clock += 10_000;
        if (input === 'b') throw new Error(`${input}: broken\nsecond line`);
        return input === 'c' ? ['warning: c is quiet'] : [];
      },
      () => clock,
    );
    expect(outcome).toEqual({ done: 3, failed: 1 });
    expect(io.lines).toEqual([
      'progress: 0/4 files, 0 s elapsed',
      'progress: 1/4 files, 10 s elapsed, ETA 30 s',
      'error: b: broken',
      'progress: 2/4 files, 1 failed, 20 s elapsed, ETA 20 s',
      'warning: c is quiet',
      'progress: 3/4 files, 1 failed, 30 s elapsed, ETA 10 s',
      'progress: 4/4 files, 1 failed, 40 s elapsed',
    ]);
  });

  it('formats durations in s, min and h', () => {
    expect([formatSeconds(9.4), formatSeconds(200), formatSeconds(3 * 3600 + 5 * 60)]).toEqual([
      '9 s',
      '3 min 20 s',
      '3 h 05 min',
    ]);
    expect(progressText(13_000, 13_100, 0, 3_600_000)).toBe(
      'progress: 13000/13100 files, 1 h 00 min elapsed, ETA 28 s',
    );
  });
});
