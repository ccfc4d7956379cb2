import { describe, expect, it } from 'vitest';
import { rejectionOf, thrownBy } from './rejection';

describe('rejectionOf and thrownBy', () => {
  it('return the error a promise rejects with and a call throws', async () => {
    expect((await rejectionOf(Promise.reject(new RangeError('late')))).message).toBe('late');
    const error = thrownBy(() => {
      throw new TypeError('now');
    });
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('now');
  });

  it('fail clearly when the promise resolves or the call returns', async () => {
    await expect(rejectionOf(Promise.resolve(1))).rejects.toThrow('expected the promise to reject');
    expect(() => thrownBy(() => 1)).toThrow('expected the call to throw');
  });
});
