import { describe, expect, it } from 'vitest';
import { parseNumberField } from '../../../renderer/src/app/number-field';

describe('number fields', () => {
  it('a finite number is taken as typed', () => {
    expect(parseNumberField('-11.5', 0)).toBe(-11.5);
    expect(parseNumberField('2', -1)).toBe(2);
    expect(parseNumberField('0', 3)).toBe(0);
    expect(parseNumberField(' 1e-1 ', 3)).toBe(0.1);
  });

  it('fails clearly when the text is empty or partial: the value in force stays (not 0)', () => {
    for (const text of ['', ' ', '-', '.', '-.', '1e', 'abc', 'Infinity']) {
      expect(parseNumberField(text, -11.5), JSON.stringify(text)).toBe(-11.5);
    }
  });
});
