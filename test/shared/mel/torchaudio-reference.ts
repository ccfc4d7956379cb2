/**
 * Our mel spectrograms against the torchaudio references in test/fixtures/mel (made by
 * make_fixtures.py). Shared by the accuracy tests and `npm run bench`, which prints the table.
 */
import { readFileSync } from 'node:fs';
import { resample } from '../../../shared/audio/resample';
import { TORCHAUDIO_DEFAULT } from '../../../shared/audio/sinc-kernel';
import { parseWav } from '../../../shared/audio/wav';
import { HIFIGAN_MEL, TACOTRON2_MEL, resolveMelConfig, type MelConfig } from '../../../shared/mel/config';
import { melFilterbank } from '../../../shared/mel/filterbank';
import { logMel } from '../../../shared/mel/log-mel';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { compareArrays, type Comparison } from '../../helpers/close';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { readNpyFloat32, type NpyFloat32 } from './npy-fixture';

/** Log-mel values at or below this are near the 1e-5 floor, where float32 rounding dominates. */
export const COMPARE_ABOVE = -9;

export interface ManifestEntry {
  name: string;
  description: string;
  sampleRateHz: number;
  nChannels: number;
  nSamples: number;
  decoded: { sum: number; sumAbs: number; excerptStart: number; excerpt: number[] };
  references: Record<string, { file: string; shape: number[] } | undefined>;
}

export function readManifest(): ManifestEntry[] {
  const text = readFileSync(fixturePath('mel', 'manifest.json'), 'utf8');
  return (JSON.parse(text) as { audio: ManifestEntry[] }).audio;
}

/** The 16 kHz custom config of make_fixtures.py: a 400-sample window in a 512 FFT. */
export const CUSTOM_16K: MelConfig = resolveMelConfig({
  sampleRateHz: 16000,
  nFft: 512,
  winLength: 400,
  hopLength: 160,
  nMels: 40,
  fMinHz: 20,
  fMaxHz: 7600,
});

/** The reference files make_fixtures.py writes (keys of `references` in the manifest). */
export type ReferenceKind =
  'tacotron2' | 'tacotron2_float64' | 'tacotron2_ta_default' | 'hifigan' | 'custom16k';

/** How we compute a spectrogram to compare: a preset, or tacotron2 after torchaudio's default resampler. */
export type OurMethod = 'tacotron2' | 'tacotron2_ta_filter' | 'hifigan' | 'custom16k';

/** Which of our computations is compared with which reference. */
export const COMPARISONS: readonly { reference: ReferenceKind; ours: OurMethod; what: string }[] = [
  { reference: 'tacotron2', ours: 'tacotron2', what: 'tacotron2 vs torchaudio' },
  { reference: 'tacotron2_float64', ours: 'tacotron2', what: 'tacotron2 vs float64 (librosa basis)' },
  { reference: 'hifigan', ours: 'hifigan', what: 'hifigan vs meldataset.py' },
  { reference: 'custom16k', ours: 'custom16k', what: '16 kHz custom vs torchaudio' },
  {
    reference: 'tacotron2_ta_default',
    ours: 'tacotron2_ta_filter',
    what: 'both with torchaudio-default resampler',
  },
  {
    reference: 'tacotron2_ta_default',
    ours: 'tacotron2',
    what: 'our Kaiser resampler vs torchaudio default',
  },
];

function ours(method: OurMethod, bytes: Uint8Array, name: string): Float32Array {
  switch (method) {
    case 'tacotron2':
      return analyzeWav(bytes, name, TACOTRON2_MEL).mel.data;
    case 'hifigan':
      return analyzeWav(bytes, name, HIFIGAN_MEL).mel.data;
    case 'custom16k':
      return analyzeWav(bytes, name, CUSTOM_16K).mel.data;
    case 'tacotron2_ta_filter': {
      const audio = parseWav(bytes);
      const samples = resample(audio.samples, audio.sampleRateHz, 22050, { filter: TORCHAUDIO_DEFAULT });
      return logMel(samples, TACOTRON2_MEL).data;
    }
  }
}

export interface AccuracyRow {
  file: string;
  encoding: string;
  reference: ReferenceKind;
  ours: OurMethod;
  what: string;
  shape: number[];
  actual: Float32Array;
  expected: NpyFloat32;
  comparison: Comparison;
  /**
   * For audio resampled up from a lower rate: the comparison over the bands that lie wholly below
   * 90 % of the file's Nyquist frequency (above it, upsampled audio holds only what the resampler's
   * filter let through, which is where two resamplers differ). Undefined when not resampled up.
   */
  inBand?: Comparison;
}

/** Bands whose upper edge is below 0.9 × the file's Nyquist, as a `where` filter over [nMels, T]. */
function belowSourceNyquist(
  fileRateHz: number,
  nFrames: number,
): ((e: number, i: number) => boolean) | undefined {
  if (fileRateHz >= TACOTRON2_MEL.sampleRateHz) return undefined;
  const edges = melFilterbank(TACOTRON2_MEL).edgesHz;
  const limitHz = 0.9 * (fileRateHz / 2);
  return (e, i) => e > COMPARE_ABOVE && edges[Math.floor(i / nFrames) + 2]! <= limitHz;
}

/** Every comparison the manifest's references allow, made where the reference is above −9. */
export function accuracyRows(): AccuracyRow[] {
  const rows: AccuracyRow[] = [];
  for (const entry of readManifest()) {
    const bytes = readFixture('audio', entry.name);
    const encoding = parseWav(bytes).encoding;
    const cache = new Map<OurMethod, Float32Array>();
    for (const { reference, ours: method, what } of COMPARISONS) {
      const ref = entry.references[reference];
      if (!ref) continue;
      const expected = readNpyFloat32(readFixture('mel', ref.file));
      const actual = cache.get(method) ?? ours(method, bytes, entry.name);
      cache.set(method, actual);
      const comparison = compareArrays(actual, expected.data, { atol: 0, where: (e) => e > COMPARE_ABOVE });
      const band =
        reference === 'custom16k' ? undefined : belowSourceNyquist(entry.sampleRateHz, expected.shape[1]!);
      const inBand = band && compareArrays(actual, expected.data, { atol: 0, where: band });
      rows.push({
        file: entry.name,
        encoding,
        reference,
        ours: method,
        what,
        shape: expected.shape,
        actual,
        expected,
        comparison,
        inBand,
      });
    }
  }
  return rows;
}
