/**
 * A mono signal read a range at a time, so that a long file never has to be held whole: the WAV
 * decoder (any frames, straight from the bytes), the resampler (any outputs, from the input range
 * they need) and a plain array all give the same samples for a range however it is cut.
 */
import type { WavHeader } from './wav';

export interface SampleSource {
  /** Samples in the whole signal. */
  readonly length: number;
  /** Writes samples `start … start + out.length − 1` into `out`; the range lies inside the signal. */
  read(start: number, out: Float32Array): void;
}

/** Thrown for a read outside the signal: a bug in the caller, not bad input. */
function checkRange(source: SampleSource, start: number, count: number): void {
  if (!Number.isInteger(start) || start < 0 || start + count > source.length) {
    throw new RangeError(
      `read of samples ${start}…${start + count - 1} outside a signal of ${source.length} samples`,
    );
  }
}

/** An array held in memory. */
export function arraySource(samples: Float32Array): SampleSource {
  return {
    length: samples.length,
    read(start, out) {
      checkRange(this, start, out.length);
      out.set(samples.subarray(start, start + out.length));
    },
  };
}

/** A checked WAV's frames (mono, scaled), decoded on demand from its bytes. */
export function wavSource(header: WavHeader): SampleSource {
  return {
    length: header.nFrames,
    read(start, out) {
      checkRange(this, start, out.length);
      header.decoder.decode(start, out);
    },
  };
}
