/**
 * A typed face for `fft.js` (radix-4, power-of-two sizes ≥ 2). Its bundled declarations type
 * everything as `any`; this wrapper is the only place that touches them.
 */
import FFT from 'fft.js';

export interface RealFft {
  readonly size: number;
  /**
   * Forward DFT of `size` real samples, X[k] = Σ x[n]·e^(−2πikn/size). Writes bins 0…size/2
   * (inclusive) into `out` as interleaved re, im: `out[2k]`, `out[2k + 1]`; `out` has 2·size slots.
   */
  forward(input: Float64Array, out: Float64Array): void;
  /** A buffer of the right size for `forward`'s output. */
  createOutput(): Float64Array;
}

export function createRealFft(size: number): RealFft {
  const fft = new FFT(size);
  return {
    size,
    forward(input, out) {
      fft.realTransform(out, input);
    },
    createOutput() {
      return new Float64Array(2 * size);
    },
  };
}

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
