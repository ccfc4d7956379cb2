import { describe, expect, it } from 'vitest';
import { planChunks, stackHalo } from '../../../shared/backend/chunks';
import { assembleChunks, runChunked, sliceWindow } from '../../../shared/backend/chunk-run';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import type { Activations, Backend } from '../../../shared/backend/types';
import { buildStack } from '../../../shared/model/build';
import { initPostnetTensors } from '../../../shared/model/defaults';
import { SeededRandom } from '../../../shared/model/rng';
import type { Conv1dStack } from '../../../shared/model/types';
import { allBackends } from './backends';
import { randomStack, readJsonFixture, readNpzFixture, type RandomStackCase } from './fixtures';

/** Bit-for-bit equality of two float arrays, with the first difference in the message. */
function expectIdentical(actual: Float32Array, expected: Float32Array, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  const first = actual.findIndex((v, i) => !Object.is(v, expected[i]));
  expect(
    first === -1 ? 'identical' : `first difference at ${first}: ${actual[first]} vs ${expected[first]}`,
    label,
  ).toBe('identical');
}

const postnet = buildStack(
  initPostnetTensors(new SeededRandom(11), { nMels: 80, embeddingDim: 64, kernelSize: 5, nConvolutions: 5 }),
).stack;
const randomCases = readJsonFixture<RandomStackCase[]>('conv', 'random_stacks.json');
const randomArrays = readNpzFixture('conv', 'random_stacks.npz');

function inputFor(stack: Conv1dStack, frames: number, seed: number): Activations {
  const nChannels = stack.layers[0]!.inChannels;
  return { nChannels, nFrames: frames, data: new SeededRandom(seed).fillUniform(nChannels * frames, -4, 1) };
}

describe('planChunks: time split with a halo of the receptive field', () => {
  it('a five-layer k=5 post-net reads 10 frames on each side of a chunk (receptive field 21)', () => {
    expect(stackHalo(postnet)).toEqual({ left: 10, right: 10 });
    const plan = planChunks(postnet, 80, 1000, { chunkFrames: 240 });
    expect(plan.chunks.map((c) => c.layers[4]!.own)).toEqual([
      { start: 0, end: 240 },
      { start: 240, end: 480 },
      { start: 480, end: 720 },
      { start: 720, end: 960 },
      { start: 960, end: 1000 },
    ]);
    // Chunk 1 computes its 240 frames plus whole tiles around them; its input covers the halo.
    const chunk = plan.chunks[1]!;
    expect(chunk.input.start).toBeLessThanOrEqual(240 - 10);
    expect(chunk.input.end).toBeGreaterThanOrEqual(480 + 10);
    expect(chunk.input.end - chunk.input.start).toBeLessThan(240 + 2 * 10 + 5 * 2 * 24);
  });

  it('own ranges partition every layer of a strided stack, and each lies in what its chunk computes', () => {
    const c = randomCases.find((k) => k.name === 'strided_grouped')!;
    const stack = randomStack(c, randomArrays);
    const plan = planChunks(stack, c.in_channels, 500, { chunkFrames: 24 });
    plan.geometry.forEach((g, layer) => {
      let next = 0;
      for (const chunk of plan.chunks) {
        const { own, compute } = chunk.layers[layer]!;
        expect(own.start).toBe(next);
        expect(compute.start).toBeLessThanOrEqual(own.start);
        expect(compute.end).toBeGreaterThanOrEqual(own.end);
        next = own.end;
      }
      expect(next).toBe(g.outFrames);
    });
  });

  it('fails clearly on a chunk size that is not a positive integer, and on an input too short for the stack', () => {
    expect(() => planChunks(postnet, 80, 100, { chunkFrames: 0 })).toThrow(
      'chunkFrames must be a positive integer, got 0',
    );
    const c = randomCases.find((k) => k.name === 'strided_grouped')!;
    expect(() => planChunks(randomStack(c, randomArrays), 6, 2, { chunkFrames: 24 })).toThrow(
      /shorter than the kernel's span/,
    );
  });
});

