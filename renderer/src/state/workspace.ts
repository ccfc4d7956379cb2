/**
 * The document state of the window: what is open, what is running, what went wrong, and how it
 * is displayed. One reducer; every change is a named action. The time view and the hover
 * position change at pointer rate and live in tiny stores instead (see navigation.ts).
 */
import type {
  InputDocument,
  JobKind,
  LayerActivations,
  JobProgress,
  ProcessResult,
  RecentFile,
  StartupState,
  WeightsSummary,
} from '../../../shared/api/contract';
import type { AppSettings, DecimationChoice } from '../../../shared/api/settings';
import type { EngineChoice } from '../../../shared/backend/engine-choice';
import { assertNever } from '../../../shared/errors';
import { TACOTRON2_MEL, type MelConfig } from '../../../shared/mel/config';
import type { DivergingMap, SequentialMap } from '../render/colormaps';
import { DEFAULT_FIXED_RANGE } from '../render/value-range';
import type { ValueRange } from '../render/value-range';
import type { DemoView } from '../app/demo';

export { DECIMATION_CHOICES, type DecimationChoice } from '../../../shared/api/settings';

export interface DisplaySettings {
  colormap: SequentialMap;
  residualColormap: DivergingMap;
  /** `auto`: 1st–99th percentile of input and output together; `fixed`: `fixedRange`. */
  rangeMode: 'auto' | 'fixed';
  fixedRange: ValueRange;
  /** Half-width of the residual's symmetric range in `fixed` mode. */
  fixedResidualHalf: number;
  /** When many frames share a pixel: their mean (the default: pauses stay visible at fit), max or min. */
  decimation: DecimationChoice;
}

/** An error as the window shows it: what was being done, and the ApiError's name and message. */
export interface ShownError {
  action: string;
  /** The head line when `${action} failed` would mislead (the weights, not the analysis, did not fit). */
  title?: string;
  name: string;
  message: string;
}

export interface RunningJob {
  kind: JobKind;
  /** What the user asked for, e.g. `Opening speech.wav`. */
  label: string;
  /** What the host reports it is doing now, e.g. `conv 3 of 5`; empty until the first report. */
  step: string;
  fraction: number;
}

/** A layer's output as fetched, with what it was computed from (to tell when it is stale). */
export interface ShownLayerOutput {
  inputId: string;
  weightsId: string;
  /** The input's revision it was computed from (an input re-analysed in place keeps its id). */
  inputRevision: number;
  activations: LayerActivations;
}

/** How far a result being computed has filled in (its arrays hold NaN where frames are pending). */
export interface ResultFilling {
  /** The run's stream id (`ProcessRequest.stream`). */
  stream: number;
  /** Output frames in so far, of `totalFrames`. */
  frames: number;
  totalFrames: number;
  /** The run stopped before every frame was in (cancelled or failed): what is in stays shown. */
  stopped: boolean;
}

/** A result as the window shows it: whole, or still filling in (`filling` set). */
export type ShownResult = ProcessResult & { filling?: ResultFilling };

export interface WorkspaceState {
  startup: StartupState | null;
  input: InputDocument | null;
  /**
   * The demo ("Simulate decoder smoothing"): `input` is then the smoothed copy the post-net reads,
   * and this holds the clean input it was made from. Null outside the demo.
   */
  demo: DemoView | null;
  /**
   * "Simulate decoder smoothing" is on: every input opened is shown as the demo (on first run the
   * bundled sample opens so, before `demo` is there).
   */
  demoMode: boolean;
  weights: WeightsSummary | null;
  /**
   * `process(input, weights)`, filling in while it runs; null when there are no weights or
   * processing failed before any frame was in.
   */
  result: ShownResult | null;
  job: RunningJob | null;
  error: ShownError | null;
  notice: string | null;
  /** True once the first open (the sample or the command line's files) has settled. */
  firstOpenDone: boolean;
  display: DisplaySettings;
  showShortcuts: boolean;
  recent: readonly RecentFile[];
  /** The layer the Conv1d card explains. */
  selectedLayer: number;
  /** The layer whose output pane is shown under the residual, or null (no pane). */
  layerPane: number | null;
  /** The last layer output fetched; shown only while it matches input, weights and layerPane. */
  layerOutput: ShownLayerOutput | null;
  /**
   * The window's mel settings (the preset selector and Mel settings…): what the next file is
   * opened with, and the band count weights are checked against when they load.
   */
  melConfig: MelConfig;
  /** The engine setting: which backend the next runs use (the status bar says which ran). */
  engine: EngineChoice;
}

export const INITIAL_DISPLAY: DisplaySettings = {
  colormap: 'magma',
  residualColormap: 'rdbu',
  rangeMode: 'auto',
  fixedRange: { ...DEFAULT_FIXED_RANGE },
  fixedResidualHalf: 2,
  decimation: 'mean',
};

export const INITIAL_STATE: WorkspaceState = {
  startup: null,
  input: null,
  demo: null,
  demoMode: false,
  weights: null,
  result: null,
  job: null,
  error: null,
  notice: null,
  firstOpenDone: false,
  display: INITIAL_DISPLAY,
  showShortcuts: false,
  recent: [],
  selectedLayer: 0,
  layerPane: null,
  layerOutput: null,
  melConfig: { ...TACOTRON2_MEL },
  engine: 'auto',
};

