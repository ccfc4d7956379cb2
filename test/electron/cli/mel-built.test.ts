/**
 * The built CLI (`node out/main/cli.js`), as a user runs it: built once into a private folder.
 * The same build checks what `out/renderer` ships.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { readNpyFloat32 } from '../../shared/mel/npy-fixture';
import { expectClose } from '../../helpers/close';
import { COMPARE_ABOVE } from '../../shared/mel/torchaudio-reference';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let build: string;
let work: string;

beforeAll(() => {
  // Inside the repo (test/artifacts is ignored) so the bundle finds node_modules for its externals.
  mkdirSync(join(ROOT, 'test', 'artifacts'), { recursive: true });
  build = mkdtempSync(join(ROOT, 'test', 'artifacts', 'mel-cli-'));
  work = mkdtempSync(join(build, 'work-'));
  const result = spawnSync('npx', ['electron-vite', 'build', '--outDir', build, '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stderr}${result.stdout}`);
}, 120_000);
afterAll(() => rmSync(build, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(build, 'main', 'cli.js'), ...args], { encoding: 'utf8' });
}

describe('node out/main/cli.js mel', () => {
  it('writes the mel of a 44.1 kHz WAV, matching torchaudio, silently', () => {
    const out = join(work, 'speech44k.npy');
    const result = cli('mel', fixturePath('audio', 'speech_44k.wav'), '-o', out);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    const ours = readNpyFloat32(new Uint8Array(readFileSync(out)));
    const ref = readNpyFloat32(readFixture('mel', 'speech_44k.tacotron2.npy'));
    expect(ours.shape).toEqual(ref.shape);
    expectClose(ours.data, ref.data, { atol: 1e-3, where: (e) => e > COMPARE_ABOVE, shape: ref.shape });
  });

  it('fails clearly: a WAV cut inside its header → exit 1, one error line naming it, no output', () => {
    const input = join(work, 'cut.wav');
    writeFileSync(input, readFixture('audio', 'speech_alaw.wav').subarray(0, 30));
    const out = join(work, 'cut.npy');
    const result = cli('mel', input, '-o', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: ${input}: truncated WAV: the 'fmt ' chunk at byte 12 declares \\d+ bytes, only 10 present\\n$`,
      ),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('fails clearly on a usage error → exit 2', () => {
    const result = cli('mel', fixturePath('audio', 'speech_pcm16.wav'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: mel: missing -o OUT.npy (see postnet-studio --help)\n');
  });
});

describe('the production build (what npm start and npm run package ship)', () => {
  it('is not a development build: isDevBuild() is false, so no DevTools, reload menu or dev server URL', () => {
    const main = readFileSync(join(build, 'main', 'index.js'), 'utf8');
    expect(main).not.toContain('__POSTNET_DEV_BUILD__');
    expect(main).toMatch(/function isDevBuild\(\) \{\s*return false;\s*\}/);
  });
});

describe('the built renderer (out/renderer)', () => {
  const shipped = () =>
    readdirSync(join(build, 'renderer'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(join(build, 'renderer').length + 1));

  it('ships the bundled sample WAV beside the page', () => {
    expect(shipped()).toContain(join('samples', 'sample.wav'));
  });

  it('fails clearly if a script that made the data is copied into the app (no .sh, .py)', () => {
    expect(shipped().filter((path) => /\.(?:sh|py)$/.test(path))).toEqual([]);
  });
});
