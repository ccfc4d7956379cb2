/**
 * What the microscope's commands do: pin a cell and have the worker explain it (the newest wanted
 * cell wins: while one explanation is computed, further steps only move what is wanted next),
 * step it with the keys, play it along time, fetch the previous layer's output for the window to
 * be drawn on, and run text through the encoder. Talks to the host through PostnetApi only.
 */
import type { PostnetApi } from '../../../../shared/api/contract';
import type { ExplainRequest } from '../../../../shared/api/microscope';
import { toErrorInfo } from '../../../../shared/errors';
import type { CleanerName } from '../../../../shared/text/cleaners';
import type { WorkspaceState } from '../../state/workspace';
import { windowErrorMessage } from '../error-text';
import { layerOutputFrames, layerOutputSize } from '../layer-output';
import type { MicroscopeAction, MicroscopeState, PinnedCell, SideTab, CellSourceKind } from './state';
import { explains } from './state';

/** One play step every this many ms at most (slower when an explanation takes longer). */
export const PLAY_STEP_MS = 90;

export interface MicroscopeDeps {
  api: PostnetApi;
  dispatch: (action: MicroscopeAction) => void;
  getState: () => MicroscopeState;
  getWorkspace: () => WorkspaceState;
  /** Scrolls the panes to keep the pinned cell in sight. */
  follow?: (cell: PinnedCell) => void;
  wait?: (ms: number) => Promise<void>;
}

export interface MicroscopeController {
  pin(cell: PinnedCell): void;
  unpin(): void;
  /** Moves the pinned cell by frames and channels, within the layer's output. */
  step(frames: number, channels: number): void;
  togglePlay(): void;
  setTab(tab: SideTab): void;
  setMode(mode: CellSourceKind): void;
  runText(text: string, cleaners: CleanerName): Promise<void>;
  /** The input or the weights changed: a pinned cell of the old ones goes, a text run is redone. */
  documentsChanged(): void;
  /** Resolves when the explanation of the cell wanted now has arrived (tests). */
  settled(): Promise<void>;
}

/** The layer's output size for the pinned cell's source, or null when it cannot be known yet. */
export function cellLimits(
  cell: PinnedCell,
  workspace: WorkspaceState,
  microscope: MicroscopeState,
): { frames: number; channels: number } | null {
  if (cell.source === 'text') {
    const output = microscope.text.run?.outputs[cell.layer];
    return output ? { frames: output.nFrames, channels: output.nChannels } : null;
  }
  const { input, weights } = workspace;
  const layer = weights?.layers[cell.layer];
  if (!input || !weights || !layer) return null;
  return {
    frames: layerOutputFrames(weights.layers, cell.layer, input.mel.nFrames),
    channels: layer.outChannels,
  };
}

function requestFor(
  cell: PinnedCell,
  workspace: WorkspaceState,
  microscope: MicroscopeState,
): ExplainRequest | null {
  const index = { layer: cell.layer, channel: cell.channel, frame: cell.frame };
  if (cell.source === 'text') {
    const { run, weightsId } = microscope.text;
    if (!run || !weightsId) return null;
    return { weightsId, source: { kind: 'text', text: run.text, cleaners: run.cleaners }, ...index };
  }
  const { input, weights } = workspace;
  if (!input || !weights) return null;
  return { weightsId: weights.id, source: { kind: 'input', inputId: input.id }, ...index };
}

function messageOf(error: unknown): string {
  const info = toErrorInfo(error);
  return `${info.name}: ${windowErrorMessage(info)}`;
}

