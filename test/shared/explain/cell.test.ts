import { describe, expect, it } from 'vitest';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import type { Backend } from '../../../shared/backend/types';
import { explainCell, type CellExplanation } from '../../../shared/explain/cell';
import { CellIndexError } from '../../../shared/explain/errors';
import { expectClose } from '../../helpers/close';
import { floatsOf, scaleOf } from '../backend/fixtures';
import { dilatedCase, postnetSmallCase, type ExplainCase } from './cases';

/** Every frame of channels 0, 1 and the last, and every channel of the first and last frame. */
function cellsOf(c: ExplainCase, layer: number): { channel: number; frame: number }[] {
  const act = floatsOf(c.arrays, `L${layer}.act`);
  const channels = c.stack.layers[layer]!.outChannels;
  const frames = act.length / channels;
  const cells = [];
  for (const channel of new Set([0, 1, channels - 1])) {
    for (let frame = 0; frame < frames; frame++) cells.push({ channel, frame });
  }
  for (let channel = 0; channel < channels; channel++)
    cells.push({ channel, frame: 0 }, { channel, frame: frames - 1 });
  return cells;
}

/** The reference array at one cell, and the tolerance its layer's scale allows. */
function referenceAt(c: ExplainCase, key: string, channel: number, frame: number) {
  const data = floatsOf(c.arrays, key);
  const frames = data.length / c.stack.layers[Number(key.slice(1, key.indexOf('.')))]!.outChannels;
  return { value: data[channel * frames + frame]!, atol: 1e-5 * scaleOf(data) };
}

async function expectMatchesPytorch(c: ExplainCase, layer: number, backend: Backend): Promise<number> {
  let checked = 0;
  const conv = c.stack.layers[layer]!;
  for (const { channel, frame } of cellsOf(c, layer)) {
    const cell = await explainCell(c.stack, c.input, { layer, channel, frame }, { backend });
    const label = `${c.name} layer ${layer} out[${channel}, ${frame}]`;
    const sum = referenceAt(c, `L${layer}.conv`, channel, frame);
    expectClose(cell.sum, sum.value, { rtol: 1e-5, atol: sum.atol, label: `${label} sum` });
    if (conv.batchNorm) {
      const bn = referenceAt(c, `L${layer}.bn`, channel, frame);
      expectClose(cell.batchNorm!.value, bn.value, { rtol: 1e-5, atol: bn.atol, label: `${label} BN` });
    } else {
      expect(cell.batchNorm).toBeNull();
    }
    const act = referenceAt(c, `L${layer}.act`, channel, frame);
    expectClose(cell.value, act.value, { rtol: 1e-5, atol: act.atol, label: `${label} value` });
    checked++;
  }
  return checked;
}

const CASES = [postnetSmallCase(), dilatedCase()];

describe.each(CASES)('the microscope over $name equals PyTorch at every layer', (c) => {
  it.each(c.stack.layers.map((_, layer) => layer))(
    'layer %i: sum, BatchNorm and value at the edges (t = 0, t = T−1, padding) and every frame between',
    async (layer) => {
      expect(await expectMatchesPytorch(c, layer, referenceBackend)).toBeGreaterThan(0);
    },
  );

  it('with the fast backend computing the layers before', async () => {
    await expectMatchesPytorch(c, c.stack.layers.length - 1, fastBackend);
  });
});

describe('the microscope equals the full run of each backend', () => {
  it.each([referenceBackend, fastBackend])('$name: value, window and products', async (backend) => {
    for (const c of CASES) {
      const last = c.stack.layers.length - 1;
      const keep = c.stack.layers.map((_, i) => i);
      const run = await backend.run(c.stack, c.input, { keepActivations: keep });
      for (let layer = 0; layer <= last; layer++) {
        const out = run.activations!.get(layer)!;
        const before = layer === 0 ? c.input : run.activations!.get(layer - 1)!;
        for (const frame of [0, 1, Math.floor(out.nFrames / 2), out.nFrames - 1]) {
          const channel = (frame * 7) % out.nChannels;
          const cell = await explainCell(c.stack, c.input, { layer, channel, frame }, { backend });
          const full = out.data[channel * out.nFrames + frame]!;
          if (backend === referenceBackend) expect(cell.value).toBe(full);
          else expectClose(cell.value, full, { rtol: 1e-5, atol: 1e-6, label: `${c.name} ${layer}` });
          expectWindowIsInput(cell, before);
        }
      }
    }
  });
});

/** The window is the previous layer's output at the taps (zeros where they fall in the padding). */
function expectWindowIsInput(cell: CellExplanation, before: { nFrames: number; data: Float32Array }): void {
  const [rows, k] = cell.window.shape;
  const expected = new Float32Array(rows * k);
  for (let c = 0; c < rows; c++) {
    cell.window.frames.forEach((frame, tap) => {
      const inside = frame >= 0 && frame < before.nFrames;
      expect(cell.window.padding[tap]).toBe(!inside);
      if (inside)
        expected[c * k + tap] = before.data[(cell.window.firstChannel + c) * before.nFrames + frame]!;
    });
  }
  expectClose(cell.window.values, expected, { atol: 1e-6, rtol: 1e-6, label: 'window' });
}