export type WorkspaceAction =
  | { type: 'started'; startup: StartupState }
  | { type: 'job-started'; kind: JobKind; label: string }
  | { type: 'job-progress'; progress: JobProgress }
  | { type: 'job-finished' }
  /** A whole new view: committed only after the pipeline succeeded, so a failure keeps the last one. */
  | {
      type: 'shown';
      input: InputDocument | null;
      weights: WeightsSummary | null;
      result: ShownResult | null;
      /** The layer pane's output for the new view, when it was computed in the same run. */
      layerOutput?: ShownLayerOutput | null;
      /** The demo for the new view; left out, the demo stays while the input does. */
      demo?: DemoView | null;
    }
  /** More of the running result is in (or it stopped, or it completed: `result` without `filling`). */
  | { type: 'result-filled'; result: ShownResult }
  /** Weights ready before any input (the default weights at startup); kept only if none are loaded. */
  | { type: 'weights-ready'; weights: WeightsSummary }
  | { type: 'failed'; error: ShownError }
  | { type: 'notice'; text: string }
  | { type: 'first-open-done' }
  | { type: 'dismiss-error' }
  | { type: 'display'; change: Partial<DisplaySettings> }
  | { type: 'shortcuts'; show: boolean }
  | { type: 'recent-changed'; recent: readonly RecentFile[] }
  | { type: 'select-layer'; layer: number }
  /** Selects the layer and shows its output pane. */
  | { type: 'show-layer'; layer: number }
  | { type: 'hide-layer' }
  | { type: 'layer-output'; output: ShownLayerOutput }
  | { type: 'mel-config'; config: MelConfig }
  | { type: 'engine'; engine: EngineChoice }
  | { type: 'demo-mode'; on: boolean };

export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'started': {
      // The engine and decimation the last session left (the host read and checked them).
      const { engine, decimation } = action.startup.settings;
      const display = { ...state.display, decimation };
      return { ...state, startup: action.startup, recent: action.startup.recent, engine, display };
    }
    case 'job-started':
      return {
        ...state,
        job: { kind: action.kind, label: action.label, step: '', fraction: 0 },
        notice: null,
      };
    case 'job-progress':
      if (!state.job) return state;
      return {
        ...state,
        job: {
          ...state.job,
          kind: action.progress.kind,
          step: action.progress.label,
          fraction: action.progress.fraction,
        },
      };
    case 'job-finished':
      return { ...state, job: null };
    case 'shown': {
      const layerCount = action.weights?.layers.length ?? 0;
      return {
        ...state,
        input: action.input,
        demo:
          action.demo !== undefined
            ? action.demo
            : action.input && state.input?.id === action.input.id
              ? state.demo
              : null,
        weights: action.weights,
        result: action.result,
        error: null,
        selectedLayer: Math.min(state.selectedLayer, Math.max(0, layerCount - 1)),
        layerPane: state.layerPane !== null && state.layerPane < layerCount ? state.layerPane : null,
        layerOutput: action.layerOutput !== undefined ? action.layerOutput : keptLayerOutput(state, action),
      };
    }
    case 'result-filled': {
      const current = state.result;
      const same =
        current !== null &&
        current.inputId === action.result.inputId &&
        current.inputRevision === action.result.inputRevision &&
        current.weightsId === action.result.weightsId &&
        current.output === action.result.output;
      return same ? { ...state, result: action.result } : state;
    }
    case 'weights-ready':
      return state.weights ? state : { ...state, weights: action.weights };
    case 'failed':
      return { ...state, error: action.error, notice: null };
    case 'notice':
      return { ...state, notice: action.text };
    case 'first-open-done':
      return { ...state, firstOpenDone: true };
    case 'dismiss-error':
      return { ...state, error: null, notice: null };
    case 'display':
      return { ...state, display: { ...state.display, ...action.change } };
    case 'shortcuts':
      return { ...state, showShortcuts: action.show };
    case 'recent-changed':
      return { ...state, recent: action.recent };
    case 'select-layer':
      return { ...state, selectedLayer: action.layer };
    case 'show-layer':
      return { ...state, selectedLayer: action.layer, layerPane: action.layer };
    case 'hide-layer':
      return { ...state, layerPane: null };
    case 'layer-output':
      return { ...state, layerOutput: action.output };
    case 'mel-config':
      return { ...state, melConfig: action.config };
    case 'engine':
      return { ...state, engine: action.engine };
    case 'demo-mode':
      return { ...state, demoMode: action.on };
    default:
      return assertNever(action, 'workspace action');
  }
}

/** The previous layer output, if it still belongs to the new input and weights (else let it go). */
function keptLayerOutput(
  state: WorkspaceState,
  shown: { input: InputDocument | null; weights: WeightsSummary | null },
): ShownLayerOutput | null {
  const kept = state.layerOutput;
  if (!kept || !shown.input || !shown.weights) return null;
  const same =
    kept.inputId === shown.input.id &&
    kept.weightsId === shown.weights.id &&
    kept.inputRevision === shown.input.revision;
  return same ? kept : null;
}

/** The layer pane's output if it belongs to the current input, weights and shown layer. */
export function currentLayerOutput(state: WorkspaceState): LayerActivations | null {
  const { layerOutput, input, weights, layerPane } = state;
  if (!layerOutput || !input || !weights || layerPane === null) return null;
  const fresh =
    layerOutput.inputId === input.id &&
    layerOutput.weightsId === weights.id &&
    layerOutput.inputRevision === input.revision &&
    layerOutput.activations.layer === layerPane;
  return fresh ? layerOutput.activations : null;
}

/** The settings the host remembers for the next session (shared/api/settings.ts). */
export function settingsOf(state: WorkspaceState): AppSettings {
  return { engine: state.engine, decimation: state.display.decimation };
}
