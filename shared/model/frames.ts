/**
 * Whether a Conv1d gives back as many frames as it takes, and how to say so when it does not.
 * A residual stack needs it of every layer (`input + stack(input)`), and so does the window,
 * which shows and exports the output as the input's `[nMels, T]`. The command line runs any
 * stack and writes what it gives.
 */
import type { FrameArithmetic } from './geometry';

/** True when the layer turns T frames into T for every T: stride 1, padLeft + padRight = d·(k − 1). */
export function keepsFrameCount(layer: FrameArithmetic): boolean {
  return layer.stride === 1 && layer.padLeft + layer.padRight === layer.dilation * (layer.kernelSize - 1);
}

/** The layer's output length in terms of T: `T − 2`, `T + 1`, `⌊(T − 1) / 2⌋ + 1`. */
export function outFramesText(layer: FrameArithmetic): string {
  const shift = layer.padLeft + layer.padRight - layer.dilation * (layer.kernelSize - 1);
  const plus = (n: number): string => (n === 0 ? '' : n > 0 ? ` + ${n}` : ` − ${-n}`);
  if (layer.stride === 1) return `T${plus(shift)}`;
  return `⌊(T${plus(shift - 1)}) / ${layer.stride}⌋ + 1`;
}

/**
 * What the layer does to the frame count and how to make it keep T:
 * `stride 1, padding 0 + 0 around a kernel span of 3 (kernel_size 3, dilation 1) gives T − 2
 * frames; keep T with padding 1 (dilation·(kernel_size − 1) / 2) or padding 'same'`.
 */
export function frameChangeText(layer: FrameArithmetic): string {
  const total = layer.dilation * (layer.kernelSize - 1);
  const found =
    `stride ${layer.stride}, padding ${layer.padLeft} + ${layer.padRight} around a kernel span of ` +
    `${total + 1} (kernel_size ${layer.kernelSize}, dilation ${layer.dilation}) gives ` +
    `${outFramesText(layer)} frames`;
  const stride = layer.stride === 1 ? '' : 'stride 1 and ';
  const padding =
    total % 2 === 0
      ? `padding ${total / 2} (dilation·(kernel_size − 1) / 2) or padding 'same'`
      : `padding 'same' (${Math.floor(total / 2)} left, ${total - Math.floor(total / 2)} right: ` +
        `an odd dilation·(kernel_size − 1) cannot be split evenly)`;
  return `${found}; keep T with ${stride}${padding}`;
}
