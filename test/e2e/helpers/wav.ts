/** WAV files made in the test, so drops use audio whose content the test knows. */
import { makeWav, packFloats, packInts } from '../../helpers/make-wav';

/** 16-bit PCM mono RIFF/WAVE bytes of `samples` in [−1, 1] (clipped), little-endian. */
export function encodeWavPcm16(samples: Float32Array, sampleRateHz: number): Uint8Array {
  const ints = Array.from(samples, (x) => Math.round(Math.max(-1, Math.min(1, x)) * 32767));
  return makeWav({ data: packInts(ints, 16), sampleRateHz });
}

/**
 * A test signal with structure at every zoom: a rising chirp, a steady 440 Hz tone with
 * harmonics, and a click every second. Deterministic.
 */
export function testSignal(durationS: number, sampleRateHz = 22050): Float32Array {
  const n = Math.round(durationS * sampleRateHz);
  const samples = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / sampleRateHz;
    const sweepHz = 200 + 3800 * ((t % 8) / 8);
    phase += (2 * Math.PI * sweepHz) / sampleRateHz;
    const tone = 0.15 * Math.sin(2 * Math.PI * 440 * t) + 0.05 * Math.sin(2 * Math.PI * 1320 * t);
    const click = i % sampleRateHz < 40 ? 0.6 : 0;
    samples[i] = 0.3 * Math.sin(phase) + tone + click;
  }
  return samples;
}

/** IEEE float 32-bit mono RIFF/WAVE bytes of `samples` as they are (no clipping), little-endian. */
export function encodeWavFloat32(samples: Float32Array, sampleRateHz: number): Uint8Array {
  return makeWav({
    formatTag: 3,
    bitsPerSample: 32,
    data: packFloats(Array.from(samples), 32),
    sampleRateHz,
  });
}
