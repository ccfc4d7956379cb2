// @ts-check
// `npm start`: always ends with the app on screen. Electron's binary is fetched the first time by
// Electron's own installer (node_modules/electron/install.js, what `npx install-electron` runs),
// with a progress line; then the app is built and launched (electron-vite preview). Where the
// binary cannot be fetched (offline, no mirror) or Chromium's sandbox cannot start on this Linux,
// one line says so and what to do, and the same window opens through the browser host instead
// (web.mjs). The decisions are plan.mjs's `launch` (tested with stubs); this file gives it the
// real effects.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { binaryFacts, sandboxFacts } from './launch/facts.mjs';
import { launch } from './launch/plan.mjs';
import { serveInBrowser } from './launch/web.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
const ELECTRON_VITE = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

const say = (line) => process.stdout.write(`${line}\n`);

/** Bytes in all files under `dir` (the installer's download folder). */
function bytesUnder(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      try {
        total += statSync(join(entry.parentPath, entry.name)).size;
      } catch {
        // moved or removed meanwhile
      }
    }
  }
  return total;
}

/**
 * Runs Electron's installer with a progress line (bytes downloaded so far, seen in the private
 * temporary folder it downloads into). Resolves with its exit status and stderr.
 * @returns {Promise<{ ok: boolean, stderr: string }>}
 */
function fetchElectron(version) {
  const downloads = mkdtempSync(join(tmpdir(), 'postnet-electron-'));
  const started = Date.now();
  const terminal = process.stdout.isTTY === true;
  const label = `npm start: fetching Electron ${version} for ${process.platform}-${process.arch} with its installer`;
  say(`${label}…`);
  const tick = setInterval(
    () => {
      const mb = (bytesUnder(downloads) / 1e6).toFixed(1);
      const line = `${label}: ${mb} MB, ${Math.round((Date.now() - started) / 1000)} s`;
      process.stdout.write(terminal ? `\r\x1b[K${line}` : `${line}\n`);
    },
    terminal ? 500 : 10_000,
  );
  const child = spawn(process.execPath, [join(ELECTRON_DIR, 'install.js')], {
    cwd: ELECTRON_DIR,
    env: { ...process.env, TMPDIR: downloads, TMP: downloads, TEMP: downloads },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 65_536) stderr += String(chunk);
  });
  return new Promise((done) => {
    const finish = (ok) => {
      clearInterval(tick);
      if (terminal) process.stdout.write('\r\x1b[K');
      rmSync(downloads, { recursive: true, force: true });
      done({ ok, stderr });
    };
    child.on('error', (error) => {
      stderr += String(error);
      finish(false);
    });
    child.on('exit', (code) => finish(code === 0));
  });
}

/** `electron-vite build`; false when it failed (its own output says why). */
function buildApp() {
  say('npm start: building the app (electron-vite build)…');
  return new Promise((done) => {
    const child = spawn(process.execPath, [ELECTRON_VITE, 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.on('exit', (code) => done(code === 0));
  });
}

/**
 * `electron-vite preview --skipBuild`: the app in Electron. Its stderr is passed through and kept
 * (the start of it) to recognise a sandbox that could not start.
 * @returns {Promise<{ code: number | null, stderr: string, uptimeMs: number }>}
 */
function runElectron(extraArgs) {
  const started = Date.now();
  const child = spawn(process.execPath, [ELECTRON_VITE, 'preview', '--skipBuild', ...extraArgs], {
    cwd: ROOT,
    stdio: ['inherit', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    if (stderr.length < 65_536) stderr += String(chunk);
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
    process.on(signal, () => child.kill(signal));
  return new Promise((done) => {
    child.on('exit', (code) => done({ code, stderr, uptimeMs: Date.now() - started }));
  });
}

process.exitCode = await launch({
  binaryFacts: () => binaryFacts(ELECTRON_DIR),
  fetchElectron,
  sandboxFacts: () => sandboxFacts(ELECTRON_DIR),
  buildApp,
  runElectron: () => runElectron(process.argv.slice(2)),
  serveInBrowser: () => serveInBrowser(ROOT, say),
  say,
});
