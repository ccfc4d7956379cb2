interface Props {
  inChannels: number;
  outChannels: number;
  kernel: number;
  dilation: number;
  /** Input frames (T), or 0 when nothing is open. */
  nFrames: number;
  /** `input mel` or `conv 1 output`: what x is. */
  inputName: string;
  /** `conv 2 output`. */
  outputName: string;
  /** Labels of the first and last frame the window reads, and of the output frame: `t−2`… or numbers. */
  labels: { first: string; last: string; out: string };
}

const CELLS = 16;
const CELL = 11;
const GRID_W = CELLS * CELL;
const WINDOW_START = 4;

/**
 * Input `[C, T]` with the kernel's window spanning all C channels, the filter bank, and the one
 * output column (all outChannels numbers of frame t) it produces. Laid out top to bottom at the
 * side panel's width, so its 10 px labels are drawn at 10 px.
 */
export function ConvDiagram({
  inChannels,
  outChannels,
  kernel,
  dilation,
  nFrames,
  inputName,
  outputName,
  labels,
}: Props) {
  const span = Math.min(CELLS - WINDOW_START, dilation * (kernel - 1) + 1);
  const taps = Array.from({ length: kernel }, (_, k) => WINDOW_START + k * dilation).filter(
    (cell) => cell < WINDOW_START + span,
  );
  const centre = WINDOW_START + Math.floor((span - 1) / 2);
  const x = (cell: number) => cell * CELL;
  const mid = (cell: number) => cell * CELL + CELL / 2;
  const arrowX = mid(centre);
  const T = nFrames > 0 ? `T=${nFrames}` : 'T';
  return (
    <svg className="conv-diagram" viewBox="0 0 280 200" role="img" aria-label="Conv1d over time">
      <text x={0} y={11} className="diagram-label">
        x [{inChannels}, {T}]
      </text>
      <text x={280} y={11} className="diagram-note" textAnchor="end">
        {inputName}
      </text>
      {Array.from({ length: CELLS }, (_, t) => (
        <rect key={t} x={x(t)} y={18} width={CELL - 1} height={44} className="diagram-frame" />
      ))}
      {taps.map((cell) => (
        <rect key={cell} x={x(cell)} y={18} width={CELL - 1} height={44} className="diagram-tap" />
      ))}
      <rect
        x={x(WINDOW_START) - 1.5}
        y={16.5}
        width={span * CELL + 2}
        height={47}
        className="diagram-window"
      />
      <text x={mid(WINDOW_START)} y={75} className="diagram-note" textAnchor="middle">
        {labels.first}
      </text>
      <text x={mid(WINDOW_START + span - 1)} y={75} className="diagram-note" textAnchor="middle">
        {labels.last}
      </text>
      <text x={GRID_W + 10} y={34} className="diagram-note">
        {kernel}-frame window
      </text>
      <text x={GRID_W + 10} y={48} className="diagram-note">
        × {inChannels} channels
      </text>
      <line x1={arrowX} y1={82} x2={arrowX} y2={110} className="diagram-arrow" />
      <path
        d={`M${arrowX - 4},${108} L${arrowX + 4},${108} L${arrowX},${116} z`}
        className="diagram-arrowhead"
      />
      <text x={arrowX + 12} y={95} className="diagram-label">
        {outChannels} filters, each [{inChannels}, {kernel}]
      </text>
      <text x={arrowX + 12} y={108} className="diagram-note">
        Σ channels × taps, + bias
      </text>
      <text x={0} y={131} className="diagram-label">
        out [{outChannels}, {T}]
      </text>
      <text x={280} y={131} className="diagram-note" textAnchor="end">
        {outputName}
      </text>
      {Array.from({ length: CELLS }, (_, t) => (
        <rect
          key={t}
          x={x(t)}
          y={138}
          width={CELL - 1}
          height={44}
          className={t === centre ? 'diagram-out-hit' : 'diagram-frame'}
        />
      ))}
      <text x={mid(centre)} y={195} className="diagram-note" textAnchor="middle">
        {labels.out}
      </text>
      <text x={GRID_W + 10} y={154} className="diagram-note">
        one frame:
      </text>
      <text x={GRID_W + 10} y={168} className="diagram-note">
        {outChannels} numbers
      </text>
    </svg>
  );
}
