/**
 * The explicit layer JSON (schema in docs/weights.md): a Conv1d stack that is not a Tacotron 2
 * state_dict, layer by layer with its hyperparameters and tensors. It stands for
 * `nn.Sequential(Conv1d, [BatchNorm1d], [Tanh | ReLU], …)` and yields that Sequential's state_dict keys.
 */
import { WeightsFormatError } from '../errors';
import { sequentialSlots, type LayerSpec, type StackArchitecture } from '../model/architecture';
import type { Activation, Conv1dPadding } from '../model/types';
import type { Tensor, TensorMap } from '../tensor';
import { describeJson, isJsonObject, jsonTensor, type JsonObject, type JsonWeights } from './json-tensor';
import {
  MAX_CHANNELS,
  MAX_DILATION,
  MAX_KERNEL_REACH,
  MAX_KERNEL_SIZE,
  MAX_LAYERS,
  MAX_STRIDE,
} from './limits';

export const LAYERS_FORMAT = 'postnet-studio.conv1d-stack';

export const TOP_FIELDS = new Set(['format', 'version', 'kind', 'residual', 'layers']);
export const LAYER_FIELDS = new Set([
  'in_channels',
  'out_channels',
  'kernel_size',
  'stride',
  'padding',
  'dilation',
  'groups',
  'activation',
  'weight',
  'bias',
  'batch_norm',
]);
export const BN_FIELDS = new Set(['eps', 'momentum', 'weight', 'bias', 'running_mean', 'running_var']);
const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'identity'];

export function isLayersDocument(root: JsonObject): boolean {
  if (root.format === LAYERS_FORMAT) return true;
  const layers = root.layers;
  return Array.isArray(layers) && layers.length > 0 && layers.every((l) => isJsonObject(l) && 'weight' in l);
}

export function parseLayersDocument(root: JsonObject, file: string): JsonWeights {
  checkFields(root, TOP_FIELDS, `${file}`);
  if (root.version !== undefined && root.version !== 1) {
    throw new WeightsFormatError(
      `${file}: "version" ${JSON.stringify(root.version)} is not supported (1 is)`,
    );
  }
  if (!Array.isArray(root.layers) || root.layers.length === 0) {
    throw new WeightsFormatError(`${file}: "layers" must be a non-empty list`);
  }
  if (root.layers.length > MAX_LAYERS) {
    throw new WeightsFormatError(
      `${file}: "layers" lists ${root.layers.length} layers; at most ${MAX_LAYERS} are read`,
    );
  }
  const specs: LayerSpec[] = [];
  const layerTensors: LayerTensors[] = [];
  root.layers.forEach((raw, i) => {
    const where = `${file}: layers[${i}]`;
    if (!isJsonObject(raw)) throw new WeightsFormatError(`${where} is ${describeJson(raw)}, not an object`);
    const { spec, tensors } = parseLayer(raw, where, file, i);
    specs.push(spec);
    layerTensors.push(tensors);
  });
  const architecture: StackArchitecture = {
    kind: typeof root.kind === 'string' && root.kind !== '' ? root.kind : 'Conv1d stack',
    residual: booleanField(root, 'residual', false, file),
    layers: specs,
  };
  return { tensors: sequentialTensors(specs, layerTensors), architecture };
}

interface LayerTensors {
  weight: Tensor;
  bias: Tensor | null;
  bn: Record<string, Tensor> | null;
}

function parseLayer(
  raw: JsonObject,
  where: string,
  file: string,
  i: number,
): { spec: LayerSpec; tensors: LayerTensors } {
  checkFields(raw, LAYER_FIELDS, where);
  checkCaps(raw, where);
  if (typeof raw.weight === 'string') {
    throw new WeightsFormatError(
      `${where}: "weight" names the tensor '${raw.weight}': this is an architecture, which goes with --arch next to ` +
        `the weights file that holds its tensors (docs/weights.md)`,
    );
  }
  const weight = jsonTensor(raw.weight, `layers[${i}].weight`, file);
  if (weight.shape.length !== 3) {
    throw new WeightsFormatError(
      `${where}: "weight" has shape [${weight.shape.join(', ')}]; a Conv1d weight is [out_channels, in_channels / groups, kernel_size]`,
    );
  }
  const [outShape, inPerGroup, kernelShape] = weight.shape as [number, number, number];
  const groups = intField(raw, 'groups', 1, where);
  const bias =
    raw.bias === undefined || raw.bias === null ? null : jsonTensor(raw.bias, `layers[${i}].bias`, file);
  const bnRaw = raw.batch_norm;
  let bn: Record<string, Tensor> | null = null;
  let batchNorm: LayerSpec['batchNorm'] = null;
  if (bnRaw !== undefined && bnRaw !== null) {
    if (!isJsonObject(bnRaw)) throw new WeightsFormatError(`${where}: "batch_norm" must be an object`);
    checkFields(bnRaw, BN_FIELDS, `${where}.batch_norm`);
    bn = {};
    for (const name of ['weight', 'bias', 'running_mean', 'running_var']) {
      if (bnRaw[name] !== undefined)
        bn[name] = jsonTensor(bnRaw[name], `layers[${i}].batch_norm.${name}`, file);
    }
    const affine = 'weight' in bn || 'bias' in bn;
    batchNorm = {
      eps: numberField(bnRaw, 'eps', 1e-5, `${where}.batch_norm`),
      momentum: numberField(bnRaw, 'momentum', 0.1, `${where}.batch_norm`),
      affine,
    };
  }
  checkReach(spec0(raw, kernelShape), where);
  const spec: LayerSpec = {
    inChannels: intField(raw, 'in_channels', inPerGroup * groups, where),
    outChannels: intField(raw, 'out_channels', outShape, where),
    kernelSize: intField(raw, 'kernel_size', kernelShape, where),
    stride: intField(raw, 'stride', 1, where),
    padding: paddingField(raw, where),
    dilation: intField(raw, 'dilation', 1, where),
    groups,
    bias: bias !== null,
    activation: activationField(raw, where),
    batchNorm,
  };
  return { spec, tensors: { weight, bias, bn } };
}

