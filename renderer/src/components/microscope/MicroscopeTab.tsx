import { useMemo } from 'react';
import type { Microscope } from '../../app/microscope/useMicroscope';
import { audioViewContext } from '../../app/microscope/panes';
import type { CellSourceKind } from '../../app/microscope/state';
import { textViewContext } from '../../app/microscope/text-panes';
import type { TextPane } from '../../app/microscope/text-panes';
import type { PaneSpec } from '../../app/panes';
import type { WorkspaceState } from '../../state/workspace';
import { MicroscopePanel } from './MicroscopePanel';

interface Props {
  microscope: Microscope;
  workspace: WorkspaceState;
  panes: readonly PaneSpec[];
  /** The text run's panes (empty until text has run). */
  textPanes: readonly TextPane[];
  bandCentresHz: Float64Array;
  pixelRatio: number;
  /** The panel's size, CSS px. */
  size: { width: number; height: number };
}

/** Columns of the matrices row: 3 matrices of k taps and the Σ_k column; the rest is labels and gaps. */
const FIXED_WIDTH_PX = 24 + 16 + 24 + 2 * 12 + 6 * 6 + 16;

/** The microscope tab over the spectrogram: the panes' context, and matrices sized to the panel. */
export function MicroscopeTab(props: Props) {
  const { microscope, workspace, panes, textPanes, bandCentresHz, pixelRatio, size } = props;
  const { state, controller } = microscope;
  const { input, weights, result, display } = workspace;
  const pinned = state.pinned;
  const run = state.text.run;
  const context = useMemo(() => {
    if (pinned?.source === 'text') {
      return run && run.encoder.layers[pinned.layer]
        ? textViewContext(pinned, run, textPanes, display)
        : null;
    }
    return pinned && input && weights && weights.layers[pinned.layer]
      ? audioViewContext(pinned, panes, weights, input, result, display, bandCentresHz)
      : null;
  }, [pinned, panes, weights, input, result, display, bandCentresHz, run, textPanes]);
  const layers = pinned?.source === 'text' ? (run?.encoder.layers ?? []) : (weights?.layers ?? []);
  const k = state.cell?.window.shape[1] ?? 5;
  const tapWidth = Math.max(6, Math.min(26, Math.floor((size.width - FIXED_WIDTH_PX) / (3 * k + 1))));
  const matrixHeight = Math.max(110, Math.min(260, Math.round(size.height * 0.23)));
  const modes: { mode: CellSourceKind; label: string }[] = [
    { mode: 'audio', label: 'Over frames (mel)' },
    { mode: 'text', label: 'Over characters (text)' },
  ];
  return (
    <>
      <div className="microscope-mode" role="group" aria-label="what the convolutions run over">
        {modes.map((item) => (
          <button
            key={item.mode}
            type="button"
            data-mode={item.mode}
            aria-pressed={state.mode === item.mode}
            onClick={() => controller.setMode(item.mode)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <MicroscopePanel
        state={state}
        controller={controller}
        layers={layers}
        context={context}
        pixelRatio={pixelRatio}
        matrixHeight={matrixHeight}
        tapWidth={tapWidth}
      />
    </>
  );
}
