/**
 * What main holds for the renderer between calls: the open inputs (their spectrograms, and where
 * to re-read a WAV for another mel config), the loaded weights (their summary and what is needed
 * to rebuild them in a fresh worker: the files' bytes, or "the default"), and the last result per
 * input for export (its residual and output only, never layer outputs). Main never computes
 * these; it keeps what the worker returned, within the bounds of shared/host/kept.ts.
 */
import type { AudioInfo, InputDocument, WeightsSummary } from '../../shared/api/contract';
import { UnknownDocumentError } from '../../shared/api/errors';
import {
  MAX_KEPT_INPUTS,
  MAX_KEPT_WEIGHTS,
  UseOrder,
  bytesHeld,
  type HeldDocuments,
} from '../../shared/host/kept';
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

export class Session {
  private readonly inputs = new UseOrder<InputRecord>();
  private readonly weightsById = new UseOrder<WeightsRecord>();
  /** The last result per input id. */
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
   * The input the window is working on now: marks it the most recently used and releases the
   * least recently used beyond MAX_KEPT_INPUTS (with their results).
   */
  touchInput(id: string): InputRecord {
    const record = this.input(id);
    this.inputs.touch(id);
    for (const released of this.inputs.trim(MAX_KEPT_INPUTS)) this.results.delete(released);
    return record;
  }

  /** What main holds now, for tests and the memory figures in docs/electron.md. */
  held(): HeldDocuments {
    return {
      inputIds: [...this.inputs.values()].map((record) => record.document.id),
      weightsIds: [...this.weightsById.values()].map((record) => record.summary.id),
      bytes: bytesHeld([...this.inputs.values(), ...this.weightsById.values(), ...this.results.values()]),
    };
  }

  /**
   * Stores weights; returns the ids released to stay within MAX_KEPT_WEIGHTS (oldest first, never
   * the default), so the caller can free them in the worker too.
   */
  addWeights(summary: WeightsSummary, source: WeightsSource): string[] {
    this.weightsById.set(summary.id, { summary, source });
    const released = this.weightsById.trim(
      MAX_KEPT_WEIGHTS,
      (id) => id === DEFAULT_WEIGHTS_ID || id === summary.id,
    );
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

  /** Keeps the result's residual and output for export (a copy of the record: nothing else rides along). */
  setResult(result: ResultRecord): void {
    const { inputId, weightsId, nMels, nFrames, residual, output } = result;
    if (!this.inputs.has(inputId)) return; // released meanwhile: nothing will ask for it
    this.results.set(inputId, { inputId, weightsId, nMels, nFrames, residual, output });
  }

  /** The last result for this input and weights, if it is still the current one. */
  result(inputId: string, weightsId: string): ResultRecord | null {
    const result = this.results.get(inputId);
    return result && result.weightsId === weightsId ? result : null;
  }
}
