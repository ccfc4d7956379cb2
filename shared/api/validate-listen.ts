/** Checks for the listening and built-in-weights arguments (listen-types.ts). */
import { InvalidArgumentError } from './errors';
import {
  BUILT_IN_WEIGHTS,
  MAX_SYNTHESIS_ITERATIONS,
  SYNTHESIS_MELS,
  type BuiltInWeights,
  type SynthesisRequest,
} from './listen-types';
import { expectInteger, expectOneOf, expectRecord } from './validate';
import { validateId } from './validate-requests';

export function validateBuiltInWeights(value: unknown, what = 'which'): BuiltInWeights {
  return expectOneOf(value, what, BUILT_IN_WEIGHTS);
}

/** An `output` synthesis names its weights; an `input` one may not (it would be ignored). */
export function validateSynthesisRequest(value: unknown, what = 'request'): SynthesisRequest {
  const record = expectRecord(value, what, ['inputId', 'mel', 'weightsId', 'iterations']);
  const mel = expectOneOf(record.mel, `${what}.mel`, SYNTHESIS_MELS);
  const request: SynthesisRequest = {
    inputId: validateId(record.inputId, `${what}.inputId`),
    mel,
    iterations: expectInteger(record.iterations, `${what}.iterations`, 1, MAX_SYNTHESIS_ITERATIONS),
  };
  if (mel === 'output') {
    if (record.weightsId === undefined) {
      throw new InvalidArgumentError(`${what}.weightsId is required to hear the output: whose output?`);
    }
    request.weightsId = validateId(record.weightsId, `${what}.weightsId`);
  } else if (record.weightsId !== undefined) {
    throw new InvalidArgumentError(`${what}.weightsId is only for mel 'output'; the input's mel needs none`);
  }
  return request;
}
