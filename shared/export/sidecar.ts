/**
 * The JSON sidecar written beside every export (`OUT.<ext>.json`): enough to know, months later,
 * exactly what the numbers are: mel config, orientation, weights and their SHA-256, input, app.
 * Schema documented in docs/electron.md; bump SIDECAR_SCHEMA on any incompatible change.
 */
import { strToU8 } from 'fflate';
import type { ExportFormat } from '../api/contract';
import { assertNever } from '../errors';
import type { MelConfig } from '../mel/config';
import type { SpectrogramSource } from '../spectrogram';
import { frameCentreS } from './csv';
import type { ExportContent } from './types';

export const SIDECAR_SCHEMA = 'postnet-studio.export-sidecar/1';

/** One array (or image) inside the exported file. */
export interface SidecarEntry {
  /** `output`, or the npz member's key. */
  name: string;
  dtype: 'float32' | 'utf8-json' | 'png';
  shape: readonly number[];
  /** How the axes are laid out, in words a vocoder user checks. */
  orientation: string;
}

export interface ExportSidecar {
  schema: typeof SIDECAR_SCHEMA;
  app: { name: 'Postnet Studio'; version: string };
  createdAt: string;
  file: string;
  format: ExportFormat;
  contents: readonly SidecarEntry[];
  /** What the numbers are (natural-log mel magnitudes and their floor). */
  values: string;
  melConfig: MelConfig;
  /** Whether `melConfig` made the input (a WAV) or is assumed (an `.npy` carries no settings). */
  melConfigFrom: string;
  frames: {
    nFrames: number;
    nMels: number;
    hopLength: number;
    sampleRateHz: number;
    frameRateHz: number;
    /** Centre of the last frame in seconds. */
    lastFrameCentreS: number;
    frameCentre: string;
  };
  input: {
    name: string;
    kind: 'wav' | 'npy';
    audio: ExportContent['audio'];
  };
  weights: ExportContent['weights'];
  /** The engine that computed `output` (chunked over `workers` workers, equal to one run). */
  engine: ExportContent['engine'];
  /** How `output` relates to the input, e.g. `input + postnet(input)`. */
  output: string;
}

const CHANNELS_FIRST =
  'channels-first [nMels, nFrames], row-major (C order): mel band b of frame t at [b, t]';

function entriesFor(format: ExportFormat, config: MelConfig, nMels: number, nFrames: number): SidecarEntry[] {
  const melArray = (name: string): SidecarEntry => ({
    name,
    dtype: 'float32',
    shape: [nMels, nFrames],
    orientation: CHANNELS_FIRST,
  });
  switch (format) {
    case 'npy':
      return [melArray('output')];
    case 'npy-batched':
      return [
        {
          name: 'output',
          dtype: 'float32',
          shape: [1, nMels, nFrames],
          orientation: 'batch of one, channels-first [1, nMels, nFrames], row-major',
        },
      ];
    case 'npz':
      return [
        melArray('input'),
        melArray('residual'),
        melArray('output'),
        {
          name: 'mel_config_json',
          dtype: 'utf8-json',
          shape: [strToU8(JSON.stringify(config)).length],
          orientation:
            "uint8 bytes of the mel config as UTF-8 JSON: json.loads(z['mel_config_json'].tobytes())",
        },
      ];
    case 'png':
      return [
        {
          name: 'output',
          dtype: 'png',
          shape: [nMels, nFrames],
          orientation: 'image of the view: time left to right, mel band 0 at the bottom',
        },
      ];
    case 'csv':
      return [
        {
          name: 'output',
          dtype: 'float32',
          shape: [nFrames, nMels + 2],
          orientation: 'time-major text: one row per frame, columns frame,time_s,mel_0…mel_{nMels-1}',
        },
      ];
    default:
      return assertNever(format, 'export format');
  }
}

/** Whether the config made the input (a WAV), or where an `.npy`'s came from (it carries none). */
function settingsFrom(source: SpectrogramSource, config: MelConfig): string {
  if (source.kind === 'wav') return 'the app computed the input mel from the WAV with these settings';
  const settings = source.settings ?? { from: 'assumed' };
  switch (settings.from) {
    case 'sidecar':
      return `from ${settings.file}, the sidecar beside the input .npy (which carries no mel settings)`;
    case 'given':
      return 'set by the user for the input .npy, which carries no mel settings';
    case 'assumed': {
      const what = config.preset === 'custom' ? 'the custom settings' : `the ${config.preset} preset`;
      return `assumed: the input .npy carries no mel settings; these are ${what} the app read it with`;
    }
    default:
      return assertNever(settings, 'npy settings origin');
  }
}

export function buildSidecar(content: ExportContent): ExportSidecar {
  const { input, weights } = content;
  const { config, nMels, nFrames } = input;
  return {
    schema: SIDECAR_SCHEMA,
    app: { name: 'Postnet Studio', version: content.appVersion },
    createdAt: content.createdAt,
    file: content.fileName,
    format: content.format,
    contents: entriesFor(content.format, config, nMels, nFrames),
    values: `natural log of mel magnitudes, ln(max(x, ${config.logFloor}))`,
    melConfig: { ...config },
    melConfigFrom: settingsFrom(input.source, config),
    frames: {
      nFrames,
      nMels,
      hopLength: config.hopLength,
      sampleRateHz: config.sampleRateHz,
      frameRateHz: config.sampleRateHz / config.hopLength,
      lastFrameCentreS: nFrames > 0 ? frameCentreS(config, nFrames - 1) : 0,
      frameCentre:
        config.padding === 'hifigan'
          ? 'frame t is centred at (t + 0.5) · hopLength / sampleRateHz seconds'
          : 'frame t is centred at t · hopLength / sampleRateHz seconds',
    },
    input: { name: input.source.name, kind: input.source.kind, audio: content.audio },
    weights: { ...weights },
    engine: { ...content.engine },
    output: weights.residual ? 'input + postnet(input)' : 'stack(input) (no residual)',
  };
}

/** The sidecar as UTF-8 JSON text, two-space indented, ending in a newline. */
export function encodeSidecar(sidecar: ExportSidecar): Uint8Array {
  return strToU8(JSON.stringify(sidecar, null, 2) + '\n');
}
