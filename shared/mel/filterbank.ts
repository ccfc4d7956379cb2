/**
 * The mel filterbank of librosa `filters.mel(htk=False, norm='slaney')`, which Tacotron 2 and
 * HiFi-GAN use: `nMels` triangles on the Slaney mel scale between fMinHz and fMaxHz, evaluated at
 * the FFT bin frequencies `k · sampleRateHz / nFft`, each scaled by `2 / (f[i+2] − f[i])` (Slaney
 * area norm). Weights are rounded to float32, as librosa stores them.
 */
import type { MelConfig } from './config';
import { hzToMelSlaney, melToHzSlaney } from './slaney';

export interface MelFilterbank {
  nMels: number;
  /** nFft / 2 + 1 one-sided bins. */
  nBins: number;
  /** `[nMels, nBins]` row-major. */
  weights: Float32Array;
  /** Band m is non-zero only on bins [firstBin[m], endBin[m]); endBin ≤ firstBin means empty. */
  firstBin: Int32Array;
  endBin: Int32Array;
  /** Band edges in Hz, `nMels + 2` of them: band m rises from edge m, peaks at m+1, falls at m+2. */
  edgesHz: Float64Array;
}

type FilterbankKey = Pick<MelConfig, 'sampleRateHz' | 'nFft' | 'nMels' | 'fMinHz' | 'fMaxHz'>;

const cache = new Map<string, MelFilterbank>();

/** The filterbank for a config (cached: configs repeat and the bank is pure). */
export function melFilterbank(config: FilterbankKey): MelFilterbank {
  const key = `${config.sampleRateHz}:${config.nFft}:${config.nMels}:${config.fMinHz}:${config.fMaxHz}`;
  let bank = cache.get(key);
  if (!bank) {
    bank = buildFilterbank(config);
    if (cache.size >= 16) cache.delete(cache.keys().next().value!);
    cache.set(key, bank);
  }
  return bank;
}

/**
 * The `nMels + 2` band edges in Hz, evenly spaced in Slaney mel from fMinHz to fMaxHz: band m
 * rises from edge m, peaks at edge m + 1 (its centre frequency) and falls to edge m + 2.
 */
export function bandEdgesHz(nMels: number, fMinHz: number, fMaxHz: number): Float64Array {
  const melMin = hzToMelSlaney(fMinHz);
  const melMax = hzToMelSlaney(fMaxHz);
  const edges = new Float64Array(nMels + 2);
  const step = (melMax - melMin) / (nMels + 1);
  for (let i = 0; i < nMels + 2; i++) edges[i] = melToHzSlaney(melMin + i * step);
  return edges;
}

function buildFilterbank({ sampleRateHz, nFft, nMels, fMinHz, fMaxHz }: FilterbankKey): MelFilterbank {
  const nBins = nFft / 2 + 1;
  const edgesHz = bandEdgesHz(nMels, fMinHz, fMaxHz);
  const weights = new Float32Array(nMels * nBins);
  const firstBin = new Int32Array(nMels);
  const endBin = new Int32Array(nMels);
  for (let m = 0; m < nMels; m++) {
    const lower = edgesHz[m]!;
    const centre = edgesHz[m + 1]!;
    const upper = edgesHz[m + 2]!;
    const norm = 2 / (upper - lower);
    let first = nBins;
    let end = 0;
    for (let k = 0; k < nBins; k++) {
      const hz = (k * sampleRateHz) / nFft;
      const rising = (hz - lower) / (centre - lower);
      const falling = (upper - hz) / (upper - centre);
      const w = Math.max(0, Math.min(rising, falling)) * norm;
      if (w > 0) {
        weights[m * nBins + k] = w;
        first = Math.min(first, k);
        end = k + 1;
      }
    }
    firstBin[m] = first;
    endBin[m] = end;
  }
  return { nMels, nBins, weights, firstBin, endBin, edgesHz };
}
