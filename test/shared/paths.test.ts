import { describe, expect, it } from 'vitest';
import { baseName } from '../../shared/paths';

describe('baseName', () => {
  it('takes the last segment of / and \\ paths, and keeps a bare name', () => {
    expect(baseName('dir/sub/w.npz')).toBe('w.npz');
    expect(baseName('C:\\dir\\w.npz')).toBe('w.npz');
    expect(baseName('w.npz')).toBe('w.npz');
  });

  it('fails clearly to return an empty name: a path ending in a separator is kept whole', () => {
    expect(baseName('weights/')).toBe('weights/');
  });
});
