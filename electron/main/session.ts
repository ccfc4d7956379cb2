/**
 * What main holds for the renderer between calls: the open inputs (their spectrograms, and where
 * to re-read a WAV for another mel config), the loaded weights (their summary and what is needed
 * to rebuild them in a fresh worker: the files' bytes, or "the default"), and the last result per
 * input for export. Main never computes these; it keeps what the worker returned.
 */
import type { AudioInfo, InputDocument, WeightsSummary } from '../../shared/api/contract';
import { UnknownDocumentError } from '../../shared/api/errors';
import type { WeightsSource } from '../../shared/host/weights';
import type { Spectrogram } from '../../shared/spectrogram';

/** Where an input came from: a granted file (re-read for `remel`), or the bundled sample. */
export type InputOrigin = { kind: 'file'; path: string } | { kind: 'sample'; path: string };

export interface InputRecord {
  document: InputDocument;
  origin: InputOrigin;
}

export interface WeightsRecord {
  summary: WeightsSummary;
  source: WeightsSource;
}

export interface ResultRecord {
  inputId: string;
  weightsId: string;
  nMels: number;
  nFrames: number;
  residual: Float32Array;
  output: Float32Array;
}

export const DEFAULT_WEIGHTS_ID = 'weights-default';
/** Weights sets kept at once; loading more releases the oldest (the renderer is told by its id failing). */
export const MAX_WEIGHTS = 8;

export class Session {
  private readonly inputs = new Map<string, InputRecord>();
  private readonly weightsById = new Map<string, WeightsRecord>();
  private readonly results = new Map<string, ResultRecord>();
  private nextInput = 1;
  private nextWeights = 1;

  newInputId(): string {
    return `input-${this.nextInput++}`;
  }

  newWeightsId(): string {
    return `weights-${this.nextWeights++}`;
  }

  addInput(
    id: string,
    name: string,
    audio: AudioInfo | null,
    mel: Spectrogram,
    origin: InputOrigin,
  ): InputDocument {
    const document: InputDocument = { id, name, audio, mel };
    this.inputs.set(id, { document, origin });
    this.results.delete(id);
    return document;
  }

  input(id: string): InputRecord {
    const record = this.inputs.get(id);
    if (!record) throw new UnknownDocumentError(`no open input has id '${id}'; open the file again`);
    return record;
  }

  /**
   * Stores weights; returns the ids released to stay within MAX_WEIGHTS (oldest first, never the
   * default), so the caller can free them in the worker too.
   */
  addWeights(summary: WeightsSummary, source: WeightsSource): string[] {
    this.weightsById.delete(summary.id);
    this.weightsById.set(summary.id, { summary, source });
    const released: string[] = [];
    for (const id of this.weightsById.keys()) {
      if (this.weightsById.size <= MAX_WEIGHTS) break;
      if (id === DEFAULT_WEIGHTS_ID || id === summary.id) continue;
      this.weightsById.delete(id);
      released.push(id);
    }
    for (const [key, result] of this.results)
      if (released.includes(result.weightsId)) this.results.delete(key);
    return released;
  }

  weights(id: string): WeightsRecord {
    const record = this.weightsById.get(id);
    if (!record) throw new UnknownDocumentError(`no loaded weights have id '${id}'; load the weights again`);
    return record;
  }

  hasWeights(id: string): boolean {
    return this.weightsById.has(id);
  }

  setResult(result: ResultRecord): void {
    this.results.set(result.inputId, result);
  }

  /** The last result for this input and weights, if it is still the current one. */
  result(inputId: string, weightsId: string): ResultRecord | null {
    const result = this.results.get(inputId);
    return result && result.weightsId === weightsId ? result : null;
  }
}
