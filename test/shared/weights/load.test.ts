import { readdirSync, readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ShapeMismatchError, WeightsFormatError } from '../../../shared/errors';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { sha256Hex } from '../../../shared/formats/sha256';
import { UNTRAINED_WEIGHTS_NAME } from '../../../shared/model/defaults';
import { defaultWeights, filesSha256, formatInspectReport, loadWeights } from '../../../shared/weights/load';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { fullCheckpointNpz } from '../../e2e/helpers/weights-npz';

const npzFile = { name: 'dir/postnet.npz', bytes: readFixture('weights', 'postnet_small', 'postnet.npz') };

describe('loadWeights', () => {
  it('builds the stack and a summary the weights panel shows', () => {
    const { stack, tensors, summary } = loadWeights([npzFile], { nMels: 8 });
    expect(stack.layers).toHaveLength(5);
    expect(tensors.size).toBe(35);
    expect(summary).toMatchObject({
      name: 'postnet.npz',
      isDefault: false,
      sha256: sha256Hex(npzFile.bytes),
      totalParameters: 16 * 8 * 5 * 2 + 16 * 16 * 5 * 3 + 3 * (16 * 4 + 8), // conv weights + (conv bias, BN γ, BN β)
      residual: true,
      warnings: [],
    });
    expect(summary.moduleText).toMatch(/^Postnet\(\n {2}\(convolutions\): ModuleList\(/);
    expect(summary.tensors[0]).toEqual({
      key: 'postnet.convolutions.0.0.conv.weight',
      shape: [16, 8, 5],
      numel: 640,
      used: true,
    });
    expect(summary.tensors.every((row) => row.used)).toBe(true);
    expect(summary.layers[4]).toEqual({
      name: 'postnet.convolutions.4',
      inChannels: 16,
      outChannels: 8,
      kernelSize: 5,
      stride: 1,
      padding: 2,
      padLeft: 2,
      padRight: 2,
      dilation: 1,
      groups: 1,
      bias: true,
      batchNorm: true,
      activation: 'identity',
      repr: 'Conv1d(16, 8, kernel_size=(5,), stride=(1,), padding=(2,))',
    });
  });

  it("each layer's repr is its line in print(model); padding='same' resolves to both sides", () => {
    for (const name of ['relu_bn_k3_k1_k7', 'strided_dilated_grouped', 'residual_16_24_16_k3']) {
      const bytes = new Uint8Array(readFileSync(fixturePath('conv', 'modules', `${name}.json`)));
      const { summary } = loadWeights([{ name: `${name}.json`, bytes }]);
      summary.layers.forEach((layer, i) => {
        expect(summary.moduleText).toContain(`(${layer.name}): ${layer.repr}`);
        expect(layer.padLeft + layer.padRight, `${name} layer ${i}`).toBe(
          layer.padding === 'same' ? layer.dilation * (layer.kernelSize - 1) : 2 * layer.padding,
        );
      });
    }
  });

  it('says which layers have no bias (bias=False in the explicit layer JSON)', () => {
    const modules = fixturePath('conv', 'modules', 'relu_bn_k3_k1_k7.json');
    const { summary } = loadWeights([{ name: 'relu_bn.json', bytes: new Uint8Array(readFileSync(modules)) }]);
    expect(summary.layers.map((layer) => layer.bias)).toEqual([true, false, true]);
  });

  it('marks the tensors the stack does not use (a whole checkpoint: the post-net and more)', () => {
    const checkpoint = zipSync({
      ...unzipSync(npzFile.bytes),
      'embedding.weight.npy': encodeNpyFloat32(new Float32Array(8), [4, 2]),
    });
    const { summary } = loadWeights([{ name: 'checkpoint.npz', bytes: checkpoint }], { nMels: 8 });
    expect(summary.tensors).toHaveLength(36);
    expect(summary.tensors.filter((row) => !row.used).map((row) => row.key)).toEqual(['embedding.weight']);
  });

  it('hashes several files by name, size and bytes, independent of their order', () => {
    const folder = readdirSync(fixturePath('weights', 'postnet_small', 'npy')).map((name) => ({
      name,
      bytes: readFixture('weights', 'postnet_small', 'npy', name),
    }));
    const { summary } = loadWeights(folder, { name: 'npy' });
    expect(summary.name).toBe('npy');
    expect(summary.sha256).toBe(filesSha256([...folder].reverse()));
    expect(summary.sha256).not.toBe(filesSha256(folder.slice(1)));
    expect(loadWeights(folder).summary.name).toBe('35 files');
  });

  it('fails clearly when the weights do not fit the spectrogram', () => {
    expect(() => loadWeights([npzFile], { nMels: 80 })).toThrow(ShapeMismatchError);
    expect(() => loadWeights([npzFile], { nMels: 80 })).toThrow(
      /postnet\.npz: 'postnet\.convolutions\.0\.0\.conv\.weight' is \[16, 8, 5\]/,
    );
  });

  it('fails clearly on layers that do not connect, naming the file once', () => {
    const weight = (out: number, inChannels: number) =>
      Array.from({ length: out }, () => Array.from({ length: inChannels }, () => [0, 1, 0]));
    const json = JSON.stringify({ layers: [{ weight: weight(4, 3) }, { weight: weight(2, 5) }] });
    const file = { name: 'dir/chain.json', bytes: new TextEncoder().encode(json) };
    expect(() => loadWeights([file])).toThrow(ShapeMismatchError);
    expect(() => loadWeights([file])).toThrow(
      /^chain\.json: the layers do not connect: 1 takes 5 channels \(1\.weight \[2, 5, 3\]\) but 0 gives 4/,
    );
  });

  it('fails clearly on a file that is not weights', () => {
    expect(() =>
      loadWeights([{ name: 'song.wav', bytes: new TextEncoder().encode('RIFF....WAVE') }]),
    ).toThrow(WeightsFormatError);
  });
});

/** A one-layer explicit layer JSON with a `[channels, channels, kernel]` weight and these fields. */
function oneLayerJson(fields: Record<string, unknown>, channels = 4, kernel = 3) {
  const weight = Array.from({ length: channels }, () =>
    Array.from({ length: channels }, () => new Array(kernel).fill(0.1)),
  );
  const { residual = false, ...layer } = fields;
  const json = JSON.stringify({ residual, layers: [{ ...layer, weight }] });
  return [{ name: 'stack.json', bytes: new TextEncoder().encode(json) }];
}

describe('a residual stack must give back the frames it takes (checked at load, before any run)', () => {
  it('padding 1 around kernel 3, and padding same around kernel 4, keep T frames: they load', () => {
    expect(loadWeights(oneLayerJson({ residual: true, padding: 1 })).stack.residual).toBe(true);
    expect(
      loadWeights(oneLayerJson({ residual: true, padding: 'same' }, 4, 4)).summary.layers[0],
    ).toMatchObject({
      padLeft: 1,
      padRight: 2,
    });
  });

  it('fails clearly on kernel 3 without padding (the explicit JSON default): layer, key, numbers and the fix', () => {
    const files = oneLayerJson({ residual: true });
    expect(() => loadWeights(files)).toThrow(ShapeMismatchError);
    expect(() => loadWeights(files)).toThrow(
      'stack.json: the stack is residual (output = input + stack(input)), so every layer must give back the T frames ' +
        'it takes, but layer 0 (0.weight [4, 4, 3]): stride 1, padding 0 + 0 around a kernel span of 3 ' +
        "(kernel_size 3, dilation 1) gives T − 2 frames; keep T with padding 1 (dilation·(kernel_size − 1) / 2) or padding 'same'",
    );
  });

  it('fails clearly on stride 2, and on an even kernel padded equally (only same splits it)', () => {
    expect(() => loadWeights(oneLayerJson({ residual: true, padding: 1, stride: 2 }))).toThrow(
      "gives ⌊(T − 1) / 2⌋ + 1 frames; keep T with stride 1 and padding 1 (dilation·(kernel_size − 1) / 2) or padding 'same'",
    );
    expect(() => loadWeights(oneLayerJson({ residual: true, padding: 1 }, 4, 4))).toThrow(
      "padding 1 + 1 around a kernel span of 4 (kernel_size 4, dilation 1) gives T − 1 frames; keep T with padding 'same' " +
        '(1 left, 2 right: an odd dilation·(kernel_size − 1) cannot be split evenly)',
    );
  });

  it('a stack that is not residual may change the frame count (postnet-studio process writes [C, T′])', () => {
    const { stack } = loadWeights(oneLayerJson({ stride: 2 }));
    expect(stack.layers[0]!.stride).toBe(2);
  });
});

describe('defaultWeights', () => {
  it('is the untrained Tacotron 2 post-net, 4,348,144 parameters, no file hash', () => {
    const { stack, summary } = defaultWeights();
    expect(stack.kind).toBe('Tacotron 2 post-net');
    expect(summary).toMatchObject({
      name: UNTRAINED_WEIGHTS_NAME,
      isDefault: true,
      sha256: null,
      totalParameters: 4_348_144,
      warnings: [],
    });
    expect(summary.moduleText).toBe(readFileSync(fixturePath('conv', 'postnet_print.txt'), 'utf8').trimEnd());
    expect(summary.tensors).toHaveLength(35);
  });

  it('is built once and shared', () => {
    expect(defaultWeights()).toBe(defaultWeights());
  });
});

describe('formatInspectReport', () => {
  it('prints the module, one line per tensor, then the total', () => {
    const text = formatInspectReport(defaultWeights().summary);
    const lines = text.split('\n');
    expect(text.startsWith('Postnet(\n')).toBe(true);
    expect(lines).toContain('postnet.convolutions.0.0.conv.weight : 512x80x5 = 204800');
    expect(lines).toContain('postnet.convolutions.1.0.conv.weight : 512x512x5 = 1310720');
    expect(lines).toContain('postnet.convolutions.4.1.running_var : 80 = 80');
    expect(lines).toContain('postnet.convolutions.4.1.num_batches_tracked : scalar = 1');
    expect(lines.filter((l) => / : .* = \d+$/.test(l))).toHaveLength(35);
    expect(lines.at(-2)).toBe('Total trainable parameters: 4,348,144');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('(unused)');
  });

  it('a whole checkpoint: unused tensors are marked, and the total says which tensors it counts', () => {
    const { summary } = loadWeights([{ name: 'checkpoint.npz', bytes: fullCheckpointNpz() }], { nMels: 80 });
    const lines = formatInspectReport(summary).split('\n');
    const rows = lines.filter((l) => / : .* = \d+( \(unused\))?$/.test(l));
    expect(rows).toHaveLength(65);
    expect(rows.filter((l) => l.endsWith(' (unused)'))).toHaveLength(30);
    expect(lines).toContain('module.encoder.lstm.weight_ih_l0 : 1024x512 = 524288 (unused)');
    expect(lines).toContain('module.postnet.convolutions.0.0.conv.weight : 512x80x5 = 204800');
    expect(lines.at(-2)).toBe(
      "Total trainable parameters: 4,348,144 (the model's 35 tensors; 30 other tensors in the file are not used)",
    );
  });

  it('fails clearly to say "tensors" for one: a single unused tensor is "1 other tensor … is not used"', () => {
    const checkpoint = zipSync({
      ...unzipSync(npzFile.bytes),
      'iteration.npy': encodeNpyFloat32(new Float32Array(1), []),
    });
    const { summary } = loadWeights([{ name: 'checkpoint.npz', bytes: checkpoint }], { nMels: 8 });
    expect(formatInspectReport(summary).split('\n').at(-2)).toMatch(
      /^Total trainable parameters: [\d,]+ \(the model's 35 tensors; 1 other tensor in the file is not used\)$/,
    );
  });
});
