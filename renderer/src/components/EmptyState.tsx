import type { MelConfig } from '../../../shared/mel/config';
import { melDescription, melShape } from '../app/mel-labels';

interface Props {
  /** The window's mel settings: what a dropped WAV is analysed with. */
  melConfig: MelConfig;
  onOpen: () => void;
  onSample: () => void;
}

/** What to do when nothing is open (e.g. the sample failed to load). */
export function EmptyState({ melConfig, onOpen, onSample }: Props) {
  const { nMels } = melConfig;
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>Drop a WAV file anywhere in this window</h2>
      <p>
        Postnet Studio computes its {melDescription(melConfig)}, runs a Conv1d post-net over it and shows
        input, output and residual.
      </p>
      <p>
        Also accepted: a mel spectrogram as <code>.npy</code> (<code>{melShape(nMels)}</code> or{' '}
        <code>[1, {nMels}, T]</code>), and weights as <code>.npz</code>, <code>.npy</code> files named by
        state_dict key, or <code>.json</code>.
      </p>
      <p className="empty-actions">
        <button type="button" onClick={onOpen}>
          Open a file…
        </button>
        <button type="button" onClick={onSample}>
          Open the sample
        </button>
      </p>
    </div>
  );
}
