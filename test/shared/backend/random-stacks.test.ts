import { describe, expect, it } from 'vitest';
import { expectClose } from '../../helpers/close';
import { allBackends, float64Tolerance } from './backends';
import {
  floatsOf,
  randomStack,
  readJsonFixture,
  readNpzFixture,
  scaleOf,
  type RandomStackCase,
} from './fixtures';

const cases = readJsonFixture<RandomStackCase[]>('conv', 'random_stacks.json');
const arrays = readNpzFixture('conv', 'random_stacks.npz');

describe.each(allBackends)('$name on seeded random stacks (PyTorch 1.13 float32 and float64)', (backend) => {
  it.each(cases)('$name: within 1e-5 of PyTorch float32 and 1e-6 (Winograd 5e-6) of float64', async (c) => {
    const stack = randomStack(c, arrays);
    const x = floatsOf(arrays, `${c.name}.x`);
    const y = floatsOf(arrays, `${c.name}.y`);
    const y64 = floatsOf(arrays, `${c.name}.y64`);
    const result = await backend.run(stack, { nChannels: c.in_channels, nFrames: c.frames, data: x });
    expect(result.output.data.length).toBe(y.length);
    const atol = 1e-5 * scaleOf(y);
    expectClose(result.output.data, y, { rtol: 1e-5, atol, label: `${c.name} vs float32` });
    expectClose(result.output.data, y64, {
      rtol: 1e-5,
      atol: float64Tolerance(backend) * scaleOf(y64),
      label: `${c.name} vs float64`,
    });
  });
});
