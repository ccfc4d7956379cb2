/**
 * The Slaney mel scale (Auditory Toolbox; librosa `htk=False`, torchaudio `mel_scale="slaney"`):
 * linear below 1000 Hz, `mel = f / (200/3)`; logarithmic above, `mel = 15 + ln(f / 1000) / (ln 6.4 / 27)`.
 */

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

export function hzToMelSlaney(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

export function melToHzSlaney(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}
