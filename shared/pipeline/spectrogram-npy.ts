/**
 * A spectrogram from an `.npy`: float `[nMels, T]` or `[1, nMels, T]` (what vocoders read), natural
 * log mel as this app writes it. Anything else is refused with a message saying what it looks like.
 */
import { ShapeMismatchError, WeightsFormatError, formatShape } from '../errors';
import { parseNpy } from '../formats/npy';
import type { MelConfig } from '../mel/config';
import type { Spectrogram } from '../spectrogram';
import { firstNonFinite, toFloat32 } from '../tensor';

export function spectrogramFromNpy(bytes: Uint8Array, name: string, config: MelConfig): Spectrogram {
  const tensor = parseNpy(bytes, name);
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'float64' && tensor.dtype !== 'float16') {
    throw new WeightsFormatError(`${name} holds ${tensor.dtype} values; a log-mel spectrogram is float32`);
  }
  const nMels = config.nMels;
  const shape = tensor.shape;
  const batched = shape.length === 3 && shape[0] === 1;
  const [bands, frames] = (batched ? shape.slice(1) : shape) as [number, number];
  const expected = `[${nMels}, T] or [1, ${nMels}, T]`;
  if (shape.length !== 2 && !batched) {
    throw new ShapeMismatchError(
      `${name} has shape ${formatShape(shape)}; expected a spectrogram ${expected}`,
    );
  }
  if (bands !== nMels) {
    const found = `${name} has shape ${formatShape(shape)}, expected ${expected}`;
    if (frames === nMels) {
      throw new ShapeMismatchError(
        `${found}; it looks transposed ([T, ${nMels}], time first): save mel.T (channels first, as vocoders read)`,
      );
    }
    throw new ShapeMismatchError(
      `${found}; the ${config.preset} mel config has ${nMels} bands: a ${bands}-band spectrogram needs a ` +
        `${bands}-band mel config`,
      { kind: 'n-mels', nMels: bands, then: 'reopen' },
    );
  }
  if (frames === 0) throw new ShapeMismatchError(`${name} has shape ${formatShape(shape)}: no frames`);
  const data = toFloat32(tensor);
  const bad = firstNonFinite(data);
  if (bad >= 0) {
    throw new WeightsFormatError(
      `${name} has a non-finite value (${data[bad]}) at band ${Math.floor(bad / frames)}, frame ${bad % frames}; ` +
        `log-mel values must be finite (take the log of max(x, 1e-5))`,
    );
  }
  return { data, nMels, nFrames: frames, config: { ...config }, source: { name, kind: 'npy' } };
}