describe('the explanation adds up', () => {
  const c = dilatedCase();

  it('products are filter × window; row, column and total sums agree; sum = Σ products + bias', async () => {
    const cell = await explainCell(c.stack, c.input, { layer: 0, channel: 5, frame: 2 });
    expect(cell.window.shape).toEqual([2, 7]);
    expect(cell.window.firstChannel).toBe(2); // groups 3: channel 5 reads input channels 2…3
    expect(cell.window.frames).toEqual([-4, -2, 0, 2, 4, 6, 8]);
    expect(cell.window.padding).toEqual([true, true, false, false, false, false, false]);
    cell.products.forEach((p, i) => expect(p).toBe(cell.filter[i]! * cell.window.values[i]!));
    const rows = cell.channelSums.reduce((a, b) => a + b, 0);
    const columns = cell.tapSums.reduce((a, b) => a + b, 0);
    expectClose([rows, columns], [cell.productSum, cell.productSum], { atol: 1e-12 });
    expectClose(cell.sum, Math.fround(cell.productSum + cell.bias!), { atol: 1e-7 });
    expect(cell.tapSums[0]).toBe(0);
  });

  it('states the arithmetic of its layer: shapes, filters, weights and biases', async () => {
    const cell = await explainCell(c.stack, c.input, { layer: 1, channel: 0, frame: 3 });
    expect(cell.arithmetic).toEqual({
      inputShape: [1, 12, 31],
      outputShape: [1, 8, 16],
      filterCount: 8,
      filterShape: [3, 3],
      weightCount: 8 * 3 * 3,
      biasCount: 8,
    });
    const last = await explainCell(c.stack, c.input, { layer: 2, channel: 0, frame: 0 });
    expect([last.bias, last.arithmetic.biasCount, last.batchNorm, last.activation]).toEqual([
      null,
      0,
      null,
      'identity',
    ]);
  });

  it('computes only the receptive field of the window, not the whole input', async () => {
    const p = postnetSmallCase();
    const seen: number[] = [];
    const spy: Backend = {
      ...referenceBackend,
      run: (stack, input, options) => (seen.push(input.nFrames), referenceBackend.run(stack, input, options)),
    };
    const cell = await explainCell(p.stack, p.input, { layer: 4, channel: 3, frame: 11 }, { backend: spy });
    expect(seen).toEqual([21, 17, 13, 9]); // layers 0…3 over the 21-frame field, 17, 13, 9 frames
    expect(cell.trace.input).toEqual({ first: 1, last: 21 });
    expect(cell.trace.layers).toEqual([
      { first: 3, last: 19 },
      { first: 5, last: 17 },
      { first: 7, last: 15 },
      { first: 9, last: 13 },
      { first: 11, last: 11 },
    ]);
  });
});

describe('the microscope fails clearly for a cell that does not exist', () => {
  const c = postnetSmallCase();
  const cases: [string, { layer: number; channel: number; frame: number }, string][] = [
    [
      'layer 5',
      { layer: 5, channel: 0, frame: 0 },
      'layer 5 does not exist: the Tacotron 2 post-net has 5 layers (0…4)',
    ],
    [
      'layer −1',
      { layer: -1, channel: 0, frame: 0 },
      'layer -1 does not exist: the Tacotron 2 post-net has 5 layers (0…4)',
    ],
    ['layer 1.5', { layer: 1.5, channel: 0, frame: 0 }, 'layer 1.5 does not exist'],
    [
      'channel 16',
      { layer: 0, channel: 16, frame: 0 },
      'channel 16 is out of range: layer 0 (postnet.convolutions.0) has 16 output channels (0…15)',
    ],
    [
      'channel 8 of the last layer',
      { layer: 4, channel: 8, frame: 0 },
      'channel 8 is out of range: layer 4 (postnet.convolutions.4) has 8 output channels (0…7)',
    ],
    [
      'frame 23',
      { layer: 2, channel: 0, frame: 23 },
      "frame 23 is out of range: layer 2's output has 23 frames (0…22)",
    ],
    [
      'frame −1',
      { layer: 2, channel: 0, frame: -1 },
      "frame -1 is out of range: layer 2's output has 23 frames (0…22)",
    ],
  ];
  it.each(cases)('%s', async (_, index, message) => {
    const error = await explainCell(c.stack, c.input, index).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CellIndexError);
    expect((error as Error).message).toContain(message);
  });

  it('names a character index as char', async () => {
    await expect(
      explainCell(c.stack, c.input, { layer: 0, channel: 0, frame: 30 }, { frameName: 'char' }),
    ).rejects.toThrow("char 30 is out of range: layer 0's output has 23 chars (0…22)");
  });

  it('a stride-2 layer counts its own output frames', async () => {
    const d = dilatedCase();
    await expect(explainCell(d.stack, d.input, { layer: 1, channel: 0, frame: 16 })).rejects.toThrow(
      "frame 16 is out of range: layer 1's output has 16 frames (0…15)",
    );
  });
});
