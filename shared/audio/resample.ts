/**
 * Band-limited resampling by windowed-sinc interpolation (see sinc-kernel.ts for the kernel and
 * docs/mel.md for its measured quality). Output sample n sits at time n / toHz; input outside the
 * signal counts as zero; the output has ceil(N · toHz / fromHz) samples, as torchaudio's, and at most
 * MAX_AUDIO_SAMPLES (checked before the output is allocated).
 */
import type { CancelSignal } from '../cancel';
import { AudioTooLongError } from '../errors';
import { formatDuration, MAX_AUDIO_SAMPLES } from './limits';
import { arraySource, type SampleSource } from './source';
import { throwIfCancelled } from '../cancel';
import {
  KAISER_BEST,
  buildPhaseKernels,
  fillPhase,
  phaseKernelSize,
  phaseLayout,
  phaseRange,
  sincGeometry,
  sincWeight,
  type PhaseKernels,
  type SincFilter,
  type SincGeometry,
} from './sinc-kernel';

export interface ResampleOptions {
  /** The interpolation filter; KAISER_BEST unless given. */
  filter?: SincFilter;
  signal?: CancelSignal;
  onProgress?: (fraction: number) => void;
}

/** Above this many weights, kernels are computed per output sample instead of per phase. */
const MAX_PRECOMPUTED_WEIGHTS = 1 << 22;
/** Output samples between cancellation checks. */
const CHUNK = 1 << 15;

const kernelCache = new Map<string, PhaseKernels>();

/**
 * The phase kernels of a geometry, cached. Keyed by the reduced rate ratio and the filter (all the
 * kernels depend on), so 44100 → 22050 and 48000 → 24000 Hz (both 2:1) share one set.
 */
const cacheKey = (g: SincGeometry): string => `${g.orig}:${g.next}:${JSON.stringify(g.filter)}`;

export function phaseKernels(g: SincGeometry): PhaseKernels {
  const key = cacheKey(g);
  let kernels = kernelCache.get(key);
  if (!kernels) {
    kernels = buildPhaseKernels(g);
    if (kernelCache.size >= 8) kernelCache.delete(kernelCache.keys().next().value!);
    kernelCache.set(key, kernels);
  }
  return kernels;
}

function checkRate(name: string, hz: number): void {
  if (!Number.isInteger(hz) || hz <= 0) {
    throw new RangeError(`resample: ${name} must be a positive integer number of Hz, got ${hz}`);
  }
}

/** Resamples mono audio from `fromHz` to `toHz` (integers). Returns the input itself when equal. */
export function resample(
  samples: Float32Array,
  fromHz: number,
  toHz: number,
  options: ResampleOptions = {},
): Float32Array {
  checkRate('fromHz', fromHz);
  checkRate('toHz', toHz);
  if (fromHz === toHz) return samples;
  const source = resampledSource(arraySource(samples), fromHz, toHz, options.filter);
  const out = new Float32Array(source.length);
  for (let start = 0; start < out.length; start += CHUNK) {
    throwIfCancelled(options.signal, 'resampling');
    const end = Math.min(out.length, start + CHUNK);
    source.read(start, out.subarray(start, end));
    options.onProgress?.(end / out.length);
  }
  return out;
}

/**
 * `input` resampled from `fromHz` to `toHz`, computed a range at a time: each read decodes only
 * the input samples its outputs reach (a filter's width either side), so any split of the output
 * into reads gives the same numbers as one read of everything. Its length, ceil(N · toHz / fromHz),
 * is checked against MAX_AUDIO_SAMPLES here, before anything is allocated.
 */
export function resampledSource(
  input: SampleSource,
  fromHz: number,
  toHz: number,
  filter: SincFilter = KAISER_BEST,
): SampleSource {
  checkRate('fromHz', fromHz);
  checkRate('toHz', toHz);
  const g = sincGeometry(fromHz, toHz, filter);
  const nOut = Math.ceil((g.next * input.length) / g.orig);
  if (nOut > MAX_AUDIO_SAMPLES) {
    throw new AudioTooLongError(
      `resampling ${input.length} samples from ${fromHz} to ${toHz} Hz gives ${nOut} samples ` +
        `(${formatDuration(nOut / toHz)}); at most ${MAX_AUDIO_SAMPLES} are held`,
    );
  }
  const kernels = kernelsFor(g, nOut);
  let held = new Float32Array(0);
  // Every input tap of outputs [start, end): phases reach from −width to width + orig − 1.
  const inputRange = (start: number, end: number) => ({
    from: Math.max(0, Math.floor(start / g.next) * g.orig - g.width),
    to: Math.min(input.length, Math.floor((end - 1) / g.next) * g.orig + g.width + g.orig),
  });
  return {
    length: nOut,
    read(start, out) {
      const end = start + out.length;
      if (!Number.isInteger(start) || start < 0 || end > nOut) {
        throw new RangeError(`read of samples ${start}…${end - 1} outside a signal of ${nOut} samples`);
      }
      if (out.length === 0) return;
      const { from, to } = inputRange(start, end);
      if (held.length < to - from) held = new Float32Array(to - from);
      const window = held.subarray(0, Math.max(0, to - from));
      if (window.length > 0) input.read(from, window);
      const signal = { samples: window, start: from, length: input.length };
      if (kernels) applyPhaseKernels(signal, out, start, g, kernels);
      else applyOnTheFly(signal, out, start, g);
    },
  };
}

