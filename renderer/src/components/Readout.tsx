import type { PaneSpec } from '../app/panes';
import { layerFrameAt } from '../app/frame-map';
import { formatValue, paneCell } from '../app/readout';
import { clipSpan, receptiveField, receptiveFieldNote } from '../app/receptive-field';
import { useTinyStore } from '../hooks/useTinyStore';
import type { FrameClock } from '../render/mel-axis';
import { formatHz, frameToSeconds } from '../render/mel-axis';
import { rowAtFractionIn, windowFor } from '../render/row-window';
import type { RowWindow } from '../render/row-window';
import type { Hover } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';
import type { PlaybackState } from '../playback/player';
import { formatPlayTime } from './Transport';

interface Props {
  hover: TinyStore<Hover | null>;
  panes: readonly PaneSpec[];
  clock: FrameClock;
  bandCentresHz: Float64Array;
  /** The player's state: while it plays, the readout shows the playing time. */
  playback: TinyStore<PlaybackState>;
  /** The mel panes' band window (frequency zoom). */
  bands: TinyStore<RowWindow | null>;
}

/** `▶ 0:01.25 / 0:03.40` while playing, else nothing. */
function PlayingTime({ playback }: { playback: TinyStore<PlaybackState> }) {
  const { playing, positionS, durationS } = useTinyStore(playback);
  if (!playing) return null;
  return (
    <span className="readout-item readout-playing" data-testid="readout-playing">
      ▶ <b>{formatPlayTime(positionS)}</b> / {formatPlayTime(durationS)}
    </span>
  );
}

/**
 * What is under the crosshair: time, frame, band and its centre frequency, and the value of
 * that cell in every pane (a layer output's at its channel). `data-value` holds the exact float
 * for tests and copy-paste.
 */
export function Readout({ hover, panes, clock, bandCentresHz, playback, bands }: Props) {
  const position = useTinyStore(hover);
  const bandWindow = useTinyStore(bands);
  if (!position) {
    return (
      <div className="readout" aria-live="off">
        <PlayingTime playback={playback} />
        <span className="readout-hint">
          Hover a pane for values · wheel zooms · drag pans · Space plays · drop WAVs or weights anywhere · ?
          shortcuts
        </span>
      </div>
    );
  }
  const { frame } = position;
  const band = rowAtFractionIn(position.yFraction, windowFor('mel', panes[0]?.nRows ?? 80, bandWindow));
  const centreS = frameToSeconds(clock, frame + 0.5);
  return (
    <div className="readout" data-frame={frame} data-band={band}>
      <div className="readout-line">
        <PlayingTime playback={playback} />
        <span className="readout-item readout-time">
          <b>{centreS.toFixed(3)}</b> s
        </span>
        <span className="readout-item readout-frame">
          frame <b>{frame}</b>
        </span>
        <span className="readout-item readout-band">
          band <b>{band}</b> · {formatHz(bandCentresHz[band] ?? 0)}
        </span>
        <ReceptiveFieldItem pane={panes[0]} frame={frame} clock={clock} />
      </div>
      <div className="readout-line">
        {panes.map((pane) => {
          const cell = paneCell(pane, position, windowFor(pane.rowAxis, pane.nRows, bandWindow));
          const channel = pane.rowAxis === 'channel';
          return (
            <span
              key={pane.kind}
              className="readout-item readout-value"
              data-kind={pane.kind}
              data-value={cell.value ?? ''}
              data-frame={cell.frame}
              data-row={cell.row}
              title={
                channel ? `${pane.readoutLabel} output, channel ${cell.row}, frame ${cell.frame}` : undefined
              }
            >
              {pane.readoutLabel}
              {channel ? <span className="readout-channel"> ch {cell.row}</span> : null}{' '}
              <b>{formatValue(cell.value)}</b>
            </span>
          );
        })}
      </div>
    </div>
  );
}

/** `conv 2 output ← input frames 90–110 (21 frames, 0.244 s)`: what the output under the cursor read. */
function ReceptiveFieldItem({
  pane,
  frame,
  clock,
}: {
  pane: PaneSpec | undefined;
  frame: number;
  clock: FrameClock;
}) {
  const receptive = pane?.receptive;
  if (!pane || !receptive) return null;
  const full = receptiveField(receptive.layers, layerFrameAt(receptive.map, frame));
  const span = clipSpan(full, pane.nFrames);
  if (!span) return null;
  const width = full.last - full.first + 1;
  return (
    <span
      className="readout-item readout-receptive"
      data-first={span.first}
      data-last={span.last}
      data-width={width}
      title={`Input frames the ${receptive.label} under the cursor depends on (shaded in the input pane)`}
    >
      {receptive.label} ← input frames{' '}
      <b>
        {span.first}–{span.last}
      </b>{' '}
      ({receptiveFieldNote(full, pane.nFrames, clock.secondsPerFrame)})
    </span>
  );
}
