/**
 * Output and input paths at the file system's edges (issue 9's fuzz findings): a legal name near
 * the 255-byte limit is written, a symlink loop and `-o .` get clear errors.
 */
import { existsSync, readdirSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryPathFor } from '../../../electron/main/files';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { fixturePath } from '../../helpers/fixtures';

const scratch = useScratchFolder('outputs-cli');
const SPEECH = fixturePath('audio', 'speech_pcm16.wav');

describe('output names near the 255-byte limit', () => {
  it('a 255-byte name is written (the temporary name beside it is shortened, not the target)', async () => {
    const out = join(scratch.dir, `${'n'.repeat(251)}.npy`);
    expect(await runCli('mel', SPEECH, '-o', out)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(scratch.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('the temporary name fits 255 bytes for a multi-byte name too, cut at a character', () => {
    const temp = basename(temporaryPathFor(join('/x', `${'é'.repeat(125)}.npy`)));
    expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
    expect(temp).toMatch(/^\.é+\.\d+\.[0-9a-f]{8}\.tmp$/);
  });

  it('a name longer than 255 bytes is refused by the file system, in words', async () => {
    const out = join(scratch.dir, `${'n'.repeat(256)}.npy`);
    expect(await runCli('mel', SPEECH, '-o', out)).toMatchObject({
      status: 1,
      stderr: `error: cannot write ${out}: the name is too long\n`,
    });
  });
});

describe('paths that are not files', () => {
  it('a symlink loop as input', async () => {
    const a = join(scratch.dir, 'loop-a.wav');
    const b = join(scratch.dir, 'loop-b.wav');
    symlinkSync(b, a);
    symlinkSync(a, b);
    expect(await runCli('mel', a, '-o', join(scratch.dir, 'loop.npy'))).toMatchObject({
      status: 1,
      stderr: `error: cannot read ${a}: too many symbolic links (a symlink that points back at itself?)\n`,
    });
  });

  it('-o . (a folder) for one input says so and what to write instead', async () => {
    expect(await runCli('mel', SPEECH, '-o', '.')).toMatchObject({
      status: 1,
      stderr:
        'error: -o . is a folder; name the output file (e.g. -o out.npy), or give mel several inputs or a folder to write one .npy per input into it\n',
    });
  });
});
