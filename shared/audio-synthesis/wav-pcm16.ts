/**
 * A mono 16-bit PCM WAV (RIFF, WAVE_FORMAT_PCM, 44-byte header) from float samples in [−1, 1]:
 * each sample becomes round(x · 32768) clamped to −32768…32767 (the inverse of the ÷ 32768 the
 * reader and torchaudio use), no dither, so the same samples always give the same bytes.
 */

export interface Pcm16Encoding {
  bytes: Uint8Array;
  /** Samples outside [−1, 1 − 2⁻¹⁵] that were clamped, and the largest |x| seen. */
  clipped: number;
  peak: number;
}

/** Largest sample count a RIFF size field (32 bits) can describe at 2 bytes a sample. */
export const MAX_PCM16_SAMPLES = Math.floor((0xffffffff - 36) / 2);

export function encodeWavPcm16(samples: Float32Array, sampleRateHz: number): Pcm16Encoding {
  if (!Number.isInteger(sampleRateHz) || sampleRateHz <= 0) {
    throw new RangeError(`encodeWavPcm16: the sample rate must be a positive integer, got ${sampleRateHz}`);
  }
  if (samples.length > MAX_PCM16_SAMPLES) {
    throw new RangeError(
      `encodeWavPcm16: ${samples.length} samples do not fit a WAV file (at most ${MAX_PCM16_SAMPLES})`,
    );
  }
  const dataBytes = 2 * samples.length;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // WAVE_FORMAT_PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, 2 * sampleRateHz, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  let clipped = 0;
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    const magnitude = Math.abs(x);
    if (magnitude > peak) peak = magnitude;
    let value = Math.round(x * 32768);
    if (value > 32767 || value < -32768 || Number.isNaN(value)) {
      clipped++;
      value = Number.isNaN(value) ? 0 : value > 0 ? 32767 : -32768;
    }
    view.setInt16(44 + 2 * i, value, true);
  }
  return { bytes, clipped, peak };
}
