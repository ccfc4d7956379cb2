import { describe, expect, it } from 'vitest';
import { ModelBuildError, ShapeMismatchError, WeightsFormatError } from '../../../shared/errors';
import { parseArchitectureDocument, resolveArchitecture } from '../../../shared/formats/arch-json';
import { parseWeightFiles } from '../../../shared/weights/read';
import { buildStack } from '../../../shared/model/build';
import { makeTensor, type TensorMap } from '../../../shared/tensor';

const text = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const parse = (doc: unknown) => parseArchitectureDocument(text(doc), 'a.json');

const tensors = (): TensorMap =>
  new Map([
    ['net.conv.weight', makeTensor('float32', [6, 2, 3], new Float32Array(36))],
    ['net.conv.bias', makeTensor('float32', [6], new Float32Array(6))],
    ['net.bn.running_mean', makeTensor('float32', [6], new Float32Array(6))],
    ['net.bn.running_var', makeTensor('float32', [6], new Float32Array(6).fill(1))],
    ['net.bn.num_batches_tracked', makeTensor('int64', [], new Float64Array([5]))],
  ]);

describe('architecture documents (--arch) name tensor keys', () => {
  it('take channels and kernel from the named weight, groups from the document', () => {
    const doc = {
      layers: [
        { weight: 'net.conv.weight', bias: 'net.conv.bias', groups: 2, padding: 1, batch_norm: 'net.bn' },
      ],
    };
    const architecture = resolveArchitecture(parse(doc), tensors());
    expect(architecture.layers[0]).toMatchObject({
      inChannels: 4,
      outChannels: 6,
      kernelSize: 3,
      groups: 2,
      bias: true,
      batchNorm: { eps: 1e-5, momentum: 0.1, affine: false },
    });
    const { stack, unusedKeys } = buildStack(tensors(), { architecture });
    expect(stack.layers[0]!.name).toBe('net.conv');
    expect(unusedKeys).toEqual([]); // num_batches_tracked of the named BatchNorm counts as used
  });
});

describe('architecture documents fail clearly', () => {
  it.each([
    [
      'numbers instead of a key',
      { layers: [{ weight: [[[1]]] }] },
      /"weight" must name a tensor key \(a string\), found a list.*the numbers stay in the weights file/,
    ],
    ['no weight', { layers: [{ bias: 'x' }] }, 'a.json: layers[0]: "weight" must name a tensor key'],
    [
      'a batch_norm that is a number',
      { layers: [{ weight: 'w', batch_norm: 3 }] },
      /"batch_norm" must be a module prefix \(a string\) or an object of keys/,
    ],
    ['a misspelt field', { layers: [{ weight: 'w', kernal_size: 3 }] }, /unknown field "kernal_size"/],
    ['no layers', { layers: [] }, 'a.json: "layers" must be a non-empty list'],
    ['not JSON', '{"layers": [', /a\.json: not valid JSON/],
  ])('%s', (_, doc, message) => {
    expect(() => parse(doc)).toThrow(WeightsFormatError);
    expect(() => parse(doc)).toThrow(message);
  });

  it('a key the weights lack, and a weight that is not 3-d', () => {
    expect(() => resolveArchitecture(parse({ layers: [{ weight: 'net.other.weight' }] }), tensors())).toThrow(
      new ModelBuildError("missing key 'net.other.weight' (the weight a.json: layers[0] names)"),
    );
    const flat = tensors();
    flat.set('net.conv.weight', makeTensor('float32', [6, 6], new Float32Array(36)));
    expect(() => resolveArchitecture(parse({ layers: [{ weight: 'net.conv.weight' }] }), flat)).toThrow(
      ShapeMismatchError,
    );
  });

  it('a layer JSON loaded as weights that names keys says it belongs with --arch', () => {
    const bytes = text({ format: 'postnet-studio.conv1d-stack', layers: [{ weight: 'net.conv.weight' }] });
    expect(() => parseWeightFiles([{ name: 'l.json', bytes }])).toThrow(
      /l\.json: layers\[0\]: "weight" names the tensor 'net\.conv\.weight': this is an architecture, which goes with --arch/,
    );
  });

  it('--stack beside an explicit architecture', () => {
    const architecture = resolveArchitecture(parse({ layers: [{ weight: 'net.conv.weight' }] }), tensors());
    expect(() => buildStack(tensors(), { architecture, stack: 'encoder' })).toThrow(
      'an explicit architecture describes its own stack; there is no post-net or encoder to choose',
    );
  });
});
