/**
 * Weight files → tensors, by content: `.npy` (one tensor per file, keyed by its file name),
 * `.npz`, JSON (state_dict or the explicit layer form), `.safetensors`, and PyTorch `torch.save`
 * files (zip and legacy; a state_dict or a training checkpoint holding one), read without running
 * their code. Every tensor is checked for NaN/±Inf.
 */
import { WeightsFormatError } from '../errors';
import type { StackArchitecture } from '../model/architecture';
import { compareStateDictKeys } from '../model/keys';
import { baseName } from '../paths';
import { firstNonFinite, unravelIndex, type Tensor, type TensorMap } from '../tensor';
import { describeFirstBytes } from '../formats/bytes';
import { checkpointWeights, type IgnoredEntry } from '../formats/checkpoint';
import { detectWeightFile, sniffAudio, unreadableAudioMessage } from '../formats/detect';
import { parseNpy } from '../formats/npy';
import { parseNpz } from '../formats/npz';
import { parseSafetensors } from '../formats/safetensors';
import { readTorchLegacy, readTorchZip, torchArchiveTop } from '../formats/torch';
import { parseWeightsJsonDocument } from '../formats/weights-json';
import { readZipEntries } from '../formats/zip';

export interface WeightFile {
  /** File name (directories are ignored); an `.npy` file's tensor is keyed by it minus `.npy`. */
  name: string;
  bytes: Uint8Array;
}

/** How a weights file was read. */
export type WeightFormat = 'npy' | 'npz' | 'json' | 'safetensors' | 'torch-zip' | 'torch-legacy';

/** What the weights panel and `inspect` say about one file beyond its tensors. */
export interface WeightFileInfo {
  name: string;
  format: WeightFormat;
  /** A `.safetensors` file's `__metadata__` (free-form strings), else null. */
  metadata: Record<string, string> | null;
  /** A checkpoint's keys down to its state_dict (`['state_dict']`), empty when the file is one. */
  stateDictPath: string[];
  /** A checkpoint's entries that are not weights (`optimizer`, `iteration`…). */
  ignored: IgnoredEntry[];
}

export interface WeightSet {
  tensors: TensorMap;
  /** Present when the weights came from the explicit layer JSON. */
  architecture: StackArchitecture | null;
  /** One per file, in the order given. */
  files: WeightFileInfo[];
}

/** All tensors of all files, in file order then in each file's order. */
export function parseWeightFiles(files: readonly WeightFile[]): TensorMap {
  return readWeightSet(files).tensors;
}

export function readWeightSet(files: readonly WeightFile[]): WeightSet {
  if (files.length === 0) throw new WeightsFormatError('no weight files given');
  const tensors: TensorMap = new Map();
  const origin = new Map<string, string>();
  const infos: WeightFileInfo[] = [];
  let architecture: StackArchitecture | null = null;
  for (const file of files) {
    const name = baseName(file.name);
    const parsed = parseOne(file.bytes, name);
    infos.push(parsed.info);
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
      checkFinite(tensor, key, name);
      origin.set(key, name);
      tensors.set(key, tensor);
    }
  }
  const onePerFile = files.length > 1 && infos.every((info) => info.format === 'npy');
  return { tensors: onePerFile ? sortedByKey(tensors) : tensors, architecture, files: infos };
}

/**
 * Every value must be finite. (Staying finite as float32 is checked where a tensor becomes one of
 * the model's weights, model/validate.ts: a checkpoint may hold other float64 values.)
 */
function checkFinite(tensor: Tensor, key: string, name: string): void {
  const at = (flat: number): string =>
    tensor.shape.length === 0 ? '' : ` at index [${unravelIndex(flat, tensor.shape).join(', ')}]`;
  const bad = firstNonFinite(tensor.data);
  if (bad >= 0) {
    throw new WeightsFormatError(
      `${name}: key '${key}' has a non-finite value (${tensor.data[bad]})${at(bad)}`,
    );
  }
}

/** Tensors that came one per file (in file-name order) put in state_dict order. */
function sortedByKey(tensors: TensorMap): TensorMap {
  return new Map([...tensors].sort(([a], [b]) => compareStateDictKeys(a, b)));
}

interface ParsedFile {
  tensors: TensorMap;
  architecture: StackArchitecture | null;
  info: WeightFileInfo;
}

function plain(name: string, format: WeightFormat, tensors: TensorMap): ParsedFile {
  return {
    tensors,
    architecture: null,
    info: { name, format, metadata: null, stateDictPath: [], ignored: [] },
  };
}

function parseOne(bytes: Uint8Array, name: string): ParsedFile {
  const kind = detectWeightFile(bytes);
  switch (kind) {
    case 'npy':
      return plain(name, 'npy', new Map([[keyFromFileName(name), parseNpy(bytes, name)]]));
    case 'zip': {
      const entries = readZipEntries(bytes, name);
      if (torchArchiveTop(entries) === null) return plain(name, 'npz', parseNpz(bytes, name));
      return checkpointFile(name, checkpointWeights(readTorchZip(bytes, entries, name), name));
    }
    case 'torch-legacy':
      return checkpointFile(name, checkpointWeights(readTorchLegacy(bytes, name), name));
    case 'safetensors': {
      const { tensors, metadata } = parseSafetensors(bytes, name);
      const file = plain(name, 'safetensors', tensors);
      return { ...file, info: { ...file.info, metadata } };
    }
    case 'json': {
      const { tensors, architecture } = parseWeightsJsonDocument(bytes, name);
      return { ...plain(name, 'json', tensors), architecture };
    }
    case 'pickle':
      throw new WeightsFormatError(
        `${name} is a Python pickle that is not a torch.save file, which is not read (unpickling arbitrary ` +
          `data could run code); save the weights with torch.save(model.state_dict(), path)`,
      );
    case 'torch-tar':
      throw new WeightsFormatError(
        `${name} is a tar archive (torch.save before PyTorch 0.4 wrote these), which is not read; load it in ` +
          `Python and save it again with torch.save(model.state_dict(), path)`,
      );
    case 'hdf5':
      throw new WeightsFormatError(
        `${name} is an HDF5 (Keras .h5) file, which is not read; save .npz or .safetensors instead`,
      );
    case 'audio': {
      const audio = sniffAudio(bytes)!;
      if (audio.readable)
        throw new WeightsFormatError(`${name} is audio (${audio.name}), not weights: open it as the input`);
      throw new WeightsFormatError(
        `${name}: ${unreadableAudioMessage(audio)}, then open it as the input (it is audio, not weights)`,
      );
    }
    case 'unknown':
      throw new WeightsFormatError(
        `${name}: unknown weights format: starts with ${describeFirstBytes(bytes)}; expected .npy ` +
          `("\\x93NUMPY"), .npz or torch.save (a ZIP, "PK"), legacy torch.save ("\\x80\\x02"), .safetensors or JSON ("{")`,
      );
  }
}

function checkpointFile(name: string, weights: ReturnType<typeof checkpointWeights>): ParsedFile {
  return {
    tensors: weights.tensors,
    architecture: null,
    info: {
      name,
      format: weights.format,
      metadata: null,
      stateDictPath: weights.path,
      ignored: weights.ignored,
    },
  };
}

/** `weights/postnet.convolutions.0.0.conv.weight.npy` → `postnet.convolutions.0.0.conv.weight`. */
export function keyFromFileName(name: string): string {
  const base = baseName(name);
  return base.toLowerCase().endsWith('.npy') ? base.slice(0, -4) : base;
}
