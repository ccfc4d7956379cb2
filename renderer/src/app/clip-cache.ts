/**
 * Audio the window has fetched to play, by clip key (app/listen.ts: the WAV of an input revision,
 * or Griffin-Lim of one mel at one iteration count), so A/B switching between sources already
 * heard is instant. Least recently used first out past a byte budget; the newest always stays.
 */
import type { AudioClip } from '../../../shared/api/contract';

/** 256 MB: four ten-minute sources at 22.05 kHz are 4 × 53 MB. */
export const CLIP_CACHE_BYTES = 256e6;

export interface ClipCache {
  get(key: string): AudioClip | null;
  has(key: string): boolean;
  put(key: string, clip: AudioClip): void;
  bytes(): number;
  /** Every key held, least recently used first. */
  keys(): string[];
}

export function createClipCache(budgetBytes = CLIP_CACHE_BYTES): ClipCache {
  const entries = new Map<string, AudioClip>();
  let held = 0;
  const remove = (key: string) => {
    const clip = entries.get(key);
    if (!clip) return;
    held -= clip.samples.byteLength;
    entries.delete(key);
  };
  return {
    get(key) {
      const clip = entries.get(key);
      if (!clip) return null;
      entries.delete(key); // re-insert: Map order is the recency order
      entries.set(key, clip);
      return clip;
    },
    has: (key) => entries.has(key),
    put(key, clip) {
      remove(key);
      entries.set(key, clip);
      held += clip.samples.byteLength;
      for (const oldest of entries.keys()) {
        if (held <= budgetBytes || oldest === key) break;
        remove(oldest);
      }
    },
    bytes: () => held,
    keys: () => [...entries.keys()],
  };
}
