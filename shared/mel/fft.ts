/**
 * A typed face for `fft.js` (radix-4, power-of-two sizes ≥ 2), for Griffin-Lim's complex
 * transforms (the mel's real FFT is real-fft.ts). Its bundled declarations type everything as
 * `any`; this wrapper is the only place in shared/ that touches them.
 */
import FFT from 'fft.js';

export interface ComplexFft {
  readonly size: number;
  /** Forward DFT of `size` complex values, interleaved re, im (2·size slots in and out; distinct buffers). */
  forward(input: Float64Array, out: Float64Array): void;
  /** Inverse DFT, scaled by 1/size: x[n] = (1/size) Σ X[k]·e^(2πikn/size). Distinct buffers. */
  inverse(input: Float64Array, out: Float64Array): void;
}

export function createComplexFft(size: number): ComplexFft {
  const fft = new FFT(size);
  return {
    size,
    forward(input, out) {
      fft.transform(out, input);
    },
    inverse(input, out) {
      fft.inverseTransform(out, input);
    },
  };
}
