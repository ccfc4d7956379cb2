/**
 * A WAV's mel in ranges of frames, for a pool of threads: the thread that holds the file decodes
 * just the samples a range reads (`melRangeInput`), another computes the range from them
 * (`melOfRange`), and the ranges put side by side are the whole mel of analyzeWav bit for bit,
 * because each frame is computed from the same samples by the same code whatever the range
 * (test/shared/pipeline/analyze-range.test.ts).
 */
import { resampledSource } from '../audio/resample';
import type { SampleSource } from '../audio/source';
import type { WavHeader } from '../audio/wav';
import type { MelConfig } from '../mel/config';
import { frameCount } from '../mel/frames';
import { blockRange, checkLongEnough, checkMelSize, logMelOfSource } from '../mel/log-mel';

/** Everything a thread needs to compute frames `[start, end)`: plain data, to post to a worker. */
export interface MelRangeInput {
  config: MelConfig;
  fileHz: number;
  /** Samples in the whole file (per channel, at its rate). */
  fileSamples: number;
  /** The decoded mono samples `[samplesStart, samplesStart + samples.length)` the range reads. */
  samplesStart: number;
  samples: Float32Array;
  frames: { start: number; end: number };
}

/** The config-rate signal's length and frame count for a checked header (the checks analyzeWav makes). */
export function melFramesOf(header: WavHeader, config: MelConfig): { nSamples: number; nFrames: number } {
  const fileHz = header.format.sampleRateHz;
  const nSamples =
    fileHz === config.sampleRateHz ? header.nFrames : resampledLength(header.nFrames, fileHz, config);
  const note = fileHz === config.sampleRateHz ? '' : ` (${header.nFrames} at ${fileHz} Hz in the file)`;
  checkLongEnough(nSamples, config, note);
  checkMelSize(nSamples, config);
  return { nSamples, nFrames: frameCount(config, nSamples) };
}

function resampledLength(fileSamples: number, fileHz: number, config: MelConfig): number {
  return resampledSource(emptySource(fileSamples), fileHz, config.sampleRateHz).length;
}

/** A source of `length` samples that must never be read (for sizes and ranges alone). */
function emptySource(length: number): SampleSource {
  return {
    length,
    read() {
      throw new Error('this source only has a length');
    },
  };
}

/** Decodes the file samples frames `[start, end)` read (their reflections and the resampler's reach included). */
export function melRangeInput(
  header: WavHeader,
  config: MelConfig,
  frames: { start: number; end: number },
): MelRangeInput {
  const fileHz = header.format.sampleRateHz;
  const { nSamples } = melFramesOf(header, config);
  let { from, to } = blockRange(config, nSamples, frames.start, frames.end);
  if (fileHz !== config.sampleRateHz) {
    ({ from, to } = resampledSource(emptySource(header.nFrames), fileHz, config.sampleRateHz).inputRange(
      from,
      to,
    ));
  }
  const samples = new Float32Array(Math.max(0, to - from));
  header.decoder.decode(from, samples);
  return { config, fileHz, fileSamples: header.nFrames, samplesStart: from, samples, frames };
}

/** Frames `[start, end)` of the mel, `[nMels, end − start]`, from what melRangeInput decoded. */
export function melOfRange(input: MelRangeInput): Float32Array {
  const { config, fileHz, fileSamples, samplesStart, samples, frames } = input;
  const held: SampleSource = {
    length: fileSamples,
    read(start, out) {
      const at = start - samplesStart;
      if (at < 0 || at + out.length > samples.length) {
        throw new RangeError(
          `read of samples ${start}…${start + out.length - 1} outside those held (${samplesStart}…${samplesStart + samples.length - 1})`,
        );
      }
      out.set(samples.subarray(at, at + out.length));
    },
  };
  const source = fileHz === config.sampleRateHz ? held : resampledSource(held, fileHz, config.sampleRateHz);
  return logMelOfSource(source, config, { frames }).data;
}
