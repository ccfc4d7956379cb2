/** Small, explicit test data for the renderer's pure modules (synthetic spectrograms, summaries). */
import type { InputDocument, LayerSummary, ProcessResult, WeightsSummary } from '../../shared/api/contract';
import type { MicroscopeCalls } from '../../shared/api/microscope';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { UNTRAINED_WEIGHTS_NAME } from '../../shared/model/defaults';
import { layerSummary } from '../../shared/weights/load';

/** Each synthetic input is a new spectrogram: a new revision, as a host gives it. */
let nextRevision = 1;

export function syntheticInput(id: string, nFrames: number, nMels = 80): InputDocument {
  const data = new Float32Array(nMels * nFrames);
  for (let i = 0; i < data.length; i++) data[i] = -11.5 + (13.5 * (i % 97)) / 96;
  return {
    id,
    revision: nextRevision++,
    name: `${id}.wav`,
    audio: {
      encoding: 'PCM 16-bit',
      sampleRateHz: 22050,
      nChannels: 1,
      nSamples: nFrames * 256,
      durationS: (nFrames * 256) / 22050,
    },
    mel: { data, nMels, nFrames, config: { ...TACOTRON2_MEL }, source: { name: `${id}.wav`, kind: 'wav' } },
    warnings: [],
  };
}

export const POSTNET_FIRST_LAYER: LayerSummary = layerSummary({
  name: 'postnet.convolutions.0',
  inChannels: 80,
  outChannels: 512,
  kernelSize: 5,
  stride: 1,
  padding: 2,
  dilation: 1,
  groups: 1,
  bias: true,
  batchNorm: true,
  activation: 'tanh',
});

/**
 * POSTNET_FIRST_LAYER with `changes`, summarised as the engine summarises a layer: padLeft,
 * padRight and repr follow the changed padding, kernel, dilation, channels…
 */
export function layerWith(changes: Partial<LayerSummary>): LayerSummary {
  return layerSummary({ ...POSTNET_FIRST_LAYER, ...changes });
}

export function syntheticWeights(id: string, name = UNTRAINED_WEIGHTS_NAME): WeightsSummary {
  return {
    id,
    name,
    isDefault: name === UNTRAINED_WEIGHTS_NAME,
    sha256: null,
    moduleText: 'Postnet(...)',
    tensors: [
      { key: 'postnet.convolutions.0.0.conv.weight', shape: [512, 80, 5], numel: 204_800, used: true },
    ],
    totalParameters: 4_348_144,
    layers: [
      POSTNET_FIRST_LAYER,
      layerWith({
        name: 'postnet.convolutions.4',
        inChannels: 512,
        outChannels: 80,
        activation: 'identity',
      }),
    ],
    residual: true,
    warnings: [],
    files: [],
    stacks: [],
    built: 'postnet',
    embedding: null,
  };
}

export function syntheticResult(
  input: InputDocument,
  weightsId: string,
  residualValue = 0.25,
): ProcessResult {
  const { nMels, nFrames, data } = input.mel;
  const residual = new Float32Array(nMels * nFrames).fill(residualValue);
  const output = data.map((v, i) => v + residual[i]!);
  return {
    inputId: input.id,
    inputRevision: input.revision,
    weightsId,
    nMels,
    nFrames,
    residual,
    output,
    elapsedMs: 12,
    engine: { name: 'wasm-simd', kind: 'wasm', workers: 2, note: null },
  };
}

/** A whole layer output as columns of one frame each (`LayerActivations` over every frame). */
export function wholeLayerOutput(layer: number, nChannels: number, nFrames: number, value = layer + 0.5) {
  return {
    layer,
    nChannels,
    nFrames,
    data: new Float32Array(nChannels * nFrames).fill(value),
    firstFrame: 0,
    step: 1,
    totalFrames: nFrames,
    reduce: 'absmax' as const,
  };
}

/** The microscope's calls for a scripted host that does not use them: each rejects, naming itself. */
export function unusedMicroscopeCalls(): MicroscopeCalls {
  const unused = (name: string) => () => Promise.reject(new Error(`${name} is not scripted here`));
  return {
    explain: unused('explain'),
    textRun: unused('textRun'),
    layerFilters: unused('layerFilters'),
    tensorStats: unused('tensorStats'),
    exportTensor: unused('exportTensor'),
  };
}

/** The stacks a full Tacotron 2 checkpoint holds, as `findStacks` reports them. */
export const TACOTRON2_STACKS: WeightsSummary['stacks'] = [
  {
    role: 'postnet',
    layout: 'tacotron2-postnet',
    kind: 'Tacotron 2 post-net',
    prefix: 'postnet.convolutions.',
    nLayers: 5,
    embeddingKey: null,
  },
  {
    role: 'encoder',
    layout: 'tacotron2-encoder',
    kind: 'Tacotron 2 encoder convolutions',
    prefix: 'encoder.convolutions.',
    nLayers: 3,
    embeddingKey: 'embedding.weight',
  },
];

/** The encoder convolutions of a full Tacotron 2 `checkpoint_1000`, as `chooseStack` builds them. */
export function syntheticEncoder(id: string): WeightsSummary {
  const layer = (i: number) =>
    layerWith({ name: `encoder.convolutions.${i}`, inChannels: 512, outChannels: 512, activation: 'relu' });
  return {
    ...syntheticWeights(id, 'checkpoint_1000'),
    moduleText: 'Encoder(...)',
    tensors: [
      { key: 'embedding.weight', shape: [148, 512], numel: 75_776, used: false },
      { key: 'encoder.convolutions.0.0.conv.weight', shape: [512, 512, 5], numel: 1_310_720, used: true },
    ],
    totalParameters: 3_939_840,
    layers: [layer(0), layer(1), layer(2)],
    residual: false,
    stacks: TACOTRON2_STACKS,
    built: 'encoder',
    embedding: { key: 'embedding.weight', shape: [148, 512] },
  };
}
