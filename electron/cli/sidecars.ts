/**
 * The JSON sidecar a batch writes beside each `.npy` (`speech.npy.json`), in the app's export
 * schema (shared/export/sidecar.ts): what the numbers are, the mel config, the input, the weights.
 * A `mel` output has no weights: its sidecar says so (`weights: null`).
 */
import { basename } from 'node:path';
import { strToU8 } from 'fflate';
import { version } from '../../package.json';
import type { AudioInfo } from '../../shared/api/contract';
import { buildSidecar, type ExportSidecar } from '../../shared/export/sidecar';
import type { ExportEngineInfo, ExportWeightsInfo } from '../../shared/export/types';
import type { WeightsSummaryData } from '../../shared/weights/load';
import type { Spectrogram } from '../../shared/spectrogram';

export type MelSidecar = Omit<ExportSidecar, 'weights' | 'output' | 'engine'> & {
  weights: null;
  output: string;
};

interface SidecarInput {
  /** The written file's path (its name goes in the sidecar). */
  output: string;
  /** The input spectrogram, its source named by the path given. */
  mel: Spectrogram;
  audio: AudioInfo | null;
  createdAt: string;
}

/** No post-net ran (a `mel` output): the sidecar then leaves the engine out. */
const NO_ENGINE: ExportEngineInfo = { name: 'none', workers: 0 };

function sidecarOf(
  args: SidecarInput,
  weights: ExportWeightsInfo,
  values: Float32Array,
  engine: ExportEngineInfo,
): ExportSidecar {
  const { mel } = args;
  return buildSidecar({
    format: 'npy',
    fileName: basename(args.output),
    input: { ...mel, source: { ...mel.source, name: basename(mel.source.name) } },
    residual: values,
    output: values,
    audio: args.audio,
    weights,
    engine,
    appVersion: version,
    createdAt: args.createdAt,
  });
}

const encode = (value: unknown): Uint8Array => strToU8(JSON.stringify(value, null, 2) + '\n');

/** The sidecar of `postnet-studio mel`'s output: the input's log-mel, no post-net. */
export function melSidecarBytes(args: SidecarInput): Uint8Array {
  const none: ExportWeightsInfo = { name: '', sha256: null, isDefault: false, residual: false };
  const {
    weights: _weights,
    output: _output,
    engine: _engine,
    ...common
  } = sidecarOf(args, none, args.mel.data, NO_ENGINE);
  const sidecar: MelSidecar = { ...common, weights: null, output: 'the input itself, no post-net' };
  return encode(sidecar);
}

/** The sidecar of `postnet-studio process`'s output; `residualOnly` for `--no-residual`; `engine`: what ran. */
export function processSidecarBytes(
  args: SidecarInput,
  summary: WeightsSummaryData,
  residualOnly: boolean,
  engine: ExportEngineInfo,
): Uint8Array {
  const weights: ExportWeightsInfo = {
    name: summary.name,
    sha256: summary.sha256,
    isDefault: summary.isDefault,
    residual: summary.residual && !residualOnly,
  };
  return encode(sidecarOf(args, weights, args.mel.data, engine));
}
