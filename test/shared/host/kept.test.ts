/** The bounds both hosts keep documents within (shared/host/kept.ts): least recently used goes first. */
import { describe, expect, it } from 'vitest';
import { MAX_KEPT_INPUTS, MAX_KEPT_WEIGHTS, UseOrder } from '../../../shared/host/kept';

function filled(ids: string[]): UseOrder<string> {
  const order = new UseOrder<string>();
  for (const id of ids) order.set(id, `value of ${id}`);
  return order;
}

describe('UseOrder', () => {
  it('trims the least recently used first: using an entry saves it', () => {
    const order = filled(['a', 'b', 'c', 'd']);
    expect(order.touch('a')).toBe('value of a');
    expect(order.trim(2)).toEqual(['b', 'c']);
    expect([...order.values()]).toEqual(['value of d', 'value of a']);
  });

  it('set on an existing id replaces its value and makes it the most recent', () => {
    const order = filled(['a', 'b']);
    order.set('a', 'new a');
    expect(order.trim(1)).toEqual(['b']);
    expect(order.get('a')).toBe('new a');
  });

  it('spares the entries it is told to, even when that leaves more than the bound', () => {
    const order = filled(['default', 'w1', 'w2', 'w3']);
    expect(order.trim(2, (id) => id === 'default' || id === 'w3')).toEqual(['w1', 'w2']);
    expect(order.trim(1, () => true)).toEqual([]);
    expect(order.size).toBe(2);
  });

  it('fails clearly (undefined, nothing moved) when using an id it does not hold', () => {
    const order = filled(['a', 'b']);
    expect(order.touch('zzz')).toBeUndefined();
    expect(order.trim(1)).toEqual(['a']);
    expect(order.has('zzz')).toBe(false);
  });

  it('the bounds: a few inputs (the window shows one), eight sets of weights', () => {
    expect(MAX_KEPT_INPUTS).toBe(4);
    expect(MAX_KEPT_WEIGHTS).toBe(8);
  });
});
