/**
 * What a host keeps for the window, and for how long — the same bounds in both hosts. The window
 * shows one input with one set of weights at a time, so a host keeps a few recently used
 * documents and releases older ones; a released id then fails with `UnknownDocumentError`
 * ("open the file again"), which the window never meets because it only names what it shows.
 */
import { collectViews } from '../jobs/transfer';

/**
 * Open inputs kept: the most recently *used* ones (processed, a layer fetched, exported,
 * re-analysed). Opening alone does not release others, so every file of a multi-file drop
 * survives until the window processes the one it shows.
 */
export const MAX_KEPT_INPUTS = 4;

/** Sets of weights kept (never counting out the built-in default): the newest loaded. */
export const MAX_KEPT_WEIGHTS = 8;

/**
 * Values by id in order of last use (least recent first). `touch` marks one as the most recent,
 * `trim` drops the least recent beyond a count.
 */
export class UseOrder<V> {
  private readonly entries = new Map<string, V>();

  get size(): number {
    return this.entries.size;
  }

  get(id: string): V | undefined {
    return this.entries.get(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Stores `value` as the most recently used. */
  set(id: string, value: V): void {
    this.entries.delete(id);
    this.entries.set(id, value);
  }

  /** Marks `id` as the most recently used; returns its value (undefined when not held). */
  touch(id: string): V | undefined {
    const value = this.entries.get(id);
    if (value !== undefined) this.set(id, value);
    return value;
  }

  delete(id: string): boolean {
    return this.entries.delete(id);
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  /**
   * Drops the least recently used entries until at most `max` remain, skipping those `spare`
   * says to keep; returns the ids dropped, least recent first.
   */
  trim(max: number, spare: (id: string) => boolean = () => false): string[] {
    const dropped: string[] = [];
    for (const id of [...this.entries.keys()]) {
      if (this.entries.size <= max) break;
      if (spare(id)) continue;
      this.entries.delete(id);
      dropped.push(id);
    }
    return dropped;
  }
}

/** What a host holds now: ids by kind (least recently used first) and the bytes of its arrays. */
export interface HeldDocuments {
  inputIds: string[];
  weightsIds: string[];
  /** Distinct typed-array buffers reachable from what it keeps (mels, WAV and weights bytes, results). */
  bytes: number;
}

/** Bytes of the distinct buffers behind every typed array reachable from `values`. */
export function bytesHeld(values: Iterable<unknown>): number {
  const buffers = new Set<ArrayBufferLike>();
  for (const value of values) for (const view of collectViews(value)) buffers.add(view.buffer);
  let bytes = 0;
  for (const buffer of buffers) bytes += buffer.byteLength;
  return bytes;
}
