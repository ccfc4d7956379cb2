import { describe, expect, it } from 'vitest';
import { createActivationCache } from '../../../renderer/src/app/activation-cache';

const source = new Float32Array(4);

function output(layer: number, values: number) {
  return { layer, nChannels: 1, nFrames: values, data: new Float32Array(values) };
}

describe('activation cache', () => {
  it('returns what was put, by input, weights and layer', () => {
    const cache = createActivationCache(1e6);
    const conv2 = output(2, 10);
    cache.put({ inputId: 'a', weightsId: 'w', layer: 2, source }, conv2);
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 2, source })).toBe(conv2);
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 3, source })).toBeNull();
    expect(cache.get({ inputId: 'a', weightsId: 'other', layer: 2, source })).toBeNull();
    expect(cache.bytes()).toBe(40);
  });

  it('evicts the least recently used past the byte budget, never the newest', () => {
    const cache = createActivationCache(100); // 25 floats
    cache.put({ inputId: 'a', weightsId: 'w', layer: 0, source }, output(0, 10));
    cache.put({ inputId: 'a', weightsId: 'w', layer: 1, source }, output(1, 10));
    cache.get({ inputId: 'a', weightsId: 'w', layer: 0, source }); // 0 is now the most recent
    cache.put({ inputId: 'a', weightsId: 'w', layer: 2, source }, output(2, 10));
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 1, source })).toBeNull();
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 0, source })).not.toBeNull();
    expect(cache.bytes()).toBe(80);
    cache.put({ inputId: 'a', weightsId: 'w', layer: 3, source }, output(3, 1000));
    expect(cache.size()).toBe(1);
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 3, source })).not.toBeNull();
  });

  it('fails clearly (misses) when the input was re-analysed in place: same id, other mel data', () => {
    const cache = createActivationCache(1e6);
    cache.put({ inputId: 'a', weightsId: 'w', layer: 0, source }, output(0, 10));
    expect(cache.get({ inputId: 'a', weightsId: 'w', layer: 0, source: new Float32Array(4) })).toBeNull();
    expect(cache.size()).toBe(0);
  });
});
