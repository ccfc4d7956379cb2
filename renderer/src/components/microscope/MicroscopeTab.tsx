import { useMemo } from 'react';
import type { Microscope } from '../../app/microscope/useMicroscope';
import { audioViewContext } from '../../app/microscope/panes';
import type { PaneSpec } from '../../app/panes';
import type { WorkspaceState } from '../../state/workspace';
import { MicroscopePanel } from './MicroscopePanel';

interface Props {
  microscope: Microscope;
  workspace: WorkspaceState;
  panes: readonly PaneSpec[];
  bandCentresHz: Float64Array;
  pixelRatio: number;
  /** The panel's size, CSS px. */
  size: { width: number; height: number };
}

/** Columns of the matrices row: 3 matrices of k taps and the Σ_k column; the rest is labels and gaps. */
const FIXED_WIDTH_PX = 24 + 16 + 24 + 2 * 12 + 6 * 6 + 16;

/** The microscope tab over the spectrogram: the panes' context, and matrices sized to the panel. */
export function MicroscopeTab({ microscope, workspace, panes, bandCentresHz, pixelRatio, size }: Props) {
  const { state, controller } = microscope;
  const { input, weights, result, display } = workspace;
  const pinned = state.pinned;
  const context = useMemo(
    () =>
      pinned && input && weights && weights.layers[pinned.layer]
        ? audioViewContext(pinned, panes, weights, input, result, display, bandCentresHz)
        : null,
    [pinned, panes, weights, input, result, display, bandCentresHz],
  );
  const k = state.cell?.window.shape[1] ?? 5;
  const tapWidth = Math.max(6, Math.min(26, Math.floor((size.width - FIXED_WIDTH_PX) / (3 * k + 1))));
  const matrixHeight = Math.max(110, Math.min(260, Math.round(size.height * 0.23)));
  return (
    <MicroscopePanel
      state={state}
      controller={controller}
      layers={weights?.layers ?? []}
      context={context}
      pixelRatio={pixelRatio}
      matrixHeight={matrixHeight}
      tapWidth={tapWidth}
    />
  );
}
