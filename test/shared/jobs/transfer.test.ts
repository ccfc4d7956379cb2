import { MessageChannel } from 'node:worker_threads';
import * as workerThreads from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { collectViews, transferListFor, transferListForMessage } from '../../../shared/jobs/transfer';

/**
 * Node 22 (Electron's) throws DataCloneError when a transfer list holds a buffer it marked
 * untransferable (Buffer's pool) or any buffer twice; Node 20 silently copies the former. This
 * checks a list against Node 22's rules on any Node: only whole, distinct, non-pool buffers.
 */
function violatesNode22Rules(
  list: readonly ArrayBuffer[],
  poolBuffers: readonly ArrayBufferLike[],
): string | null {
  if (new Set(list).size !== list.length) return 'duplicate ArrayBuffer';
  if (list.some((buffer) => poolBuffers.includes(buffer))) return 'an untransferable (pooled) ArrayBuffer';
  const marked = (workerThreads as { isMarkedAsUntransferable?: (b: ArrayBuffer) => boolean })
    .isMarkedAsUntransferable;
  if (marked && list.some((buffer) => marked(buffer))) return 'a buffer marked untransferable';
  return null;
}

function postThrough(message: unknown, list: ArrayBuffer[]): void {
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(message, list);
  } finally {
    port1.close();
    port2.close();
  }
}

describe('transferListFor', () => {
  it('moves whole buffers once each, and the sender sees them detached after posting', () => {
    const samples = new Float32Array(1024);
    const alias = new Uint8Array(samples.buffer);
    const list = transferListFor([samples, alias]);
    expect(list).toEqual([samples.buffer]);
    postThrough({ samples, alias }, list);
    expect(samples.byteLength).toBe(0);
  });

  it('leaves a pooled Buffer out (Node 22 would throw DataCloneError), so it is copied and stays usable', () => {
    const pooled = Buffer.from('RIFF....WAVE');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength); // a slice of the 8 KiB pool
    const whole = new Uint8Array(64);
    const list = transferListFor([pooled, whole]);
    expect(violatesNode22Rules(list, [pooled.buffer])).toBeNull();
    expect(list).toEqual([whole.buffer]);
    postThrough({ pooled, whole }, list);
    expect(pooled.toString()).toBe('RIFF....WAVE');
  });

  it('fails clearly without the helper: a naive list of every view.buffer breaks Node 22 rules', () => {
    const pooled = Buffer.from('abc');
    const samples = new Float32Array(4);
    const naive = [pooled.buffer as ArrayBuffer, samples.buffer, samples.buffer];
    expect(violatesNode22Rules(naive, [pooled.buffer])).toBe('duplicate ArrayBuffer');
    expect(violatesNode22Rules([pooled.buffer as ArrayBuffer], [pooled.buffer])).toBe(
      'an untransferable (pooled) ArrayBuffer',
    );
    expect(() => postThrough({}, naive)).toThrow(/duplicate/i);
  });

  it('skips shared, empty and subarray views, and buffers the runtime says it cannot move', () => {
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const empty = new Uint8Array(0);
    const part = new Float32Array(16).subarray(4, 8);
    const refused = new Uint8Array(8);
    expect(transferListFor([shared, empty, part, refused], (buffer) => buffer === refused.buffer)).toEqual(
      [],
    );
  });
});

describe('collectViews / transferListForMessage', () => {
  it('finds typed arrays nested in objects, arrays and Maps', () => {
    const residual = new Float32Array(8);
    const output = new Float32Array(8);
    const layer = new Float32Array(4);
    const message = {
      type: 'done',
      reply: {
        ok: true,
        result: { residual, output, activations: [{ data: layer }], byLayer: new Map([[0, layer]]) },
      },
    };
    expect(collectViews(message)).toEqual([residual, output, layer, layer]);
    expect(transferListForMessage(message)).toEqual([residual.buffer, output.buffer, layer.buffer]);
  });

  it('finds nothing in a message without typed arrays', () => {
    expect(transferListForMessage({ type: 'progress', fraction: 0.5 })).toEqual([]);
  });
});
