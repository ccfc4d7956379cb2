/**
 * What the user's commands do, in order: open → (default weights) → process → show. Each command
 * is a job in the window's queue (job-queue.ts), one at a time. Showing an input is show-input.ts:
 * the input at once, its output and residual filling in as the host's workers finish chunks
 * (process-filling.ts); a failure or a cancel keeps what is in, with the error or notice beside it.
 * The layer pane's output is fetched on demand for the frames on screen (layer-pane.ts).
 */
import type {
  BuiltInWeights,
  ExportFormat,
  FileSource,
  InputDocument,
  OpenIntent,
  PostnetApi,
} from '../../../shared/api/contract';
import type { FrameRange } from '../../../shared/backend/chunks';
import type { EngineChoice } from '../../../shared/backend/engine-choice';
import { toErrorInfo } from '../../../shared/errors';
import type { MelConfig } from '../../../shared/mel/config';
import type { StackRole } from '../../../shared/model/types';
import type { WorkspaceAction, WorkspaceState } from '../state/workspace';
import { createActivationCache } from './activation-cache';
import type { ActivationCache } from './activation-cache';
import { windowErrorMessage } from './error-text';
import { createJobQueue } from './job-queue';
import { createLayerPane } from './layer-pane';
import { audioOnWeightsNotice, misfitAfterRemel, weightsOnInputNotice } from './open-notes';
import { createInputShower, timelineOf } from './show-input';

export interface Controller {
  /** Loads the default weights, asks the host what to open first and opens it. */
  start(): Promise<void>;
  open(source: FileSource, intent: OpenIntent): Promise<void>;
  /** Built-in weights: the demo post-net (the default) or the untrained Tacotron 2 one. */
  useDefaultWeights(which?: BuiltInWeights): Promise<void>;
  /**
   * "Simulate decoder smoothing": on, the open input is shown as the demo (clean, smoothed,
   * output, residual) and so is every input opened after; off, the clean input again.
   */
  setDemo(on: boolean): Promise<void>;
  /** Runs `work` in the job queue with the status bar's label, progress and Cancel (listening). */
  runTask(label: string, work: () => Promise<void>): Promise<void>;
  /**
   * Rebuilds the shown weights as another stack of the same file (`WeightsSummary.stacks`: a full
   * Tacotron 2's encoder convolutions, or back to its post-net), without picking the file again.
   */
  chooseStack(role: StackRole): Promise<void>;
  /**
   * Makes `config` the window's mel settings (a preset, or Mel settings…): re-analyses the open
   * WAV with it and reprocesses; an `.npy` input (which carries no settings) is relabelled with
   * them when they have its bands (its time axis and its exports' sidecars follow, its numbers
   * stay), else they wait for the next file. Files opened later (weights too) are opened with them.
   */
  remel(config: MelConfig): Promise<void>;
  exportAs(format: ExportFormat): Promise<void>;
  /** Selects a layer and shows its output under the residual, fetching it unless cached. */
  showLayer(layer: number): Promise<void>;
  /** Closes the layer pane (and stops fetching for it). */
  hideLayer(): void;
  /** Shows the host's Open Recent menu (a pick comes back as an open command). */
  showRecent(): void;
  cancel(): void;
  /** The time view moved: fetches the layer pane's output again if what is held no longer covers it. */
  viewChanged(): void;
}

export interface ControllerDeps {
  api: PostnetApi;
  dispatch: (action: WorkspaceAction) => void;
  getState: () => WorkspaceState;
  /** Renders the current view (panes, axes, colour bars, headers) as PNG bytes. */
  renderPng: () => Promise<Uint8Array>;
  /**
   * Called when a different input, or the same input re-analysed (new mel data, maybe another
   * hop and frame count), is shown: the view refits and the hover is cleared.
   */
  onNewInput: (input: InputDocument) => void;
  /** Layer outputs already fetched (default: a 256 MB LRU cache). */
  cache?: ActivationCache;
  /** Input frames on screen now (default: all of them). */
  visibleFrames?: () => FrameRange;
  /** The engine setting (default `auto`). */
  engine?: () => EngineChoice;
  /** Parts of a result are shown at most this often (ms; default 100): each redraws three panes. */
  fillIntervalMs?: number;
}

function describeSource(source: FileSource, intent: OpenIntent): string {
  switch (source.kind) {
    case 'dropped':
      return `Opening ${source.files.map((file) => file.name).join(', ')}`;
    case 'sample':
      return 'Opening the bundled sample';
    case 'dialog':
      return intent === 'weights' ? 'Loading weights' : 'Opening a file';
    case 'granted':
      return 'Opening a recent file';
  }
}

