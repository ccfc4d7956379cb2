/**
 * Checks on an input spectrogram's values that catch what users trip over (TACOTRON2.md): audio
 * scaled twice (÷ 32768 on samples already in [−1, 1]), and mel `.npy` files in another scale
 * (log10, decibels, linear). Natural-log Tacotron 2 mels lie between ln(1e-5) = −11.51 and about 2.
 * Warnings, not errors: the numbers may be meant; the user is told what they look like.
 */
import type { Spectrogram } from '../spectrogram';

/** Below this loudest value a WAV's mel is "very quiet" (peak ≈ −64 dBFS; speech reaches ≈ 0 to 2). */
const QUIET_MAX = -6;
/** log10(1e-5): the floor of a log10 mel. */
const LOG10_FLOOR = -5;
/** Outside [−30, 30] a value is no natural-log mel magnitude (float32 and the floor bound it). */
const LOG_RANGE = 30;

/** `−9.74`: two decimals with a real minus sign. */
function signed(value: number): string {
  return (value < 0 ? '−' : '') + Math.abs(value).toFixed(2);
}

function finiteRange(data: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

/** What looks wrong about `mel`'s values, one sentence each naming the file; empty when nothing does. */
export function spectrogramValueWarnings(mel: Spectrogram): string[] {
  if (mel.data.length === 0) return [];
  const { min, max } = finiteRange(mel.data);
  const name = mel.source.name;
  if (mel.source.kind === 'wav') {
    return max < QUIET_MAX
      ? [
          `${name} is very quiet: its loudest mel value is ${signed(max)} (speech at a normal level reaches about 0); ` +
            `was the audio divided by 32768 twice? Tacotron 2 expects float samples in [−1, 1]`,
        ]
      : [];
  }
  if (min < -LOG_RANGE || max > LOG_RANGE) {
    return [
      `${name} ranges from ${signed(min)} to ${signed(max)}: that looks like decibels, not a natural-log mel ` +
        `(Tacotron 2’s values lie between −11.51 and about 2)`,
    ];
  }
  if (min >= 0) {
    return [
      `${name} has no negative values (${signed(min)} to ${signed(max)}): that looks like a linear mel, ` +
        `not its natural log (Tacotron 2’s silence is −11.51)`,
    ];
  }
  if (Math.abs(min - LOG10_FLOOR) < 1e-3) {
    return [
      `${name} looks like a log10 mel (its lowest value is ${signed(min)}, log10 of 1e-5): Tacotron 2 and this ` +
        `app use the natural log (floor −11.51); multiply by ln 10 = 2.3026`,
    ];
  }
  return [];
}