/** Input samples held for a read: `samples[i]` is input sample `start + i` of `length`. */
interface HeldInput {
  samples: Float32Array;
  start: number;
  length: number;
}

/**
 * Per-phase kernels whose weights are computed the first time each phase is used, each into the
 * next free slot of `maxCount` weights (`offset[p]` is −1 until then): memory for the phases an
 * output of `nOut` samples can reach, not for all of them.
 */
interface LazyKernels extends PhaseKernels {
  ready: Uint8Array;
  stride: number;
  used: number;
}

/**
 * The kernels for an output of `nOut` samples: the full cached set when every phase will be used
 * (nOut ≥ phases) or it is already built; lazily filled ones when the output has fewer samples
 * than phases (a short file at an odd rate: 22063 → 22050 Hz has 22050 phases of 136 taps, and
 * building them all would cost seconds for a few hundred outputs); none above the size cap.
 */
function kernelsFor(g: SincGeometry, nOut: number): PhaseKernels | LazyKernels | undefined {
  if (phaseKernelSize(g) > MAX_PRECOMPUTED_WEIGHTS) return undefined;
  if (nOut >= g.next || kernelCache.has(cacheKey(g))) return phaseKernels(g);
  const { first, count, maxCount } = phaseLayout(g);
  const offset = new Int32Array(g.next).fill(-1);
  const weights = new Float64Array(nOut * maxCount);
  return { first, count, offset, weights, ready: new Uint8Array(g.next), stride: maxCount, used: 0 };
}

/** Output n = start + i into out[i], with per-phase weights (filled on first use when lazy). */
function applyPhaseKernels(
  held: HeldInput,
  out: Float32Array,
  start: number,
  g: SincGeometry,
  k: PhaseKernels | LazyKernels,
): void {
  const { first, count, offset, weights } = k;
  const ready = 'ready' in k ? k.ready : null;
  const { samples: input, length: nIn } = held;
  const end = start + out.length;
  for (let n = start; n < end; n++) {
    const block = Math.floor(n / g.next);
    const p = n - block * g.next;
    if (ready && !ready[p]) {
      const lazy = k as LazyKernels;
      offset[p] = lazy.used++ * lazy.stride;
      fillPhase(g, k, p);
      ready[p] = 1;
    }
    const j0 = block * g.orig + first[p]!;
    const i0 = j0 - held.start; // where input j0 is in `input`
    const taps = count[p]!;
    const w0 = offset[p]!;
    let acc = 0;
    if (j0 >= 0 && j0 + taps <= nIn) {
      // Four partial sums: independent chains the CPU can overlap.
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let i = 0;
      for (; i + 3 < taps; i += 4) {
        acc += weights[w0 + i]! * input[i0 + i]!;
        a1 += weights[w0 + i + 1]! * input[i0 + i + 1]!;
        a2 += weights[w0 + i + 2]! * input[i0 + i + 2]!;
        a3 += weights[w0 + i + 3]! * input[i0 + i + 3]!;
      }
      for (; i < taps; i++) acc += weights[w0 + i]! * input[i0 + i]!;
      acc += a1 + a2 + a3;
    } else {
      const lo = Math.max(0, -j0);
      const hi = Math.min(taps, nIn - j0);
      for (let i = lo; i < hi; i++) acc += weights[w0 + i]! * input[i0 + i]!;
    }
    out[n - start] = acc;
  }
}

/** The same, evaluating each weight (for rate pairs with a huge phase count). */
function applyOnTheFly(held: HeldInput, out: Float32Array, start: number, g: SincGeometry): void {
  const { samples: input, length: nIn } = held;
  const end = start + out.length;
  for (let n = start; n < end; n++) {
    const block = Math.floor(n / g.next);
    const p = n - block * g.next;
    const { first, count } = phaseRange(g, p);
    const base = block * g.orig;
    let acc = 0;
    for (let i = 0; i < count; i++) {
      const j = base + first + i;
      if (j < 0 || j >= nIn) continue;
      acc += sincWeight(g, ((first + i) / g.orig - p / g.next) * g.baseFreq) * input[j - held.start]!;
    }
    out[n - start] = acc;
  }
}
