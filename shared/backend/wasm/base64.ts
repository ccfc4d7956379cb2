/** Base64 (RFC 4648, with padding) to bytes: how the generated kernel module carries its binary. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0)
    throw new RangeError(`base64 text of ${text.length} characters is not a multiple of 4`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    let word = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const value = code === 61 && i + j >= text.length - padding ? 0 : (VALUES[code] ?? -1);
      if (value < 0) throw new RangeError(`not base64: character ${JSON.stringify(text[i + j])} at ${i + j}`);
      word = (word << 6) | value;
    }
    for (let shift = 16; shift >= 0 && out < bytes.length; shift -= 8) bytes[out++] = (word >> shift) & 255;
  }
  return bytes;
}
