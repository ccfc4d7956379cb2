/**
 * Weight files → tensors, by content: `.npy` (one tensor per file, keyed by its file name),
 * `.npz`, JSON (state_dict or the explicit layer form). Every tensor is checked for NaN/±Inf.
 */
import { WeightsFormatError } from '../errors';
import type { StackArchitecture } from '../model/architecture';
import { compareStateDictKeys } from '../model/keys';
import { baseName } from '../paths';
import { firstNonFinite, unravelIndex, type Tensor, type TensorMap } from '../tensor';
import { describeFirstBytes } from './bytes';
import { detectWeightFile, type WeightFileKind } from './detect';
import { parseNpy } from './npy';
import { CONVERT_CHECKPOINT_HINT, parseNpz } from './npz';
import { parseWeightsJsonDocument } from './weights-json';

export interface WeightFile {
  /** File name (directories are ignored); an `.npy` file's tensor is keyed by it minus `.npy`. */
  name: string;
  bytes: Uint8Array;
}

export interface WeightSet {
  tensors: TensorMap;
  /** Present when the weights came from the explicit layer JSON. */
  architecture: StackArchitecture | null;
}

/** All tensors of all files, in file order then in each file's order. */
export function parseWeightFiles(files: readonly WeightFile[]): TensorMap {
  return readWeightSet(files).tensors;
}

export function readWeightSet(files: readonly WeightFile[]): WeightSet {
  if (files.length === 0) throw new WeightsFormatError('no weight files given');
  const tensors: TensorMap = new Map();
  const origin = new Map<string, string>();
  let architecture: StackArchitecture | null = null;
  let allNpy = true;
  for (const file of files) {
    const name = baseName(file.name);
    const kind = detectWeightFile(file.bytes);
    if (kind !== 'npy') allNpy = false;
    const parsed = parseOne(file.bytes, kind, name);
    if (parsed.architecture) {
      if (files.length > 1) {
        throw new WeightsFormatError(
          `${name} is an explicit layer JSON; it holds the whole model, load it on its own`,
        );
      }
      architecture = parsed.architecture;
    }
    for (const [key, tensor] of parsed.tensors) {
      const previous = origin.get(key);
      if (previous !== undefined) {
        throw new WeightsFormatError(`key '${key}' appears in both ${previous} and ${name}`);
      }
      checkFiniteAsFloat32(tensor, key, name);
      origin.set(key, name);
      tensors.set(key, tensor);
    }
  }
  const onePerFile = files.length > 1 && allNpy;
  return { tensors: onePerFile ? sortedByKey(tensors) : tensors, architecture };
}

/**
 * Every value must be finite, and stay finite as the float32 the model runs in: a float64 weight
 * of 1e300 would otherwise become Infinity when the stack is built.
 */
function checkFiniteAsFloat32(tensor: Tensor, key: string, name: string): void {
  const at = (flat: number): string =>
    tensor.shape.length === 0 ? '' : ` at index [${unravelIndex(flat, tensor.shape).join(', ')}]`;
  const bad = firstNonFinite(tensor.data);
  if (bad >= 0) {
    throw new WeightsFormatError(
      `${name}: key '${key}' has a non-finite value (${tensor.data[bad]})${at(bad)}`,
    );
  }
  if (!(tensor.data instanceof Float64Array)) return;
  const huge = tensor.data.findIndex((value) => !Number.isFinite(Math.fround(value)));
  if (huge >= 0) {
    throw new WeightsFormatError(
      `${name}: key '${key}' holds ${tensor.data[huge]}${at(huge)}, beyond float32's ±3.4e38: the model runs in ` +
        `float32, where it would be Infinity`,
    );
  }
}

/** Tensors that came one per file (in file-name order) put in state_dict order. */
function sortedByKey(tensors: TensorMap): TensorMap {
  return new Map([...tensors].sort(([a], [b]) => compareStateDictKeys(a, b)));
}

function parseOne(bytes: Uint8Array, kind: WeightFileKind, name: string): WeightSet {
  switch (kind) {
    case 'npy':
      return { tensors: new Map([[keyFromFileName(name), parseNpy(bytes, name)]]), architecture: null };
    case 'npz':
      return { tensors: parseNpz(bytes, name), architecture: null };
    case 'json':
      return parseWeightsJsonDocument(bytes, name);
    case 'pickle':
      throw new WeightsFormatError(
        `${name} is a Python pickle (a legacy torch.save checkpoint?), which is not read: loading it would run ` +
          `its code; ${CONVERT_CHECKPOINT_HINT}`,
      );
    case 'safetensors':
      throw new WeightsFormatError(
        `${name} looks like a .safetensors file, which is not read yet; ${CONVERT_CHECKPOINT_HINT}`,
      );
    case 'hdf5':
      throw new WeightsFormatError(
        `${name} is an HDF5 (Keras .h5) file, which is not read; save .npz instead`,
      );
    case 'unknown':
      throw new WeightsFormatError(
        `${name}: unknown weights format: starts with ${describeFirstBytes(bytes)}; expected .npy ` +
          `("\\x93NUMPY"), .npz (a ZIP, "PK") or JSON ("{")`,
      );
  }
}

/** `weights/postnet.convolutions.0.0.conv.weight.npy` → `postnet.convolutions.0.0.conv.weight`. */
export function keyFromFileName(name: string): string {
  const base = baseName(name);
  return base.toLowerCase().endsWith('.npy') ? base.slice(0, -4) : base;
}