export function createController(deps: ControllerDeps): Controller {
  const { api, dispatch, getState } = deps;
  const jobs = createJobQueue(dispatch);
  const { runJob } = jobs;
  const visible = (input: InputDocument): FrameRange => {
    const range = deps.visibleFrames?.() ?? { start: 0, end: input.mel.nFrames };
    const start = Math.max(0, Math.min(input.mel.nFrames, range.start));
    return { start, end: Math.max(start, Math.min(input.mel.nFrames, range.end)) };
  };
  const engine = (): EngineChoice => deps.engine?.() ?? 'auto';
  const cache = deps.cache ?? createActivationCache();
  const layerPane = createLayerPane({ api, dispatch, getState, cache, jobs, visible, engine });
  const { show, showDemo, showOpened } = createInputShower({
    api,
    dispatch,
    getState,
    onNewInput: deps.onNewInput,
    fillIntervalMs: deps.fillIntervalMs ?? 100,
    layerPane,
    visible,
    engine,
  });

  function open(source: FileSource, intent: OpenIntent): Promise<void> {
    const action = describeSource(source, intent);
    return runJob(intent === 'weights' ? 'weights' : 'open', action, async () => {
      const opened = await api.open(source, intent, getState().melConfig);
      if (opened.inputs.length === 0 && !opened.weights) return; // a cancelled picker
      const state = getState();
      const weights = opened.weights ?? state.weights;
      const [first] = opened.inputs;
      if (first) await showOpened(first, weights);
      else await show(state.input, weights);
      const misplaced =
        intent === 'weights' ? audioOnWeightsNotice(opened.inputs) : weightsOnInputNotice(opened);
      if (misplaced) dispatch({ type: 'notice', text: misplaced });
      const [failure, ...more] = opened.failures ?? [];
      if (failure) {
        const others = more.length > 0 ? ` (and ${more.length} more file${more.length > 1 ? 's' : ''})` : '';
        const error = {
          action: `Opening ${failure.name}`,
          name: failure.error.name,
          message: windowErrorMessage(failure.error) + others,
        };
        dispatch({ type: 'failed', error });
      }
    });
  }

  return {
    async start() {
      try {
        const startup = await api.startup();
        dispatch({ type: 'started', startup });
        // The bundled sample opens as the demo: at once, what a post-net is for.
        if (startup.openFirst.kind === 'sample') dispatch({ type: 'demo-mode', on: true });
        // The default weights do not depend on the sample: if it fails, the panel still has them.
        await runJob('weights', 'Loading the default weights', async () => {
          dispatch({ type: 'weights-ready', weights: await api.defaultWeights() });
        });
        await open(startup.openFirst, 'auto');
      } catch (error) {
        const info = toErrorInfo(error);
        dispatch({
          type: 'failed',
          error: { action: 'Starting', name: info.name, message: windowErrorMessage(info) },
        });
      } finally {
        dispatch({ type: 'first-open-done' });
      }
    },
    open,
    useDefaultWeights(which = 'demo') {
      const what = which === 'demo' ? 'the demo post-net' : 'the untrained post-net';
      return runJob('weights', `Loading ${what}`, async () => {
        await show(getState().input, await api.defaultWeights(which));
      });
    },
    chooseStack(role) {
      const weights = getState().weights;
      return runJob(
        'weights',
        `Building the ${role === 'encoder' ? 'encoder' : 'post-net'} of ${weights?.name ?? 'the weights'}`,
        async () => {
          const current = getState().weights;
          if (!current) throw new Error('no weights loaded: load a file that holds several stacks first');
          if (current.built === role) return;
          await show(getState().input, await api.chooseStack(current.id, role));
        },
      );
    },
    setDemo(on) {
      dispatch({ type: 'demo-mode', on });
      return runJob('process', on ? 'Simulating decoder smoothing' : 'Showing the clean mel', async () => {
        const { input, demo, weights } = getState();
        if (on && input && !demo) await showDemo(input, weights);
        else if (!on && demo) await show(demo.clean, weights, null);
      });
    },
    runTask: (label, work) => runJob('listen', label, work),
    remel(config) {
      const input = getState().input;
      return runJob(
        'open',
        `Analysing ${input?.name ?? 'the input'} with ${config.preset} settings`,
        async () => {
          const current = getState();
          const clean = timelineOf(current);
          if (!clean) throw new Error('nothing to re-analyse: open a WAV first');
          if (!clean.audio) {
            dispatch({ type: 'mel-config', config });
            if (config.nMels === clean.mel.nMels) {
              const input = await api.relabel(clean.id, config);
              // The demo's smoothed copy is made from the clean input: make it again from the relabelled one.
              if (current.demo) await showDemo(input, current.weights);
              else dispatch({ type: 'shown', input, weights: current.weights, result: current.result });
              return;
            }
            const about = `${config.preset}, ${config.nMels} bands`;
            const why = `${clean.name} is a spectrogram: its ${clean.mel.nMels} bands are its own`;
            dispatch({ type: 'notice', text: `Mel settings: ${about}, for the next file you open (${why})` });
            return;
          }
          const input = await api.remel(clean.id, config);
          dispatch({ type: 'mel-config', config });
          try {
            await showOpened(input, current.weights);
          } catch (error) {
            // The host holds the re-analysed input now: show it, without an output, beside the error.
            if (getState().input !== input) {
              dispatch({ type: 'shown', input, weights: current.weights, result: null, demo: null });
              deps.onNewInput(input);
            }
            const misfit = misfitAfterRemel(error, input, current.weights);
            if (!misfit) throw error;
            dispatch({ type: 'failed', error: misfit });
          }
        },
      );
    },
    exportAs(format) {
      return runJob('export', `Exporting ${format.toUpperCase()}`, async () => {
        const { input, weights, result } = getState();
        if (!input || !weights || !result) throw new Error('nothing to export yet: open a WAV first');
        const png = format === 'png' ? await deps.renderPng() : undefined;
        const saved = await api.exportResult({
          format,
          inputId: input.id,
          weightsId: weights.id,
          ...(png ? { png } : {}),
        });
        if (saved) dispatch({ type: 'notice', text: `Saved ${saved.location} (+ ${saved.sidecarLocation})` });
      });
    },
    showLayer: (layer) => layerPane.show(layer),
    hideLayer: () => layerPane.hide(),
    showRecent: () => void api.showRecent(),
    cancel: () => void api.cancel(),
    viewChanged: () => layerPane.viewChanged(),
  };
}
