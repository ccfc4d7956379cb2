/** Checks for the API's request types (file sources, mel configs, process, layer-output and export requests). */
import type { MelConfig, MelPadding, MelPresetName } from '../mel/config';
import { MEL_CONFIG_FIELDS, MEL_PRESETS } from '../mel/config';
import {
  EXPORT_FORMATS,
  OPEN_INTENTS,
  type ExportRequest,
  type LayerOutputRequest,
  type OpenIntent,
  type ProcessRequest,
} from './contract';
import type { WireFileSource } from './ipc';
import {
  expectArray,
  expectBoolean,
  expectBytes,
  expectInteger,
  expectNumber,
  expectOneOf,
  expectRecord,
  expectString,
} from './validate';

/** Ids are host-made tokens; anything longer than this is not one. */
const MAX_ID_LENGTH = 200;
/** Files in one open call (a folder of `.npy` weights has ~35). */
const MAX_FILES = 512;
/** A rendered view is a few MB; this leaves room for 8K-wide exports. */
export const MAX_PNG_BYTES = 256 * 1024 * 1024;
/** The post-nets we run have 5 layers, encoders 3; 256 is far beyond any real stack. */
const MAX_LAYER_INDEX = 255;

export function validateId(value: unknown, what: string): string {
  return expectString(value, what, MAX_ID_LENGTH);
}

export function validateOpenIntent(value: unknown, what = 'intent'): OpenIntent {
  return expectOneOf(value, what, OPEN_INTENTS);
}

/** A FileSource as it crosses IPC: dropped files arrive as the paths the preload resolved. */
export function validateWireFileSource(value: unknown, what = 'source'): WireFileSource {
  const kind = expectRecord(value, what, ['kind', 'folder', 'ids', 'paths']).kind;
  const kinds = ['dialog', 'dropped-paths', 'granted', 'sample'] as const;
  switch (expectOneOf(kind, `${what}.kind`, kinds)) {
    case 'dialog': {
      const record = expectRecord(value, what, ['kind', 'folder']);
      return record.folder === undefined
        ? { kind: 'dialog' }
        : { kind: 'dialog', folder: expectBoolean(record.folder, `${what}.folder`) };
    }
    case 'dropped-paths': {
      const record = expectRecord(value, what, ['kind', 'paths']);
      const paths = expectArray(record.paths, `${what}.paths`, MAX_FILES).map((path, i) =>
        expectString(path, `${what}.paths[${i}]`),
      );
      return { kind: 'dropped-paths', paths };
    }
    case 'granted': {
      const record = expectRecord(value, what, ['kind', 'ids']);
      const ids = expectArray(record.ids, `${what}.ids`, MAX_FILES).map((id, i) =>
        validateId(id, `${what}.ids[${i}]`),
      );
      return { kind: 'granted', ids };
    }
    case 'sample':
      expectRecord(value, what, ['kind']);
      return { kind: 'sample' };
  }
}

const MEL_PRESET_NAMES: readonly MelConfig['preset'][] = [
  ...(Object.keys(MEL_PRESETS) as MelPresetName[]),
  'custom',
];
const MEL_PADDINGS: readonly MelPadding[] = ['center', 'hifigan'];
const MEL_FIELDS: readonly (keyof MelConfig)[] = ['preset', ...MEL_CONFIG_FIELDS];

/**
 * Types and plain ranges only; whether the fields agree with each other (fMax ≤ Nyquist,
 * winLength ≤ nFft…) is the mel front end's check (`MelConfigError`, mel/validate.ts's
 * validateMelConfig).
 */
export function validateMelConfigArg(value: unknown, what = 'melConfig'): MelConfig {
  const record = expectRecord(value, what, MEL_FIELDS);
  const field = (name: keyof MelConfig): unknown => record[name];
  return {
    preset: expectOneOf(field('preset'), `${what}.preset`, MEL_PRESET_NAMES),
    sampleRateHz: expectInteger(field('sampleRateHz'), `${what}.sampleRateHz`, 1, 1_000_000),
    nFft: expectInteger(field('nFft'), `${what}.nFft`, 1, 1 << 20),
    winLength: expectInteger(field('winLength'), `${what}.winLength`, 1, 1 << 20),
    hopLength: expectInteger(field('hopLength'), `${what}.hopLength`, 1, 1 << 20),
    nMels: expectInteger(field('nMels'), `${what}.nMels`, 1, 4096),
    fMinHz: expectNumber(field('fMinHz'), `${what}.fMinHz`, 0),
    fMaxHz: expectNumber(field('fMaxHz'), `${what}.fMaxHz`, 0),
    padding: expectOneOf(field('padding'), `${what}.padding`, MEL_PADDINGS),
    magnitudeEpsilon: expectNumber(field('magnitudeEpsilon'), `${what}.magnitudeEpsilon`, 0),
    logFloor: expectNumber(field('logFloor'), `${what}.logFloor`, Number.MIN_VALUE),
  };
}

export function validateProcessRequest(value: unknown, what = 'request'): ProcessRequest {
  const record = expectRecord(value, what, ['inputId', 'weightsId', 'activations']);
  const request: ProcessRequest = {
    inputId: validateId(record.inputId, `${what}.inputId`),
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
  };
  if (record.activations !== undefined) {
    request.activations = expectArray(record.activations, `${what}.activations`, MAX_LAYER_INDEX + 1).map(
      (layer, i) => expectInteger(layer, `${what}.activations[${i}]`, 0, MAX_LAYER_INDEX),
    );
  }
  return request;
}

export function validateLayerOutputRequest(value: unknown, what = 'request'): LayerOutputRequest {
  const record = expectRecord(value, what, ['inputId', 'weightsId', 'layer']);
  return {
    inputId: validateId(record.inputId, `${what}.inputId`),
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
    layer: expectInteger(record.layer, `${what}.layer`, 0, MAX_LAYER_INDEX),
  };
}

export function validateExportRequest(value: unknown, what = 'request'): ExportRequest {
  const record = expectRecord(value, what, ['format', 'inputId', 'weightsId', 'png']);
  const request: ExportRequest = {
    format: expectOneOf(record.format, `${what}.format`, EXPORT_FORMATS),
    inputId: validateId(record.inputId, `${what}.inputId`),
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
  };
  if (record.png !== undefined) request.png = expectBytes(record.png, `${what}.png`, MAX_PNG_BYTES);
  return request;
}

/** A window title part: the open document's name, or null for none. */
export function validateDocumentName(value: unknown, what = 'documentName'): string | null {
  return value === null ? null : expectString(value, what, 1024);
}
