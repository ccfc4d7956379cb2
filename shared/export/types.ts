/** What an export is made from: the processed spectrogram, where it came from, and how. */
import type { AudioInfo, ExportFormat } from '../api/contract';
import type { Spectrogram } from '../spectrogram';

/** The weights as the sidecar records them. */
export interface ExportWeightsInfo {
  name: string;
  /** SHA-256 (hex) of the weights file's bytes; null for the built-in default. */
  sha256: string | null;
  isDefault: boolean;
  /** Whether `output = input + residual` (a post-net) or `output = residual`. */
  residual: boolean;
}

/** What ran the post-net, as the sidecar records it. */
export interface ExportEngineInfo {
  /** The backend, e.g. `wasm-relaxed-simd` or `native (onnxruntime-node 1.30.0, 1 thread)`. */
  name: string;
  /** Workers that ran its chunks side by side. */
  workers: number;
}

export interface ExportContent {
  format: ExportFormat;
  /** The exported file's own name (no folder), recorded in the sidecar. */
  fileName: string;
  /** The spectrogram the stack ran on, `[nMels, nFrames]` row-major, with its mel config. */
  input: Spectrogram;
  /** `stack(input)`, `[nMels, nFrames]` row-major. */
  residual: Float32Array;
  /** What the app shows as the output, `[nMels, nFrames]` row-major. */
  output: Float32Array;
  /** The input WAV's facts, or null when the input was an `.npy` spectrogram. */
  audio: AudioInfo | null;
  weights: ExportWeightsInfo;
  engine: ExportEngineInfo;
  appVersion: string;
  /** ISO 8601 time of the export (passed in: encoders stay pure). */
  createdAt: string;
  /** For `png`: the view as the renderer drew it. */
  png?: Uint8Array;
}

/** An encoded export: the file's bytes and its JSON sidecar's bytes. */
export interface EncodedExport {
  file: Uint8Array;
  sidecar: Uint8Array;
}
