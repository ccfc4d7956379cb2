/**
 * Runs a timing script in PyTorch for comparison: `/usr/bin/python3` (Debian's python3-torch),
 * when it exists and imports torch. Sections call `runTorch(code, args)`; the script reads its
 * arguments as JSON from `sys.argv[1]` and prints one JSON object on its last line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const TORCH_PYTHON = '/usr/bin/python3';

let availability: { ok: true; version: string } | { ok: false; reason: string } | undefined;

/** Whether torch can be timed here, and torch/torchaudio versions or why not. */
export function torchAvailability(): { ok: true; version: string } | { ok: false; reason: string } {
  if (availability) return availability;
  if (!existsSync(TORCH_PYTHON)) return (availability = { ok: false, reason: `${TORCH_PYTHON} not found` });
  const probe = spawnSync(
    TORCH_PYTHON,
    [
      '-c',
      'import torch, torchaudio; print(torch.__version__, torchaudio.__version__, torch.get_num_threads())',
    ],
    { encoding: 'utf8' },
  );
  if (probe.status !== 0) return (availability = { ok: false, reason: 'torch/torchaudio not importable' });
  const [torch, torchaudio, threads] = probe.stdout.trim().split(' ');
  return (availability = {
    ok: true,
    version: `torch ${torch}, torchaudio ${torchaudio}, ${threads} threads`,
  });
}

/**
 * Prepended to every script: `median_ms(fn, runs, warmup)` times a callable the same way
 * timing.ts does (median of `runs` after `warmup` untimed calls) and returns
 * `{"wallMs": …, "cpuMs": …}` (wall clock and process CPU time medians).
 */
const PRELUDE = `
import json, sys, time
import numpy as np
import torch, torchaudio
def median_ms(fn, runs=21, warmup=3):
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        cpu_start = time.process_time()
        start = time.perf_counter()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    wall.sort()
    cpu.sort()
    return {"wallMs": wall[runs // 2], "cpuMs": cpu[runs // 2]}
args = json.loads(sys.argv[1])
`;

/** Runs `code` (after the prelude) and returns the JSON object it printed last, or why it could not. */
export function runTorch<T>(
  code: string,
  args: unknown,
): { ok: true; result: T } | { ok: false; reason: string } {
  const available = torchAvailability();
  if (!available.ok) return available;
  const run = spawnSync(TORCH_PYTHON, ['-c', PRELUDE + code, JSON.stringify(args)], { encoding: 'utf8' });
  if (run.status !== 0)
    return { ok: false, reason: `torch script failed: ${run.stderr.trim().split('\n').at(-1)}` };
  const lines = run.stdout.trim().split('\n');
  return { ok: true, result: JSON.parse(lines.at(-1)!) as T };
}
