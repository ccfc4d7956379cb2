/**
 * What the user's commands do, in order: open → (default weights) → process → show. Jobs run
 * one at a time; a new view is committed only when the whole chain succeeded, so a failure or a
 * cancel leaves the previous view on screen with the error beside it.
 */
import type {
  ExportFormat,
  FileSource,
  InputDocument,
  OpenIntent,
  PostnetApi,
  WeightsSummary,
} from '../../../shared/api/contract';
import { toErrorInfo } from '../../../shared/errors';
import type { WorkspaceAction, WorkspaceState } from '../state/workspace';

export interface Controller {
  /** Asks the host what to open first and opens it. */
  start(): Promise<void>;
  open(source: FileSource, intent: OpenIntent): Promise<void>;
  useDefaultWeights(): Promise<void>;
  exportAs(format: ExportFormat): Promise<void>;
  cancel(): void;
}

export interface ControllerDeps {
  api: PostnetApi;
  dispatch: (action: WorkspaceAction) => void;
  getState: () => WorkspaceState;
  /** Renders the current view (panes, axes, colour bars, headers) as PNG bytes. */
  renderPng: () => Promise<Uint8Array>;
  /** Called when a different input is shown, so the view can refit. */
  onNewInput: (input: InputDocument) => void;
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
  let queue: Promise<void> = Promise.resolve();

  /** Runs `work` after every earlier job, with the job bar shown and errors reported. */
  function runJob(
    kind: 'open' | 'weights' | 'process' | 'export',
    action: string,
    work: () => Promise<void>,
  ) {
    const run = async (): Promise<void> => {
      dispatch({ type: 'job-started', kind, label: action });
      try {
        await work();
      } catch (error) {
        const info = toErrorInfo(error);
        if (info.name === 'CancelledError') dispatch({ type: 'notice', text: `${action}: cancelled` });
        else dispatch({ type: 'failed', error: { action, name: info.name, message: info.message } });
      } finally {
        dispatch({ type: 'job-finished' });
      }
    };
    queue = queue.then(run);
    return queue;
  }

  /** Processes and commits input + weights as one new view. */
  async function show(input: InputDocument | null, weights: WeightsSummary | null): Promise<void> {
    if (!input) {
      dispatch({ type: 'shown', input: null, weights, result: getState().result });
      return;
    }
    let chosen = weights;
    if (!chosen) chosen = await api.defaultWeights();
    const result = await api.process({ inputId: input.id, weightsId: chosen.id });
    const previous = getState().input;
    dispatch({ type: 'shown', input, weights: chosen, result });
    if (!previous || previous.id !== input.id) deps.onNewInput(input);
  }

  function open(source: FileSource, intent: OpenIntent): Promise<void> {
    const action = describeSource(source, intent);
    return runJob(intent === 'weights' ? 'weights' : 'open', action, async () => {
      const opened = await api.open(source, intent);
      if (opened.inputs.length === 0 && !opened.weights) return; // a cancelled picker
      const state = getState();
      await show(opened.inputs[0] ?? state.input, opened.weights ?? state.weights);
      const [failure, ...more] = opened.failures ?? [];
      if (failure) {
        const others = more.length > 0 ? ` (and ${more.length} more file${more.length > 1 ? 's' : ''})` : '';
        const error = {
          action: `Opening ${failure.name}`,
          name: failure.error.name,
          message: failure.error.message + others,
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
        await open(startup.openFirst, 'auto');
      } catch (error) {
        const info = toErrorInfo(error);
        dispatch({ type: 'failed', error: { action: 'Starting', name: info.name, message: info.message } });
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
    cancel: () => api.cancel(),
  };
}
