/**
 * What the user's commands do, in order: open → (default weights) → process → show. Jobs run
 * one at a time. A new input is shown as soon as it is open: its output and residual fill in as
 * the host's workers finish chunks (`ResultPart`s, the frames on screen first); a failure or a
 * cancel keeps what is in, with the error or notice beside it. A layer's output is fetched on
 * demand with `layerOutput` for the frames on screen and a margin only (layer-window.ts), cached,
 * and fetched again when the view leaves what is held.
 */
import type {
  BuiltInWeights,
  ExportFormat,
  FileSource,
  InputDocument,
  LayerActivations,
  OpenIntent,
  PostnetApi,
  WeightsSummary,
} from '../../../shared/api/contract';
import type { FrameRange } from '../../../shared/backend/chunks';
import type { EngineChoice } from '../../../shared/backend/engine-choice';
import { toErrorInfo } from '../../../shared/errors';
import type { MelConfig } from '../../../shared/mel/config';
import type { StackRole } from '../../../shared/model/types';
import { currentLayerOutput } from '../state/workspace';
import type { ShownLayerOutput, WorkspaceAction, WorkspaceState } from '../state/workspace';
import { createActivationCache } from './activation-cache';
import { windowErrorMessage } from './error-text';
import type { ActivationCache } from './activation-cache';
import { layerLabel } from './layer-output';
import { fetchStep, layerFetchRange, layerFramesUnder, windowServes, LAYER_COLUMNS } from './layer-window';
import { audioOnWeightsNotice, misfitAfterRemel, weightsOnInputNotice } from './open-notes';
import { isNewInput, runFilling } from './process-filling';
import { runsOverMel } from './weights-view';
import type { DemoView } from './demo';

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

type JobKindName = 'open' | 'weights' | 'process' | 'export' | 'listen';

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

/** The layer whose output the view needs for these weights, or null (no pane, or no such layer). */
function wantedLayer(state: WorkspaceState, weights: WeightsSummary): number | null {
  const layer = state.layerPane;
  if (!runsOverMel(weights)) return null;
  return layer === null || !weights.layers[layer] ? null : layer;
}

/** The input whose time axis is on screen: the demo's clean input (its smoothed copy shares it). */
function timelineOf(state: WorkspaceState): InputDocument | null {
  return state.demo?.clean ?? state.input;
}

