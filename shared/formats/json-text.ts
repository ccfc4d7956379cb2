/**
 * JSON text as Python's `json.dump` writes it: standard JSON plus the bare tokens NaN, Infinity and
 * -Infinity (which `JSON.parse` refuses). Those tokens become marker strings so the walker can say
 * which key and index holds a non-finite value. Files longer than MAX_JSON_BYTES or nested deeper
 * than MAX_JSON_DEPTH are refused before parsing, so every walk over the value stays shallow.
 */
import { strFromU8 } from 'fflate';
import { WeightsFormatError } from '../errors';
import { formatBytes, MAX_JSON_BYTES, MAX_JSON_DEPTH } from './limits';

export const NON_FINITE_MARK = '\u0000non-finite:';

/** Parses UTF-8 JSON bytes (a BOM is skipped); NaN/Infinity tokens become `NON_FINITE_MARK + token`. */
export function parseJsonBytes(bytes: Uint8Array, name: string): unknown {
  if (bytes.length > MAX_JSON_BYTES) {
    throw new WeightsFormatError(
      `${name}: a JSON weights file of ${formatBytes(bytes.length)} is more than the ${formatBytes(MAX_JSON_BYTES)} read; save it as .npz`,
    );
  }
  let text = strFromU8(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  checkNesting(text, name);
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
    throw new WeightsFormatError(`${name}: not valid JSON: ${jsonReason(error, text)}`);
  }
}

/** Refuses nesting deeper than MAX_JSON_DEPTH, naming the character where it goes too deep. */
function checkNesting(text: string, name: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new WeightsFormatError(
          `${name}: JSON nested deeper than ${MAX_JSON_DEPTH} levels at character ${i}; a state_dict nests a few`,
        );
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
}

/**
 * Why JSON.parse refused the text, in V8's words but without the excerpt of the text it quotes
 * (`Unexpected token 'x', "…secret…" is not valid JSON`): an error never echoes a file's contents.
 * Where V8 gives a position, it becomes a line and column.
 */
function jsonReason(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = / in JSON at position (\d+)/.exec(message);
  if (at) {
    const position = Number(at[1]);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    const what = message.slice(0, at.index);
    return `${what.charAt(0).toLowerCase()}${what.slice(1)} at line ${line}, column ${column}`;
  }
  if (/^Unexpected end of JSON input/.test(message)) return 'it ends before the value does';
  if (/^Unexpected (token|character)/.test(message))
    return 'a character that cannot start or continue a JSON value';
  return 'the text is not JSON';
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
