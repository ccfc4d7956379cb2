import { useState } from 'react';
import type { ExplainResult } from '../../../../shared/api/microscope';
import type { MicroscopeView } from '../../app/microscope/view-model';
import { formatNumber, hoverText } from '../../app/microscope/words';
import type { CellSource, HeatmapKind } from '../../app/microscope/words';
import { Heatmap } from './Heatmap';

interface Props {
  cell: ExplainResult;
  view: MicroscopeView;
  source: CellSource;
  stride: number;
  pixelRatio: number;
  /** Height of the matrices in CSS px. */
  height: number;
  /** Width of one tap column in CSS px. */
  tapWidth: number;
}

/** `t−2` → `−2` where the columns are too narrow for the whole label (`t` stays). */
function shortTap(label: string): string {
  return label === 't' ? label : label.replace(/^\d*t/, '');
}

interface Hovered {
  kind: HeatmapKind;
  row: number;
  col: number;
}

/**
 * The window x, the filter W[o], their products W[o] ⊙ x and the per-channel sums side by side,
 * each `[in, k]` with row 0 (channel 0) at the bottom as in the panes; the taps named under them,
 * the per-tap sums under the products; hovering any cell says where it is and its numbers.
 */
export function CellMatrices({ cell, view, source, stride, pixelRatio, height, tapWidth }: Props) {
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const width = tapWidth * view.taps.length;
  const short = tapWidth < 24;
  const padding = view.taps.map((tap) => tap.padding);
  const hoverOn = (kind: HeatmapKind) => (at: { row: number; col: number } | null) =>
    setHovered(at ? { kind, ...at } : null);
  const on = (kind: HeatmapKind) => (hovered?.kind === kind ? hovered : null);
  const [rows, k] = cell.window.shape;
  const firstRow = cell.window.firstChannel;
  const matrix = (kind: HeatmapKind, title: string, model: MicroscopeView['window'], note: string) => (
    <figure
      className="cell-matrix"
      data-kind={kind}
      style={{ width: kind === 'channel-sums' ? tapWidth : width }}
    >
      <figcaption>
        {title} <span className="matrix-shape">{note}</span>
      </figcaption>
      <Heatmap
        model={model}
        width={kind === 'channel-sums' ? tapWidth : width}
        height={height}
        pixelRatio={pixelRatio}
        name={kind}
        label={`${title} ${note}`}
        padding={kind === 'channel-sums' || kind === 'filter' ? undefined : padding}
        onHover={hoverOn(kind)}
        hovered={on(kind)}
      />
      {kind === 'channel-sums' ? (
        <div className="matrix-taps" style={{ width: tapWidth }}>
          <span>Σ_k</span>
        </div>
      ) : (
        <div className="matrix-taps" style={{ width }}>
          {view.taps.map((tap, index) => (
            <span
              key={index}
              className={tap.padding ? 'tap padding' : 'tap'}
              title={`input frame ${tap.frame}`}
            >
              {short ? shortTap(tap.label) : tap.label}
            </span>
          ))}
        </div>
      )}
    </figure>
  );
  const text = hovered ? hoverText(cell, source, hovered.kind, hovered.row, hovered.col, stride) : null;
  const hoveredValue =
    hovered === null
      ? null
      : hovered.kind === 'channel-sums'
        ? cell.channelSums[hovered.row]
        : (hovered.kind === 'window'
            ? cell.window.values
            : hovered.kind === 'filter'
              ? cell.filter
              : cell.products)[hovered.row * k + hovered.col];
  return (
    <div className="cell-matrices-block">
      <div className="cell-matrices">
        <div className="matrix-rows" style={{ height }} aria-hidden="true">
          <span>{firstRow + rows - 1}</span>
          <span>c</span>
          <span>{firstRow}</span>
        </div>
        {matrix('window', 'window x', view.window, `[${rows}, ${k}]`)}
        <span className="matrix-op">⊙</span>
        {matrix('filter', `filter W[${cell.channel}]`, view.filter, `[${rows}, ${k}]`)}
        <span className="matrix-op">=</span>
        {matrix('products', 'W ⊙ x', view.products, `Σ ${formatNumber(cell.productSum, 4)}`)}
        {matrix('channel-sums', 'Σ_k', view.channelSums, '')}
      </div>
      <p className="tap-sums" aria-label="Σ over channels of each tap">
        Σ_c per tap:{' '}
        {view.tapSums.map((sum, index) => (
          <span key={index} data-value={sum} title={String(sum)}>
            {view.taps[index]!.label} <b>{formatNumber(sum, 3)}</b>
          </span>
        ))}
      </p>
      <p
        className="matrix-hover"
        data-kind={hovered?.kind}
        data-row={hovered ? firstRow + hovered.row : undefined}
        data-tap={hovered?.kind === 'channel-sums' ? undefined : hovered?.col}
        data-value={hoveredValue ?? undefined}
      >
        {text ?? 'Hover a cell of the window or the filter for its value, channel and tap.'}
      </p>
    </div>
  );
}
