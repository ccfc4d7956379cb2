/**
 * Python's `\s` and `str.split()` whitespace: the characters of str.isspace(). They include the
 * information separators U+001C…U+001F and U+0085, and not U+FEFF (JavaScript's `\s` is the
 * other way round), so the cleaners cannot use `\s`.
 */
const PYTHON_WHITESPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** One run of Python whitespace (add the `g` flag by copying: `new RegExp(PYTHON_SPACE_RUN, 'g')`). */
export const PYTHON_SPACE_RUN = new RegExp(`[${PYTHON_WHITESPACE}]+`);
