/**
 * Bench section `mel`: speed of the mel front end beside torchaudio on the same samples, then the
 * accuracy against the committed torchaudio references and the resampler's measured quality.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resample } from '../../shared/audio/resample';
import { KAISER_BEST, TORCHAUDIO_DEFAULT, type SincFilter } from '../../shared/audio/sinc-kernel';
import { parseWav } from '../../shared/audio/wav';
import { HIFIGAN_MEL, TACOTRON2_MEL } from '../../shared/mel/config';
import { melFilterbank } from '../../shared/mel/filterbank';
import { logMel } from '../../shared/mel/log-mel';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { compareArrays } from '../helpers/close';
import { readFixture } from '../helpers/fixtures';
import { makeWav, packInts } from '../helpers/make-wav';
import { medianOf } from '../helpers/median';
import { measureResampler } from '../shared/audio/resample-quality';
import { COMPARE_ABOVE, accuracyRows, type AccuracyRow } from '../shared/mel/torchaudio-reference';
import { wavefileMono } from '../helpers/wavefile-oracle';
import { sectionOptions } from './args';
import { analyzeWavBefore, logMelBefore } from './mel-before';
import { comparisonLine, ms, row, time, type BenchSection, type Measured } from './timing';
import { TORCH_PYTHON, runTorch, torchAvailability } from './torch';

/** The speed target of the foundation issue: 10 s of 22.05 kHz audio to mel, median. */
const TARGET_MS = 30;

/** `seconds` of speech at `rateHz`: the speech fixture, resampled and repeated. */
function speech(seconds: number, rateHz: number): Float32Array {
  const one = parseWav(readFixture('audio', 'speech_pcm16.wav')).samples;
  const atRate = resample(one, 22050, rateHz);
  const out = new Float32Array(Math.round(seconds * rateHz));
  for (let i = 0; i < out.length; i++) out[i] = atRate[i % atRate.length]!;
  return out;
}

