import type { PaneSpec } from '../app/panes';
import { clipSpan, receptiveField } from '../app/receptive-field';
import { useTinyStore } from '../hooks/useTinyStore';
import type { FrameClock } from '../render/mel-axis';
import { formatHz, frameToSeconds } from '../render/mel-axis';
import { valueAt } from '../render/raster';
import type { Hover } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';

interface Props {
  hover: TinyStore<Hover | null>;
  panes: readonly PaneSpec[];
  clock: FrameClock;
  bandCentresHz: Float64Array;
}

function formatValue(value: number | null): string {
  if (value === null) return '—';
  return (value < 0 ? '−' : value > 0 ? '+' : ' ') + Math.abs(value).toFixed(4);
}

/**
 * What is under the crosshair: time, frame, band and its centre frequency, and the value of
 * that cell in every pane. `data-value` holds the exact float for tests and copy-paste.
 */
export function Readout({ hover, panes, clock, bandCentresHz }: Props) {
  const position = useTinyStore(hover);
  if (!position) {
    return (
      <div className="readout" aria-live="off">
        <span className="readout-hint">
          Hover a spectrogram for values · wheel zooms · drag pans · ? shortcuts
        </span>
      </div>
    );
  }
  const { frame, band } = position;
  const centreS = frameToSeconds(clock, frame + 0.5);
  return (
    <div className="readout" data-frame={frame} data-band={band}>
      <span className="readout-item">
        <b>{centreS.toFixed(3)}</b> s
      </span>
      <span className="readout-item">
        frame <b>{frame}</b>
      </span>
      <span className="readout-item">
        band <b>{band}</b> · {formatHz(bandCentresHz[band] ?? 0)}
      </span>
      {panes.map((pane) => {
        const value = pane.data ? valueAt(pane.data, pane.nMels, pane.nFrames, frame, band) : null;
        return (
          <span
            key={pane.kind}
            className="readout-item readout-value"
            data-kind={pane.kind}
            data-value={value ?? ''}
          >
            {pane.kind} <b>{formatValue(value)}</b>
          </span>
        );
      })}
      <ReceptiveFieldItem pane={panes[0]} frame={frame} clock={clock} />
    </div>
  );
}

/** `output frame ← input 90–110 (21 frames, 0.244 s)`: what the post-net read for this frame. */
function ReceptiveFieldItem({
  pane,
  frame,
  clock,
}: {
  pane: PaneSpec | undefined;
  frame: number;
  clock: FrameClock;
}) {
  if (!pane?.receptiveLayers) return null;
  const full = receptiveField(pane.receptiveLayers, frame);
  const span = clipSpan(full, pane.nFrames);
  if (!span) return null;
  const width = full.last - full.first + 1;
  return (
    <span
      className="readout-item"
      title="Input frames the output frame under the cursor depends on (shaded in the input pane)"
    >
      ← input {span.first}–{span.last} · {width} fr · {(width * clock.secondsPerFrame).toFixed(3)} s
    </span>
  );
}
