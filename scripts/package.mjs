// `npm run package [-- --linux|--mac|--win] [--dir] [--output DIR]`: builds with electron-vite, then
// packages with electron-builder (electron-builder.ts) into dist/ (or DIR). Packaging downloads the Electron release for
// each target (and, for some targets, electron-builder's own tools); where that cannot be reached
// it fails with one `error:` line saying what to do, not a stack trace.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describePackagingFailure } from './launch/package-errors.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const ELECTRON_VITE = resolve(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

/** Our arguments: platforms (none: the one this runs on), `--dir`, `--output DIR`. */
function options(argv) {
  const wanted = ['--linux', '--mac', '--win'].filter((flag) => argv.includes(flag));
  const at = argv.indexOf('--output');
  const output = at >= 0 ? argv[at + 1] : undefined;
  return { platforms: wanted.map((flag) => flag.slice(2)), dir: argv.includes('--dir'), output };
}

async function main() {
  const { platforms, dir, output } = options(process.argv.slice(2));
  process.stderr.write('package: building the app (electron-vite build)…\n');
  const built = spawnSync(process.execPath, [ELECTRON_VITE, 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) {
    process.stderr.write('error: cannot package: electron-vite build failed (its output is above)\n');
    return 1;
  }
  const { default: builder } = await import('electron-builder');
  const byName = { linux: builder.Platform.LINUX, mac: builder.Platform.MAC, win: builder.Platform.WINDOWS };
  const chosen = platforms.length > 0 ? platforms.map((name) => byName[name]) : [builder.Platform.current()];
  try {
    await builder.build({
      projectDir: ROOT,
      targets: mergeTargets(chosen, dir),
      ...(output ? { config: { directories: { output: resolve(output) } } } : {}),
    });
  } catch (error) {
    process.stderr.write(`error: ${describePackagingFailure(error)}\n`);
    return 1;
  }
  process.stderr.write(`package: done: ${dir ? 'unpacked apps' : 'installers'} in ${output ?? 'dist'}/\n`);
  return 0;
}

/** One target map for all chosen platforms (electron-builder's createTargets, merged). */
function mergeTargets(platforms, dir) {
  const merged = new Map();
  for (const platform of platforms) {
    for (const [key, value] of platform.createTarget(dir ? 'dir' : null)) merged.set(key, value);
  }
  return merged;
}

process.exitCode = await main();
