/**
 * What the user's commands do, in order: open → (default weights) → process → show. Jobs run
 * one at a time; a new view is committed only when the whole chain succeeded, so a failure or a
 * cancel leaves the previous view on screen with the error beside it. A layer's output is
 * fetched on demand with `layerOutput` (the host runs only up to that layer), cached, and
 * computed in the same run as the output when the layer pane is open while a new input or new
 * weights are processed (one run instead of two).
 */
import type {
  ExportFormat,
  FileSource,
  InputDocument,
  LayerActivations,
  OpenIntent,
  PostnetApi,
  WeightsSummary,
} from '../../../shared/api/contract';
import { toErrorInfo } from '../../../shared/errors';
import type { MelConfig } from '../../../shared/mel/config';
import type { StackRole } from '../../../shared/model/types';
import { currentLayerOutput } from '../state/workspace';
import type { ShownLayerOutput, WorkspaceAction, WorkspaceState } from '../state/workspace';
import { createActivationCache } from './activation-cache';
import { windowErrorMessage } from './error-text';
import type { ActivationCache } from './activation-cache';
import { layerLabel, layerOutputSize } from './layer-output';
import { audioOnWeightsNotice, misfitAfterRemel, weightsOnInputNotice } from './open-notes';
import { runsOverMel } from './weights-view';

export interface Controller {
  /** Loads the default weights, asks the host what to open first and opens it. */
  start(): Promise<void>;
  open(source: FileSource, intent: OpenIntent): Promise<void>;
  useDefaultWeights(): Promise<void>;
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
}

type JobKindName = 'open' | 'weights' | 'process' | 'export';

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

/** The layer whose output the view needs for this input and weights, or null (none, or too large). */
function wantedLayer(state: WorkspaceState, input: InputDocument, weights: WeightsSummary): number | null {
  const layer = state.layerPane;
  if (!runsOverMel(weights)) return null;
  if (layer === null || !weights.layers[layer]) return null;
  return layerOutputSize(weights.layers, layer, input.mel.nFrames).fits ? layer : null;
}

/** A different input, or the same one re-analysed (another revision): its frames are not the ones on screen. */
function isNewInput(previous: InputDocument | null, input: InputDocument): boolean {
  return !previous || previous.id !== input.id || previous.revision !== input.revision;
}

export function createController(deps: ControllerDeps): Controller {
  const { api, dispatch, getState } = deps;
  const cache = deps.cache ?? createActivationCache();
  let queue: Promise<void> = Promise.resolve();
  /** The layer-only job running now; `superseded` once the user asked for something else. */
  let layerJob: { layer: number; superseded: boolean } | null = null;

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

  function cached(input: InputDocument, weights: WeightsSummary, layer: number): ShownLayerOutput | null {
    const key = { inputId: input.id, weightsId: weights.id, layer, inputRevision: input.revision };
    const activations = cache.get(key);
    return activations ? { ...key, activations } : null;
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

  /** Processes and commits input + weights (+ the open layer pane's output) as one new view. */
  async function show(input: InputDocument | null, weights: WeightsSummary | null): Promise<void> {
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
    const layer = wantedLayer(getState(), input, chosen);
    const hit = layer === null ? null : cached(input, chosen, layer);
    const fetchLayer = layer !== null && !hit;
    const result = await api.process({
      inputId: input.id,
      weightsId: chosen.id,
      ...(fetchLayer ? { activations: [layer] } : {}),
    });
    const layerOutput = fetchLayer
      ? remember(
          input,
          chosen,
          layer,
          result.activations.find((a) => a.layer === layer),
        )
      : hit;
    const previous = getState().input;
    // The view keeps no second reference to the layer output: the cache decides when it goes.
    dispatch({ type: 'shown', input, weights: chosen, result: { ...result, activations: [] }, layerOutput });
    if (isNewInput(previous, input)) deps.onNewInput(input);
  }

  /** Brings the layer pane up to date with the view as it is when this runs (queued). */
  function refreshLayerPane(): Promise<void> {
    return enqueue(async () => {
      const state = getState();
      const { input, weights } = state;
      if (!input || !weights || currentLayerOutput(state)) return;
      const layer = wantedLayer(state, input, weights);
      if (layer === null) return;
      const hit = cached(input, weights, layer);
      if (hit) {
        dispatch({ type: 'layer-output', output: hit });
        return;
      }
      const job = { layer, superseded: false };
      layerJob = job;
      await runNow('process', `Computing ${layerLabel(layer)} output`, async () => {
        try {
          const activations = await api.layerOutput({ inputId: input.id, weightsId: weights.id, layer });
          dispatch({ type: 'layer-output', output: remember(input, weights, layer, activations) });
        } catch (error) {
          if (job.superseded && toErrorInfo(error).name === 'CancelledError') return;
          throw error;
        } finally {
          layerJob = null;
        }
      });
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
      await show(opened.inputs[0] ?? state.input, opened.weights ?? state.weights);
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
    useDefaultWeights() {
      return runJob('weights', 'Loading the default weights', async () => {
        await show(getState().input, await api.defaultWeights());
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
    remel(config) {
      const input = getState().input;
      return runJob(
        'open',
        `Analysing ${input?.name ?? 'the input'} with ${config.preset} settings`,
        async () => {
          const current = getState();
          if (!current.input) throw new Error('nothing to re-analyse: open a WAV first');
          if (!current.input.audio) {
            dispatch({ type: 'mel-config', config });
            if (config.nMels === current.input.mel.nMels) {
              const input = await api.relabel(current.input.id, config);
              dispatch({ type: 'shown', input, weights: current.weights, result: current.result });
              return;
            }
            const about = `${config.preset}, ${config.nMels} bands`;
            const why = `${current.input.name} is a spectrogram: its ${current.input.mel.nMels} bands are its own`;
            dispatch({ type: 'notice', text: `Mel settings: ${about}, for the next file you open (${why})` });
            return;
          }
          const input = await api.remel(current.input.id, config);
          dispatch({ type: 'mel-config', config });
          try {
            await show(input, current.weights);
          } catch (error) {
            // The host holds the re-analysed input now: show it, without an output, beside the error.
            dispatch({ type: 'shown', input, weights: current.weights, result: null });
            deps.onNewInput(input);
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
  };
}
