/**
 * An architecture document (`--arch layers.json`): the explicit layer JSON of docs/weights.md whose
 * tensor fields name keys of a weights file instead of holding numbers, for any Conv1d stack whose
 * keys are not a recognised layout:
 *   {"layers": [{"weight": "net.conv_in.weight", "bias": "net.conv_in.bias", "padding": 1,
 *                "batch_norm": "net.norm", "activation": "relu"}, …], "residual": true}
 * `batch_norm` is a module prefix (its `.weight`, `.bias`, `.running_mean`, `.running_var`) or an
 * object naming each key (plus `eps`, `momentum`). Channels and kernel size default to the named
 * weight's shape, as in the inline form. Parsed here; resolved against the tensors at build time.
 */
import { ModelBuildError, ShapeMismatchError, WeightsFormatError, formatShape } from '../errors';
import type { LayerSpec, LayerTensorKeys, StackArchitecture } from '../model/architecture';
import type { Activation, Conv1dPadding } from '../model/types';
import type { TensorMap } from '../tensor';
import { describeJson, isJsonObject, type JsonObject } from './json-tensor';
import { parseJsonBytes } from './json-text';
import { MAX_LAYERS } from './limits';
import {
  BN_FIELDS,
  LAYER_FIELDS,
  TOP_FIELDS,
  activationField,
  booleanField,
  checkCaps,
  checkFields,
  checkReach,
  numberField,
  paddingField,
} from './layers-json';

/** One layer as the document gives it: keys, and the hyperparameters it states (the rest come from shapes). */
interface LayerTemplate {
  where: string;
  keys: LayerTensorKeys;
  /** A `batch_norm` given as a module prefix: affine when the weights hold `<prefix>.weight`. */
  batchNormPrefix: string | null;
  batchNorm: { eps: number; momentum: number } | null;
  stated: Partial<
    Record<'in_channels' | 'out_channels' | 'kernel_size' | 'stride' | 'dilation' | 'groups', number>
  >;
  padding: Conv1dPadding;
  activation: Activation;
}

export interface ArchitectureTemplate {
  name: string;
  kind: string;
  residual: boolean;
  layers: LayerTemplate[];
}

/** Parses an architecture document; tensors named by key are looked up later (`resolveArchitecture`). */
export function parseArchitectureDocument(bytes: Uint8Array, name: string): ArchitectureTemplate {
  const root = parseJsonBytes(bytes, name);
  if (!isJsonObject(root)) throw new WeightsFormatError(`${name}: expected a JSON object with "layers"`);
  checkFields(root, TOP_FIELDS, name);
  if (root.version !== undefined && root.version !== 1) {
    throw new WeightsFormatError(
      `${name}: "version" ${JSON.stringify(root.version)} is not supported (1 is)`,
    );
  }
  if (!Array.isArray(root.layers) || root.layers.length === 0) {
    throw new WeightsFormatError(`${name}: "layers" must be a non-empty list`);
  }
  if (root.layers.length > MAX_LAYERS) {
    throw new WeightsFormatError(
      `${name}: "layers" lists ${root.layers.length} layers; at most ${MAX_LAYERS} are read`,
    );
  }
  const layers = root.layers.map((raw, i) => {
    const where = `${name}: layers[${i}]`;
    if (!isJsonObject(raw)) throw new WeightsFormatError(`${where} is ${describeJson(raw)}, not an object`);
    return parseLayer(raw, where);
  });
  return {
    name,
    kind: typeof root.kind === 'string' && root.kind !== '' ? root.kind : 'Conv1d stack',
    residual: booleanField(root, 'residual', false, name),
    layers,
  };
}

function keyField(object: JsonObject, field: string, where: string, required: boolean): string | null {
  const value = object[field];
  if (value === undefined || value === null) {
    if (required) throw new WeightsFormatError(`${where}: "${field}" must name a tensor key`);
    return null;
  }
  if (typeof value !== 'string' || value === '') {
    throw new WeightsFormatError(
      `${where}: "${field}" must name a tensor key (a string), found ${describeJson(value)}; an architecture ` +
        `for --arch names keys, the numbers stay in the weights file`,
    );
  }
  return value;
}

