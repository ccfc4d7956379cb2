/**
 * The storages a torch.save pickle refers to by persistent id: one StorageRef per key, shared by
 * every tensor that views it. Their bytes come later, from the archive's records or the legacy
 * file's tail (torch.ts).
 */
import { UnsafePickleError, WeightsFormatError } from '../errors';
import type { DType } from '../tensor';
import { describeValue, isSequence, type PyValue, type StorageRef } from './pickle-values';
import { isSize } from './torch-globals';

/**
 * What persistent ids stand for: one StorageRef per storage key, shared by every tensor that
 * views it. The zip format's ids are `('storage', type, key, location, numel)`; the legacy
 * format adds `view_metadata` (None, or `(view_key, offset, numel)` for a view of a root storage).
 */
export class StorageTable {
  readonly byKey = new Map<string, StorageRef>();

  constructor(private readonly where: string) {}

  load(pid: PyValue): StorageRef {
    const items = isSequence(pid, 'tuple') ? pid.items : null;
    const tag = items && text(items[0]);
    if (!items || tag !== 'storage' || (items.length !== 5 && items.length !== 6)) {
      throw new UnsafePickleError(
        `${this.where}: refused: a persistent id that is not a storage (${describeValue(pid)}); nothing was run`,
      );
    }
    const [, type, rawKey, rawLocation, numel, view] = items;
    const key = text(rawKey);
    if (
      typeof type !== 'object' ||
      type === null ||
      type.kind !== 'storage-type' ||
      key === null ||
      !isSize(numel)
    ) {
      throw new WeightsFormatError(
        `${this.where}: malformed storage id (${items.map((item) => describeValue(item!)).join(', ')})`,
      );
    }
    if (type.dtype === null) {
      throw new WeightsFormatError(
        `${this.where}: storage '${key}' is a ${type.name}, which is not read (complex or quantized values)`,
      );
    }
    const root = this.root(key, type.dtype, numel, text(rawLocation) ?? '?');
    if (view === undefined || view === null) return root;
    return this.view(root, view);
  }

  private root(key: string, dtype: DType, numel: number, location: string): StorageRef {
    const known = this.byKey.get(key);
    if (known) {
      if (known.dtype !== dtype || known.numel !== numel) {
        throw new WeightsFormatError(
          `${this.where}: storage '${key}' is named as ${known.numel} ${known.dtype} and as ${numel} ${dtype}`,
        );
      }
      return known;
    }
    const ref: StorageRef = { kind: 'storage', key, dtype, numel, location, elementOffset: 0 };
    this.byKey.set(key, ref);
    return ref;
  }

  /** A legacy storage view: `numel` elements of the root from element `offset` (checked later, with the data). */
  private view(root: StorageRef, view: PyValue): StorageRef {
    const items = isSequence(view, 'tuple') ? view.items : [];
    const [, offset, numel] = items;
    if (items.length !== 3 || !isSize(offset) || !isSize(numel) || offset + numel > root.numel) {
      throw new WeightsFormatError(
        `${this.where}: storage view ${describeValue(view)} does not fit in storage '${root.key}' of ${root.numel} elements`,
      );
    }
    return { ...root, elementOffset: root.elementOffset + offset, numel };
  }
}

/** A str, or bytes read as ASCII (Python 2 pickles store these ids as bytes). */
function text(value: PyValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && value.kind === 'bytes') {
    return String.fromCharCode(...value.value.subarray(0, 256));
  }
  return null;
}
