/**
 * Bench section `griffin-lim`: turning 10 s of mel back into sound. Ours (NNLS mel inversion,
 * then fast Griffin-Lim, shared/audio-synthesis) beside torchaudio's pinv + GriffinLim with the
 * same iterations, in the same run, at one thread (ours is single-threaded) and at torch's count;
 * then the two stages of ours apart. Quality is test/fixtures/griffin-lim/compare.py's job.
 *
 *   npm run bench -- griffin-lim [--iters 60]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { griffinLim, griffinLimFromMagnitude } from '../../shared/audio-synthesis/griffin-lim';
import { melToMagnitude } from '../../shared/audio-synthesis/mel-inverse';
import { stftGeometry } from '../../shared/audio-synthesis/stft';
import { parseNpz } from '../../shared/formats/npz';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { toFloat32 } from '../../shared/tensor';
import { readFixture } from '../helpers/fixtures';
import { sectionOptions } from './args';
import { comparisonLine, ms, time, type BenchSection, type Measured } from './timing';
import { runTorch, torchAvailability } from './torch';

const N_FRAMES = 862; // 10 s at hop 256, 22050 Hz

/** The held-out clips of test/fixtures/demo-postnet end to end, cut to 10 s: real speech mels. */
function tenSecondsOfMel(): Float32Array {
  const held = parseNpz(readFixture('demo-postnet', 'heldout.npz'), 'heldout.npz');
  const mel = new Float32Array(80 * N_FRAMES);
  let at = 0;
  while (at < N_FRAMES) {
    for (const tensor of held.values()) {
      const frames = tensor.shape[1]!;
      const data = toFloat32(tensor);
      for (let t = 0; t < frames && at + t < N_FRAMES; t++) {
        for (let m = 0; m < 80; m++) mel[m * N_FRAMES + at + t] = data[m * frames + t]!;
      }
      at += frames;
      if (at >= N_FRAMES) break;
    }
  }
  return mel;
}

const TORCH_SCRIPT = `
import os
mel = torch.from_numpy(np.fromfile(args["mel"], dtype="<f4").reshape(80, -1))
fb = torchaudio.functional.melscale_fbanks(513, 0.0, 8000.0, 80, 22050, norm="slaney", mel_scale="slaney").T
gl = torchaudio.transforms.GriffinLim(n_fft=1024, hop_length=256, win_length=1024, power=1,
                                      n_iter=args["iters"], momentum=0.99)
def run():
    magnitude = torch.clamp(torch.linalg.pinv(fb) @ torch.exp(mel), min=0)
    return gl(magnitude)
result = {}
for threads in sorted({1, os.cpu_count()}):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    with torch.inference_mode():
        result[str(threads)] = median_ms(run, runs=3, warmup=1)
print(json.dumps(result))
`;

function torchTimes(mel: Float32Array, iters: number): Record<string, Measured> | string {
  const dir = mkdtempSync(join(tmpdir(), 'postnet-bench-gl-'));
  try {
    const path = join(dir, 'mel.f32');
    writeFileSync(path, new Uint8Array(mel.buffer, mel.byteOffset, mel.byteLength));
    const run = runTorch<Record<string, Measured>>(TORCH_SCRIPT, { mel: path, iters });
    return run.ok ? run.result : run.reason;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const griffinLimSection: BenchSection = {
  name: 'griffin-lim',
  title: `mel → sound: NNLS + fast Griffin-Lim on 10 s of speech (${N_FRAMES} frames)`,
  run(args) {
    const { iters = 60 } = sectionOptions('griffin-lim', args, { iters: 'integer' });
    const mel = tenSecondsOfMel();
    const geometry = stftGeometry(TACOTRON2_MEL);
    const whole = time(() => griffinLim(mel, N_FRAMES, TACOTRON2_MEL, { iterations: iters }), 3, 1);
    const ours = { wallMs: whole.medianMs, cpuMs: whole.cpuMedianMs };
    const torch = torchTimes(mel, iters);
    const available = torchAvailability();
    console.log(`  median of 3 runs; ${available.ok ? available.version : 'torch: ' + available.reason}`);
    if (typeof torch === 'string') {
      console.log(comparisonLine(`${iters} iterations, ours vs torch pinv + GriffinLim`, ours, torch));
    } else {
      for (const [threads, measured] of Object.entries(torch)) {
        const label = `${iters} iterations; torch pinv + GriffinLim, ${threads} thread${threads === '1' ? '' : 's'}`;
        console.log(comparisonLine(label, ours, measured));
      }
    }
    let magnitude: Float32Array = new Float32Array(0);
    const nnls = time(() => (magnitude = melToMagnitude(mel, N_FRAMES, TACOTRON2_MEL)), 3, 1);
    const loop = time(
      () => griffinLimFromMagnitude(magnitude, N_FRAMES, geometry, { iterations: iters }),
      3,
      1,
    );
    console.log(
      `  ours apart: NNLS mel inversion ${ms(nnls.medianMs)}, Griffin-Lim loop ${ms(loop.medianMs)}`,
    );
  },
};