export function createMicroscopeController(deps: MicroscopeDeps): MicroscopeController {
  const { api, dispatch, getState, getWorkspace } = deps;
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let explaining: Promise<void> = Promise.resolve();
  let running = false;
  let playing = false;

  /** Explains the pinned cell, then whatever is pinned by the time that arrives, until they agree. */
  async function explainLoop(): Promise<void> {
    try {
      await explainUntilCurrent();
    } finally {
      running = false;
    }
    // A step between the loop's last look and here found it still running: go again for it.
    const state = getState();
    const again = state.pinned && !state.error && !explains(state.cell, state.pinned);
    if (again && requestFor(state.pinned!, getWorkspace(), state)) await refresh();
  }

  async function explainUntilCurrent(): Promise<void> {
    for (;;) {
      const state = getState();
      const wanted = state.pinned;
      if (!wanted || explains(state.cell, wanted)) return;
      const request = requestFor(wanted, getWorkspace(), state);
      if (!request) return;
      dispatch({ type: 'explaining' });
      try {
        const cell = await api.explain(request);
        if (getState().pinned === wanted) dispatch({ type: 'explained', cell });
      } catch (error) {
        if (getState().pinned === wanted) {
          dispatch({ type: 'explain-failed', message: messageOf(error) });
          return;
        }
      }
    }
  }

  /** Starts the loop unless it runs; resolves when the cell pinned by then is explained. */
  function refresh(): Promise<void> {
    if (!running) {
      running = true;
      explaining = explainLoop();
    }
    return explaining;
  }

  /** For a layer ≥ 1 cell over the spectrogram: the previous layer's output, to draw the window on. */
  async function refreshWindowPane(): Promise<void> {
    const { pinned, windowPane } = getState();
    const { input, weights } = getWorkspace();
    if (!pinned || pinned.source !== 'audio' || pinned.layer === 0 || !input || !weights) {
      if (windowPane) dispatch({ type: 'window-pane', pane: null });
      return;
    }
    const layer = pinned.layer - 1;
    const key = { layer, inputId: input.id, inputRevision: input.revision, weightsId: weights.id };
    const same =
      windowPane &&
      windowPane.layer === layer &&
      windowPane.inputId === input.id &&
      windowPane.inputRevision === input.revision &&
      windowPane.weightsId === weights.id;
    if (same) return;
    if (!layerOutputSize(weights.layers, layer, input.mel.nFrames).fits) {
      dispatch({ type: 'window-pane', pane: { ...key, activations: null, error: 'too long to show' } });
      return;
    }
    dispatch({ type: 'window-pane', pane: { ...key, activations: null, error: null } });
    try {
      // The whole layer, a column per frame (what fits the window is under 65,536 frames).
      const frames = layerOutputSize(weights.layers, layer, input.mel.nFrames).shape[1];
      const activations = await api.layerOutput({
        inputId: input.id,
        weightsId: weights.id,
        layer,
        frames: { start: 0, end: frames },
        maxColumns: Math.max(1, Math.min(65_536, frames)),
        reduce: 'absmax',
      });
      if (getState().windowPane?.layer === layer) {
        dispatch({ type: 'window-pane', pane: { ...key, activations, error: null } });
      }
    } catch (error) {
      if (getState().windowPane?.layer === layer) {
        dispatch({ type: 'window-pane', pane: { ...key, activations: null, error: messageOf(error) } });
      }
    }
  }

  function moveTo(cell: PinnedCell): void {
    dispatch({ type: 'pin', cell });
    deps.follow?.(cell);
    void refresh();
    void refreshWindowPane();
  }

  async function playLoop(): Promise<void> {
    while (playing) {
      const state = getState();
      const cell = state.pinned;
      const limits = cell ? cellLimits(cell, getWorkspace(), state) : null;
      if (!cell || !limits || cell.frame >= limits.frames - 1 || !state.playing) break;
      moveTo({ ...cell, frame: cell.frame + 1 });
      await Promise.all([refresh(), wait(PLAY_STEP_MS)]);
      if (getState().error) break;
    }
    playing = false;
    dispatch({ type: 'play', playing: false });
  }

  function unpin(): void {
    playing = false;
    dispatch({ type: 'unpin' });
  }

  function limitsOfPinned() {
    const state = getState();
    const cell = state.pinned;
    const limits = cell ? cellLimits(cell, getWorkspace(), state) : null;
    return cell && limits ? { cell, limits } : null;
  }

  async function runText(text: string, cleaners: CleanerName): Promise<void> {
    const weights = getWorkspace().weights;
    dispatch({ type: 'text-input', text, cleaners });
    if (!weights) {
      dispatch({ type: 'text-failed', message: 'no weights loaded yet' });
      return;
    }
    if (getState().pinned?.source === 'text') unpin();
    dispatch({ type: 'text-running' });
    try {
      const run = await api.textRun({ weightsId: weights.id, text, cleaners });
      dispatch({ type: 'text-ran', run, weightsId: weights.id });
    } catch (error) {
      dispatch({ type: 'text-failed', message: messageOf(error) });
    }
  }

  return {
    pin: moveTo,
    unpin,
    step(frames, channels) {
      const pinned = limitsOfPinned();
      if (!pinned) return;
      const { cell, limits } = pinned;
      const clamp = (value: number, count: number) => Math.min(count - 1, Math.max(0, value));
      moveTo({
        ...cell,
        frame: clamp(cell.frame + frames, limits.frames),
        channel: clamp(cell.channel + channels, limits.channels),
      });
    },
    togglePlay() {
      if (playing) {
        playing = false;
        dispatch({ type: 'play', playing: false });
        return;
      }
      const pinned = limitsOfPinned();
      if (!pinned) return;
      if (pinned.cell.frame >= pinned.limits.frames - 1) moveTo({ ...pinned.cell, frame: 0 }); // from the start again
      playing = true;
      dispatch({ type: 'play', playing: true });
      void playLoop();
    },
    setTab: (tab) => dispatch({ type: 'tab', tab }),
    setMode(mode) {
      playing = false;
      dispatch({ type: 'mode', mode });
      const { text } = getState();
      if (mode === 'text' && !text.run && !text.running) void runText(text.text, text.cleaners);
    },
    runText,
    documentsChanged() {
      const state = getState();
      if (state.pinned?.source === 'audio') unpin();
      const weights = getWorkspace().weights;
      if (!state.text.run || !weights || state.text.weightsId === weights.id) return;
      if (state.mode === 'text') void runText(state.text.text, state.text.cleaners);
      else dispatch({ type: 'text-stale' });
    },
    settled: () => explaining,
  };
}
