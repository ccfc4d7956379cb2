import { cliBuildsStack } from '../../../electron/cli/advice';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import { ModelBuildError } from '../../../shared/errors';
import { printModule } from '../../../shared/model/print';
import type { Conv1dStack } from '../../../shared/model/types';
import { loadWeights, stacksNote, type LoadWeightsOptions } from '../../../shared/weights/load';
import { expectClose } from '../../helpers/close';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { floatsOf, readNpzFixture, scaleOf } from '../backend/fixtures';

const DIR = 'checkpoints';

function load(name: string, options: LoadWeightsOptions = {}) {
  return loadWeights([{ name, bytes: readFixture(DIR, name) }], options);
}

async function runs(stack: Conv1dStack, x: Float32Array, nChannels: number) {
  const input = { nChannels, nFrames: x.length / nChannels, data: x };
  return {
    fast: await fastBackend.run(stack, input),
    reference: await referenceBackend.run(stack, input),
  };
}

/** Post-net output (x + postnet(x)) and residual against PyTorch's, within 1e-5 relative. */
async function expectPostnetMatches(stack: Conv1dStack, io: string, prefix = '') {
  const ref = readNpzFixture(DIR, io);
  const x = floatsOf(ref, `${prefix}x`);
  const expected = floatsOf(ref, 'residual');
  const output = floatsOf(ref, 'output');
  for (const [backend, result] of Object.entries(await runs(stack, x, 8))) {
    const label = `${io} (${backend})`;
    expectClose(result.residual.data, expected, { rtol: 1e-5, atol: 1e-5 * scaleOf(expected), label });
    expectClose(result.output.data, output, { rtol: 1e-5, atol: 1e-5 * scaleOf(output), label });
  }
}

describe('PyTorch checkpoints give PyTorch’s outputs (within 1e-5 relative)', () => {
  it.each([
    ['postnet_zip.pt', 'postnet_io.npz'],
    ['postnet_legacy.pt', 'postnet_io.npz'],
    ['postnet_legacy_protocol4.pt', 'postnet_io.npz'],
    ['postnet_noncontiguous.pt', 'postnet_io.npz'],
    ['postnet.safetensors', 'postnet_io.npz'],
    ['postnet_fp16.pt', 'postnet_fp16_io.npz'],
    ['postnet_bf16.safetensors', 'postnet_bf16_io.npz'],
    ['checkpoint_1000', 'tacotron2_io.npz'],
    ['checkpoint_legacy_module.pt', 'tacotron2_io.npz'],
    ['coqui_tacotron2.pth', 'coqui_io.npz'],
    ['espnet2_tacotron2.pth', 'espnet_io.npz'],
    ['espnet1_postnet_nobn.pth', 'espnet_nobn_io.npz'],
  ])('%s: the post-net', async (file, io) => {
    const { stack } = load(file, { nMels: 8 });
    expect(stack.residual).toBe(true);
    await expectPostnetMatches(stack, io);
  });

  it.each([
    ['checkpoint_1000', 'tacotron2_io.npz', 'Tacotron 2 encoder convolutions'],
    ['checkpoint_legacy_module.pt', 'tacotron2_io.npz', 'Tacotron 2 encoder convolutions'],
    ['coqui_tacotron2.pth', 'coqui_io.npz', 'Coqui TTS Tacotron 2 encoder convolutions'],
  ])('%s: the encoder convolutions (stack: encoder)', async (file, io, kind) => {
    const { stack, details } = load(file, { stack: 'encoder' });
    expect({ kind: stack.kind, residual: stack.residual, built: details.built }).toEqual({
      kind,
      residual: false,
      built: 'encoder',
    });
    const ref = readNpzFixture(DIR, io);
    const expected = floatsOf(ref, 'encoder_y');
    for (const [backend, result] of Object.entries(await runs(stack, floatsOf(ref, 'encoder_x'), 12))) {
      expectClose(result.output.data, expected, {
        rtol: 1e-5,
        atol: 1e-5 * scaleOf(expected),
        label: backend,
      });
    }
    expect(details.embedding).toMatchObject({ shape: [20, 12] });
    expect(details.embedding!.key).toMatch(/^(module\.)?embedding\.weight$/);
  });

  it('an explicit architecture naming its keys (--arch) over a checkpoint with its own names', async () => {
    const architecture = { name: 'conv_stack.arch.json', bytes: readFixture(DIR, 'conv_stack.arch.json') };
    const { stack, summary } = load('conv_stack.pt', { nMels: 8, architecture });
    expect(stack.kind).toBe('my denoiser');
    expect(stack.layers.map((l) => [l.name, l.dilation, l.groups, l.activation, l.bias !== null])).toEqual([
      ['conv_in', 1, 1, 'relu', true],
      ['conv_mid', 2, 2, 'tanh', true],
      ['conv_out', 1, 1, 'identity', false],
    ]);
    expect(stack.layers[0]!.batchNorm!.eps).toBe(1e-3);
    expect(summary.tensors.every((row) => row.used)).toBe(true);
    await expectPostnetMatches(stack, 'conv_stack_io.npz');
  });
});

