import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { explainCell } from '../../../shared/explain/cell';
import { frameSteps, traceReceptiveField } from '../../../shared/explain/receptive-field';
import { parseNpy } from '../../../shared/formats/npy';
import { buildStack } from '../../../shared/model/build';
import { defaultPostnetTensors } from '../../../shared/model/defaults';
import { toFloat32 } from '../../../shared/tensor';
import { expectClose } from '../../helpers/close';
import { fixturePath, readFixture } from '../../helpers/fixtures';

interface SpeechCell {
  layer: number;
  channel: number;
  frame: number;
  conv: number;
  bn: number;
  act: number;
}

const doc = JSON.parse(readFileSync(fixturePath('explain', 'default_speech.json'), 'utf8')) as {
  frames: number;
  cells: SpeechCell[];
};
const mel = parseNpy(readFixture('mel', 'speech_pcm16.tacotron2.npy'), 'speech_pcm16.tacotron2.npy');
const input = { nChannels: 80, nFrames: doc.frames, data: toFloat32(mel) };
/** The seed-1234 post-net the fixture was made with (built here, whatever the app's default becomes). */
const { stack } = buildStack(defaultPostnetTensors(), { nMels: 80 });

describe('the microscope over the seeded Tacotron 2 post-net (80 → 512 ×4 → 80) and a speech mel equals PyTorch', () => {
  it.each(doc.cells)('layer $layer out[$channel, $frame]', async (expected) => {
    const { layer, channel, frame } = expected;
    // The fast backend computes the layers before (the reference's bit-exactness is checked on small stacks).
    const cell = await explainCell(stack, input, { layer, channel, frame }, { backend: fastBackend });
    expectClose(cell.sum, expected.conv, { rtol: 1e-5, atol: 1e-5, label: 'sum' });
    expectClose(cell.batchNorm!.value, expected.bn, { rtol: 1e-5, atol: 1e-5, label: 'BN' });
    expectClose(cell.value, expected.act, { rtol: 1e-5, atol: 1e-5, label: 'value' });
    expect(cell.window.shape).toEqual([layer === 0 ? 80 : 512, 5]);
  });
});

describe('receptive field of the Tacotron 2 post-net, derived from the stack', () => {
  const steps = frameSteps(stack);

  it('5, 9, 13, 17, 21 input frames for a cell of layers 0…4', () => {
    const widths = [0, 1, 2, 3, 4].map((layer) => {
      const { input } = traceReceptiveField(steps, layer, 60);
      return input.last - input.first + 1;
    });
    expect(widths).toEqual([5, 9, 13, 17, 21]);
  });

  it('unclipped at the start: frame 0 of the last layer reads input frames −10…10', async () => {
    const cell = await explainCell(stack, input, { layer: 4, channel: 0, frame: 0 });
    expect(cell.trace.input).toEqual({ first: -10, last: 10 });
    expect(cell.window.frames).toEqual([-2, -1, 0, 1, 2]);
    expect(cell.window.padding).toEqual([true, true, false, false, false]);
  });
});
