/**
 * The host's listening and demo calls, written once for both shells (host.ts wires them): the
 * decoder-smoothed copy of an input (the demo), an input's WAV as playable audio, and any of an
 * input's mels turned back into sound by Griffin-Lim. Every computation is a worker job, so it
 * reports progress and a cancel stops it.
 */
import type {
  InputAudio,
  InputDocument,
  ProcessResult,
  SynthesisRequest,
  SynthesisResult,
} from '../api/contract';
import { InvalidArgumentError } from '../api/errors';
import type { JobRunner } from '../jobs/runner';
import type { HostIo } from './io';
import { assertHasAudio } from './open';
import type { ResultRecord, Session } from './session';

export interface ListenDeps<Origin> {
  runner: JobRunner;
  session: Session<Origin>;
  io: Pick<HostIo<unknown, Origin>, 'reread'>;
  /** The host's own `process` (an `output` synthesis of an input not processed yet). */
  process: (request: { inputId: string; weightsId: string }) => Promise<Pick<ProcessResult, 'output'>>;
}

/** The demo's smoothed copy of an input: a new input (its own id) with `smoothedFrom` set. */
export async function smoothInput<Origin>(deps: ListenDeps<Origin>, inputId: string): Promise<InputDocument> {
  const { document, origin } = deps.session.touchInput(inputId);
  if (document.smoothedFrom) {
    throw new InvalidArgumentError(
      `${document.name} is already the smoothed copy of input '${document.smoothedFrom.inputId}'; smooth that one`,
    );
  }
  const { mel } = await deps.runner.run({ kind: 'smooth-mel', input: document.mel });
  const from = { inputId, revision: document.revision };
  const opened = { audio: document.audio, mel, warnings: document.warnings };
  return deps.session.addInput(deps.session.newInputId(), document.name, opened, origin, from);
}

/**
 * The input's WAV, decoded and resampled to its mel config's rate. A smoothed copy plays its
 * clean input's WAV (it has the same origin): what was smoothed is the mel, not the sound.
 */
export async function inputAudioOf<Origin>(deps: ListenDeps<Origin>, inputId: string): Promise<InputAudio> {
  const { document, origin } = deps.session.touchInput(inputId);
  assertHasAudio(document);
  const bytes = await deps.io.reread(origin);
  const clip = await deps.runner.run(
    {
      kind: 'decode-audio',
      name: document.name,
      bytes,
      sampleRateHz: document.mel.config.sampleRateHz,
    },
    { transfer: [bytes] },
  );
  return { inputId, inputRevision: document.revision, ...clip };
}

/**
 * Griffin-Lim of the input's mel or of the output of `weightsId` for it (the kept result, or a
 * run now), with the input's mel config (its STFT and filterbank).
 */
export async function synthesizeMel<Origin>(
  deps: ListenDeps<Origin>,
  request: SynthesisRequest,
): Promise<SynthesisResult> {
  const { inputId, mel: which, iterations } = request;
  const input = deps.session.touchInput(inputId).document;
  let data = input.mel.data;
  let weightsId: string | null = null;
  if (which === 'output') {
    if (request.weightsId === undefined) {
      throw new InvalidArgumentError('synthesize: hearing the output needs its weightsId');
    }
    weightsId = request.weightsId;
    deps.session.weights(weightsId); // fails clearly before any work if the id is unknown
    const kept: ResultRecord | null = deps.session.result(inputId, weightsId);
    data = (kept ?? (await deps.process({ inputId, weightsId }))).output;
  }
  const started = Date.now();
  const clip = await deps.runner.run({ kind: 'griffin-lim', mel: { ...input.mel, data }, iterations });
  return {
    inputId,
    inputRevision: input.revision,
    mel: which,
    weightsId,
    iterations,
    ...clip,
    elapsedMs: Date.now() - started,
  };
}
