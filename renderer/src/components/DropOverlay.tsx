import { melShape } from '../app/mel-labels';

/** Shown over the whole window while files are dragged over it; `nMels`: the mel settings' bands. */
export function DropOverlay({ nMels }: { nMels: number }) {
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-message">
        <b>Drop to open</b>
        <span>WAV → new input · .npy {melShape(nMels)} → mel input · .npz / .npy / .json → weights</span>
      </div>
    </div>
  );
}
