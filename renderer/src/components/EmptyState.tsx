/** What to do when nothing is open (e.g. the sample failed to load). */
export function EmptyState({ onOpen, onSample }: { onOpen: () => void; onSample: () => void }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>Drop a WAV file anywhere in this window</h2>
      <p>
        Postnet Studio computes its 80-band log-mel spectrogram (Tacotron 2 settings: 22.05 kHz, n_fft 1024,
        hop 256, Slaney mel 0–8 kHz), runs a Conv1d post-net over it and shows input, output and residual.
      </p>
      <p>
        Also accepted: a mel spectrogram as <code>.npy</code> (<code>[80, T]</code> or <code>[1, 80, T]</code>
        ), and weights as <code>.npz</code>, <code>.npy</code> files named by state_dict key, or{' '}
        <code>.json</code>.
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
