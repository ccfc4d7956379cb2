/**
 * Layer outputs already fetched, by input, weights and layer, so going back to a layer is
 * instant. Least recently used first out once the total passes a byte budget; the newest entry
 * always stays (it is on screen). An entry also remembers the input revision it was computed
 * from: an input re-analysed with another preset keeps its id but not its revision, and must miss.
 */
import type { LayerActivations } from '../../../shared/api/contract';

/** 256 MB: every layer of a 10-minute file would be 5 × 106 MB; two of them stay. */
export const ACTIVATION_CACHE_BYTES = 256e6;

export interface ActivationKey {
  inputId: string;
  weightsId: string;
  layer: number;
  /** The input's `revision` the activations were computed from. */
  inputRevision: number;
}

export interface ActivationCache {
  get(key: ActivationKey): LayerActivations | null;
  put(key: ActivationKey, activations: LayerActivations): void;
  /** Bytes held (float32 data only). */
  bytes(): number;
  size(): number;
}

function keyText({ inputId, weightsId, layer }: ActivationKey): string {
  return `${inputId}\u0000${weightsId}\u0000${layer}`;
}

export function createActivationCache(budgetBytes = ACTIVATION_CACHE_BYTES): ActivationCache {
  const entries = new Map<string, { inputRevision: number; activations: LayerActivations }>();
  let held = 0;
  const remove = (text: string) => {
    const entry = entries.get(text);
    if (!entry) return;
    held -= entry.activations.data.byteLength;
    entries.delete(text);
  };
  return {
    get(key) {
      const text = keyText(key);
      const entry = entries.get(text);
      if (!entry) return null;
      if (entry.inputRevision !== key.inputRevision) {
        remove(text);
        return null;
      }
      entries.delete(text); // re-insert: Map order is the recency order
      entries.set(text, entry);
      return entry.activations;
    },
    put(key, activations) {
      const text = keyText(key);
      remove(text);
      entries.set(text, { inputRevision: key.inputRevision, activations });
      held += activations.data.byteLength;
      for (const oldest of entries.keys()) {
        if (held <= budgetBytes || oldest === text) break;
        remove(oldest);
      }
    },
    bytes: () => held,
    size: () => entries.size,
  };
}
