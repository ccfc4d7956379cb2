/** Shown over the whole window while files are dragged over it. */
export function DropOverlay() {
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-message">
        <b>Drop to open</b>
        <span>WAV → new input · .npy [80, T] → mel input · .npz / .npy / .json → weights</span>
      </div>
    </div>
  );
}
