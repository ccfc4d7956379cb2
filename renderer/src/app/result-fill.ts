/**
 * A processed result as it arrives: the window's own output and residual arrays, allocated when
 * a run starts and filled part by part (`ResultPart`s, in whatever order the host's workers
 * finish them), with which frames are in so far. Frames not yet computed hold NaN and are drawn
 * as pending (render/raster.ts). `complete` resolves once every frame is in, which a caller
 * awaits after the process call answers: in Electron the parts travel on another channel than
 * the answer, and may come after it.
 */
import type { FrameRange } from '../../../shared/backend/chunks';
import type { InputDocument, ResultPart, WeightsSummary } from '../../../shared/api/contract';

/** Which frames of a result are in: the sorted, merged ranges and their total. */
export interface FilledFrames {
  /** The run's stream id (`ProcessRequest.stream`). */
  stream: number;
  ranges: readonly FrameRange[];
  frames: number;
  totalFrames: number;
  /** Set when the run stopped before every frame was in (cancelled). */
  stopped: boolean;
}

/** `ranges` with `range` added, sorted and merged (adjacent ranges join). */
export function addRange(ranges: readonly FrameRange[], range: FrameRange): FrameRange[] {
  const all = [...ranges, range].sort((a, b) => a.start - b.start);
  const merged: FrameRange[] = [];
  for (const next of all) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** Whether frames [start, end) are all in `filled` (ranges sorted and merged). */
export function isFilled(filled: Pick<FilledFrames, 'ranges'>, start: number, end: number): boolean {
  return filled.ranges.some((range) => range.start <= start && range.end >= end);
}

export interface ResultFill {
  stream: number;
  residual: Float32Array;
  output: Float32Array;
  /** Which frames are in now (a new object after every part that added frames). */
  filled(): FilledFrames;
  /** Takes a part if it belongs to this run; true when it added frames. */
  add(part: ResultPart): boolean;
  /** Resolves once every frame is in. */
  complete: Promise<void>;
}

export function createResultFill(input: InputDocument, weights: WeightsSummary, stream: number): ResultFill {
  const { nMels, nFrames } = input.mel;
  const residual = new Float32Array(nMels * nFrames).fill(Number.NaN);
  const output = new Float32Array(nMels * nFrames).fill(Number.NaN);
  let state: FilledFrames = { stream, ranges: [], frames: 0, totalFrames: nFrames, stopped: false };
  let resolve = () => undefined as void;
  const complete = new Promise<void>((done) => (resolve = done));
  if (nFrames === 0) resolve();
  return {
    stream,
    residual,
    output,
    filled: () => state,
    complete,
    add(part) {
      const ours =
        part.stream === stream &&
        part.inputId === input.id &&
        part.inputRevision === input.revision &&
        part.weightsId === weights.id &&
        part.nMels === nMels &&
        part.start >= 0 &&
        part.end <= nFrames &&
        part.end > part.start;
      if (!ours || isFilled(state, part.start, part.end)) return false;
      const frames = part.end - part.start;
      for (let m = 0; m < nMels; m++) {
        residual.set(part.residual.subarray(m * frames, (m + 1) * frames), m * nFrames + part.start);
        output.set(part.output.subarray(m * frames, (m + 1) * frames), m * nFrames + part.start);
      }
      const ranges = addRange(state.ranges, { start: part.start, end: part.end });
      const filledFrames = ranges.reduce((sum, range) => sum + range.end - range.start, 0);
      state = { ...state, ranges, frames: filledFrames };
      if (filledFrames === nFrames) resolve();
      return true;
    },
  };
}
