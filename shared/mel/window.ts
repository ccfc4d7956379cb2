/**
 * The analysis window: a **periodic** Hann of `winLength` samples, w[n] = 0.5 − 0.5·cos(2πn / winLength)
 * (torch.hann_window's default, scipy `get_window('hann', fftbins=True)`), zero-padded to nFft with
 * (nFft − winLength) // 2 zeros on the left, as torch.stft centres a shorter window.
 */
export function paddedPeriodicHann(winLength: number, nFft: number): Float64Array {
  const window = new Float64Array(nFft);
  const left = Math.floor((nFft - winLength) / 2);
  for (let n = 0; n < winLength; n++) {
    window[left + n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / winLength);
  }
  return window;
}
