import type { LayerSummary } from '../../../shared/api/contract';
import { formatShape } from '../../../shared/errors';
import { explainConv1d, formatCount } from '../app/conv-text';

interface Props {
  layer: LayerSummary;
  index: number;
  nFrames: number;
}

/**
 * One Conv1d made visible: the mel bands (or the previous layer's outputs) are the channels,
 * the kernel slides along time, and each of the outChannels filters spans all input channels.
 */
export function ConvLayerCard({ layer, index, nFrames }: Props) {
  const x = explainConv1d(layer, nFrames);
  const [inC, k] = x.filterShape;
  return (
    <div className="conv-card" data-layer={index}>
      <code className="conv-repr">{x.repr}</code>
      <ul className="conv-facts">
        <li>
          <b>{formatCount(layer.outChannels)}</b> filters, each of shape <b>{formatShape(x.filterShape)}</b> (
          {inC} input channels × {k} frames)
        </li>
        <li>
          weight <b>{formatShape(x.weightShape)}</b> = <b>{formatCount(x.weightCount)}</b> numbers (+{' '}
          {formatCount(x.biasCount)} biases)
        </li>
        <li>
          input <b>{formatShape(x.inputShape)}</b> → output <b>{formatShape(x.outputShape)}</b>
        </li>
        <li>then {x.after}</li>
      </ul>
      <ConvDiagram
        inChannels={layer.inChannels}
        outChannels={layer.outChannels}
        kernel={layer.kernelSize}
        nFrames={nFrames}
      />
      <code className="conv-formula">{x.formula}</code>
    </div>
  );
}

/** Input [C, T] with a C × k window, the filter bank, and the one output column it produces. */
function ConvDiagram({
  inChannels,
  outChannels,
  kernel,
  nFrames,
}: {
  inChannels: number;
  outChannels: number;
  kernel: number;
  nFrames: number;
}) {
  const frames = 16;
  const cell = 9;
  const windowStart = 6;
  const inHeight = 72;
  const outHeight = 72;
  const inputWidth = frames * cell;
  const outX = inputWidth + 120;
  return (
    <svg
      className="conv-diagram"
      viewBox={`0 0 ${outX + inputWidth + 10} 120`}
      role="img"
      aria-label="Conv1d over time"
    >
      <text x={0} y={12} className="diagram-label">
        input [{inChannels}, T={nFrames}]
      </text>
      {Array.from({ length: frames }, (_, t) => (
        <rect key={t} x={t * cell} y={20} width={cell - 1} height={inHeight} className="diagram-frame" />
      ))}
      <rect
        x={windowStart * cell - 1}
        y={18}
        width={kernel * cell + 1}
        height={inHeight + 4}
        className="diagram-window"
      />
      <text x={0} y={110} className="diagram-note">
        window: {kernel} frames × {inChannels} ch
      </text>
      <g transform={`translate(${inputWidth + 16}, 30)`}>
        {[0, 1, 2].map((i) => (
          <rect key={i} x={i * 5} y={i * 5} width={34} height={44} className="diagram-filter" />
        ))}
        <text x={0} y={-14} className="diagram-label">
          {outChannels} filters
        </text>
        <text x={0} y={64} className="diagram-note">
          [{inChannels}, {kernel}]
        </text>
      </g>
      <line
        x1={inputWidth + 70}
        y1={56}
        x2={outX - 8}
        y2={56}
        className="diagram-arrow"
        markerEnd="url(#arrow)"
      />
      <defs>
        <marker id="arrow" markerWidth="8" markerHeight="8" refX="6" refY="4" orient="auto">
          <path d="M0,0 L8,4 L0,8 z" className="diagram-arrowhead" />
        </marker>
      </defs>
      <text x={outX} y={12} className="diagram-label">
        output [{outChannels}, T]
      </text>
      {Array.from({ length: frames }, (_, t) => (
        <rect
          key={t}
          x={outX + t * cell}
          y={20}
          width={cell - 1}
          height={outHeight}
          className={t === windowStart + Math.floor(kernel / 2) ? 'diagram-out-hit' : 'diagram-frame'}
        />
      ))}
      <text x={outX} y={110} className="diagram-note">
        one frame: {outChannels} numbers
      </text>
    </svg>
  );
}
