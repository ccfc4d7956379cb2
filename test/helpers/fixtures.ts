/** Reading committed fixtures from test/fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): Uint8Array {
  const buffer = readFileSync(fixturePath(...parts));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
