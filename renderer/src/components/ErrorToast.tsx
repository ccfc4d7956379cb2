import type { ShownError } from '../state/workspace';

/** What failed and why, over the panes (no layout shift); the previous view stays underneath. */
export function ErrorToast({ error, onDismiss }: { error: ShownError; onDismiss: () => void }) {
  return (
    <div className="error-toast" role="alert" data-testid="error" data-error-name={error.name}>
      <div className="error-head">
        <b>{error.title ?? `${error.action} failed`}</b> — <code>{error.name}</code>
        <button type="button" className="dismiss" aria-label="Dismiss error" onClick={onDismiss}>
          ×
        </button>
      </div>
      <p className="error-message">{error.message}</p>
    </div>
  );
}
