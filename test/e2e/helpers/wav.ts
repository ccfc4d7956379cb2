/** WAV files made in the test, so drops use audio whose content the test knows. */

/** 16-bit PCM mono RIFF/WAVE bytes of `samples` in [−1, 1] (clipped), little-endian. */
export function encodeWavPcm16(samples: Float32Array, sampleRateHz: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const clipped = Math.max(-1, Math.min(1, samples[i]!));
    view.setInt16(44 + 2 * i, Math.round(clipped * 32767), true);
  }
  return bytes;
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
  const dataBytes = samples.length * 4;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 3, true); // IEEE float
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * 4, true);
  view.setUint16(32, 4, true);
  view.setUint16(34, 32, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) view.setFloat32(44 + 4 * i, samples[i]!, true);
  return bytes;
}
