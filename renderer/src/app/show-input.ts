/**
 * Showing an input with its weights as the window's view: the input at once, its output and
 * residual filling in as the host computes them (process-filling.ts), then the layer pane's output
 * (layer-pane.ts). With "Simulate decoder smoothing" on, a newly opened input is shown as the
 * demo: its decoder-smoothed copy (made by the host) is what the post-net reads, beside the clean one.
 */
import type { InputDocument, PostnetApi, WeightsSummary } from '../../../shared/api/contract';
import type { FrameRange } from '../../../shared/backend/chunks';
import type { EngineChoice } from '../../../shared/backend/engine-choice';
import type { WorkspaceAction, WorkspaceState } from '../state/workspace';
import type { DemoView } from './demo';
import { wantedLayer, type LayerPane } from './layer-pane';
import { isNewInput, runFilling } from './process-filling';
import { runsOverMel } from './weights-view';

export interface InputShowerDeps {
  api: PostnetApi;
  dispatch: (action: WorkspaceAction) => void;
  getState: () => WorkspaceState;
  /** A different input, or the same one re-analysed, is shown (the view refits). */
  onNewInput: (input: InputDocument) => void;
  /** Parts of a result are shown at most this often (ms). */
  fillIntervalMs: number;
  layerPane: Pick<LayerPane, 'fetch'>;
  /** The input frames on screen now, within the input: computed first. */
  visible: (input: InputDocument) => FrameRange;
  engine: () => EngineChoice;
}

export interface InputShower {
  /**
   * Shows input + weights (the default weights when null) as one new view, its output filling
   * in, then the layer pane's output; `demo` given, it is the new view's demo (the clean input
   * beside `input`, its smoothed copy). A null input keeps the view and shows the weights.
   */
  show(input: InputDocument | null, weights: WeightsSummary | null, demo?: DemoView | null): Promise<void>;
  /** Shows `clean` as the demo: its decoder-smoothed copy (made by the host) beside it. */
  showDemo(clean: InputDocument, weights: WeightsSummary | null): Promise<void>;
  /** Shows a newly opened (or re-analysed) input, as the demo when its mode is on. */
  showOpened(input: InputDocument, weights: WeightsSummary | null): Promise<void>;
}

/** The input whose time axis is on screen: the demo's clean input (its smoothed copy shares it). */
export function timelineOf(state: WorkspaceState): InputDocument | null {
  return state.demo?.clean ?? state.input;
}

export function createInputShower(deps: InputShowerDeps): InputShower {
  const { api, dispatch, getState } = deps;
  let nextStream = 1;

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
    await runFilling({
      api,
      dispatch,
      getState,
      onNewInput: deps.onNewInput,
      timeline: timelineOf,
      fillIntervalMs: deps.fillIntervalMs,
      stream: nextStream++,
      request: { engine: deps.engine(), first: deps.visible(input) },
      input,
      weights: chosen,
      ...(demo !== undefined ? { demo } : {}),
    });
    const layer = wantedLayer(getState(), chosen);
    if (layer !== null) await deps.layerPane.fetch(input, chosen, layer);
  }

  async function showDemo(clean: InputDocument, weights: WeightsSummary | null): Promise<void> {
    const smoothed = await api.smooth(clean.id);
    await show(smoothed, weights, { clean });
  }

  return {
    show,
    showDemo,
    showOpened: (input, weights) =>
      getState().demoMode ? showDemo(input, weights) : show(input, weights, null),
  };
}
