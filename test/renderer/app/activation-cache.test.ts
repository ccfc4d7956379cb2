import { describe, expect, it } from 'vitest';
import { createActivationCache } from '../../../renderer/src/app/activation-cache';

function output(layer: number, values: number) {
  return {
    layer,
    nChannels: 1,
    nFrames: values,
    data: new Float32Array(values),
    firstFrame: 0,
    step: 1,
    totalFrames: values,
    reduce: 'absmax' as const,
  };
}

describe('activation cache', () => {
  it('returns what was put, by input, weights and layer', () => {
    const cache = createActivationCache(1e6);
    const conv2 = output(2, 10);
    cache.put({ inputId: 'a', weightsId: 'w', layer: 2, inputRevision: 1 }, conv2);
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 2, inputRevision: 1 })).toBe(conv2);
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 3, inputRevision: 1 })).toBeNull();
    expect(cache.get({ inputId: 'a', weightsId: 'other', layer: 2, inputRevision: 1 })).toBeNull();
    expect(cache.bytes()).toBe(40);
  });

  it('evicts the least recently used past the byte budget, never the newest', () => {
    const cache = createActivationCache(100); // 25 floats
    cache.put({ inputId: 'a', weightsId: 'w', layer: 0, inputRevision: 1 }, output(0, 10));
    cache.put({ inputId: 'a', weightsId: 'w', layer: 1, inputRevision: 1 }, output(1, 10));
    cache.get({ inputId: 'a', weightsId: 'w', layer: 0, inputRevision: 1 }); // 0 is now the most recent
    cache.put({ inputId: 'a', weightsId: 'w', layer: 2, inputRevision: 1 }, output(2, 10));
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 1, inputRevision: 1 })).toBeNull();
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 0, inputRevision: 1 })).not.toBeNull();
    expect(cache.bytes()).toBe(80);
    cache.put({ inputId: 'a', weightsId: 'w', layer: 3, inputRevision: 1 }, output(3, 1000));
    expect(cache.size()).toBe(1);
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 3, inputRevision: 1 })).not.toBeNull();
  });

  it('fails clearly (misses) when the input was re-analysed in place: same id, another revision', () => {
    const cache = createActivationCache(1e6);
    cache.put({ inputId: 'a', weightsId: 'w', layer: 0, inputRevision: 1 }, output(0, 10));
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 0, inputRevision: 2 })).toBeNull();
    expect(cache.size()).toBe(0);
  });
});
