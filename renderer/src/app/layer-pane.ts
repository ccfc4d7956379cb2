/**
 * The layer pane under the residual: a layer's output fetched on demand with `layerOutput` for
 * the frames on screen and a margin only (layer-window.ts), cached (activation-cache.ts), and
 * fetched again when the view leaves what is held. A fetch the user no longer wants (another layer
 * picked, the pane closed) is cancelled; a view that moved while a fetch ran is checked again once
 * it lands.
 */
import type {
  InputDocument,
  LayerActivations,
  PostnetApi,
  WeightsSummary,
} from '../../../shared/api/contract';
import type { FrameRange } from '../../../shared/backend/chunks';
import type { EngineChoice } from '../../../shared/backend/engine-choice';
import { toErrorInfo } from '../../../shared/errors';
import { currentLayerOutput } from '../state/workspace';
import type { ShownLayerOutput, WorkspaceAction, WorkspaceState } from '../state/workspace';
import type { ActivationCache } from './activation-cache';
import type { JobQueue } from './job-queue';
import { layerLabel } from './layer-output';
import { fetchStep, layerFetchRange, layerFramesUnder, windowServes, LAYER_COLUMNS } from './layer-window';
import { runsOverMel } from './weights-view';

export interface LayerPaneDeps {
  api: PostnetApi;
  dispatch: (action: WorkspaceAction) => void;
  getState: () => WorkspaceState;
  cache: ActivationCache;
  jobs: JobQueue;
  /** The input frames on screen now, within the input. */
  visible: (input: InputDocument) => FrameRange;
  engine: () => EngineChoice;
}

export interface LayerPane {
  /** Fetches layer `layer`'s output for the view (and a margin) unless what is held serves it. */
  fetch(input: InputDocument, weights: WeightsSummary, layer: number): Promise<void>;
  /** Shows `layer`'s output in the pane: at once from the cache, else fetched (queued). */
  show(layer: number): Promise<void>;
  /** Closes the pane and stops a fetch for it. */
  hide(): void;
  /** The time view moved: fetches again if what is held no longer covers it. */
  viewChanged(): void;
}

/** The layer whose output the view needs for these weights, or null (no pane, or no such layer). */
export function wantedLayer(state: WorkspaceState, weights: WeightsSummary): number | null {
  const layer = state.layerPane;
  if (!runsOverMel(weights)) return null;
  return layer === null || !weights.layers[layer] ? null : layer;
}

export function createLayerPane(deps: LayerPaneDeps): LayerPane {
  const { api, dispatch, getState, cache, jobs } = deps;
  /** The layer-only job running now; `superseded` once the user asked for something else. */
  let layerJob: { layer: number; superseded: boolean } | null = null;
  /** The view moved while a layer fetch ran: check again once it lands. */
  let viewMovedMeanwhile = false;

  /** The layer frames on screen for this input. */
  function shownLayerFrames(input: InputDocument, weights: WeightsSummary, layer: number): FrameRange {
    return layerFramesUnder(weights.layers, layer, deps.visible(input), input.mel.nFrames);
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

  /** True when the pane's output on screen covers the view. */
  function shownServes(
    state: WorkspaceState,
    input: InputDocument,
    weights: WeightsSummary,
    layer: number,
  ): boolean {
    const shown = currentLayerOutput(state);
    return shown !== null && windowServes(shown, shownLayerFrames(input, weights, layer));
  }

  async function fetch(input: InputDocument, weights: WeightsSummary, layer: number): Promise<void> {
    const frames = shownLayerFrames(input, weights, layer);
    const shown = currentLayerOutput(getState());
    if (shown && windowServes(shown, frames)) return;
    const hit = cached(input, weights, layer);
    if (hit) {
      dispatch({ type: 'layer-output', output: hit });
      return;
    }
    const all = { start: 0, end: input.mel.nFrames };
    const total = layerFramesUnder(weights.layers, layer, all, input.mel.nFrames).end;
    const range = layerFetchRange(frames, total);
    const activations = await api.layerOutput({
      inputId: input.id,
      weightsId: weights.id,
      layer,
      frames: range,
      maxColumns: Math.max(1, Math.ceil((range.end - range.start) / fetchStep(range, LAYER_COLUMNS))),
      reduce: weights.layers[layer]!.activation === 'relu' ? 'max' : 'absmax',
      engine: deps.engine(),
    });
    dispatch({ type: 'layer-output', output: remember(input, weights, layer, activations) });
  }

  /** Brings the pane up to date with the view as it is when this runs (queued). */
  function refresh(): Promise<void> {
    return jobs.enqueue(async () => {
      const state = getState();
      const { input, weights } = state;
      if (!input || !weights) return;
      const layer = wantedLayer(state, weights);
      if (layer === null || shownServes(state, input, weights, layer)) return;
      const hit = cached(input, weights, layer);
      if (hit) {
        dispatch({ type: 'layer-output', output: hit });
        return;
      }
      const job = { layer, superseded: false };
      layerJob = job;
      await jobs.runNow('process', `Computing ${layerLabel(layer)} output`, async () => {
        try {
          await fetch(input, weights, layer);
        } catch (error) {
          if (job.superseded && toErrorInfo(error).name === 'CancelledError') return;
          throw error;
        } finally {
          layerJob = null;
        }
      });
      if (viewMovedMeanwhile) {
        viewMovedMeanwhile = false;
        viewChanged();
      }
    });
  }

  /** Stops a layer-only job the user no longer wants (a newer selection, or the pane closed). */
  function supersedeLayerJob(unless: number | null): void {
    if (!layerJob || layerJob.layer === unless || layerJob.superseded) return;
    layerJob.superseded = true;
    void api.cancel();
  }

  function viewChanged(): void {
    const state = getState();
    if (state.layerPane === null || !state.input || !state.weights) return;
    if (shownServes(state, state.input, state.weights, state.layerPane)) return;
    if (layerJob) {
      viewMovedMeanwhile = true; // checked again once the running fetch lands
      return;
    }
    void refresh();
  }

  return {
    fetch,
    show(layer) {
      if (!runsOverMel(getState().weights)) {
        dispatch({ type: 'select-layer', layer }); // the card explains it; nothing runs over the mel
        return Promise.resolve();
      }
      dispatch({ type: 'show-layer', layer });
      supersedeLayerJob(layer);
      const { input, weights } = getState();
      const hit = input && weights ? cached(input, weights, layer) : null;
      if (hit) dispatch({ type: 'layer-output', output: hit }); // at once, even while a job runs
      return refresh();
    },
    hide() {
      dispatch({ type: 'hide-layer' });
      supersedeLayerJob(null);
    },
    viewChanged,
  };
}
