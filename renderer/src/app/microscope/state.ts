/**
 * The microscope's state, apart from the workspace's: the pinned cell and its explanation, play,
 * the side panel's tab, the text mode (its text, cleaners and run) and the previous layer's
 * output the window is drawn on. One reducer; every change a named action.
 */
import type { LayerActivations } from '../../../../shared/api/contract';
import type { ExplainResult, TextRunResult } from '../../../../shared/api/microscope';
import { assertNever } from '../../../../shared/errors';
import type { CleanerName } from '../../../../shared/text/cleaners';

/** Where a cell was pinned: a pane over the spectrogram, or an encoder pane over text. */
export type CellSourceKind = 'audio' | 'text';

export interface PinnedCell {
  source: CellSourceKind;
  layer: number;
  channel: number;
  /** The layer's own output frame (a character position over text). */
  frame: number;
}

export type SideTab = 'weights' | 'microscope' | 'tensors';

export interface TextState {
  text: string;
  cleaners: CleanerName;
  run: TextRunResult | null;
  /** The weights id the run used (a new load makes it stale). */
  weightsId: string | null;
  running: boolean;
  error: string | null;
}

/** The previous layer's output over the spectrogram: the pane the window of a layer ≥ 1 cell is drawn on. */
export interface WindowPane {
  layer: number;
  inputId: string;
  inputRevision: number;
  weightsId: string;
  activations: LayerActivations | null;
  error: string | null;
}

export interface MicroscopeState {
  pinned: PinnedCell | null;
  /** The explanation of `pinned` (or of the cell before it while the next is computed). */
  cell: ExplainResult | null;
  loading: boolean;
  error: string | null;
  playing: boolean;
  tab: SideTab;
  mode: CellSourceKind;
  text: TextState;
  windowPane: WindowPane | null;
}

export const DEFAULT_TEXT = 'Hello {W ER1 L D}, the encoder reads characters.';

export const INITIAL_MICROSCOPE: MicroscopeState = {
  pinned: null,
  cell: null,
  loading: false,
  error: null,
  playing: false,
  tab: 'weights',
  mode: 'audio',
  text: { text: DEFAULT_TEXT, cleaners: 'english', run: null, weightsId: null, running: false, error: null },
  windowPane: null,
};

export type MicroscopeAction =
  | { type: 'pin'; cell: PinnedCell }
  | { type: 'unpin' }
  | { type: 'explaining' }
  | { type: 'explained'; cell: ExplainResult }
  | { type: 'explain-failed'; message: string }
  | { type: 'play'; playing: boolean }
  | { type: 'tab'; tab: SideTab }
  | { type: 'mode'; mode: CellSourceKind }
  | { type: 'text-input'; text: string; cleaners: CleanerName }
  | { type: 'text-running' }
  | { type: 'text-ran'; run: TextRunResult; weightsId: string }
  | { type: 'text-failed'; message: string }
  /** The weights changed while the text mode was off: run again when it is shown. */
  | { type: 'text-stale' }
  | { type: 'window-pane'; pane: WindowPane | null };

/** Whether an explanation is of this pinned cell. */
export function explains(cell: ExplainResult | null, pinned: PinnedCell | null): boolean {
  return (
    cell !== null &&
    pinned !== null &&
    cell.layer === pinned.layer &&
    cell.channel === pinned.channel &&
    cell.frame === pinned.frame
  );
}

export function microscopeReducer(state: MicroscopeState, action: MicroscopeAction): MicroscopeState {
  switch (action.type) {
    case 'pin':
      return { ...state, pinned: action.cell, error: null, tab: 'microscope' };
    case 'unpin':
      return {
        ...state,
        pinned: null,
        cell: null,
        loading: false,
        error: null,
        playing: false,
        windowPane: null,
      };
    case 'explaining':
      return { ...state, loading: true };
    case 'explained':
      return { ...state, cell: action.cell, loading: false, error: null };
    case 'explain-failed':
      return { ...state, loading: false, error: action.message, playing: false };
    case 'play':
      return { ...state, playing: action.playing && state.pinned !== null };
    case 'tab':
      return { ...state, tab: action.tab };
    case 'mode':
      if (action.mode === state.mode) return state;
      return {
        ...state,
        mode: action.mode,
        pinned: null,
        cell: null,
        loading: false,
        error: null,
        playing: false,
        windowPane: null,
      };
    case 'text-input':
      return { ...state, text: { ...state.text, text: action.text, cleaners: action.cleaners } };
    case 'text-running':
      return { ...state, text: { ...state.text, running: true, error: null } };
    case 'text-ran':
      return {
        ...state,
        text: { ...state.text, run: action.run, weightsId: action.weightsId, running: false, error: null },
      };
    case 'text-failed':
      return { ...state, text: { ...state.text, running: false, error: action.message } };
    case 'text-stale':
      return { ...state, text: { ...state.text, run: null, weightsId: null } };
    case 'window-pane':
      return { ...state, windowPane: action.pane };
    default:
      return assertNever(action, 'microscope action');
  }
}
