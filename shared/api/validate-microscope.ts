/** Checks for the microscope's requests (explain, text run, filters, tensor statistics and export). */
import { CLEANER_NAMES } from '../text/cleaners';
import {
  TENSOR_EXPORT_FORMATS,
  type ExplainRequest,
  type ExplainSource,
  type FilterStack,
  type LayerFiltersRequest,
  type TensorExportRequest,
  type TextRunRequest,
} from './microscope';
import { expectInteger, expectOneOf, expectRecord, expectString } from './validate';
import { validateId } from './validate-requests';

/** Characters of text one text run takes: 512 × 2,000 float32 is 4 MB per layer. */
export const MAX_TEXT_LENGTH = 2000;
/** Far beyond any stack's layers, channels and frames: the worker checks the real ranges (CellIndexError). */
const MAX_LAYER = 255;
const MAX_CHANNEL = 1 << 20;
const MAX_FRAME = 2 ** 31 - 1;
/** A state_dict key (`tts.dec.postnet.postnet.4.1.running_var` is 40). */
const MAX_KEY_LENGTH = 1024;
const FILTER_STACKS: readonly FilterStack[] = ['loaded', 'text-encoder'];

function validateText(value: unknown, what: string): string {
  return expectString(value, what, MAX_TEXT_LENGTH);
}

export function validateExplainSource(value: unknown, what = 'source'): ExplainSource {
  const kind = expectOneOf(
    expectRecord(value, what, ['kind', 'inputId', 'text', 'cleaners']).kind,
    `${what}.kind`,
    ['input', 'text'] as const,
  );
  if (kind === 'input') {
    const record = expectRecord(value, what, ['kind', 'inputId']);
    return { kind, inputId: validateId(record.inputId, `${what}.inputId`) };
  }
  const record = expectRecord(value, what, ['kind', 'text', 'cleaners']);
  return {
    kind,
    text: validateText(record.text, `${what}.text`),
    cleaners: expectOneOf(record.cleaners, `${what}.cleaners`, CLEANER_NAMES),
  };
}

export function validateExplainRequest(value: unknown, what = 'request'): ExplainRequest {
  const record = expectRecord(value, what, ['weightsId', 'source', 'layer', 'channel', 'frame']);
  return {
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
    source: validateExplainSource(record.source, `${what}.source`),
    layer: expectInteger(record.layer, `${what}.layer`, 0, MAX_LAYER),
    channel: expectInteger(record.channel, `${what}.channel`, 0, MAX_CHANNEL),
    frame: expectInteger(record.frame, `${what}.frame`, 0, MAX_FRAME),
  };
}

export function validateTextRunRequest(value: unknown, what = 'request'): TextRunRequest {
  const record = expectRecord(value, what, ['weightsId', 'text', 'cleaners']);
  return {
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
    text: validateText(record.text, `${what}.text`),
    cleaners: expectOneOf(record.cleaners, `${what}.cleaners`, CLEANER_NAMES),
  };
}

export function validateLayerFiltersRequest(value: unknown, what = 'request'): LayerFiltersRequest {
  const record = expectRecord(value, what, ['weightsId', 'stack', 'layer']);
  return {
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
    stack: expectOneOf(record.stack, `${what}.stack`, FILTER_STACKS),
    layer: expectInteger(record.layer, `${what}.layer`, 0, MAX_LAYER),
  };
}

export function validateTensorExportRequest(value: unknown, what = 'request'): TensorExportRequest {
  const record = expectRecord(value, what, ['weightsId', 'key', 'format']);
  return {
    weightsId: validateId(record.weightsId, `${what}.weightsId`),
    key: expectString(record.key, `${what}.key`, MAX_KEY_LENGTH),
    format: expectOneOf(record.format, `${what}.format`, TENSOR_EXPORT_FORMATS),
  };
}
