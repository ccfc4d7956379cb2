import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { processSpectrogram } from '../../../shared/pipeline/process';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { DEMO_WEIGHTS_FILE, DEMO_WEIGHTS_NAME, demoWeightsFromBytes } from '../../../shared/demo/weights';
import { maskedMse, smoothLikeDecoder } from '../../../shared/demo/smoothing';
import type { Spectrogram } from '../../../shared/spectrogram';
import { expectClose } from '../../helpers/close';
import { floatsOf, readNpzFixture, tensorOf } from '../backend/fixtures';

const bytes = new Uint8Array(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'resources', DEMO_WEIGHTS_FILE)),
);
const heldout = readNpzFixture('demo-postnet', 'heldout.npz');
const pytorch = readNpzFixture('demo-postnet', 'pytorch.npz');
const scalar = (key: string): number => tensorOf(pytorch, key).data[0]!;

function spectrogram(data: Float32Array): Spectrogram {
  const nFrames = data.length / 80;
  return {
    data,
    nMels: 80,
    nFrames,
    config: { ...TACOTRON2_MEL },
    source: { name: 'held-out', kind: 'npy' },
  };
}

describe('demoWeightsFromBytes', () => {
  it('loads resources/demo-postnet.npz (float16) as a 5-layer, 128-wide Tacotron 2 post-net, named and default', () => {
    const { stack, summary } = demoWeightsFromBytes(bytes, 80);
    expect(stack.layers.map((l) => [l.inChannels, l.outChannels, l.kernelSize])).toEqual([
      [80, 128, 5],
      [128, 128, 5],
      [128, 128, 5],
      [128, 128, 5],
      [128, 80, 5],
    ]);
    expect(stack.residual).toBe(true);
    expect(summary.name).toBe(DEMO_WEIGHTS_NAME);
    expect(summary.isDefault).toBe(true);
    expect(summary.warnings).toEqual([]);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('the demo post-net on the committed held-out set, with our engine (JS backend)', () => {
  const { stack } = demoWeightsFromBytes(bytes, 80);
  const keys = [...heldout.keys()];

  it("matches PyTorch's output on the LibriVox clip (clean_7), from our own blur", async () => {
    const blurred = smoothLikeDecoder(
      floatsOf(heldout, 'clean_7'),
      80,
      tensorOf(heldout, 'clean_7').shape[1]!,
    );
    expectClose(blurred, floatsOf(pytorch, 'blurred_7'), { atol: 2e-6, label: 'blur vs scipy' });
    const { output } = await processSpectrogram(stack, spectrogram(blurred), { backend: fastBackend });
    expectClose(output, floatsOf(pytorch, 'output_7'), { atol: 2e-4, label: 'post-net vs PyTorch' });
  });

  it('lowers the MSE to the clean mel by at least 40 % (cells where clean > −9), as PyTorch measured', async () => {
    let sumInput = 0;
    let sumOutput = 0;
    let cells = 0;
    for (const key of keys) {
      const clean = floatsOf(heldout, key);
      const blurred = smoothLikeDecoder(clean, 80, clean.length / 80);
      const { output } = await processSpectrogram(stack, spectrogram(blurred), { backend: fastBackend });
      const before = maskedMse(blurred, clean);
      sumInput += before.sumSquared;
      sumOutput += maskedMse(output, clean).sumSquared;
      cells += before.cells;
    }
    const reduction = 1 - sumOutput / sumInput;
    expect(reduction).toBeGreaterThanOrEqual(0.4);
    expect(Math.abs(sumInput / cells - scalar('mse_input'))).toBeLessThan(1e-4);
    expect(Math.abs(sumOutput / cells - scalar('mse_output'))).toBeLessThan(1e-4);
    expect(Math.abs(reduction - scalar('reduction'))).toBeLessThan(1e-3);
  });
});

describe('demoWeightsFromBytes fails clearly', () => {
  it('when the bundled bytes are damaged, naming the bundled file', () => {
    const damaged = bytes.slice(0, 200);
    expect(() => demoWeightsFromBytes(damaged)).toThrow(WeightsFormatError);
    expect(() => demoWeightsFromBytes(damaged)).toThrow(/^the bundled demo-postnet\.npz: /);
  });
});
