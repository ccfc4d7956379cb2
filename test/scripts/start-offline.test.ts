/**
 * `npm start` for real on its offline path (as on CI and these machines): the launcher runs
 * Electron's installer, which cannot fetch the binary, says so in one line, serves the browser
 * host on 127.0.0.1 and prints the URL; the URL answers with the app's page. Electron's binary is
 * made to look absent (ELECTRON_OVERRIDE_DIST_PATH) and the mirror unreachable (port 9 on
 * loopback), so the path is the same on a machine that has Electron or a network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const cache = mkdtempSync(join(tmpdir(), 'postnet-electron-cache-'));
let launcher: ChildProcess | null = null;

afterAll(async () => {
  if (launcher && launcher.exitCode === null) {
    const exited = new Promise((done) => launcher!.once('exit', done));
    launcher.kill('SIGTERM');
    await exited;
  }
  rmSync(cache, { recursive: true, force: true });
});

/** Starts `node scripts/start.mjs` and resolves with its stdout once a line matches `until`. */
function startUntil(until: RegExp): Promise<{ output: string; match: RegExpMatchArray }> {
  launcher = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: join(cache, 'no-electron-here'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: cache,
      BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  return new Promise((done, fail) => {
    launcher!.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const match = until.exec(output);
      if (match) done({ output, match });
    });
    launcher!.stderr!.on('data', (chunk) => (errors += String(chunk)));
    launcher!.on('exit', (code) =>
      fail(new Error(`the launcher exited (${code}) before serving:\n${output}${errors}`)),
    );
  });
}

describe('npm start without the Electron binary (offline)', () => {
  it('says so in one line, serves the window on 127.0.0.1 and prints its URL, which answers with the app', async () => {
    const { output, match } = await startUntil(
      /Postnet Studio is at (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C to stop\)\n/,
    );
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^npm start: fetching Electron \d+\.\d+\.\d+ for \w+-\w+ with its installer…$/);
    const notice = lines.filter((line) => line.includes('could not be fetched'));
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(/ELECTRON_MIRROR.*npm run web.*in your browser instead\.$/);
    const page = await fetch(match[1]!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    expect(html).toMatch(/<title>Postnet Studio<\/title>/);
  }, 240_000);
});
