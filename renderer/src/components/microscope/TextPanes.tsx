import { useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import type { TextRunResult } from '../../../../shared/api/microscope';
import { CLEANER_NAMES } from '../../../../shared/text/cleaners';
import type { CleanerName } from '../../../../shared/text/cleaners';
import type { MarksByPane } from '../../app/microscope/marks';
import type { PinnedCell, TextState } from '../../app/microscope/state';
import type { TextPane } from '../../app/microscope/text-panes';
import { useElementSize } from '../../hooks/useElementSize';
import { charTicks } from '../../render/char-axis';
import { heatmapCellAt } from '../../render/heatmap';
import { markBox } from '../../render/marks';
import { Heatmap } from './Heatmap';

interface Props {
  text: TextState;
  panes: readonly TextPane[];
  marks: MarksByPane;
  pixelRatio: number;
  onRun: (text: string, cleaners: CleanerName) => void;
  onPick: (cell: PinnedCell) => void;
}

const ROW_AXIS_PX = 44;
const CHAR_AXIS_PX = 30;
const HEADER_PX = 22;

/**
 * The microscope over characters, in place of the spectrogram panes: the text and its cleaners,
 * then the embedded characters and each encoder convolution's output as panes whose time axis is
 * the characters. A click on a convolution's pane pins that cell.
 */
export function TextPanes({ text, panes, marks, pixelRatio, onRun, onPick }: Props) {
  const [draft, setDraft] = useState(text.text);
  const [cleaners, setCleaners] = useState<CleanerName>(text.cleaners);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(bodyRef);
  const run = text.run;
  const plotWidth = Math.max(40, Math.floor(width - ROW_AXIS_PX - 12));
  const plotHeight =
    panes.length > 0 ? Math.max(40, Math.floor(height / panes.length - HEADER_PX - CHAR_AXIS_PX - 4)) : 0;
  return (
    <div className="text-panes" aria-label="the encoder over characters">
      <form
        className="text-form"
        onSubmit={(event) => {
          event.preventDefault();
          onRun(draft, cleaners);
        }}
      >
        <input
          type="text"
          aria-label="text"
          value={draft}
          maxLength={2000}
          onChange={(event) => setDraft(event.target.value)}
        />
        <select
          aria-label="cleaners"
          value={cleaners}
          onChange={(event) => setCleaners(event.target.value as CleanerName)}
        >
          {CLEANER_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}_cleaners
            </option>
          ))}
        </select>
        <button type="submit" disabled={text.running}>
          {text.running ? 'Running…' : 'Run'}
        </button>
      </form>
      <p className="text-sentence">
        Over characters the <b>channels are the {run?.embedding.dim ?? 512} embedding dimensions</b> and the{' '}
        <b>sequence is the characters</b>: each Conv1d reads 5 neighbouring characters, as the post-net reads
        5 frames.
        {run && <TextFacts run={run} />}
      </p>
      {text.error && (
        <p className="microscope-error" role="alert">
          {text.error}
        </p>
      )}
      <div className="text-panes-body" ref={bodyRef}>
        {run &&
          width > 0 &&
          panes.map((pane) => (
            <TextPaneView
              key={pane.key}
              pane={pane}
              symbols={run.symbols}
              marks={marks[pane.key] ?? []}
              width={plotWidth}
              height={plotHeight}
              pixelRatio={pixelRatio}
              onPick={onPick}
            />
          ))}
      </div>
    </div>
  );
}

function TextFacts({ run }: { run: TextRunResult }) {
  const dropped = run.dropped.length > 0 ? ` · dropped (not in the table): ${run.dropped.join(' ')}` : '';
  return (
    <span className="text-facts" data-ids={run.ids.join(',')}>
      {' '}
      {run.ids.length} symbols, ids {run.ids.slice(0, 12).join(' ')}
      {run.ids.length > 12 ? ' …' : ''}
      {dropped}
    </span>
  );
}

interface PaneProps {
  pane: TextPane;
  symbols: readonly string[];
  marks: MarksByPane[string];
  width: number;
  height: number;
  pixelRatio: number;
  onPick: (cell: PinnedCell) => void;
}

function TextPaneView({ pane, symbols, marks, width, height, pixelRatio, onPick }: PaneProps) {
  const { nRows, nCols } = pane.heatmap;
  const view = { startFrame: 0, framesPerPixel: nCols / width };
  const geometry = { view, frameMap: { stride: 1, offset: 0 }, nRows, nFrames: nCols, width, height };
  const pickable = pane.layer >= 0;
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!pickable) return;
    const box = event.currentTarget.getBoundingClientRect();
    const at = heatmapCellAt(
      event.clientX - box.left,
      event.clientY - box.top,
      box.width,
      box.height,
      nRows,
      nCols,
    );
    if (at) onPick({ source: 'text', layer: pane.layer, channel: at.row, frame: at.col });
  };
  return (
    <section className="text-pane" data-key={pane.key} aria-label={`${pane.key} pane`}>
      <header className="pane-header">
        <span className="pane-title">{pane.header}</span>
      </header>
      <div className="text-pane-body">
        <div className="text-row-axis" style={{ width: ROW_AXIS_PX, height }} aria-hidden="true">
          <span>{nRows - 1}</span>
          <span>{pane.layer < 0 ? 'dim' : 'channel'}</span>
          <span>0</span>
        </div>
        <div
          className={pickable ? 'text-plot pickable' : 'text-plot'}
          style={{ width, height }}
          onClick={onClick}
        >
          <Heatmap
            model={pane.heatmap}
            width={width}
            height={height}
            pixelRatio={pixelRatio}
            name={pane.key}
            label={pane.header}
          />
          <div className="pane-marks" aria-hidden="true">
            {marks.map((mark, index) => {
              const box = markBox(mark, geometry);
              return box ? (
                <div
                  key={index}
                  className={`pane-mark mark-${mark.kind}`}
                  data-mark={mark.kind}
                  style={{ left: box.left, top: box.top, width: box.width, height: box.height }}
                />
              ) : null;
            })}
          </div>
        </div>
      </div>
      <div
        className="char-axis"
        style={{ marginLeft: ROW_AXIS_PX + 4, width, height: CHAR_AXIS_PX }}
        aria-hidden="true"
      >
        {charTicks(view, width, symbols).map((tick) => (
          <span key={tick.char} className="char-tick" style={{ left: tick.position }}>
            {tick.label}
            {tick.char % 5 === 0 && <small>{tick.char}</small>}
          </span>
        ))}
      </div>
    </section>
  );
}