const chunkSizes = [24, 48, 100, 1000];

describe.each(allBackends.filter((b) => b !== referenceBackend))(
  '$name: chunked runs equal the unchunked run bit for bit',
  (backend: Backend) => {
    it.each(chunkSizes)(
      'a five-layer post-net over 437 frames in chunks of %i frames (output, residual, kept layers)',
      async (chunkFrames) => {
        const input = inputFor(postnet, 437, 3);
        const whole = await backend.run(postnet, input, { keepActivations: [0, 2, 4] });
        const plan = planChunks(postnet, 80, 437, { chunkFrames });
        const chunked = await runChunked(backend, postnet, input, plan, { keepActivations: [0, 2, 4] });
        expectIdentical(chunked.output.data, whole.output.data, 'output');
        expectIdentical(chunked.residual.data, whole.residual.data, 'residual');
        for (const layer of [0, 2, 4]) {
          expectIdentical(
            chunked.activations!.get(layer)!.data,
            whole.activations!.get(layer)!.data,
            `layer ${layer}`,
          );
        }
      },
    );

    it.each(randomCases.filter((c) => c.frames >= 20))(
      'random stack $name over 3× its frames in chunks of 24',
      async (c) => {
        const stack = randomStack(c, randomArrays);
        const input = inputFor(stack, c.frames * 3, 5);
        const whole = await backend.run(stack, input, { keepActivations: [0] });
        const plan = planChunks(stack, c.in_channels, input.nFrames, { chunkFrames: 24 });
        const chunked = await runChunked(backend, stack, input, plan, { keepActivations: [0] });
        expectIdentical(chunked.output.data, whole.output.data, 'output');
        expectIdentical(chunked.activations!.get(0)!.data, whole.activations!.get(0)!.data, 'layer 0');
      },
    );

    it('a plan that stops after a layer gives runUntil’s output for it', async () => {
      const input = inputFor(postnet, 300, 4);
      const stopped = await backend.runUntil(postnet, input, { stopAfterLayer: 2 });
      const plan = planChunks(postnet, 80, 300, { chunkFrames: 48, lastLayer: 2 });
      const chunked = await runChunked(backend, postnet, input, plan);
      expectIdentical(chunked.residual.data, stopped.activations.get(2)!.data, 'layer 2');
    });
  },
);

describe('runChunk and assembleChunks', () => {
  it('chunks run from windows of the input, in any order, assemble into the whole run', async () => {
    const input = inputFor(postnet, 200, 6);
    const plan = planChunks(postnet, 80, 200, { chunkFrames: 48 });
    const whole = { ...input, firstFrame: 0 };
    const results = await Promise.all(
      [...plan.chunks]
        .reverse()
        .map((c) => fastBackend.runChunk(postnet, sliceWindow(whole, c.input), plan, c.index)),
    );
    const assembled = assembleChunks(plan, results.reverse());
    expectIdentical(assembled.output.data, (await fastBackend.run(postnet, input)).output.data, 'output');
  });

  it('fails clearly when a chunk is given a window without the frames it reads', async () => {
    const input = inputFor(postnet, 200, 6);
    const plan = planChunks(postnet, 80, 200, { chunkFrames: 48 });
    const chunk = plan.chunks[2]!;
    const short = sliceWindow(
      { ...input, firstFrame: 0 },
      { start: chunk.input.start + 1, end: chunk.input.end },
    );
    await expect(fastBackend.runChunk(postnet, short, plan, 2)).rejects.toThrow(
      `the chunk reads input frames ${chunk.input.start}…${chunk.input.end - 1} of 200, it was given ${chunk.input.start + 1}…${chunk.input.end - 1}`,
    );
    await expect(fastBackend.runChunk(postnet, short, plan, 9)).rejects.toThrow(
      'chunk 9 does not exist: the plan has 5',
    );
  });
});
