import { ModelBuildError } from '../errors';

/**
 * Key conventions of PyTorch checkpoints: `module.` from DataParallel, `state_dict.` when a
 * training checkpoint `{iteration, state_dict, optimizer, …}` is flattened (npz, JSON nesting).
 */

/** Strips leading `state_dict.` and `module.` segments in any order: `state_dict.module.postnet.x` → `postnet.x`. */
export function canonicalKey(key: string): string {
  let rest = key;
  for (;;) {
    if (rest.startsWith('state_dict.')) rest = rest.slice('state_dict.'.length);
    else if (rest.startsWith('module.')) rest = rest.slice('module.'.length);
    else return rest;
  }
}

/** Canonical key → original key, in file order; two keys that mean the same tensor are an error. */
export function canonicalIndex(keys: Iterable<string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const key of keys) {
    const canonical = canonicalKey(key);
    const other = index.get(canonical);
    if (other !== undefined) {
      throw new ModelBuildError(
        `keys '${other}' and '${key}' both name '${canonical}'; keep only one of them`,
      );
    }
    index.set(canonical, key);
  }
  return index;
}

/** Where a last key segment sits inside a module's state_dict (parameters, then buffers). */
const MEMBER_RANK: Readonly<Record<string, number>> = {
  weight: 0,
  bias: 1,
  running_mean: 2,
  running_var: 3,
  num_batches_tracked: 4,
};

/**
 * Compares keys the way a state_dict lists them: numeric segments as numbers (`convolutions.10`
 * after `convolutions.9`), a module's weight before its bias before its running statistics, other
 * names alphabetically. Used to order tensors that arrive one file each, in file-name order.
 */
export function compareStateDictKeys(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const lastX = i === as.length - 1;
    const lastY = i === bs.length - 1;
    if (lastX !== lastY) return lastX ? -1 : 1; // a module's own tensors before its children's
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    const rank = (MEMBER_RANK[x] ?? 99) - (MEMBER_RANK[y] ?? 99);
    if (lastX && rank !== 0) return rank;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}
