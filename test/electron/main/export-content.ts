/** Synthetic export content for tests: a ramp spectrogram `[nMels, nFrames]` and its "output". */
import type { ExportFormat } from '../../../shared/api/contract';
import type { ExportContent } from '../../../shared/export/types';
import { TACOTRON2_MEL } from '../../../shared/mel/config';

export function rampContent(format: ExportFormat, nFrames: number, nMels = 80): ExportContent {
  const count = nMels * nFrames;
  const input = new Float32Array(count);
  const residual = new Float32Array(count);
  const output = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    input[i] = -11.5 + (i % 97) * 0.125;
    residual[i] = Math.sin(i) * 0.5;
    output[i] = input[i]! + residual[i]!;
  }
  return {
    format,
    fileName: `ramp.${format === 'npy-batched' ? 'npy' : format}`,
    input: {
      data: input,
      nMels,
      nFrames,
      config: { ...TACOTRON2_MEL },
      source: { name: 'ramp.wav', kind: 'wav' },
    },
    residual,
    output,
    audio: {
      encoding: 'PCM 16-bit',
      sampleRateHz: 22050,
      nChannels: 1,
      nSamples: nFrames * 256,
      durationS: (nFrames * 256) / 22050,
    },
    weights: { name: 'postnet.npz', sha256: 'ab'.repeat(32), isDefault: false, residual: true },
    engine: { name: 'wasm-simd', workers: 2 },
    appVersion: '0.1.0',
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}
