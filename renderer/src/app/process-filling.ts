/**
 * One `process` run as the window shows it: the input at once, its output and residual filling in
 * as the run's `ResultPart`s arrive (at most every `fillIntervalMs`, each redraws three panes), and
 * the whole result with what ran it once every part is in. A failure or a cancel keeps what is in,
 * marked stopped; with nothing in, the input shows without output.
 */
import type { InputDocument, PostnetApi, ProcessRequest, WeightsSummary } from '../../../shared/api/contract';
import type { ShownResult, WorkspaceAction, WorkspaceState } from '../state/workspace';
import type { DemoView } from './demo';
import { createResultFill } from './result-fill';

export interface FillingRun {
  api: PostnetApi;
  dispatch: (action: WorkspaceAction) => void;
  getState: () => WorkspaceState;
  /** A different input (or a new revision) is shown: the view refits. */
  onNewInput: (input: InputDocument) => void;
  fillIntervalMs: number;
  /** The run's id: its parts carry it. */
  stream: number;
  request: Pick<ProcessRequest, 'engine' | 'first'>;
  input: InputDocument;
  weights: WeightsSummary;
  /** The new view's demo (its clean input beside `input`), when it is one; absent: kept as is. */
  demo?: DemoView | null;
  /** The input whose time axis is on screen (the demo's clean input when there is one). */
  timeline: (state: WorkspaceState) => InputDocument | null;
}

/** A different input, or the same one re-analysed (another revision). */
export function isNewInput(previous: InputDocument | null, input: InputDocument | null): boolean {
  if (!input) return false;
  return !previous || previous.id !== input.id || previous.revision !== input.revision;
}

/** Resolves in a later task of the event loop (after what is queued now, a paint included). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** How long the last parts may lag the host's answer (Electron sends them on another channel). */
const PARTS_GRACE_MS = 10_000;

/** Waits for every part; fails clearly if the host answered but some never came. */
async function partsIn(complete: Promise<void>, filled: () => { frames: number; totalFrames: number }) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const { frames, totalFrames } = filled();
      reject(new Error(`the host finished the run but sent ${frames} of ${totalFrames} frames`));
    }, PARTS_GRACE_MS);
  });
  try {
    await Promise.race([complete, late]);
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

/**
 * Runs `process` with the result's parts shown as they arrive (at most every fillIntervalMs),
 * and resolves once every part is in. The view shows the new input at once, filling in.
 */
export async function runFilling(run: FillingRun): Promise<void> {
  const { api, dispatch, getState, input, weights, stream } = run;
  const fill = createResultFill(input, weights, stream);
  // Allocating and NaN-filling the two arrays is ~30 ms for ten minutes: a task of its own, so
  // that the one which draws the input stays short (no task over 100 ms while a job runs).
  await nextTask();
  const base = {
    inputId: input.id,
    inputRevision: input.revision,
    weightsId: weights.id,
    nMels: input.mel.nMels,
    nFrames: input.mel.nFrames,
    residual: fill.residual,
    output: fill.output,
    elapsedMs: 0,
    engine: { name: 'pending', kind: 'js' as const, workers: 0, note: null },
  };
  const filling = (stopped: boolean): ShownResult => {
    const { frames, totalFrames } = fill.filled();
    return { ...base, filling: { stream, frames, totalFrames, stopped } };
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    dispatch({ type: 'result-filled', result: filling(false) });
  };
  const unsubscribe = api.onResultPart((part) => {
    if (fill.add(part) && timer === null) timer = setTimeout(flush, run.fillIntervalMs);
  });
  const previous = run.timeline(getState());
  const demo = run.demo !== undefined ? { demo: run.demo } : {};
  dispatch({ type: 'shown', input, weights, result: filling(false), ...demo });
  const now = run.timeline(getState());
  if (now && isNewInput(previous, now)) run.onNewInput(now);
  try {
    const summary = await api.process({
      inputId: input.id,
      weightsId: weights.id,
      stream,
      ...run.request,
    });
    await partsIn(fill.complete, () => fill.filled()); // in Electron the last parts may come after the answer
    dispatch({
      type: 'result-filled',
      result: { ...base, ...summary, residual: fill.residual, output: fill.output },
    });
  } catch (error) {
    // What is in stays on screen, marked stopped; with nothing in, the input shows without output.
    if (fill.filled().frames > 0) dispatch({ type: 'result-filled', result: filling(true) });
    else dispatch({ type: 'shown', input, weights, result: null });
    throw error;
  } finally {
    if (timer !== null) clearTimeout(timer);
    unsubscribe();
  }
}
