/**
 * A layer's output reduced along time to columns of `step` frames, so a view over an hour holds
 * a few thousand columns per channel instead of every frame. Column c covers the layer's output
 * frames [c·step, (c + 1)·step), counted from frame 0 of the whole run, so chunks reduce their own
 * frames apart and a column cut by a chunk edge is merged from both sides exactly (max and
 * absmax are associative). The reductions are the drawing's (renderer/src/render/raster.ts): the
 * first value, replaced by a greater one (`max`) or one of greater magnitude, sign kept (`absmax`);
 * with step 1 the columns are the frames themselves.
 */
import type { FrameRange } from './chunks';

export const COLUMN_REDUCTIONS = ['max', 'absmax'] as const;
export type ColumnReduce = (typeof COLUMN_REDUCTIONS)[number];

export interface Columns {
  /** Layer frames per column (1: one column per frame). */
  step: number;
  /** Index of the first column held (column c starts at frame c·step). */
  first: number;
  count: number;
  nChannels: number;
  /** `[nChannels, count]` row-major. */
  data: Float32Array;
}

/** Columns [first, end) that frames [range.start, range.end) touch. */
export function columnsOf(range: FrameRange, step: number): FrameRange {
  if (range.end <= range.start)
    return { start: Math.floor(range.start / step), end: Math.floor(range.start / step) };
  return { start: Math.floor(range.start / step), end: Math.ceil(range.end / step) };
}

/** Whether `value` replaces `kept` in a column under `reduce`. */
const wins = (reduce: ColumnReduce, value: number, kept: number): boolean =>
  reduce === 'max' ? value > kept : Math.abs(value) > Math.abs(kept);

/**
 * Reduces `data` `[nChannels, frames]` row-major, holding layer frames [firstFrame, firstFrame +
 * frames), to the columns those frames touch (the first and last may be partial).
 */
export function reduceColumns(
  data: Float32Array,
  nChannels: number,
  firstFrame: number,
  frames: number,
  step: number,
  reduce: ColumnReduce,
): Columns {
  if (!Number.isInteger(step) || step < 1)
    throw new RangeError(`column step must be a positive integer, got ${step}`);
  if (data.length !== nChannels * frames) {
    throw new RangeError(
      `reduceColumns: data holds ${data.length} values, [${nChannels}, ${frames}] needs ${nChannels * frames}`,
    );
  }
  const span = columnsOf({ start: firstFrame, end: firstFrame + frames }, step);
  const count = span.end - span.start;
  if (step === 1) return { step, first: firstFrame, count: frames, nChannels, data };
  const out = new Float32Array(nChannels * count);
  for (let c = 0; c < nChannels; c++) {
    const row = c * frames;
    for (let k = 0; k < count; k++) {
      const column = span.start + k;
      const t0 = Math.max(firstFrame, column * step) - firstFrame;
      const t1 = Math.min(firstFrame + frames, (column + 1) * step) - firstFrame;
      let value = data[row + t0]!;
      for (let t = t0 + 1; t < t1; t++) {
        const v = data[row + t]!;
        if (wins(reduce, v, value)) value = v;
      }
      out[c * count + k] = value;
    }
  }
  return { step, first: span.start, count, nChannels, data: out };
}

/**
 * Columns [range.start, range.end) of one layer output, filled from parts (chunks' reductions, in
 * any order): each part's columns are written, and a column two parts share is merged.
 */
export class ColumnAssembly {
  readonly data: Float32Array;
  private readonly seen: Uint8Array;

  constructor(
    readonly nChannels: number,
    readonly step: number,
    readonly range: FrameRange,
    private readonly reduce: ColumnReduce,
  ) {
    const count = range.end - range.start;
    this.data = new Float32Array(nChannels * count);
    this.seen = new Uint8Array(count);
  }

  get count(): number {
    return this.range.end - this.range.start;
  }

  add(part: Columns): void {
    if (part.step !== this.step || part.nChannels !== this.nChannels) {
      throw new RangeError(
        `columns of step ${part.step} × ${part.nChannels} channels do not fit an assembly of step ${this.step} × ${this.nChannels}`,
      );
    }
    const from = Math.max(part.first, this.range.start);
    const to = Math.min(part.first + part.count, this.range.end);
    const count = this.count;
    for (let column = from; column < to; column++) {
      const k = column - this.range.start;
      const source = column - part.first;
      const fresh = !this.seen[k];
      for (let c = 0; c < this.nChannels; c++) {
        const value = part.data[c * part.count + source]!;
        const at = c * count + k;
        if (fresh || wins(this.reduce, value, this.data[at]!)) this.data[at] = value;
      }
      this.seen[k] = 1;
    }
  }
}
