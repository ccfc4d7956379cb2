/**
 * The README's command-line examples run as written for a new user: each `npx postnet-studio …`
 * line of its "Command line" block, in order, from a folder laid out like the repository (the
 * bundled sample at renderer/public/samples/), exits 0 and writes what it says.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, useScratchFolder } from '../helpers/cli';

const ROOT = resolve(import.meta.dirname, '..', '..');
const scratch = useScratchFolder('readme');
const home = process.cwd();

/** The `npx postnet-studio` lines of the README's "## Command line" code block, as argv. */
function readmeExamples(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Command line'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx postnet-studio '))
    .map((line) => line.slice('npx postnet-studio '.length).split(/\s+/));
}

beforeAll(() => {
  mkdirSync(join(scratch.dir, 'renderer', 'public', 'samples'), { recursive: true });
  const sample = join('renderer', 'public', 'samples', 'sample.wav');
  copyFileSync(join(ROOT, sample), join(scratch.dir, sample));
  process.chdir(scratch.dir);
});
afterAll(() => process.chdir(home));

describe('README: Command line', () => {
  const examples = readmeExamples();

  it('has the weights example first, so the others have weights to use', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    expect(examples[0]).toEqual(['weights', '--default', '-o', 'postnet.npz']);
  });

  it('runs every example in order, each exiting 0 with its output written', async () => {
    for (const argv of examples) {
      const { status, stderr } = await runCli(...argv);
      expect({
        argv: argv.join(' '),
        status,
        stderr: stderr.replace(/^(progress|note): .*\n/gm, ''),
      }).toEqual({
        argv: argv.join(' '),
        status: 0,
        stderr: '',
      });
      const out = argv[argv.indexOf('-o') + 1];
      if (argv.includes('-o')) expect(existsSync(join(scratch.dir, out!)), out).toBe(true);
    }
    expect(existsSync(join(scratch.dir, 'mels', 'sample.npy'))).toBe(true);
  }, 120_000);
});
