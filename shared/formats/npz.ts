/**
 * NumPy `.npz` archives (`np.savez`, `np.savez_compressed`): a ZIP of `.npy` members, one per
 * key. Keys keep the archive's order, which is the order the arrays were passed to savez.
 */
import { WeightsFormatError } from '../errors';
import type { TensorMap } from '../tensor';
import { encodeNpy, npyDescr, parseNpy } from './npy';
import { descrKind } from './npy-dtype';
import { extractZipEntry, readZipEntries, writeZip, type ZipEntry } from './zip';

/** Parses an `.npz`; each member `key.npy` becomes tensor `key`. */
export function parseNpz(bytes: Uint8Array, name = 'weights.npz'): TensorMap {
  const entries = readZipEntries(bytes, name).filter((entry) => !entry.name.endsWith('/'));
  refuseTorchArchive(entries, name);
  const tensors: TensorMap = new Map();
  for (const entry of entries) {
    if (!entry.name.endsWith('.npy')) {
      throw new WeightsFormatError(
        `${name}: member '${entry.name}' is not an .npy array; an .npz holds only key.npy members`,
      );
    }
    const key = entry.name.slice(0, -'.npy'.length);
    tensors.set(key, parseMember(extractZipEntry(bytes, entry, name), key, `${name}: ${entry.name}`, name));
  }
  return tensors;
}

/**
 * One member; a pickled `state_dict` member means `np.savez(path, **checkpoint)` of a whole
 * training checkpoint (`{iteration, state_dict, optimizer, learning_rate}`): say what to save instead.
 */
function parseMember(bytes: Uint8Array, key: string, where: string, archive: string) {
  if (key === 'state_dict') {
    const descr = npyDescr(bytes);
    if (descr !== null && descrKind(descr) === 'O') {
      throw new WeightsFormatError(
        `${archive}: 'state_dict' is a pickled dict: this is a whole training checkpoint saved with ` +
          `np.savez(path, **checkpoint); save its weights instead: np.savez(path, **{k: v.numpy() for k, v in ` +
          `checkpoint['state_dict'].items()})`,
      );
    }
  }
  return parseNpy(bytes, where);
}

/**
 * `torch.save` writes a ZIP too (`archive/data.pkl`); say what it is rather than "not .npy"
 * (readWeightSet reads it as a checkpoint; only a caller of parseNpz itself gets here).
 */
function refuseTorchArchive(entries: readonly ZipEntry[], name: string): void {
  if (entries.some((entry) => entry.name === 'data.pkl' || entry.name.endsWith('/data.pkl'))) {
    throw new WeightsFormatError(
      `${name} is a PyTorch checkpoint (torch.save archive with data.pkl), not an .npz; read it as weights ` +
        `(readWeightSet), which reads torch.save files without running their code`,
    );
  }
}

export interface EncodeNpzOptions {
  /** Deflate the members like `np.savez_compressed` (default: stored, like `np.savez`). */
  compress?: boolean;
}

/** Encodes tensors as an `.npz` that `numpy.load` reads; each tensor keeps its dtype. */
export function encodeNpz(tensors: TensorMap, options: EncodeNpzOptions = {}): Uint8Array {
  const members = [...tensors].map(([key, tensor]) => ({ name: `${key}.npy`, data: encodeNpy(tensor) }));
  return writeZip(members, { compress: options.compress ?? false });
}