function pcm16(samples: Float32Array, rateHz: number): Uint8Array {
  const ints = Array.from(samples, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
  return makeWav({ data: packInts(ints, 16), sampleRateHz: rateHz });
}

const TORCH_SCRIPT = `
x22 = torch.from_numpy(np.fromfile(args["at22k"], dtype="<f4"))
x16 = torch.from_numpy(np.fromfile(args["at16k"], dtype="<f4"))
mel = torchaudio.transforms.MelSpectrogram(sample_rate=22050, n_fft=1024, win_length=1024, hop_length=256,
    f_min=0.0, f_max=8000.0, n_mels=80, power=1.0, center=True, pad_mode="reflect", norm="slaney", mel_scale="slaney")
kaiser = torchaudio.transforms.Resample(16000, 22050, lowpass_filter_width=64, rolloff=0.9475937167399596,
    resampling_method="kaiser_window", beta=14.769656459379492)
default = torchaudio.transforms.Resample(16000, 22050)
basis = torchaudio.functional.melscale_fbanks(513, 0.0, 8000.0, 80, 22050, norm="slaney", mel_scale="slaney").T
window = torch.hann_window(1024)
def hifigan(y):
    y = torch.nn.functional.pad(y[None, None], (384, 384), mode="reflect")[0]
    spec = torch.stft(y, 1024, hop_length=256, win_length=1024, window=window, center=False, return_complex=True)
    spec = torch.sqrt(spec.real.pow(2) + spec.imag.pow(2) + 1e-9)
    return torch.log(torch.clamp(torch.matmul(basis, spec), min=1e-5))
result = {}
for threads in sorted({1, torch.get_num_threads()}):
    torch.set_num_threads(threads)
    with torch.inference_mode():
        result[f"mel_{threads}"] = median_ms(lambda: torch.log(torch.clamp(mel(x22), min=1e-5)))
        result[f"hifigan_{threads}"] = median_ms(lambda: hifigan(x22))
        result[f"kaiser_{threads}"] = median_ms(lambda: kaiser(x16))
        result[f"default_{threads}"] = median_ms(lambda: default(x16))
result["threads"] = max(int(k.rsplit("_", 1)[1]) for k in result)
print(json.dumps(result))
`;

/** `{mel_1: {wallMs, cpuMs}, …, threads: 1}`: keys are `<case>_<threads>`. */
type TorchTimes = Record<string, Measured> & { threads: number };

/** Writes the two signals for the torch script; returns their paths and a cleanup. */
function torchInputs(
  at22k: Float32Array,
  at16k: Float32Array,
): { paths: Record<string, string>; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'postnet-bench-'));
  const paths = { at22k: join(dir, 'at22k.f32'), at16k: join(dir, 'at16k.f32') };
  writeFileSync(paths.at22k, new Uint8Array(at22k.buffer, at22k.byteOffset, at22k.byteLength));
  writeFileSync(paths.at16k, new Uint8Array(at16k.buffer, at16k.byteOffset, at16k.byteLength));
  return { paths, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface SpeedCase {
  label: string;
  ours: () => unknown;
  /** Key of the torch script's result, or undefined when torch has no counterpart. */
  torch?: string;
  runs?: number;
}

/** Rounds of (ours, then torch): load on a shared machine shifts between rounds, not within one. */
const ROUNDS = 3;

/** Wall and CPU medians taken separately over rounds. */
function medianMeasured(rounds: readonly Measured[]): Measured {
  return { wallMs: medianOf(rounds.map((r) => r.wallMs)), cpuMs: medianOf(rounds.map((r) => r.cpuMs)) };
}

function speed(): void {
  const at22k = speech(10, 22050);
  const at16k = speech(10, 16000);
  const wav22 = pcm16(at22k, 22050);
  const wav16 = pcm16(at16k, 16000);
  const frames = logMel(at22k, TACOTRON2_MEL).nFrames;
  const cases: SpeedCase[] = [
    { label: `logMel tacotron2 → [80, ${frames}]`, ours: () => logMel(at22k, TACOTRON2_MEL), torch: 'mel' },
    {
      label: 'logMel hifigan (torch: meldataset.py steps)',
      ours: () => logMel(at22k, HIFIGAN_MEL),
      torch: 'hifigan',
    },
    {
      label: 'resample 16 kHz → 22.05 kHz, Kaiser best',
      ours: () => resample(at16k, 16000, 22050, { filter: KAISER_BEST }),
      torch: 'kaiser',
      runs: 11,
    },
    {
      label: 'resample 16 kHz → 22.05 kHz, torchaudio default',
      ours: () => resample(at16k, 16000, 22050, { filter: TORCHAUDIO_DEFAULT }),
      torch: 'default',
      runs: 11,
    },
    {
      label: 'before: logMel tacotron2 (fft.js, dense columns)',
      ours: () => logMelBefore(at22k, TACOTRON2_MEL),
      torch: 'mel',
    },
    { label: 'parseWav, 10 s PCM 16-bit', ours: () => parseWav(wav22), runs: 11 },
    { label: 'before: wavefile decode, 10 s PCM 16-bit', ours: () => wavefileMono(wav22), runs: 11 },
    {
      label: 'analyzeWav, 22.05 kHz PCM 16-bit (decode + mel)',
      ours: () => analyzeWav(wav22, 'a', TACOTRON2_MEL),
      runs: 11,
    },
    {
      label: 'before: analyzeWav (wavefile decode, then mel)',
      ours: () => analyzeWavBefore(wav22, TACOTRON2_MEL),
      runs: 11,
    },
    {
      label: 'analyzeWav, 16 kHz PCM 16-bit (+ resample)',
      ours: () => analyzeWav(wav16, 'b', TACOTRON2_MEL),
      runs: 11,
    },
  ];
  const availability = torchAvailability();
  const versions = availability.ok ? availability.version : `torch skipped: ${availability.reason}`;
  console.log(
    `  10 s of speech; median of ${ROUNDS} rounds of (ours, torch) medians; ${versions} (${TORCH_PYTHON})`,
  );
  const load = loadavg().map((l) => l.toFixed(1));
  console.log(
    `  load average ${load.join(' ')} on ${availableParallelism()} cores (wall times suffer above that)`,
  );
  const inputs = torchInputs(at22k, at16k);
  const ours: Measured[][] = cases.map(() => []);
  const torchRounds: TorchTimes[] = [];
  let torchFailure = availability.ok ? '' : 'skipped';
  try {
    for (let round = 0; round < ROUNDS; round++) {
      cases.forEach((c, i) => {
        const t = time(c.ours, c.runs);
        ours[i]!.push({ wallMs: t.medianMs, cpuMs: t.cpuMedianMs });
      });
      if (torchFailure) continue;
      const result = runTorch<TorchTimes>(TORCH_SCRIPT, inputs.paths);
      if (result.ok) torchRounds.push(result.result);
      else torchFailure = result.reason;
    }
  } finally {
    inputs.cleanup();
  }
  if (torchFailure && torchFailure !== 'skipped') console.log(`  (torch: ${torchFailure})`);
  const torchMs = (key: string, threads?: number): Measured | string => {
    if (torchRounds.length === 0) return 'skipped';
    return medianMeasured(torchRounds.map((r) => r[`${key}_${threads ?? r.threads}`]!));
  };
  cases.forEach((c, i) => {
    console.log(comparisonLine(c.label, medianMeasured(ours[i]!), c.torch ? torchMs(c.torch) : 'n/a'));
    if (c.torch === 'mel' && torchRounds.some((r) => r.threads > 1)) {
      console.log(
        `  ${''.padEnd(50)} (torch with 1 thread: ${ms(Number(torchMs('mel', 1)))}; ours is single-threaded)`,
      );
    }
  });
  const byLabel = (start: string) => medianMeasured(ours[cases.findIndex((c) => c.label.startsWith(start))]!);
  const speedup = (after: string, before: string, what: string) => {
    const a = byLabel(after);
    const b = byLabel(before);
    console.log(
      `  ${what}: ${(b.wallMs / a.wallMs).toFixed(2)}× faster than before (wall), ${(b.cpuMs / a.cpuMs).toFixed(2)}× (CPU)`,
    );
  };
  speedup('logMel tacotron2', 'before: logMel', 'logMel, one thread');
  speedup('analyzeWav, 22.05', 'before: analyzeWav', 'analyzeWav (decode + mel), one thread');
  const drift = compareArrays(logMel(at22k, TACOTRON2_MEL).data, logMelBefore(at22k, TACOTRON2_MEL), {
    atol: 0,
  });
  console.log(
    `  max |Δ| between the current and the old mel on these 10 s: ${drift.maxAbsError.toExponential(1)}`,
  );
  const melMs = medianMeasured(ours[0]!).wallMs;
  const verdict = melMs < TARGET_MS ? 'met' : 'MISSED';
  console.log(
    `  target: logMel of 10 s at 22.05 kHz under ${TARGET_MS} ms (median): ${verdict} (${ms(melMs)})`,
  );
}

function accuracy(): void {
  console.log(
    '\n  accuracy: max |Δ| of log-mel where the reference > −9 (test/fixtures/mel, torchaudio 0.13)',
  );
  const widths = [26, 26, 44, 10, 10];
  console.log(row(['file', 'encoding', 'comparison', 'max |Δ|', 'in band*'], widths));
  const rows = accuracyRows();
  for (const r of rows) {
    const inBand = r.inBand ? r.inBand.maxAbsError.toExponential(1) : '';
    console.log(row([r.file, r.encoding, r.what, r.comparison.maxAbsError.toExponential(1), inBand], widths));
  }
  console.log('  * upsampled files: bands wholly below 0.9 × the file’s Nyquist frequency');
  resamplerBands(rows);
}

/** Band groups for the per-band breakdown: tens of bands, the top band on its own. */
const BAND_GROUPS: readonly [first: number, last: number][] = [
  [0, 9],
  [10, 19],
  [20, 29],
  [30, 39],
  [40, 49],
  [50, 59],
  [60, 69],
  [70, 78],
  [79, 79],
];

/**
 * Where our Kaiser resampler and torchaudio's default one differ: the max |Δ| of the tacotron2
 * log-mel (reference > −9) per group of bands, for every resampled file (docs/mel.md, "When the
 * resamplers differ").
 */
function resamplerBands(rows: readonly AccuracyRow[]): void {
  const edgesHz = melFilterbank(TACOTRON2_MEL).edgesHz;
  const kHz = (hz: number) => (hz === 0 ? '0' : (hz / 1000).toFixed(hz < 1000 ? 2 : 1));
  console.log(
    '\n  our Kaiser resampler vs torchaudio default: max |Δ| per band group (bands, and their span in kHz)',
  );
  const widths = [26, ...BAND_GROUPS.map(() => 12)];
  console.log(row(['bands', ...BAND_GROUPS.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`))], widths));
  console.log(
    row(['kHz', ...BAND_GROUPS.map(([a, b]) => `${kHz(edgesHz[a]!)}–${kHz(edgesHz[b + 2]!)}`)], widths),
  );
  for (const r of rows) {
    if (r.reference !== 'tacotron2_ta_default' || r.ours !== 'tacotron2') continue;
    const nFrames = r.shape[1]!;
    const groupMax = BAND_GROUPS.map(([first, last]) => {
      const band = compareArrays(r.actual, r.expected.data, {
        atol: 0,
        where: (e, i) =>
          e > COMPARE_ABOVE && Math.floor(i / nFrames) >= first && Math.floor(i / nFrames) <= last,
      });
      return band.maxAbsError.toExponential(1);
    });
    console.log(row([r.file, ...groupMax], widths));
  }
}

function quality(): void {
  console.log(
    '\n  resampler quality (pure tones; gain in dB; stopband = aliases/images beyond 1.05 or 1.25 × the lower Nyquist)',
  );
  const widths = [18, 22, 16, 16, 16, 16];
  console.log(
    row(['rates', 'filter', 'gain @0.8 Nyq', 'gain @0.9 Nyq', 'stop ≥1.05 Nyq', 'stop ≥1.25 Nyq'], widths),
  );
  const filters: [string, SincFilter][] = [
    ['Kaiser best (ours)', KAISER_BEST],
    ['torchaudio default', TORCHAUDIO_DEFAULT],
  ];
  for (const [fromHz, toHz] of [
    [16000, 22050],
    [44100, 22050],
    [48000, 22050],
    [8000, 22050],
  ] as const) {
    for (const [name, filter] of filters) {
      const at08 = measureResampler(fromHz, toHz, { filter, passbandFraction: 0.8, nTones: 12 });
      const at09 = measureResampler(fromHz, toHz, { filter, passbandFraction: 0.9, nTones: 12 });
      const far = measureResampler(fromHz, toHz, { filter, stopbandFraction: 1.25, nTones: 12 });
      const db = (v: number, digits = 4) => `${v.toFixed(digits)} dB`;
      console.log(
        row(
          [
            `${fromHz} → ${toHz}`,
            name,
            `≤ ${db(at08.passbandRippleDb)}`,
            `≤ ${db(at09.passbandRippleDb)}`,
            db(at09.worstStopbandDb, 1),
            db(far.worstStopbandDb, 1),
          ],
          widths,
        ),
      );
    }
  }
}

export const melSection: BenchSection = {
  name: 'mel',
  title: 'mel front end: speed beside torch, accuracy, resampler quality',
  run(args) {
    sectionOptions('mel', args, {});
    speed();
    accuracy();
    quality();
  },
};
