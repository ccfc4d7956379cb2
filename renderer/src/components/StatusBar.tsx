import {
  describeEngine,
  ENGINE_CHOICES,
  type EngineChoice,
  type EngineUsed,
} from '../../../shared/backend/engine-choice';
import type { RunningJob } from '../state/workspace';

interface Props {
  job: RunningJob | null;
  notice: string | null;
  onCancel: () => void;
  /** What ran the last result (null until one is whole). */
  engineUsed: EngineUsed | null;
  /** The engine setting, and how to change it (the next run uses it). */
  engine: EngineChoice;
  onEngine: (engine: EngineChoice) => void;
}

const ENGINE_LABELS: Record<EngineChoice, string> = {
  auto: 'Engine: auto',
  native: 'Engine: native',
  wasm: 'Engine: WASM',
  js: 'Engine: JS',
};

/**
 * Fixed-height bottom row: the running job with its progress and Cancel, or the last notice;
 * on the right, the engine that ran the last result and the engine setting.
 */
export function StatusBar({ job, notice, onCancel, engineUsed, engine, onEngine }: Props) {
  const ran = engineUsed ? (
    <span className="engine-used" data-testid="engine-used" title={engineUsed.note ?? undefined}>
      {describeEngine(engineUsed)}
      {engineUsed.note ? ' (fallback)' : ''}
    </span>
  ) : null;
  const setting = (
    <select
      className="engine-choice"
      aria-label="Engine"
      value={engine}
      onChange={(event) => onEngine(event.target.value as EngineChoice)}
    >
      {ENGINE_CHOICES.map((choice) => (
        <option key={choice} value={choice}>
          {ENGINE_LABELS[choice]}
        </option>
      ))}
    </select>
  );
  if (job) {
    return (
      <div className="status-bar" data-testid="job" role="status">
        <span className="job-label">
          {job.label}
          {job.step ? ` — ${job.step}` : ''}
        </span>
        <progress max={1} value={job.fraction} aria-label={job.label} />
        <span className="job-percent">{Math.round(job.fraction * 100)} %</span>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {ran}
        {setting}
      </div>
    );
  }
  return (
    <div className="status-bar" role="status">
      <span className="notice">{notice ?? 'Ready'}</span>
      {ran}
      {setting}
    </div>
  );
}
