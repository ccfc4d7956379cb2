import type { ReactNode } from 'react';
import type { LayerSummary } from '../../../shared/api/contract';
import { formatShape } from '../../../shared/errors';
import { groupThousands } from '../../../shared/model/print';
import { explainConv1d, formulaAt, idleWindowLabels, signed } from '../app/conv-text';
import { layerFrameAt, layerFrameMap } from '../app/frame-map';
import { layerLabel, layerOutputFrames } from '../app/layer-output';
import type { PaneSpec } from '../app/panes';
import { formatValue } from '../app/readout';
import { layersThrough } from '../app/receptive-field';
import { useTinyStore } from '../hooks/useTinyStore';
import { rowAtFraction } from '../render/pane-layout';
import { columnOfFrame } from '../render/plot';
import { valueAt } from '../render/raster';
import type { Hover } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';
import { ConvDiagram } from './ConvDiagram';

interface Props {
  layers: readonly LayerSummary[];
  index: number;
  /** Input frames (T), 0 when nothing is open. */
  nFrames: number;
  hover: TinyStore<Hover | null>;
  /** The layer-output pane, when it shows this layer: gives o and the value at the cursor. */
  layerPane: PaneSpec | null;
}

/**
 * One Conv1d made visible: the mel bands (or the previous layer's outputs) are the channels,
 * the kernel slides along time, and each of the outChannels filters spans all input channels.
 * Under the cursor the formula is filled in with the frame, channel and window it reads. The
 * formula comes first, in a box of fixed height, so it is on screen at 1280×800 with the layer
 * list above it, and nothing below it moves as the cursor comes and goes.
 */
export function ConvLayerCard({ layers, index, nFrames, hover, layerPane }: Props) {
  const layer = layers[index]!;
  const nFramesIn = index === 0 ? nFrames : layerOutputFrames(layers, index - 1, nFrames);
  const x = explainConv1d(layer, nFramesIn);
  const [inC, k] = x.filterShape;
  return (
    <div className="conv-card" data-layer={index}>
      <code className="conv-repr">{x.repr}</code>
      <ConvAtCursor
        layers={layers}
        index={index}
        nFrames={nFrames}
        nFramesIn={nFramesIn}
        hover={hover}
        layerPane={layerPane}
        formula={x.formula}
        after={x.after}
      >
        <ul className="conv-facts">
          <li>
            <b>{groupThousands(layer.outChannels)}</b> filters, each of shape{' '}
            <b>{formatShape(x.filterShape)}</b> ({inC} input channels × {k} frames)
          </li>
          <li>
            weight <b>{formatShape(x.weightShape)}</b> = <b>{groupThousands(x.weightCount)}</b> numbers (
            {x.biasNote})
          </li>
          <li>
            input <b>{withT(x.inputShape, nFrames)}</b> → output <b>{withT(x.outputShape, nFrames)}</b>
          </li>
          <li>then {x.after}</li>
        </ul>
      </ConvAtCursor>
    </div>
  );
}

/** `[1, 80, 562]`, or `[1, 80, T]` while nothing is open. */
function withT(shape: readonly number[], nFrames: number): string {
  return nFrames > 0 ? formatShape(shape) : `[${shape.slice(0, -1).join(', ')}, T]`;
}

/**
 * The formula (filled in with the cursor's frame, and channel in the layer pane), then `children`
 * (the card's facts), then the diagram, whose window follows the cursor too.
 */
function ConvAtCursor({
  layers,
  index,
  nFrames,
  nFramesIn,
  hover,
  layerPane,
  formula,
  after,
  children,
}: Props & {
  nFramesIn: number;
  formula: string;
  after: string;
  children: ReactNode;
}) {
  const position = useTinyStore(hover);
  const layer = layers[index]!;
  const inputName = index === 0 ? 'input mel' : `${layerLabel(index - 1)} output`;
  const outputName = `${layerLabel(index)} output`;
  const diagram = {
    inChannels: layer.inChannels,
    outChannels: layer.outChannels,
    kernel: layer.kernelSize,
    dilation: layer.dilation,
    nFrames,
    inputName,
    outputName,
  };
  const generic = <code className="conv-formula">{formula}</code>;
  if (!position || nFrames === 0) {
    const labels = idleWindowLabels(layer);
    return (
      <>
        {generic}
        <div className="conv-live conv-live-idle">
          <p className="conv-hint">Hover a pane to fill in t (and o, in the layer output pane).</p>
        </div>
        {children}
        <ConvDiagram {...diagram} labels={labels} />
      </>
    );
  }
  const t = layerFrameAt(layerFrameMap(layersThrough(layers, index)), position.frame);
  const shows = layerPane?.layer === index ? layerPane : null;
  const o = shows ? rowAtFraction(position.yFraction, shows.nRows) : null;
  const value =
    shows?.data && o !== null
      ? valueAt(shows.data, shows.nRows, shows.nFrames, columnOfFrame(shows.window, t), o)
      : null;
  const at = formulaAt(layer, t, o, nFramesIn);
  const plural = at.paddingFrames.length > 1 ? 's' : '';
  const padding =
    at.paddingFrames.length > 0
      ? ` · frame${plural} ${at.paddingFrames.map(signed).join(', ')} = padding zeros`
      : '';
  return (
    <>
      {generic}
      <div
        className="conv-live conv-at-cursor"
        data-t={t}
        data-o={o ?? ''}
        data-first={at.window.first}
        data-last={at.window.last}
      >
        <code className="conv-formula conv-formula-now">{at.equation}</code>
        <span className="conv-window">
          {at.ranges}: reads {inputName} {at.windowText}
          {padding}
        </span>
        {value !== null && (
          <span className="conv-value">
            after {after}: <b>{formatValue(value)}</b> (the {layerLabel(index)} pane under the cursor)
          </span>
        )}
      </div>
      {children}
      <ConvDiagram
        {...diagram}
        labels={{ first: signed(at.window.first), last: signed(at.window.last), out: `${t}` }}
      />
    </>
  );
}
