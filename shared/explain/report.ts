/**
 * The microscope's cell as the command line's `explain --json` prints it: one object with exactly
 * the keys of the CLI contract (docs/cli.md), arrays row-major, float32 values written with the
 * fewest digits that read back as the same float32 (0.1, not 0.10000000149011612).
 */
import type { CellExplanation } from './cell';

export interface ExplainJson {
  layer: number;
  channel: number;
  frame?: number;
  char?: number;
  /** The Tacotron 2 symbol ids of the text (with `char`). */
  symbols?: number[];
  window: { shape: [number, number]; frames: [number, number]; values: number[] };
  filter: { shape: [number, number]; values: number[] };
  bias: number | null;
  sum: number;
  batch_norm: {
    weight: number;
    bias: number;
    running_mean: number;
    running_var: number;
    eps: number;
    value: number;
  } | null;
  activation: string;
  value: number;
  receptive_field: { first: number; last: number };
}

/** The shortest decimal that rounds to the same float32 as `x` (x itself when it is no float32). */
export function float32Number(x: number): number {
  if (!Number.isFinite(x) || Math.fround(x) !== x) return x;
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(x.toPrecision(digits));
    if (Math.fround(shorter) === x) return shorter;
  }
  return Number(x.toPrecision(9));
}

const float32List = (values: ArrayLike<number>): number[] => Array.from(values, float32Number);

/** For a cell over text: `char` replaces `frame`, and `symbols` lists the ids. */
export interface TextCell {
  symbols: readonly number[];
}

export function explanationJson(cell: CellExplanation, text?: TextCell): ExplainJson {
  const frames = cell.window.frames;
  const bn = cell.batchNorm;
  return {
    layer: cell.layer,
    channel: cell.channel,
    ...(text ? { char: cell.frame, symbols: [...text.symbols] } : { frame: cell.frame }),
    window: {
      shape: cell.window.shape,
      frames: [frames[0]!, frames[frames.length - 1]!],
      values: float32List(cell.window.values),
    },
    filter: { shape: cell.window.shape, values: float32List(cell.filter) },
    bias: cell.bias === null ? null : float32Number(cell.bias),
    sum: float32Number(cell.sum),
    batch_norm: bn && {
      weight: float32Number(bn.weight),
      bias: float32Number(bn.bias),
      running_mean: float32Number(bn.runningMean),
      running_var: float32Number(bn.runningVar),
      eps: bn.eps,
      value: float32Number(bn.value),
    },
    activation: cell.activation,
    value: float32Number(cell.value),
    receptive_field: { ...cell.trace.input },
  };
}
