/**
 * The demo mode's numbers and words (pure): "Simulate decoder smoothing" shows the clean mel, the
 * smoothed mel the post-net reads (shared/demo/smoothing.ts), the output and the residual, each
 * with its error to the clean mel — the masked mean squared error the demo post-net was trained
 * and measured with (cells where clean > −9, shared/demo maskedMse).
 */
import type { InputDocument, ProcessResult } from '../../../shared/api/contract';
import { maskedMse } from '../../../shared/demo/smoothing';
import { RevisionMemo } from './memo';

/** The demo as the window shows it: the clean input beside the smoothed one (WorkspaceState.input). */
export interface DemoView {
  clean: InputDocument;
}

/** Masked MSE to the clean mel, and over how many cells. */
export interface DemoErrors {
  smoothed: number;
  /** The output's; null until the output is there. */
  output: number | null;
  /** The residual's to the ideal residual (clean − smoothed): the same number as the output's. */
  cells: number;
}

const memo = new RevisionMemo<DemoErrors>(8);

/**
 * The errors of the smoothed mel and of the output (when `result` belongs to `smoothed`), once per
 * revision pair and weights: ten minutes are 4 M cells, read twice.
 */
export function demoErrors(
  clean: InputDocument,
  smoothed: InputDocument,
  result: ProcessResult | null,
): DemoErrors | null {
  if (clean.mel.data.length !== smoothed.mel.data.length) return null;
  const output =
    result && result.inputId === smoothed.id && result.inputRevision === smoothed.revision
      ? result.output
      : null;
  const key = `${clean.revision}/${smoothed.revision}/${output && result ? result.weightsId : '-'}`;
  return memo.get(key, () => {
    const before = maskedMse(smoothed.mel.data, clean.mel.data);
    return {
      smoothed: before.mse,
      output:
        output && output.length === clean.mel.data.length ? maskedMse(output, clean.mel.data).mse : null,
      cells: before.cells,
    };
  });
}

/** `0.4756`, `0.05446`: four significant digits. */
export function formatMse(mse: number): string {
  return mse.toPrecision(4);
}

/** `89 % lower than the smoothed mel's`, or higher when the weights make it worse. */
export function changeText(smoothed: number, output: number): string {
  if (!(smoothed > 0)) return 'the smoothed mel had no error';
  const change = Math.round((1 - output / smoothed) * 100);
  return change >= 0 ? `${change} % lower than smoothed` : `${-change} % higher than smoothed`;
}

/** The error figure each demo pane prints (its badge), by pane kind. */
export function demoBadges(
  errors: DemoErrors | null,
): Record<'clean' | 'input' | 'output' | 'residual', string> {
  const waiting = 'MSE to clean: …';
  if (!errors) return { clean: 'the target (MSE 0)', input: waiting, output: waiting, residual: waiting };
  const smoothed = `MSE to clean ${formatMse(errors.smoothed)}`;
  if (errors.output === null)
    return { clean: 'the target (MSE 0)', input: smoothed, output: waiting, residual: waiting };
  return {
    clean: 'the target (MSE 0)',
    input: smoothed,
    output: `MSE to clean ${formatMse(errors.output)} · ${changeText(errors.smoothed, errors.output)}`,
    residual: `MSE to the ideal residual (clean − smoothed) ${formatMse(errors.output)}`,
  };
}
