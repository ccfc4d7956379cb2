/**
 * Runs the CLI (from source) on each crafted input of issue 9's fuzz findings under
 * `/usr/bin/time -v` and prints exit status, wall time, peak RSS and the first stderr line:
 *
 *   npx tsx test/fuzz/measure-crafted.ts [--timeout 60] [--only NAME] [--cli PATH/TO/electron/cli/index.ts]
 *
 * Linux only (GNU time). Each run is stopped after --timeout seconds (reported as `timeout`).
 * --cli runs another checkout's CLI (e.g. a worktree of the commit before the fixes) on the same files.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  batchNormZeroVariance,
  deepJson,
  deepNpyHeader,
  layersWith,
  lowRateWav,
  npzBomb,
  npzHugeDeclared,
  npzUnderstated,
  postnetNpzWithValue,
} from '../helpers/crafted';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'renderer', 'public', 'samples', 'sample.wav');

interface Case {
  name: string;
  files: Record<string, () => Uint8Array>;
  args: (dir: string) => string[];
}

const CASES: Case[] = [
  {
    name: 'WAV at 2 Hz, 50,000 samples (100 KB)',
    files: { 'slow.wav': () => lowRateWav(2, 50_000) },
    args: (d) => ['mel', join(d, 'slow.wav'), '-o', join(d, 'slow.npy')],
  },
  {
    name: '.npz member 1 MB → 1 GiB (honest sizes)',
    files: { 'bomb.npz': () => npzBomb(2 ** 30) },
    args: (d) => ['inspect', join(d, 'bomb.npz')],
  },
  {
    name: '.npz member declares 1,000 bytes, inflates 1 GiB',
    files: { 'liar.npz': () => npzUnderstated(2 ** 30, 1000) },
    args: (d) => ['inspect', join(d, 'liar.npz')],
  },
  {
    name: '.npz member declares 0xFFFFFFFF bytes',
    files: { 'ffff.npz': () => npzHugeDeclared(0xffffffff, false) },
    args: (d) => ['inspect', join(d, 'ffff.npz')],
  },
  {
    name: '.npz member declares 2^40 bytes (ZIP64)',
    files: { 'zip64.npz': () => npzHugeDeclared(2 ** 40, true) },
    args: (d) => ['inspect', join(d, 'zip64.npz')],
  },
  {
    name: 'layer JSON padding 1e8',
    files: { 'pad.json': () => layersWith('padding', 1e8) },
    args: (d) => ['process', SAMPLE, '--weights', join(d, 'pad.json'), '-o', join(d, 'pad.npy')],
  },
  {
    name: 'JSON weights nested 1e5 deep',
    files: { 'deep.json': () => deepJson(100_000) },
    args: (d) => ['inspect', join(d, 'deep.json')],
  },
  {
    name: '.npy header tuple nested 1e5 deep',
    files: { 'deep.npy': () => deepNpyHeader(100_000) },
    args: (d) => ['process', join(d, 'deep.npy'), '-o', join(d, 'deep-out.npy')],
  },
  {
    name: 'BatchNorm eps 0, running_var 0',
    files: { 'bn.json': () => batchNormZeroVariance() },
    args: (d) => ['process', SAMPLE, '--weights', join(d, 'bn.json'), '-o', join(d, 'bn.npy')],
  },
  {
    name: 'float64 weight 1e300',
    files: { 'f64.npz': () => postnetNpzWithValue(1, 1e300, 'float64') },
    args: (d) => ['process', SAMPLE, '--weights', join(d, 'f64.npz'), '-o', join(d, 'f64.npy')],
  },
  {
    name: 'float32 weights 3e38',
    files: { 'f32.npz': () => postnetNpzWithValue(4, 3e38, 'float32') },
    args: (d) => ['process', SAMPLE, '--weights', join(d, 'f32.npz'), '-o', join(d, 'f32.npy')],
  },
  {
    name: 'output name of 251 bytes',
    files: {},
    args: (d) => ['mel', SAMPLE, '-o', join(d, `${'n'.repeat(247)}.npy`)],
  },
  {
    name: 'input is a symlink loop',
    files: {},
    args: (d) => ['mel', join(d, 'loop.wav'), '-o', join(d, 'loop.npy')],
  },
  {
    name: '-o . (a folder)',
    files: {},
    args: () => ['mel', SAMPLE, '-o', '.'],
  },
];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function field(report: string, label: string): string {
  return new RegExp(`${label}: (.*)`).exec(report)?.[1]?.trim() ?? '?';
}

const timeoutS = Number(option('timeout') ?? 60);
const only = option('only');
const dir = mkdtempSync(join(tmpdir(), 'postnet-crafted-'));
try {
  copyFileSync(SAMPLE, join(dir, 'sample.wav'));
  symlinkSync(join(dir, 'loop-b.wav'), join(dir, 'loop.wav'));
  symlinkSync(join(dir, 'loop.wav'), join(dir, 'loop-b.wav'));
  console.log('| case | exit | wall | peak RSS | stderr |');
  console.log('|---|---|---|---|---|');
  for (const item of CASES) {
    if (only && !item.name.includes(only)) continue;
    for (const [name, make] of Object.entries(item.files)) writeFileSync(join(dir, name), make());
    const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const cli = [
      process.execPath,
      '--import',
      tsx,
      resolve(option('cli') ?? join(ROOT, 'electron', 'cli', 'index.ts')),
    ];
    const run = spawnSync('/usr/bin/time', ['-v', 'timeout', String(timeoutS), ...cli, ...item.args(dir)], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const [report, ...rest] = run.stderr.split('\tCommand being timed:');
    const timing = rest.join('');
    const status = field(timing, 'Exit status');
    const rssMb = Math.round(Number(field(timing, 'Maximum resident set size \\(kbytes\\)')) / 1024);
    const firstLine = (report ?? '').split('\n')[0]!.slice(0, 140);
    const exit = status === '124' ? 'timeout' : status;
    console.log(
      `| ${item.name} | ${exit} | ${field(timing, 'Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')} | ${rssMb} MB | ${firstLine} |`,
    );
    for (const name of Object.keys(item.files)) rmSync(join(dir, name), { force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
