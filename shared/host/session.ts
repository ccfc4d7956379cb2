/**
 * What a host holds for the window between calls, the same way in both hosts: the open inputs
 * (their spectrograms and where to get the audio again for another mel config — the `Origin`, a
 * path in Electron, the WAV's bytes in the browser), the loaded weights (their summary and how to
 * rebuild them in a fresh worker) and the last result per input for export (its residual and
 * output only, never layer outputs). The host never computes these; it keeps what the worker
 * returned, within the bounds of kept.ts.
 */
import type {
  AudioInfo,
  BuiltInWeights,
  InputDocument,
  ProcessResult,
  SmoothedFrom,
  WeightsSummary,
} from '../api/contract';
import { UnknownDocumentError } from '../api/errors';
import type { MelConfig } from '../mel/config';
import type { Spectrogram } from '../spectrogram';
import { MAX_KEPT_INPUTS, MAX_KEPT_WEIGHTS, UseOrder, bytesHeld, type HeldDocuments } from './kept';
import { builtInOf, type WeightsSource } from './weights';

export interface InputRecord<Origin> {
  document: InputDocument;
  origin: Origin;
}

export interface WeightsRecord {
  summary: WeightsSummary;
  source: WeightsSource;
}

/** A processed input kept for export: the ProcessResult without what only the window needs. */
export type ResultRecord = Omit<ProcessResult, 'elapsedMs'>;

export class Session<Origin> {
  private readonly inputs = new UseOrder<InputRecord<Origin>>();
  private readonly weightsById = new UseOrder<WeightsRecord>();
  /** The last result per input id. */
  private readonly results = new Map<string, ResultRecord>();
  private nextInput = 1;
  private nextWeights = 1;
  private nextRevision = 1;

  newInputId(): string {
    return `input-${this.nextInput++}`;
  }

  newWeightsId(): string {
    return `weights-${this.nextWeights++}`;
  }

  /**
   * Stores an input under `id` (a new one, or a re-analysis replacing the document of the same
   * id); a result of the previous document is dropped, it belongs to the old spectrogram.
   * `smoothedFrom` marks the demo's smoothed copy of another input (host `smooth`).
   */
  addInput(
    id: string,
    name: string,
    opened: { audio: AudioInfo | null; mel: Spectrogram; warnings: readonly string[] },
    origin: Origin,
    smoothedFrom?: SmoothedFrom,
  ): InputDocument {
    const { audio, mel, warnings } = opened;
    const document: InputDocument = {
      id,
      revision: this.nextRevision++,
      name,
      audio,
      mel,
      warnings,
      ...(smoothedFrom ? { smoothedFrom } : {}),
    };
    this.inputs.set(id, { document, origin });
    this.results.delete(id);
    return document;
  }

  /**
   * Gives an input's spectrogram another config without changing its numbers (an `.npy` whose
   * settings the user set): the id, the revision and the result stay, since what was computed
   * from the numbers still holds.
   */
  relabelInput(id: string, config: MelConfig): InputDocument {
    const record = this.input(id);
    const { mel } = record.document;
    const source = { ...mel.source, settings: { from: 'given' } as const };
    const document: InputDocument = { ...record.document, mel: { ...mel, config: { ...config }, source } };
    this.inputs.set(id, { document, origin: record.origin });
    return document;
  }

  input(id: string): InputRecord<Origin> {
    const record = this.inputs.get(id);
    if (!record) throw new UnknownDocumentError(`no open input has id '${id}'; open the file again`);
    return record;
  }

  /**
   * The input the window is working on now: marks it the most recently used and releases the
   * least recently used beyond MAX_KEPT_INPUTS (with their results).
   */
  touchInput(id: string): InputRecord<Origin> {
    const record = this.input(id);
    this.inputs.touch(id);
    for (const released of this.inputs.trim(MAX_KEPT_INPUTS)) this.results.delete(released);
    return record;
  }

  /** What the host holds now, for tests and the memory figures in docs/electron.md. */
  held(): HeldDocuments {
    return {
      inputIds: [...this.inputs.values()].map((record) => record.document.id),
      weightsIds: [...this.weightsById.values()].map((record) => record.summary.id),
      bytes: bytesHeld([...this.inputs.values(), ...this.weightsById.values(), ...this.results.values()]),
    };
  }

  /**
   * Stores weights; returns the ids released to stay within MAX_KEPT_WEIGHTS (least recently
   * loaded first, never the built-in default), so the caller can free them in the worker too.
   * Results computed with released weights go with them.
   */
  addWeights(summary: WeightsSummary, source: WeightsSource): string[] {
    this.weightsById.set(summary.id, { summary, source });
    const spare = (id: string) => id === summary.id || this.weightsById.get(id)!.summary.isDefault;
    const released = this.weightsById.trim(MAX_KEPT_WEIGHTS, spare);
    for (const [key, result] of this.results)
      if (released.includes(result.weightsId)) this.results.delete(key);
    return released;
  }

  /** The kept weights that `matches`, if any (without touching their place in the use order). */
  findWeights(matches: (record: WeightsRecord) => boolean): WeightsRecord | null {
    for (const record of this.weightsById.values()) if (matches(record)) return record;
    return null;
  }

  weights(id: string): WeightsRecord {
    const record = this.weightsById.get(id);
    if (!record) throw new UnknownDocumentError(`no loaded weights have id '${id}'; load the weights again`);
    return record;
  }

  /** Built-in weights (the demo post-net or the untrained one), when loaded: at most one set of each. */
  builtInWeights(which: BuiltInWeights): WeightsSummary | null {
    for (const record of this.weightsById.values())
      if (builtInOf(record.source) === which) return record.summary;
    return null;
  }

  /**
   * Keeps a result for export (a copy of the record: timings do not ride along)
   * if it still belongs to what is held: the input still has the revision it ran on (not
   * released, not re-analysed meanwhile) and its weights are still loaded. Otherwise nothing will
   * ask for it.
   */
  setResult(result: ResultRecord): void {
    const { inputId, inputRevision, weightsId, nMels, nFrames, residual, output, engine } = result;
    if (this.inputs.get(inputId)?.document.revision !== inputRevision) return;
    if (!this.weightsById.has(weightsId)) return;
    this.results.set(inputId, {
      inputId,
      inputRevision,
      weightsId,
      nMels,
      nFrames,
      residual,
      output,
      engine,
    });
  }

  /** The last result for this input and weights, if it is still the current one. */
  result(inputId: string, weightsId: string): ResultRecord | null {
    const result = this.results.get(inputId);
    return result && result.weightsId === weightsId ? result : null;
  }
}
