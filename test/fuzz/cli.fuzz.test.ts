/**
 * Seeded fuzzing of the CLI's argument handling: command lines drawn from the real commands,
 * options, odd values and small real files. Every run exits 0, 1 or 2; stderr holds only whole
 * `error:` / `warning:` / `note:` / `progress:` lines, never a stack trace; a usage error is one
 * line; no temporary file is left behind.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNpyFloat32 } from '../../shared/formats/npy';
import { runCli, useScratchFolder } from '../helpers/cli';
import { fixturePath } from '../helpers/fixtures';
import { pcm16Wav } from '../helpers/make-wav';
import { SUITE_SEED } from './properties';

const scratch = useScratchFolder('cli-fuzz');
// Relative outputs (`-o .`, `-o abc`) must land in the scratch folder, never in the repository.
const home = process.cwd();
beforeAll(() => process.chdir(scratch.dir));
afterAll(() => process.chdir(home));

const wave = pcm16Wav(Array.from({ length: 2400 }, (_, i) => Math.round(8000 * Math.sin(i / 4))));

function files() {
  const dir = scratch.dir;
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus, { recursive: true });
  writeFileSync(join(corpus, 'a.wav'), wave);
  writeFileSync(join(corpus, 'b.wav'), 'not a wav');
  return {
    wav: scratch.file('in.wav', wave),
    npy: scratch.file(
      'in8.npy',
      encodeNpyFloat32(
        Float32Array.from({ length: 8 * 20 }, (_, i) => Math.sin(i) - 5),
        [8, 20],
      ),
    ),
    weights: fixturePath('weights', 'postnet_small', 'postnet.npz'),
    corpus,
    missing: join(dir, 'missing.wav'),
    out: join(dir, 'out.npy'),
    outDir: join(dir, 'out-folder'),
  };
}

describe('fuzz: the command line', () => {
  it('200 command lines: exit 0/1/2, whole named lines on stderr, one for a usage error, no leftovers', async () => {
    const f = files();
    const word = fc.constantFrom(
      'mel',
      'process',
      'inspect',
      'weights',
      'help',
      '--help',
      '-V',
      'frobnicate',
      '-o',
      '--output',
      '--preset',
      '--sample-rate',
      '--n-fft',
      '--hop',
      '--win',
      '--n-mels',
      '--fmin',
      '--fmax',
      '--weights',
      '--no-residual',
      '--default',
      '--compress',
      '--',
      '--n_mels',
      '-x',
      '0',
      '-1',
      '1e9',
      'NaN',
      '8',
      '64',
      '8000',
      '16000',
      '22050',
      '256',
      '1024',
      'abc',
      '',
      'tacotron2',
      'hifigan',
      '99999999999',
      f.wav,
      f.npy,
      f.weights,
      f.corpus,
      f.missing,
      f.out,
      f.outDir,
      '.',
    );
    const value = fc.constantFrom(
      '0',
      '-1',
      '1e9',
      'NaN',
      '8',
      '64',
      '8000',
      '16000',
      '22050',
      '256',
      '1024',
      'abc',
      '',
      'hifigan',
      'none',
    );
    const option = fc.tuple(
      fc.constantFrom(
        '--preset',
        '--sample-rate',
        '--n-fft',
        '--hop',
        '--win',
        '--n-mels',
        '--fmin',
        '--fmax',
        '--weights',
      ),
      fc.oneof(value, fc.constantFrom(f.weights, f.npy, f.missing)),
    );
    // Mostly command lines shaped like real ones (so the pipeline runs), some of random words.
    const shaped = fc
      .record({
        command: fc.constantFrom('mel', 'process'),
        inputs: fc.array(fc.constantFrom(f.wav, f.npy, f.corpus, f.missing), { minLength: 1, maxLength: 3 }),
        out: fc.constantFrom(f.out, f.outDir, '.', join(f.missing, 'x.npy')),
        options: fc.array(option, { maxLength: 3 }),
        residual: fc.boolean(),
      })
      .map(({ command, inputs, out, options, residual }) => [
        command,
        ...inputs,
        '-o',
        out,
        ...options.flat(),
        ...(residual ? [] : ['--no-residual']),
      ]);
    const weightsLine = fc
      .tuple(
        fc.constantFrom('inspect', 'weights'),
        fc.constantFrom(f.weights, f.corpus, f.missing, '--default'),
        fc.constantFrom(f.out, 'w.npz', '.'),
      )
      .map(([command, what, out]) =>
        command === 'inspect' ? [command, what] : [command, what, '-o', join(scratch.dir, out)],
      );
    const random = fc
      .tuple(
        fc.constantFrom('mel', 'process', 'inspect', 'weights', 'help', 'frobnicate'),
        fc.array(word, { maxLength: 8 }),
      )
      .map(([command, rest]) => [command, ...rest]);
    const commandLine = fc.oneof(
      { arbitrary: shaped, weight: 3 },
      { arbitrary: weightsLine, weight: 1 },
      { arbitrary: random, weight: 2 },
    );
    await fc.assert(
      fc.asyncProperty(commandLine, async (argv) => {
        const started = performance.now();
        const { status, stderr } = await runCli(...argv);
        expect([0, 1, 2]).toContain(status);
        expect(stderr).not.toMatch(/^\s+at /m);
        const lines = stderr.split('\n').slice(0, -1);
        for (const line of lines) expect(line).toMatch(/^(error|warning|note|progress): \S/);
        if (status === 2) {
          expect(lines).toHaveLength(1);
          expect(lines[0]).toMatch(/^error: .*\(see postnet-studio --help\)$/);
        }
        if (status === 1 && !lines.some((line) => line.startsWith('progress: '))) {
          expect(lines.filter((line) => line.startsWith('error: '))).toHaveLength(1);
        }
        expect(readdirSync(scratch.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
        expect(performance.now() - started).toBeLessThan(5000);
      }),
      { seed: SUITE_SEED, numRuns: 200 },
    );
  }, 120_000);
});