function parseLayer(raw: JsonObject, where: string): LayerTemplate {
  checkFields(raw, LAYER_FIELDS, where);
  checkCaps(raw, where);
  const stated: LayerTemplate['stated'] = {};
  for (const field of [
    'in_channels',
    'out_channels',
    'kernel_size',
    'stride',
    'dilation',
    'groups',
  ] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new WeightsFormatError(`${where}: "${field}" must be an integer, found ${describeJson(value)}`);
    }
    stated[field] = value;
  }
  const keys: LayerTensorKeys = {
    weight: keyField(raw, 'weight', where, true)!,
    bias: keyField(raw, 'bias', where, false),
    batchNorm: null,
  };
  let batchNorm: LayerTemplate['batchNorm'] = null;
  let batchNormPrefix: string | null = null;
  const bn = raw.batch_norm;
  if (typeof bn === 'string' && bn !== '') {
    batchNormPrefix = bn;
    batchNorm = { eps: 1e-5, momentum: 0.1 };
  } else if (isJsonObject(bn)) {
    const at = `${where}.batch_norm`;
    checkFields(bn, BN_FIELDS, at);
    batchNorm = { eps: numberField(bn, 'eps', 1e-5, at), momentum: numberField(bn, 'momentum', 0.1, at) };
    const runningMean = keyField(bn, 'running_mean', at, true)!;
    keys.batchNorm = {
      weight: keyField(bn, 'weight', at, false),
      bias: keyField(bn, 'bias', at, false),
      runningMean,
      runningVar: keyField(bn, 'running_var', at, true)!,
      numBatchesTracked: runningMean.endsWith('.running_mean')
        ? `${runningMean.slice(0, -'.running_mean'.length)}.num_batches_tracked`
        : null,
    };
  } else if (bn !== undefined && bn !== null) {
    throw new WeightsFormatError(
      `${where}: "batch_norm" must be a module prefix (a string) or an object of keys, found ${describeJson(bn)}`,
    );
  }
  return {
    where,
    keys,
    batchNormPrefix,
    batchNorm,
    stated,
    padding: paddingField(raw, where),
    activation: activationField(raw, where),
  };
}

/** The architecture with every default filled in from the named tensors' shapes. */
export function resolveArchitecture(template: ArchitectureTemplate, tensors: TensorMap): StackArchitecture {
  const layers = template.layers.map((layer): LayerSpec => {
    const weight = tensors.get(layer.keys.weight);
    if (!weight) {
      throw new ModelBuildError(`missing key '${layer.keys.weight}' (the weight ${layer.where} names)`);
    }
    if (weight.shape.length !== 3) {
      throw new ShapeMismatchError(
        `'${layer.keys.weight}' (${layer.where}) has shape ${formatShape(weight.shape)}; a Conv1d weight is ` +
          `[out_channels, in_channels / groups, kernel_size]`,
      );
    }
    const [out, inPerGroup, kernel] = weight.shape as [number, number, number];
    const groups = layer.stated.groups ?? 1;
    const kernelSize = layer.stated.kernel_size ?? kernel;
    checkReach({ kernelSize, dilation: layer.stated.dilation ?? 1, padding: layer.padding }, layer.where);
    const keys = { ...layer.keys };
    if (layer.batchNormPrefix !== null) {
      const p = layer.batchNormPrefix;
      const affine = tensors.has(`${p}.weight`);
      keys.batchNorm = {
        weight: affine ? `${p}.weight` : null,
        bias: affine ? `${p}.bias` : null,
        runningMean: `${p}.running_mean`,
        runningVar: `${p}.running_var`,
        numBatchesTracked: `${p}.num_batches_tracked`,
      };
    }
    const affine = keys.batchNorm !== null && keys.batchNorm.weight !== null;
    return {
      inChannels: layer.stated.in_channels ?? inPerGroup * groups,
      outChannels: layer.stated.out_channels ?? out,
      kernelSize: layer.stated.kernel_size ?? kernel,
      stride: layer.stated.stride ?? 1,
      padding: layer.padding,
      dilation: layer.stated.dilation ?? 1,
      groups,
      bias: keys.bias !== null,
      activation: layer.activation,
      batchNorm: layer.batchNorm ? { ...layer.batchNorm, affine } : null,
      tensorKeys: keys,
    };
  });
  return { kind: template.kind, residual: template.residual, layers };
}
