/**
 * JSON text as Python's `json.dump` writes it: standard JSON plus the bare tokens NaN, Infinity and
 * -Infinity (which `JSON.parse` refuses). Those tokens become marker strings so the walker can say
 * which key and index holds a non-finite value.
 */
import { strFromU8 } from 'fflate';
import { WeightsFormatError } from '../errors';

export const NON_FINITE_MARK = '\u0000non-finite:';

/** Parses UTF-8 JSON bytes (a BOM is skipped); NaN/Infinity tokens become `NON_FINITE_MARK + token`. */
export function parseJsonBytes(bytes: Uint8Array, name: string): unknown {
  let text = strFromU8(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const marked = markNonFinite(text);
    if (marked !== text) {
      try {
        return JSON.parse(marked);
      } catch {
        // fall through to the original message
      }
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new WeightsFormatError(`${name}: not valid JSON: ${reason}`);
  }
}

/** Replaces NaN / Infinity / -Infinity outside strings with quoted markers. */
function markNonFinite(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    for (const token of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(token, i)) {
        out += `${text.slice(from, i)}"\\u0000non-finite:${token}"`; // JSON.parse turns it into NON_FINITE_MARK
        i += token.length - 1;
        from = i + 1;
        break;
      }
    }
  }
  return out + text.slice(from);
}
