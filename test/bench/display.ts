/**
 * Bench section `display`: what a colour-map change costs the window's auto colour ranges on ten
 * minutes of 80-band mel (51,680 frames; input, output and residual of 4.1 M values each). Before:
 * the percentile passes over all three arrays, as every display change ran them. After:
 * `displayRanges` with a new colour map over the same arrays (cached by the arrays).
 *
 *   npm run bench -- display
 */
import type { InputDocument, ProcessResult } from '../../shared/api/contract';
import { displayRanges } from '../../renderer/src/app/panes';
import { percentileRange, symmetricRange } from '../../renderer/src/render/value-range';
import { INITIAL_DISPLAY } from '../../renderer/src/state/workspace';
import { sectionOptions } from './args';
import { ms, time, type BenchSection } from './timing';

const N_FRAMES = Math.round((600 * 22050) / 256);

/** Log-mel-like values: a fixed pseudo-random spread over −11.5 … 2.5. */
function melLike(nValues: number, seed: number): Float32Array {
  const values = new Float32Array(nValues);
  let state = seed;
  for (let i = 0; i < nValues; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    values[i] = (state / 2147483648) * 14 - 11.5;
  }
  return values;
}

export function runDisplayBench(): { beforeMs: number; afterMs: number } {
  const data = melLike(80 * N_FRAMES, 1);
  const output = melLike(80 * N_FRAMES, 2);
  const residual = melLike(80 * N_FRAMES, 3);
  const input = { mel: { data, nMels: 80, nFrames: N_FRAMES } } as unknown as InputDocument;
  const result = { output, residual } as unknown as ProcessResult;
  const before = time(
    () => {
      percentileRange([data, output], 0.01, 0.99);
      symmetricRange([residual], 0.99);
    },
    7,
    1,
  );
  let flip = false;
  const after = time(() => {
    flip = !flip;
    displayRanges(input, result, { ...INITIAL_DISPLAY, colormap: flip ? 'viridis' : 'magma' });
  });
  return { beforeMs: before.medianMs, afterMs: after.medianMs };
}

export const displaySection: BenchSection = {
  name: 'display',
  title: `auto colour ranges on a colour-map change, ${N_FRAMES} frames × 80 bands`,
  run(args) {
    sectionOptions('display', args, {});
    const { beforeMs, afterMs } = runDisplayBench();
    console.log(`  percentile passes (every display change, before): ${ms(beforeMs)} median`);
    console.log(`  displayRanges after a colour-map change (cached):  ${ms(afterMs)} median`);
  },
};