export function createController(deps: ControllerDeps): Controller {
  const { api, dispatch, getState } = deps;
  const cache = deps.cache ?? createActivationCache();
  const fillIntervalMs = deps.fillIntervalMs ?? 100;
  let queue: Promise<void> = Promise.resolve();
  /** The layer-only job running now; `superseded` once the user asked for something else. */
  let layerJob: { layer: number; superseded: boolean } | null = null;
  /** The view moved while a layer fetch ran: check again once it lands. */
  let viewMovedMeanwhile = false;
  let nextStream = 1;

  /** Runs `work` with the job bar shown and errors reported (call it from the queue). */
  async function runNow(kind: JobKindName, action: string, work: () => Promise<void>): Promise<void> {
    dispatch({ type: 'job-started', kind, label: action });
    try {
      await work();
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.name === 'CancelledError') dispatch({ type: 'notice', text: `${action}: cancelled` });
      else
        dispatch({ type: 'failed', error: { action, name: info.name, message: windowErrorMessage(info) } });
    } finally {
      dispatch({ type: 'job-finished' });
    }
  }

  /** Runs `task` after every earlier job. */
  function enqueue(task: () => Promise<void>): Promise<void> {
    queue = queue.then(task);
    return queue;
  }

  function runJob(kind: JobKindName, action: string, work: () => Promise<void>): Promise<void> {
    return enqueue(() => runNow(kind, action, work));
  }

  const allFrames = (input: InputDocument): FrameRange => ({ start: 0, end: input.mel.nFrames });
  const visible = (input: InputDocument): FrameRange => {
    const range = deps.visibleFrames?.() ?? allFrames(input);
    const start = Math.max(0, Math.min(input.mel.nFrames, range.start));
    return { start, end: Math.max(start, Math.min(input.mel.nFrames, range.end)) };
  };
  const engine = (): EngineChoice => deps.engine?.() ?? 'auto';

  /** The layer frames on screen for this input. */
  function shownLayerFrames(input: InputDocument, weights: WeightsSummary, layer: number): FrameRange {
    return layerFramesUnder(weights.layers, layer, visible(input), input.mel.nFrames);
  }

  /** The cached output of `layer` if it still serves the view. */
  function cached(input: InputDocument, weights: WeightsSummary, layer: number): ShownLayerOutput | null {
    const key = { inputId: input.id, weightsId: weights.id, layer, inputRevision: input.revision };
    const activations = cache.get(key);
    if (!activations || !windowServes(activations, shownLayerFrames(input, weights, layer))) return null;
    return { ...key, activations };
  }

  /** Caches layer `layer`'s output as the host returned it (failing clearly if it did not). */
  function remember(
    input: InputDocument,
    weights: WeightsSummary,
    layer: number,
    activations: LayerActivations | undefined,
  ): ShownLayerOutput {
    if (!activations || activations.layer !== layer) {
      throw new Error(`the host returned no output for ${layerLabel(layer)}`);
    }
    const key = { inputId: input.id, weightsId: weights.id, layer, inputRevision: input.revision };
    cache.put(key, activations);
    return { ...key, activations };
  }

  /** Processes input + weights, shown at once and filling in (process-filling.ts). */
  function processFilling(
    input: InputDocument,
    weights: WeightsSummary,
    demo?: DemoView | null,
  ): Promise<void> {
    return runFilling({
      api,
      dispatch,
      getState,
      onNewInput: deps.onNewInput,
      timeline: timelineOf,
      fillIntervalMs,
      stream: nextStream++,
      request: { engine: engine(), first: visible(input) },
      input,
      weights,
      ...(demo !== undefined ? { demo } : {}),
    });
  }

  /**
   * Shows input + weights as one new view, its output filling in, then the layer pane's output;
   * `demo` given, it is the new view's demo (the clean input beside `input`, its smoothed copy).
   */
  async function show(
    input: InputDocument | null,
    weights: WeightsSummary | null,
    demo?: DemoView | null,
  ): Promise<void> {
    if (!input) {
      dispatch({ type: 'shown', input: null, weights, result: getState().result });
      return;
    }
    const chosen = weights ?? (await api.defaultWeights());
    if (!runsOverMel(chosen)) {
      // The encoder convolutions run over text, not over this mel: show the input only.
      const previous = getState().input;
      dispatch({ type: 'shown', input, weights: chosen, result: null, layerOutput: null });
      if (isNewInput(previous, input)) deps.onNewInput(input);
      return;
    }
    await processFilling(input, chosen, demo);
    const layer = wantedLayer(getState(), chosen);
    if (layer !== null) await fetchLayer(input, chosen, layer);
  }

  /** Fetches layer `layer`'s output for the frames on screen (and a margin) unless what is held serves. */
  async function fetchLayer(input: InputDocument, weights: WeightsSummary, layer: number): Promise<void> {
    const state = getState();
    const frames = shownLayerFrames(input, weights, layer);
    const shown = currentLayerOutput(state);
    if (shown && windowServes(shown, frames)) return;
    const hit = cached(input, weights, layer);
    if (hit) {
      dispatch({ type: 'layer-output', output: hit });
      return;
    }
    const total = layerFramesUnder(weights.layers, layer, allFrames(input), input.mel.nFrames).end;
    const range = layerFetchRange(frames, total);
    const activations = await api.layerOutput({
      inputId: input.id,
      weightsId: weights.id,
      layer,
      frames: range,
      maxColumns: Math.max(1, Math.ceil((range.end - range.start) / fetchStep(range, LAYER_COLUMNS))),
      reduce: weights.layers[layer]!.activation === 'relu' ? 'max' : 'absmax',
      engine: engine(),
    });
    dispatch({ type: 'layer-output', output: remember(input, weights, layer, activations) });
  }

  /** Shows `clean` as the demo: its decoder-smoothed copy (made by the host) beside it. */
  async function showDemo(clean: InputDocument, weights: WeightsSummary | null): Promise<void> {
    const smoothed = await api.smooth(clean.id);
    await show(smoothed, weights, { clean });
  }

  /** Shows a newly opened (or re-analysed) input, as the demo when its mode is on. */
  function showOpened(input: InputDocument, weights: WeightsSummary | null): Promise<void> {
    return getState().demoMode ? showDemo(input, weights) : show(input, weights, null);
  }

  /** Brings the layer pane up to date with the view as it is when this runs (queued). */
  function refreshLayerPane(): Promise<void> {
    return enqueue(async () => {
      const state = getState();
      const { input, weights } = state;
      if (!input || !weights) return;
      const layer = wantedLayer(state, weights);
      if (layer === null) return;
      const shown = currentLayerOutput(state);
      if (shown && windowServes(shown, shownLayerFrames(input, weights, layer))) return;
      const hit = cached(input, weights, layer);
      if (hit) {
        dispatch({ type: 'layer-output', output: hit });
        return;
      }
      const job = { layer, superseded: false };
      layerJob = job;
      await runNow('process', `Computing ${layerLabel(layer)} output`, async () => {
        try {
          await fetchLayer(input, weights, layer);
        } catch (error) {
          if (job.superseded && toErrorInfo(error).name === 'CancelledError') return;
          throw error;
        } finally {
          layerJob = null;
        }
      });
      if (viewMovedMeanwhile) {
        viewMovedMeanwhile = false;
        controller.viewChanged();
      }
    });
  }

  /** Stops a layer-only job the user no longer wants (a newer selection, or the pane closed). */
  function supersedeLayerJob(unless: number | null): void {
    if (!layerJob || layerJob.layer === unless || layerJob.superseded) return;
    layerJob.superseded = true;
    void api.cancel();
  }

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

  const controller: Controller = {
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
    showLayer(layer) {
      if (!runsOverMel(getState().weights)) {
        dispatch({ type: 'select-layer', layer }); // the card explains it; nothing runs over the mel
        return Promise.resolve();
      }
      dispatch({ type: 'show-layer', layer });
      supersedeLayerJob(layer);
      const { input, weights } = getState();
      const hit = input && weights ? cached(input, weights, layer) : null;
      if (hit) dispatch({ type: 'layer-output', output: hit }); // at once, even while a job runs
      return refreshLayerPane();
    },
    hideLayer() {
      dispatch({ type: 'hide-layer' });
      supersedeLayerJob(null);
    },
    showRecent: () => void api.showRecent(),
    cancel: () => void api.cancel(),
    viewChanged() {
      const state = getState();
      if (state.layerPane === null || !state.input || !state.weights) return;
      const shown = currentLayerOutput(state);
      if (shown && windowServes(shown, shownLayerFrames(state.input, state.weights, state.layerPane))) return;
      if (layerJob) {
        viewMovedMeanwhile = true; // checked again once the running fetch lands
        return;
      }
      void refreshLayerPane();
    },
  };
  return controller;
}
