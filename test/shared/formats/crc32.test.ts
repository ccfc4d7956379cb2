import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../shared/formats/crc32';

/** The textbook byte-at-a-time CRC-32, to check the sliced one against. */
function simple(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('crc32 (slicing-by-8)', () => {
  it('gives the check value of "123456789" and of nothing', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with the bit-at-a-time definition for every length 0…80 and any window of a buffer', () => {
    let seed = 7;
    const bytes = Uint8Array.from(
      { length: 97 },
      () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff,
    );
    for (let length = 0; length <= 80; length++) {
      expect(crc32(bytes.subarray(0, length)), `length ${length}`).toBe(simple(bytes.subarray(0, length)));
      expect(crc32(bytes.subarray(17 - (length % 17), 17 - (length % 17) + length))).toBe(
        simple(bytes.subarray(17 - (length % 17), 17 - (length % 17) + length)),
      );
    }
  });
});
