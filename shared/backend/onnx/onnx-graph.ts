/**
 * A Conv1dStack as an ONNX model (opset 13, IR version 8: what onnxruntime ≥ 1.8 and the onnx
 * package ≥ 1.10 read), built in memory with protobuf.ts. Per layer: Conv (BatchNorm folded into
 * its weight and bias, fast/fold.ts, in float64 rounded once) then Tanh or Relu; a residual stack
 * adds its input at the end. The input is `input` `[batch, channels, frames]` with both batch and
 * frames left free; outputs are `output` (input + stack(input) for a residual stack, else the
 * stack's output), `residual` (residual stacks), and `layer{i}` for each layer asked for (after
 * its activation: what the app's layer panes show).
 * Field numbers are onnx.proto's (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto, TypeProto, TensorShapeProto).
 */
import { resolvePadding } from '../../model/geometry';
import type { Conv1dLayer, Conv1dStack } from '../../model/types';
import { foldedAffine } from '../fast/fold';
import { bytesField, intField, join, messageField, stringField, type Encoded } from './protobuf';

export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 8;
const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

export interface OnnxGraphOptions {
  /** Layers whose outputs (after the activation) are extra graph outputs `layer{i}`. */
  layerOutputs?: readonly number[];
  /** The last layer the graph computes (default every layer); it ends in `layer{lastLayer}` then. */
  lastLayer?: number;
  /** Recorded as the model's producer version. */
  producerVersion?: string;
}

function tensor(name: string, dims: readonly number[], values: Float32Array): Encoded {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return join([
    ...dims.map((d) => intField(1, d)),
    intField(2, FLOAT),
    stringField(8, name),
    bytesField(9, raw),
  ]);
}

function intAttribute(name: string, value: number): Encoded {
  return messageField(5, [stringField(1, name), intField(3, value), intField(20, ATTRIBUTE_INT)]);
}

function intsAttribute(name: string, values: readonly number[]): Encoded {
  return messageField(5, [
    stringField(1, name),
    ...values.map((v) => intField(8, v)),
    intField(20, ATTRIBUTE_INTS),
  ]);
}

function node(
  op: string,
  name: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: Encoded[] = [],
): Encoded {
  return messageField(1, [
    ...inputs.map((i) => stringField(1, i)),
    ...outputs.map((o) => stringField(2, o)),
    stringField(3, name),
    stringField(4, op),
    ...attributes,
  ]);
}

/** ValueInfoProto of a float tensor `[batch, channels, frames]` with batch and frames free. */
function valueInfo(field: number, name: string, channels: number): Encoded {
  const dim = (d: Encoded) => messageField(1, [d]);
  const shape = messageField(2, [
    dim(stringField(2, 'batch')),
    dim(intField(1, channels)),
    dim(stringField(2, 'frames')),
  ]);
  const type = messageField(2, [messageField(1, [intField(1, FLOAT), shape])]);
  return messageField(field, [stringField(1, name), type]);
}

/** The folded weight `[out, in / groups, k]` and bias `[out]` of one layer, float32. */
export function foldedConv(layer: Conv1dLayer): { weight: Float32Array; bias: Float32Array } {
  const { scale, shift } = foldedAffine(layer);
  const perFilter = (layer.inChannels / layer.groups) * layer.kernelSize;
  const weight = new Float32Array(layer.weight.length);
  for (let o = 0; o < layer.outChannels; o++) {
    for (let i = 0; i < perFilter; i++)
      weight[o * perFilter + i] = layer.weight[o * perFilter + i]! * scale[o]!;
  }
  return { weight, bias: Float32Array.from(shift) };
}

/** The model's bytes. Layers after `lastLayer` are left out. */
export function stackToOnnx(stack: Conv1dStack, options: OnnxGraphOptions = {}): Uint8Array {
  const lastLayer = options.lastLayer ?? stack.layers.length - 1;
  if (!Number.isInteger(lastLayer) || lastLayer < 0 || lastLayer >= stack.layers.length) {
    throw new RangeError(
      `cannot end the graph after layer ${lastLayer}: ${stack.kind} has ${stack.layers.length} layers`,
    );
  }
  const whole = lastLayer === stack.layers.length - 1;
  const extra = new Set(options.layerOutputs ?? []);
  const nodes: Encoded[] = [];
  const initializers: Encoded[] = [];
  let current = 'input';
  stack.layers.slice(0, lastLayer + 1).forEach((layer, i) => {
    const { weight, bias } = foldedConv(layer);
    const { padLeft, padRight } = resolvePadding(layer.padding, layer.kernelSize, layer.dilation);
    initializers.push(
      tensor(
        `conv${i}.weight`,
        [layer.outChannels, layer.inChannels / layer.groups, layer.kernelSize],
        weight,
      ),
    );
    initializers.push(tensor(`conv${i}.bias`, [layer.outChannels], bias));
    const convOut = layer.activation === 'identity' ? `layer${i}` : `conv${i}`;
    nodes.push(
      node(
        'Conv',
        `conv${i}`,
        [current, `conv${i}.weight`, `conv${i}.bias`],
        [convOut],
        [
          intsAttribute('kernel_shape', [layer.kernelSize]),
          intsAttribute('strides', [layer.stride]),
          intsAttribute('pads', [padLeft, padRight]),
          intsAttribute('dilations', [layer.dilation]),
          intAttribute('group', layer.groups),
        ],
      ),
    );
    if (layer.activation !== 'identity') {
      nodes.push(
        node(
          layer.activation === 'tanh' ? 'Tanh' : 'Relu',
          `${layer.activation}${i}`,
          [convOut],
          [`layer${i}`],
        ),
      );
    }
    current = `layer${i}`;
  });
  const lastChannels = stack.layers[lastLayer]!.outChannels;
  const outputs: Encoded[] = [];
  if (whole && stack.residual) {
    nodes.push(node('Add', 'residual_add', ['input', current], ['output']));
    nodes.push(node('Identity', 'residual_out', [current], ['residual']));
    outputs.push(valueInfo(12, 'output', lastChannels), valueInfo(12, 'residual', lastChannels));
  } else if (whole) {
    nodes.push(node('Identity', 'output_out', [current], ['output']));
    outputs.push(valueInfo(12, 'output', lastChannels));
  } else {
    extra.add(lastLayer);
  }
  for (const i of [...extra].sort((a, b) => a - b)) {
    if (i > lastLayer)
      throw new RangeError(`cannot output layer ${i} from a graph that ends after layer ${lastLayer}`);
    outputs.push(valueInfo(12, `layer${i}`, stack.layers[i]!.outChannels));
  }
  const graph = messageField(7, [
    ...nodes,
    stringField(2, stack.kind),
    ...initializers.map((t) => messageField(5, [t])),
    valueInfo(11, 'input', stack.layers[0]!.inChannels),
    ...outputs,
  ]);
  return join([
    intField(1, ONNX_IR_VERSION),
    stringField(2, 'postnet-studio'),
    stringField(3, options.producerVersion ?? ''),
    graph,
    messageField(8, [stringField(1, ''), intField(2, ONNX_OPSET)]),
  ]);
}
