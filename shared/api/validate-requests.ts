/** Checks for the API's request types (file sources, mel configs, stack roles, process, layer-output and export requests). */
import type { FrameRange } from '../backend/chunks';
import { COLUMN_REDUCTIONS } from '../backend/columns';
import { ENGINE_CHOICES } from '../backend/engine-choice';
import type { MelConfig, MelPadding, MelPresetName } from '../mel/config';
import { MEL_CONFIG_FIELDS, MEL_PRESETS } from '../mel/config';
import { MAX_N_FFT, MAX_N_MELS, MAX_SAMPLE_RATE_HZ } from '../mel/limits';
import type { StackRole } from '../model/types';
import {
  EXPORT_FORMATS,
  OPEN_INTENTS,
  type DroppedFile,
  type ExportRequest,
  type FileSource,
  type LayerOutputRequest,
  type OpenIntent,
  type ProcessRequest,
} from './contract';
import type { WireFileSource } from './table';
import { InvalidArgumentError } from './errors';
import {
  describeValue,
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

const STACK_ROLES: readonly StackRole[] = ['postnet', 'encoder'];

/** Which recognised stack of a weights file to build (`chooseStack`). */
export function validateStackRole(value: unknown, what = 'stack'): StackRole {
  return expectOneOf(value, what, STACK_ROLES);
}

export function validateOpenIntent(value: unknown, what = 'intent'): OpenIntent {
  return expectOneOf(value, what, OPEN_INTENTS);
}

/** The kinds both sides share: a dialog, granted ids, the sample; null for any other kind. */
function commonSource(
  value: unknown,
  kind: string,
  what: string,
): Exclude<FileSource, { kind: 'dropped' }> | null {
  switch (kind) {
    case 'dialog': {
      const record = expectRecord(value, what, ['kind', 'folder']);
      return record.folder === undefined
        ? { kind: 'dialog' }
        : { kind: 'dialog', folder: expectBoolean(record.folder, `${what}.folder`) };
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
    default:
      return null;
  }
}

/**
 * A FileSource as the page passes it (the preload checks it before anything reaches main): a
 * dialog, granted ids, the sample, or dropped `File`s — never a path. The files are checked for
 * shape only; the preload then resolves each to the path the user dropped, or refuses it.
 */
export function validateFileSource(value: unknown, what = 'source'): FileSource {
  const kind = expectRecord(value, what, ['kind', 'folder', 'ids', 'files']).kind;
  const kinds = ['dialog', 'dropped', 'granted', 'sample'] as const;
  const checked = expectOneOf(kind, `${what}.kind`, kinds);
  if (checked !== 'dropped') return commonSource(value, checked, what)!;
  const record = expectRecord(value, what, ['kind', 'files']);
  const files = expectArray(record.files, `${what}.files`, MAX_FILES).map((file, i): DroppedFile => {
    if (typeof file !== 'object' || file === null || typeof (file as DroppedFile).name !== 'string') {
      throw new InvalidArgumentError(`${what}.files[${i}] must be a File, got ${describeValue(file)}`);
    }
    return file as DroppedFile;
  });
  return { kind: 'dropped', files };
}

/**
 * A FileSource as it reaches main: dropped files arrive as the paths the preload resolved
 * (`resolved-drop`); everything else as the page sent it.
 */
export function validateWireFileSource(value: unknown, what = 'source'): WireFileSource {
  const kind = expectRecord(value, what, ['kind', 'folder', 'ids', 'paths']).kind;
  const kinds = ['dialog', 'resolved-drop', 'granted', 'sample'] as const;
  const checked = expectOneOf(kind, `${what}.kind`, kinds);
  if (checked !== 'resolved-drop') return commonSource(value, checked, what)!;
  const record = expectRecord(value, what, ['kind', 'paths']);
  const paths = expectArray(record.paths, `${what}.paths`, MAX_FILES).map((path, i) =>
    expectString(path, `${what}.paths[${i}]`),
  );
  return { kind: 'resolved-drop', paths };
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
    sampleRateHz: expectInteger(field('sampleRateHz'), `${what}.sampleRateHz`, 1, MAX_SAMPLE_RATE_HZ),
    nFft: expectInteger(field('nFft'), `${what}.nFft`, 1, MAX_N_FFT),
    winLength: expectInteger(field('winLength'), `${what}.winLength`, 1, MAX_N_FFT),
    hopLength: expectInteger(field('hopLength'), `${what}.hopLength`, 1, 1 << 20),
    nMels: expectInteger(field('nMels'), `${what}.nMels`, 1, MAX_N_MELS),
    fMinHz: expectNumber(field('fMinHz'), `${what}.fMinHz`, 0),
    fMaxHz: expectNumber(field('fMaxHz'), `${what}.fMaxHz`, 0),
    padding: expectOneOf(field('padding'), `${what}.padding`, MEL_PADDINGS),
    magnitudeEpsilon: expectNumber(field('magnitudeEpsilon'), `${what}.magnitudeEpsilon`, 0),
    logFloor: expectNumber(field('logFloor'), `${what}.logFloor`, Number.MIN_VALUE),
  };
}

/** Frames in a request: far beyond any file the window holds (a day at hop 256 / 22.05 kHz is 7.4 M). */
const MAX_FRAME = 2 ** 31;
/** Columns of a layer view: a few times the widest screen. */
const MAX_COLUMNS = 65_536;

function validateFrameRange(value: unknown, what: string): FrameRange {
  const record = expectRecord(value, what, ['start', 'end']);
  const start = expectInteger(record.start, `${what}.start`, 0, MAX_FRAME);
  const end = expectInteger(record.end, `${what}.end`, 0, MAX_FRAME);
  if (end < start)
    throw new InvalidArgumentError(`${what} must end at or after its start, got ${start}…${end}`);
  return { start, end };
}

export function validateProcessRequest(value: unknown, what = 'request'): ProcessRequest {
  const record = expectRecord(value, what, ['inputId', 'weightsId', 'engine', 'stream', 'first']);
  const request: ProcessRequest = {
    inputId: validateId(record.inputId, `${what}.inputId`),
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
    stream: expectInteger(record.stream, `${what}.stream`),
  };
  if (record.engine !== undefined)
    request.engine = expectOneOf(record.engine, `${what}.engine`, ENGINE_CHOICES);
  if (record.first !== undefined) request.first = validateFrameRange(record.first, `${what}.first`);
  return request;
}

export function validateLayerOutputRequest(value: unknown, what = 'request'): LayerOutputRequest {
  const record = expectRecord(value, what, [
    'inputId',
    'weightsId',
    'layer',
    'frames',
    'maxColumns',
    'reduce',
    'engine',
  ]);
  const request: LayerOutputRequest = {
    inputId: validateId(record.inputId, `${what}.inputId`),
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
    layer: expectInteger(record.layer, `${what}.layer`, 0, MAX_LAYER_INDEX),
    frames: validateFrameRange(record.frames, `${what}.frames`),
    maxColumns: expectInteger(record.maxColumns, `${what}.maxColumns`, 1, MAX_COLUMNS),
    reduce: expectOneOf(record.reduce, `${what}.reduce`, COLUMN_REDUCTIONS),
  };
  if (record.engine !== undefined)
    request.engine = expectOneOf(record.engine, `${what}.engine`, ENGINE_CHOICES);
  return request;
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
