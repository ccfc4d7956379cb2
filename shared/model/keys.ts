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
