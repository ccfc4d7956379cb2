import { describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import { encodeWavPcm16 } from '../../../shared/audio-synthesis/wav-pcm16';
import { expectClose } from '../../helpers/close';

describe('encodeWavPcm16', () => {
  it('writes a 44-byte PCM header and round(x·32768) samples that the WAV reader reads back', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, 1 / 32768, -1, 0.25]);
    const { bytes, clipped, peak } = encodeWavPcm16(samples, 22050);
    expect(bytes.length).toBe(44 + 2 * samples.length);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RIFF');
    const view = new DataView(bytes.buffer);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(22050);
    expect(view.getInt16(44 + 2, true)).toBe(16384);
    expect(view.getInt16(44 + 8, true)).toBe(-32768);
    expect(clipped).toBe(0);
    expect(peak).toBe(1);
    const decoded = parseWav(bytes);
    expect(decoded.sampleRateHz).toBe(22050);
    expect(decoded.encoding).toBe('PCM 16-bit');
    expectClose(decoded.samples, samples, { atol: 0 });
  });

  it('clamps samples beyond ±1 and counts them', () => {
    const { bytes, clipped, peak } = encodeWavPcm16(Float32Array.from([1.5, 1, -2, 0.1]), 16000);
    const view = new DataView(bytes.buffer);
    expect(view.getInt16(44, true)).toBe(32767);
    expect(view.getInt16(46, true)).toBe(32767);
    expect(view.getInt16(48, true)).toBe(-32768);
    expect(clipped).toBe(3); // 1.0 · 32768 does not fit either
    expect(peak).toBe(2);
  });
});

describe('encodeWavPcm16 fails clearly', () => {
  it('when the sample rate is not a positive integer', () => {
    expect(() => encodeWavPcm16(new Float32Array(2), 0)).toThrow(
      /sample rate must be a positive integer, got 0/,
    );
  });
});
