import { describe, expect, it } from 'vitest';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import { explainCell } from '../../../shared/explain/cell';
import {
  DEFAULT_EMBEDDING_NAME,
  defaultEmbedding,
  embedSymbols,
  encoderFromTensors,
} from '../../../shared/explain/text-input';
import { ModelBuildError, ShapeMismatchError } from '../../../shared/errors';
import { makeTensor } from '../../../shared/tensor';
import { textToSequence } from '../../../shared/text/sequence';
import { expectClose } from '../../helpers/close';
import { floatsOf, readNpzFixture, scaleOf } from '../backend/fixtures';
import { tacotron2SmallTensors } from './cases';

const TEXT = '{HH AH0 L OW1} there, {W ER1 L D}.';
const io = readNpzFixture('explain', 'encoder_text.npz');

describe('the microscope over characters: embedding → Tacotron 2 encoder convolutions', () => {
  const tensors = tacotron2SmallTensors();
  const { stack, embedding, warnings } = encoderFromTensors(tensors, 'tacotron2_small.npz');
  const { ids } = textToSequence(TEXT, 'english');
  const input = embedSymbols(embedding!, ids);

  it('picks the encoder and embedding out of a file that also holds a post-net and an LSTM', () => {
    expect(stack.layout).toBe('tacotron2-encoder');
    expect(
      stack.layers.map((l) => [l.name, l.inChannels, l.outChannels, l.kernelSize, l.activation]),
    ).toEqual([
      ['encoder.convolutions.0', 16, 16, 5, 'relu'],
      ['encoder.convolutions.1', 16, 16, 5, 'relu'],
      ['encoder.convolutions.2', 16, 16, 5, 'relu'],
    ]);
    expect([embedding!.nSymbols, embedding!.dim, embedding!.key]).toEqual([148, 16, 'embedding.weight']);
    expect(warnings).toEqual([]);
  });

  it("the ids are NVIDIA's and the embedded text [16, n_chars] is PyTorch's", () => {
    expect(ids).toEqual(Array.from(io.get('ids')!.data, Number));
    expect([input.nChannels, input.nFrames]).toEqual([16, ids.length]);
    expectClose(input.data, floatsOf(io, 'x'), { atol: 0, label: 'embedded' });
  });

  it.each([0, 1, 2])('layer %i: sum, BatchNorm and value at every char of three channels', async (layer) => {
    for (const channel of [0, 5, 15]) {
      for (let char = 0; char < ids.length; char++) {
        const cell = await explainCell(stack, input, { layer, channel, frame: char }, { frameName: 'char' });
        for (const [key, actual] of [
          ['conv', cell.sum],
          ['bn', cell.batchNorm!.value],
          ['act', cell.value],
        ] as const) {
          const expected = floatsOf(io, `L${layer}.${key}`);
          expectClose(actual, expected[channel * ids.length + char]!, {
            rtol: 1e-5,
            atol: 1e-5 * scaleOf(expected),
            label: `layer ${layer} ${key} [${channel}, ${char}]`,
          });
        }
      }
    }
  });

  it('the receptive field of a layer-2 cell is 13 characters', async () => {
    const cell = await explainCell(
      stack,
      input,
      { layer: 2, channel: 0, frame: 6 },
      { backend: referenceBackend },
    );
    expect(cell.trace.input).toEqual({ first: 0, last: 12 });
  });
});

describe('encoderFromTensors and embedSymbols fail clearly', () => {
  it('when the file has no encoder', () => {
    const tensors = new Map([
      ['postnet.convolutions.0.0.conv.weight', makeTensor('float32', [2, 2, 1], new Float32Array(4))],
    ]);
    expect(() => encoderFromTensors(tensors, 'postnet.npz')).toThrow(ModelBuildError);
    expect(() => encoderFromTensors(tensors, 'postnet.npz')).toThrow(
      "postnet.npz: no Tacotron 2 encoder convolutions ('encoder.convolutions.{i}.0.conv.weight') in 1 tensors",
    );
  });

  it('when embedding.weight does not fit the first conv', () => {
    const tensors = tacotron2SmallTensors();
    tensors.set('embedding.weight', makeTensor('float32', [148, 8], new Float32Array(148 * 8)));
    expect(() => encoderFromTensors(tensors, 't.npz')).toThrow(
      "t.npz: 'embedding.weight' has shape [148, 8]; the encoder's first conv takes 16 channels, so it needs [n_symbols, 16]",
    );
  });

  it('when a symbol id has no row', () => {
    const small = { nSymbols: 10, dim: 2, weight: new Float32Array(20), key: 'embedding.weight' };
    expect(() => embedSymbols(small, [3, 64])).toThrow(ShapeMismatchError);
    expect(() => embedSymbols(small, [3, 64])).toThrow(
      "symbol id 64 ('@AA') at char 1 has no row in embedding.weight [10, 2]",
    );
  });
});

describe('the untrained default embedding', () => {
  it('is seeded (same every time), [148, dim], within NVIDIA’s ±√3·√(2 / (148 + dim))', () => {
    const a = defaultEmbedding(512);
    const b = defaultEmbedding(512);
    expect(a.weight).toEqual(b.weight);
    expect([a.nSymbols, a.dim, a.key]).toEqual([148, 512, null]);
    const bound = Math.sqrt(3) * Math.sqrt(2 / (148 + 512));
    expect(scaleOf(a.weight)).toBeLessThanOrEqual(bound);
    expect(scaleOf(a.weight)).toBeGreaterThan(0.99 * bound);
    expect(DEFAULT_EMBEDDING_NAME).toContain('untrained');
  });
});

describe("an encoder's own state_dict (bare convolutions.* beside lstm.*)", () => {
  it('is recognised as the encoder, without an embedding', () => {
    const bare = new Map(
      [...tacotron2SmallTensors()]
        .filter(([key]) => key.startsWith('encoder.'))
        .map(([key, tensor]) => [key.slice('encoder.'.length), tensor]),
    );
    const { stack, embedding } = encoderFromTensors(bare, 'encoder.npz');
    expect(stack.layout).toBe('tacotron2-encoder');
    expect(stack.layers).toHaveLength(3);
    expect(embedding).toBeNull();
  });
});
