import type { RunningJob } from '../state/workspace';

interface Props {
  job: RunningJob | null;
  notice: string | null;
  onCancel: () => void;
}

/** Fixed-height bottom row: the running job with its progress and Cancel, or the last notice. */
export function StatusBar({ job, notice, onCancel }: Props) {
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
      </div>
    );
  }
  return (
    <div className="status-bar" role="status">
      <span className="notice">{notice ?? 'Ready'}</span>
    </div>
  );
}
