import { describe, expect, it } from 'vitest';
import { Sha256, sha256Hex } from '../../../shared/formats/sha256';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sha256Hex (FIPS 180-4 test vectors)', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('sha256(%j)', (message, digest) => {
    expect(sha256Hex(text(message))).toBe(digest);
  });

  it('one million "a" fed in uneven pieces', () => {
    const hash = new Sha256();
    const piece = text('a'.repeat(997));
    let left = 1_000_000;
    while (left > 0) {
      const n = Math.min(left, piece.length);
      hash.update(piece.subarray(0, n));
      left -= n;
    }
    expect(hash.hex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('fails clearly when updated after the digest was taken', () => {
    const hash = new Sha256().update(text('abc'));
    hash.hex();
    expect(() => hash.update(text('d'))).toThrow(/update after hex/);
  });
});