describe('what loading a checkpoint reports', () => {
  it('a trainer checkpoint: where the weights were, what was ignored, the stacks it holds', () => {
    const { summary, details } = load('checkpoint_1000');
    expect(details.files).toEqual([
      {
        name: 'checkpoint_1000',
        format: 'torch-zip',
        metadata: null,
        stateDictPath: ['state_dict'],
        ignored: [
          { key: 'iteration', description: '1000' },
          { key: 'optimizer', description: 'dict of 2 entries' },
          { key: 'learning_rate', description: '0.001' },
        ],
      },
    ]);
    expect(summary.warnings[0]).toBe(
      "ignored 3 entries of the checkpoint that are not weights: 'iteration' = 1000, 'optimizer' (dict of 2 entries), " +
        "'learning_rate' = 0.001; the weights are under 'state_dict'",
    );
    expect(details.stacks.map((s) => [s.role, s.layout, s.prefix, s.nLayers, s.embeddingKey])).toEqual([
      ['postnet', 'tacotron2-postnet', 'postnet.convolutions.', 5, null],
      ['encoder', 'tacotron2-encoder', 'encoder.convolutions.', 3, 'embedding.weight'],
    ]);
    expect(stacksNote(details, 'checkpoint_1000', cliBuildsStack)).toBe(
      "checkpoint_1000 holds 2 stacks: 'postnet.convolutions.*' (Tacotron 2 post-net, 5 layers), built; " +
        "'encoder.convolutions.*' (Tacotron 2 encoder convolutions, 3 layers): --stack encoder builds it",
    );
    expect(stacksNote(details, 'checkpoint_1000', () => 'choose it in the weights panel')).toMatch(
      /: choose it in the weights panel$/,
    );
  });

  it('a safetensors file: its __metadata__', () => {
    expect(load('postnet.safetensors').details.files[0]).toMatchObject({
      format: 'safetensors',
      metadata: { format: 'pt', source: 'postnet-studio test fixture' },
    });
  });

  it.each([
    ['coqui_tacotron2.pth', 'coqui_postnet_print.txt', {}],
    ['coqui_tacotron2.pth', 'coqui_encoder_print.txt', { stack: 'encoder' as const }],
    ['espnet2_tacotron2.pth', 'espnet_postnet_print.txt', {}],
    ['espnet1_postnet_nobn.pth', 'espnet_nobn_print.txt', {}],
  ])('%s prints as print(model) does (%s)', (file, print, options) => {
    const expected = readFileSync(fixturePath(DIR, print), 'utf8')
      .trimEnd()
      .replace(/\n {2}\(lstm\): LSTM\(.*\)/, '');
    expect(printModule(load(file, options).stack)).toBe(expected);
  });

  it('fails clearly when the stack asked for is not there, naming what the file holds', () => {
    expect(() => load('espnet2_tacotron2.pth', { stack: 'encoder' })).toThrow(ModelBuildError);
    expect(() => load('espnet2_tacotron2.pth', { stack: 'encoder' })).toThrow(
      "espnet2_tacotron2.pth: no encoder convolutions in these weights; they hold 'tts.dec.postnet.postnet.*' " +
        '(ESPnet Tacotron 2 post-net, 5 layers)',
    );
  });

  it('fails clearly on an --arch document beside weights that lack a key it names', () => {
    const arch = new TextEncoder().encode('{"layers": [{"weight": "nowhere.weight"}]}');
    expect(() => load('postnet_zip.pt', { architecture: { name: 'a.json', bytes: arch } })).toThrow(
      "postnet_zip.pt with a.json: missing key 'nowhere.weight' (the weight a.json: layers[0] names)",
    );
  });
});
