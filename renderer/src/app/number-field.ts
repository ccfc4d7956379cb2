/**
 * What a number field's text means while the user types: a finite number, or `fallback` (the
 * value in force) for empty or partial text. A number input reports '' for "", "-", "-1e" and
 * the like, and Number('') is 0: typing −11.5 must not briefly set 0 and redraw.
 */
export function parseNumberField(text: string, fallback: number): number {
  if (text.trim() === '') return fallback;
  const value = Number(text);
  return Number.isFinite(value) ? value : fallback;
}
