/**
 * What an error may show of a file it refuses (shared/formats/bytes.ts, json-text.ts,
 * json-tensor.ts): a binary format's signature of at most 8 bytes, escaped; of text, nothing; of
 * JSON, neither the excerpt JSON.parse quotes nor any string value.
 */
import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { describeFirstBytes, looksLikeText, MAX_SIGNATURE_BYTES } from '../../../shared/formats/bytes';
import { parseJsonBytes } from '../../../shared/formats/json-text';
import { parseWeightsJson } from '../../../shared/formats/weights-json';
import { thrownBy } from '../../helpers/rejection';

const text = (s: string) => new TextEncoder().encode(s);

describe('describeFirstBytes', () => {
  it('shows a binary signature as at most 8 bytes of hex with an escaped ASCII reading', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
    expect(describeFirstBytes(png)).toBe('89 50 4e 47 0d 0a 1a 0a ("·PNG····")');
    expect(describeFirstBytes(png, 64)).toBe(describeFirstBytes(png)); // never more than MAX_SIGNATURE_BYTES
    expect(MAX_SIGNATURE_BYTES).toBe(8);
    const quotes = new Uint8Array([0x00, 0x22, 0x5c, 0x41]);
    expect(describeFirstBytes(quotes)).toBe('00 22 5c 41 ("···A")'); // no quote or backslash breaks out
  });

  it('fails clearly to show anything of text: a password file, a config, UTF-8 prose', () => {
    expect(describeFirstBytes(text('root:$6$saltsalt$hash:19000:0:99999:7:::'))).toBe('text (not shown)');
    expect(describeFirstBytes(text('[section]\nkey = value'))).toBe('text (not shown)');
    expect(describeFirstBytes(text('Grüße, ça va'))).toBe('text (not shown)');
    expect(describeFirstBytes(new Uint8Array())).toBe('nothing (the file is empty)');
  });

  it('tells text from binary by the bytes: control bytes or broken UTF-8 are binary', () => {
    expect(looksLikeText(text('plain\ttext\r\n'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x47, 0xc3]))).toBe(true); // a UTF-8 sequence cut off at the end
    expect(looksLikeText(new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00]))).toBe(false); // ID3 tag
    expect(looksLikeText(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toBe(false); // MP3 frame sync
    expect(looksLikeText(new Uint8Array([0xc3, 0x41]))).toBe(false);
  });
});

describe('JSON errors never echo the file', () => {
  const SECRET = 'hunter2-correct-horse';

  it.each([
    [`{"password": ${SECRET}}`, 'a character that cannot start or continue a JSON value'],
    [`{"password": "${SECRET}`, 'unterminated string at line 1, column'],
    [`{\n  "token": "${SECRET}",\n}`, 'expected double-quoted property name at line 3, column 1'],
    [`[1, 2`, "expected ',' or ']' after array element at line 1, column 6"],
    [``, 'it ends before the value does'],
  ])('fails clearly on %j without quoting it: %s', (json, reason) => {
    const error = thrownBy(() => parseJsonBytes(text(json), 'secrets.json'));
    expect(error).toBeInstanceOf(WeightsFormatError);
    expect(error.message).toContain(`secrets.json: not valid JSON: ${reason}`);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('password');
  });

  it('fails clearly on a string where a tensor should be, saying how long it is, not what it says', () => {
    const error = thrownBy(() => parseWeightsJson(text(`{"conv.weight": "${SECRET}"}`), 'w.json'));
    expect(error.message).toBe(
      `w.json: key 'conv.weight': at the top level expected a number, found a string of ${SECRET.length} characters`,
    );
  });
});