/** Keys as `nn.Sequential(...).state_dict()` would name them. */
function sequentialTensors(specs: readonly LayerSpec[], layers: readonly LayerTensors[]): TensorMap {
  const slots = sequentialSlots(specs);
  const tensors: TensorMap = new Map();
  layers.forEach((layer, i) => {
    const slot = slots[i]!;
    tensors.set(`${slot.conv}.weight`, layer.weight);
    if (layer.bias) tensors.set(`${slot.conv}.bias`, layer.bias);
    if (layer.bn && slot.batchNorm !== null) {
      for (const [name, tensor] of Object.entries(layer.bn)) tensors.set(`${slot.batchNorm}.${name}`, tensor);
    }
  });
  return tensors;
}

/** The largest value each integer field may take (see limits.ts). */
const FIELD_CAPS: Readonly<Record<string, number>> = {
  in_channels: MAX_CHANNELS,
  out_channels: MAX_CHANNELS,
  kernel_size: MAX_KERNEL_SIZE,
  stride: MAX_STRIDE,
  dilation: MAX_DILATION,
  groups: MAX_CHANNELS,
};

/** Refuses integer fields above their cap, before any tensor of the layer is read. */
export function checkCaps(raw: JsonObject, where: string): void {
  for (const [field, cap] of Object.entries(FIELD_CAPS)) {
    const value = raw[field];
    if (typeof value === 'number' && value > cap) {
      throw new WeightsFormatError(
        `${where}: "${field}" is ${value}; at most ${cap} is read (docs/weights.md, Limits)`,
      );
    }
  }
}

/** The kernel size and dilation a layer declares (or the weight's), with its padding. */
function spec0(
  raw: JsonObject,
  kernelShape: number,
): { kernelSize: number; dilation: number; padding: unknown } {
  const kernelSize = typeof raw.kernel_size === 'number' ? raw.kernel_size : kernelShape;
  const dilation = typeof raw.dilation === 'number' ? raw.dilation : 1;
  return { kernelSize, dilation, padding: raw.padding };
}

/**
 * The kernel's reach, dilation · (kernel_size − 1), stays within MAX_KERNEL_REACH frames, and
 * padding within the reach: more padding only adds output frames that see nothing but zeros
 * (and a crafted padding of 10^8 would make a 10^8-frame output).
 */
export function checkReach(
  layer: { kernelSize: number; dilation: number; padding: unknown },
  where: string,
): void {
  const reach = layer.dilation * (layer.kernelSize - 1);
  if (reach > MAX_KERNEL_REACH) {
    throw new WeightsFormatError(
      `${where}: dilation ${layer.dilation} × (kernel_size ${layer.kernelSize} − 1) reaches ${reach} frames; ` +
        `at most ${MAX_KERNEL_REACH} are read`,
    );
  }
  if (typeof layer.padding === 'number' && layer.padding > reach) {
    throw new WeightsFormatError(
      `${where}: "padding" ${layer.padding} is more than the kernel's reach, dilation × (kernel_size − 1) = ${reach}: ` +
        `the extra output frames would see only zeros`,
    );
  }
}

export function checkFields(object: JsonObject, allowed: ReadonlySet<string>, where: string): void {
  for (const field of Object.keys(object)) {
    if (!allowed.has(field)) {
      throw new WeightsFormatError(
        `${where}: unknown field "${field}" (expected one of: ${[...allowed].join(', ')})`,
      );
    }
  }
}

export function intField(object: JsonObject, field: string, fallback: number, where: string): number {
  const value = object[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new WeightsFormatError(`${where}: "${field}" must be an integer, found ${describeJson(value)}`);
  }
  return value;
}

export function numberField(object: JsonObject, field: string, fallback: number, where: string): number {
  const value = object[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new WeightsFormatError(`${where}: "${field}" must be a number ≥ 0, found ${describeJson(value)}`);
  }
  return value;
}

export function booleanField(object: JsonObject, field: string, fallback: boolean, where: string): boolean {
  const value = object[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new WeightsFormatError(`${where}: "${field}" must be true or false, found ${describeJson(value)}`);
  }
  return value;
}

export function paddingField(object: JsonObject, where: string): Conv1dPadding {
  const value = object.padding;
  if (value === undefined || value === 'valid') return 0;
  if (value === 'same') return 'same';
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new WeightsFormatError(
    `${where}: "padding" must be an integer ≥ 0, "same" or "valid", found ${describeJson(value)}`,
  );
}

export function activationField(object: JsonObject, where: string): Activation {
  const value = object.activation;
  if (value === undefined || value === null) return 'identity';
  if (typeof value === 'string' && (ACTIVATIONS as readonly string[]).includes(value))
    return value as Activation;
  throw new WeightsFormatError(
    `${where}: "activation" must be one of ${ACTIVATIONS.map((a) => `"${a}"`).join(', ')}, found ${describeJson(value)}`,
  );
}
