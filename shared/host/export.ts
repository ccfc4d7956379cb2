/**
 * What an export is made of, decided once for both hosts: the job that encodes it and what its
 * sidecar records (input, weights, app version, time). Where the bytes go — a save dialog and an
 * atomic write, or a download — stays in each host.
 */
import type { ExportFormat, InputDocument, WeightsSummary } from '../api/contract';
import type { EngineUsed } from '../backend/engine-choice';
import type { ExportWeightsInfo } from '../export/types';
import type { JobOf } from '../jobs/protocol';

/** The weights as the sidecar records them. */
export function sidecarWeights(summary: WeightsSummary): ExportWeightsInfo {
  return {
    name: summary.name,
    sha256: summary.sha256,
    isDefault: summary.isDefault,
    residual: summary.residual,
  };
}

export interface ExportArgs {
  format: ExportFormat;
  /** The exported file's own name (no folder), recorded in the sidecar. */
  fileName: string;
  input: InputDocument;
  weights: WeightsSummary;
  /** The processed arrays of `input` with `weights`, `[nMels, nFrames]` row-major, and what ran it. */
  result: { residual: Float32Array; output: Float32Array; engine: EngineUsed };
  appVersion: string;
  createdAt: Date;
  /** For `png`: the view as the renderer drew it. */
  png?: Uint8Array;
}

export function exportJob(args: ExportArgs): JobOf<'export'> {
  return {
    kind: 'export',
    content: {
      format: args.format,
      fileName: args.fileName,
      input: args.input.mel,
      residual: args.result.residual,
      output: args.result.output,
      audio: args.input.audio,
      weights: sidecarWeights(args.weights),
      engine: { name: args.result.engine.name, workers: args.result.engine.workers },
      appVersion: args.appVersion,
      createdAt: args.createdAt.toISOString(),
      ...(args.png ? { png: args.png } : {}),
    },
  };
}
