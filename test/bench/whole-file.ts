/**
 * `npm run bench -- whole-file [--seconds N] [--runs N]`: a whole CLI job, WAV → processed `.npy`
 * with the full-size Tacotron 2 post-net (`--weights untrained`: 512 channels, the same shapes as
 * the PyTorch script's; the bundled demo post-net is 128 channels wide), ours beside a PyTorch script doing the same
 * in the same run (torchaudio.load, MelSpectrogram with Tacotron 2's settings, log, the post-net
 * with one thread per core, np.save). Each run is its own process, timed from outside with
 * `/usr/bin/time` for wall time and peak RSS; medians of `--runs` (default 1). Ours is the built
 * CLI (`npm run build` makes out/main/cli.js; without it, `tsx electron/cli/index.ts`). First the
 * mel alone: our `mel` command beside torchaudio's MelSpectrogram on one thread, with peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWavPcm16, testSignal } from '../e2e/helpers/wav';
import { sectionOptions } from './args';
import type { BenchSection } from './timing';
import { TORCH_PYTHON, torchAvailability } from './torch';

interface ProcessRun {
  wallS: number;
  peakRssMb: number;
}

/** Runs `command` under /usr/bin/time: its wall time and peak RSS; throws with its stderr if it fails. */
function timed(command: string, args: readonly string[]): ProcessRun {
  const run = spawnSync('/usr/bin/time', ['-f', 'TIMED %e %M', command, ...args], { encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('TIMED '));
  if (run.status !== 0 || !line) {
    throw new Error(
      `${command} ${args.join(' ')} failed: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  const [, wall, rssKb] = line.split(' ');
  return { wallS: Number(wall), peakRssMb: Number(rssKb) / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The same job in PyTorch: WAV → Tacotron 2 log-mel → post-net (untrained, same shapes) → .npy. */
const TORCH_JOB = `
import sys, json, numpy as np, torch, torchaudio, os
args = json.loads(sys.argv[1])
torch.set_num_threads(os.cpu_count())
wav, rate = torchaudio.load(args["wav"])
mel = torchaudio.transforms.MelSpectrogram(sample_rate=22050, n_fft=1024, win_length=1024, hop_length=256,
    f_min=0.0, f_max=8000.0, n_mels=80, power=1.0, norm="slaney", mel_scale="slaney")(wav[0])
mel = torch.log(torch.clamp(mel, min=1e-5))
layers = []
channels = [80, 512, 512, 512, 512, 80]
for i in range(5):
    layers += [torch.nn.Conv1d(channels[i], channels[i + 1], 5, padding=2), torch.nn.BatchNorm1d(channels[i + 1])]
    if i < 4: layers.append(torch.nn.Tanh())
net = torch.nn.Sequential(*layers).eval()
with torch.no_grad():
    out = mel + net(mel.unsqueeze(0))[0]
np.save(args["out"], out.numpy())
`;

/** The mel alone in PyTorch: torchaudio.load, Tacotron 2's MelSpectrogram, log, np.save. */
const TORCH_MEL_JOB = `
import sys, json, numpy as np, torch, torchaudio, os
args = json.loads(sys.argv[1])
torch.set_num_threads(1)
wav, rate = torchaudio.load(args["wav"])
mel = torchaudio.transforms.MelSpectrogram(sample_rate=22050, n_fft=1024, win_length=1024, hop_length=256,
    f_min=0.0, f_max=8000.0, n_mels=80, power=1.0, norm="slaney", mel_scale="slaney")(wav[0])
np.save(args["out"], torch.log(torch.clamp(mel, min=1e-5)).numpy())
`;

/** Our CLI: the built one when there is one. */
function ourCli(): { command: string; args: string[] } {
  if (existsSync('out/main/cli.js')) return { command: process.execPath, args: ['out/main/cli.js'] };
  return { command: process.execPath, args: ['--import', 'tsx', 'electron/cli/index.ts'] };
}

export async function runWholeFileBench(seconds: number, runs: number): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'postnet-whole-file-'));
  try {
    const wav = join(folder, `speech-${seconds}s.wav`);
    await writeFile(wav, encodeWavPcm16(testSignal(seconds), 22050));
    const cli = ourCli();
    const torch = torchAvailability();
    const ours: ProcessRun[] = [];
    const theirs: ProcessRun[] = [];
    const oursMel: ProcessRun[] = [];
    const theirsMel: ProcessRun[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so both see the same load.
      oursMel.push(timed(cli.command, [...cli.args, 'mel', wav, '-o', join(folder, 'ours-mel.npy')]));
      if (torch.ok) {
        const args = JSON.stringify({ wav, out: join(folder, 'torch-mel.npy') });
        theirsMel.push(timed(TORCH_PYTHON, ['-c', TORCH_MEL_JOB, args]));
      }
      ours.push(
        timed(cli.command, [
          ...cli.args,
          'process',
          wav,
          '--weights',
          'untrained',
          '-o',
          join(folder, 'ours.npy'),
        ]),
      );
      if (torch.ok) {
        const args = JSON.stringify({ wav, out: join(folder, 'torch.npy') });
        theirs.push(timed(TORCH_PYTHON, ['-c', TORCH_JOB, args]));
      }
    }
    const row = (name: string, list: ProcessRun[]) =>
      `  ${name.padEnd(44)} ${median(list.map((r) => r.wallS))
        .toFixed(1)
        .padStart(7)} s   peak RSS ${median(list.map((r) => r.peakRssMb))
        .toFixed(0)
        .padStart(5)} MB`;
    console.log(
      `  ${seconds} s of 22.05 kHz 16-bit audio → mel .npy [80, T], one thread; medians of ${runs}:`,
    );
    console.log(row(`ours: ${cli.args.at(-1)} mel`, oursMel));
    if (torch.ok) {
      console.log(row('torchaudio MelSpectrogram (1 thread)', theirsMel));
      const ratio = median(oursMel.map((r) => r.wallS)) / median(theirsMel.map((r) => r.wallS));
      console.log(`  ours / torchaudio, wall: ${ratio.toFixed(2)}×`);
    }
    console.log(
      `  ${seconds} s of 22.05 kHz audio → processed .npy, full-size post-net (80 → 512 ×4 → 80), ${availableParallelism()} cores; medians of ${runs}:`,
    );
    console.log(row(`ours: ${cli.args.at(-1)} process (auto backend)`, ours));
    if (torch.ok) {
      console.log(row(`PyTorch script (torch.set_num_threads(${availableParallelism()}))`, theirs));
      const ratio = median(ours.map((r) => r.wallS)) / median(theirs.map((r) => r.wallS));
      console.log(`  ours / PyTorch, wall: ${ratio.toFixed(2)}×`);
    } else {
      console.log(`  PyTorch: not timed (${torch.reason})`);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export const wholeFileSection: BenchSection = {
  name: 'whole-file',
  title: 'whole CLI job: WAV → processed .npy, ours beside PyTorch',
  async run(args) {
    const options = sectionOptions('whole-file', args, { seconds: 'integer', runs: 'integer' });
    await runWholeFileBench(options.seconds ?? 600, options.runs ?? 1);
  },
};
