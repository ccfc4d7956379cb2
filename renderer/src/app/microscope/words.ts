/**
 * The microscope's words for one cell: what a row of the window is (a mel band and its centre
 * frequency, an embedding dimension, a channel of the previous layer's output), what a tap is
 * (`frame t−1 (229)`, `char t+1 (4 'l')`, padding), and its numbers. Pure, unit-tested.
 */
import type { ExplainResult } from '../../../../shared/api/microscope';
import { charLabel } from '../../render/char-axis';
import { formatHz } from '../../render/mel-axis';
import { layerLabel } from '../layer-output';

/** What the cell's input is: a spectrogram's frames, or a text's characters. */
export interface CellSource {
  kind: 'audio' | 'text';
  /** Centre frequency of each mel band (audio), for layer 0's rows. */
  bandCentresHz: Float64Array | null;
  /** The symbol of each character (text). */
  symbols: readonly string[] | null;
}

/** `−0.84031`, `+1.2e−5`: five significant digits and a real minus sign. */
export function formatNumber(value: number, digits = 5): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text =
    magnitude >= 1e-4 && magnitude < 1e6
      ? String(Number(magnitude.toPrecision(digits)))
      : magnitude
          .toExponential(digits - 1)
          .replace('e-', 'e−')
          .replace('e+', 'e');
  return value < 0 ? `−${text}` : text;
}

/** `t`, `t−2`, `t+1` (`2t−1` after a stride): where a tap sits relative to the cell's frame. */
export function tapOffsetLabel(
  cell: Pick<ExplainResult, 'frame' | 'window'>,
  tap: number,
  stride: number,
): string {
  const centre = cell.frame * stride;
  const offset = cell.window.frames[tap]! - centre;
  const t = stride === 1 ? 't' : `${stride}t`;
  if (offset === 0) return t;
  return `${t}${offset < 0 ? '−' : '+'}${Math.abs(offset)}`;
}

/** What row `row` of the window is: `mel band 23 · 894 Hz`, `embedding dimension 23`, `channel 23 of conv 0's output`. */
export function rowWords(
  cell: Pick<ExplainResult, 'layer' | 'window'>,
  source: CellSource,
  row: number,
): string {
  const channel = cell.window.firstChannel + row;
  if (cell.layer > 0) return `channel ${channel} of ${layerLabel(cell.layer - 1)}'s output`;
  if (source.kind === 'text') return `embedding dimension ${channel}`;
  const hz = source.bandCentresHz?.[channel];
  return hz === undefined ? `mel band ${channel}` : `mel band ${channel} · ${formatHz(hz)}`;
}

/** What tap `tap` reads: `frame t−1 (229)`, `char t (3 'l')`, or `frame t−2 (−1: padding, a zero)`. */
export function tapWords(
  cell: Pick<ExplainResult, 'frame' | 'window'>,
  source: CellSource,
  tap: number,
  stride = 1,
): string {
  const frame = cell.window.frames[tap]!;
  const label = tapOffsetLabel(cell, tap, stride);
  const unit = source.kind === 'text' ? 'char' : 'frame';
  const at = String(frame).replace('-', '−');
  if (cell.window.padding[tap]) return `${unit} ${label} (${at}: padding, a zero)`;
  const symbol = source.kind === 'text' ? source.symbols?.[frame] : undefined;
  return symbol === undefined
    ? `${unit} ${label} (${at})`
    : `${unit} ${label} (${at} '${charLabel(symbol)}')`;
}

/** Which heatmap a hover is on. */
export type HeatmapKind = 'window' | 'filter' | 'products' | 'channel-sums';

/** The hover line for one heatmap cell: where it is in words, then its numbers. */
export function hoverText(
  cell: ExplainResult,
  source: CellSource,
  kind: HeatmapKind,
  row: number,
  tap: number,
  stride = 1,
): string {
  const k = cell.window.shape[1];
  const where = rowWords(cell, source, row);
  if (kind === 'channel-sums') {
    return `${where}: Σ_k w·x = ${formatNumber(cell.channelSums[row]!)} (what this channel adds to the sum)`;
  }
  const x = cell.window.values[row * k + tap]!;
  const w = cell.filter[row * k + tap]!;
  const p = cell.products[row * k + tap]!;
  const numbers =
    kind === 'window'
      ? `x = ${formatNumber(x)}`
      : kind === 'filter'
        ? `w = ${formatNumber(w)}`
        : `w·x = ${formatNumber(w)} × ${formatNumber(x)} = ${formatNumber(p)}`;
  return `${where}, ${tapWords(cell, source, tap, stride)}: ${numbers}`;
}
