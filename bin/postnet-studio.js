#!/usr/bin/env node
// The `postnet-studio` command (package.json "bin"): runs the built CLI, out/main/cli.js. In a
// source checkout that has not been built yet it runs `electron-vite build` once first; elsewhere
// it says what to do. `node out/main/cli.js …` stays the way to run the build directly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.js');
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

if (!existsSync(built)) {
  if (!existsSync(electronVite)) {
    fail(`postnet-studio is not built: run 'npm install && npm run build' in ${root}`);
  }
  process.stderr.write('note: building postnet-studio first (npm run build, once)…\n');
  // The WASM kernel first, as npm run build's prebuild does (it is skipped when up to date).
  const wasm = join(root, 'wasm', 'build.mjs');
  const kernel = existsSync(wasm)
    ? spawnSync(process.execPath, [wasm], { cwd: root, encoding: 'utf8' })
    : { status: 0, stderr: '', stdout: '' };
  const build =
    kernel.status === 0
      ? spawnSync(process.execPath, [electronVite, 'build', '--logLevel', 'error'], {
          cwd: root,
          encoding: 'utf8',
        })
      : kernel;
  if (build.status !== 0 || !existsSync(built)) {
    const reason =
      `${build.stderr ?? ''}${build.stdout ?? ''}`.trim().split('\n')[0] || `exit ${build.status}`;
    fail(`could not build postnet-studio (npm run build in ${root}): ${reason}`);
  }
}
await import(pathToFileURL(built).href);
