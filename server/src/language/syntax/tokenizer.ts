// Hand-written tokenizer for Databricks SQL. One pass, no regular expressions
// on the hot path, never throws: bad characters become `invalid` tokens and
// unterminated comments run to the end, back-quoted names to the end of their
// line, strings to the end or to a line that starts with CREATE; all reported.
import type { Comment, Param, SyntaxError, SyntaxErrorCode } from './ast';
import type { Token, TokenKind } from './tokens';

export interface TokenizeResult {
  /** Always ends with one `eof` token. */
  tokens: Token[];
  comments: Comment[];
  errors: SyntaxError[];
}

// `@` only appears in Delta's `table@v3` / `table@20240101000000000` time travel.
const SINGLE_OPS = '()[]{},.;:+-*/%=<>!~&|^?@';

/** The operator starting at `i` (whose char code is `c`), longest match first; `>>` is never joined (nested types). */
function operatorAt(text: string, i: number, c: number): string | undefined {
  const d = text.charCodeAt(i + 1);
  switch (c) {
    case 60: // <
      if (d === 61) return text.charCodeAt(i + 2) === 62 ? '<=>' : '<=';
      if (d === 62) return '<>';
      if (d === 60) return '<<';
      return '<';
    case 58: // :
      return d === 58 ? '::' : ':';
    case 61: // =
      if (d === 62) return '=>';
      return d === 61 ? '==' : '=';
    case 45: // -
      return d === 62 ? '->' : '-';
    case 62: // >
      return d === 61 ? '>=' : '>';
    case 33: // !
      return d === 61 ? '!=' : '!';
    case 124: // |
      if (d === 124) return '||';
      return d === 62 ? '|>' : '|';
  }
  const ch = text[i];
  return SINGLE_OPS.indexOf(ch) >= 0 ? ch : undefined;
}

const CH_NL = 10;
const CH_CR = 13;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Letters, digits, `_`, and any non-ASCII character that is not whitespace. */
export function isWordChar(c: number): boolean {
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
  }
  return c >= 128 && !isUnicodeSpace(c); // false for NaN (past the end)
}

function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x1680 || c === 0x85
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === CH_NL || c === CH_CR || c === 11 || c === 12 || (c >= 128 && isUnicodeSpace(c));
}

/** Characters allowed in a `${key}` (letters, digits, `_`, `-`, `.`). */
function isParamKeyChar(c: number): boolean {
  return isWordChar(c) || c === 45 || c === 46;
}

/** Upper-cased word, sharing the word itself when it already is (keywords usually are): less retained memory. */
function upperOf(word: string): string {
  const u = word.toUpperCase();
  return u === word ? word : u;
}

export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];

  const errors: SyntaxError[] = [];
  const n = text.length;
  let i = 0;
  let lineStart = true;

  const error = (code: SyntaxErrorCode, message: string, start: number, end: number) => {
    errors.push({ code, message, span: { start, end } });
  };
  const push = (kind: TokenKind, start: number, end: number, upper: string, value: string, params?: Param[], source?: string): Token => {
    const token: Token = { kind, start, end, text: source ?? text.slice(start, end), upper, value, lineStart, params };
    lineStart = false;
    tokens.push(token);
    return token;
  };

  /** Scans `${key}` starting at `at` (which holds `$`, followed by `{`); returns the end offset. */
  const scanParam = (at: number, out: Param[]): number => {
    let j = at + 2;
    while (j < n && isParamKeyChar(text.charCodeAt(j))) j++;
    if (j < n && text.charCodeAt(j) === 125 /* } */) {
      out.push({ kind: 'Param', key: text.slice(at + 2, j), span: { start: at, end: j + 1 } });
      return j + 1;
    }
    error('unterminated-parameter', 'Unterminated parameter: expected `}` to close `${`', at, j);
    out.push({ kind: 'Param', key: text.slice(at + 2, j), span: { start: at, end: j } });
    return j;
  };
  const isParamStart = (at: number) => text.charCodeAt(at) === 36 && text.charCodeAt(at + 1) === 123;

  /** Scans a word (with glued `${key}` pieces) from `at`; returns its end. */
  const scanWord = (at: number, params: Param[]): number => {
    let j = at;
    for (;;) {
      if (j < n && isWordChar(text.charCodeAt(j))) j++;
      else if (isParamStart(j)) j = scanParam(j, params);
      else return j;
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === CH_NL || c === CH_CR) lineStart = true;
      i++;
      continue;
    }
    const start = i;
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;

    // Comments.
    if (c === 45 /* - */ && next === 45) {
      let j = i + 2;
      while (j < n && text.charCodeAt(j) !== CH_NL && text.charCodeAt(j) !== CH_CR) j++;
      comments.push({ kind: 'Comment', text: text.slice(start, j), block: false, span: { start, end: j } });
      i = j;
      continue;
    }
    if (c === 47 /* / */ && next === 42 /* * */) {
      // Bracketed comments nest in Databricks SQL.
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        const d = text.charCodeAt(j);
        if (d === 42 && text.charCodeAt(j + 1) === 47) {
          depth--;
          j += 2;
        } else if (d === 47 && text.charCodeAt(j + 1) === 42) {
          depth++;
          j += 2;
        } else {
          if (d === CH_NL || d === CH_CR) lineStart = true;
          j++;
        }
      }
      if (depth > 0) error('unterminated-comment', 'Unterminated comment: expected `*/`', start, n);
      comments.push({ kind: 'Comment', text: text.slice(start, j), block: true, span: { start, end: j } });
      i = j;
      continue;
    }

    // Raw strings r'...' / R"..." (the prefix glued to the quote).
    if ((c === 114 || c === 82) && (next === 39 || next === 34)) {
      i = scanString(i + 1, true);
      continue;
    }
    if (c === 39 || c === 34) {
      i = scanString(i, false);
      continue;
    }

    // Numbers: 12, 1.5, .5, 1e3, 1L, 2.5D, 1.2BD, 0x1F.
    if (isDigit(c) || (c === 46 && isDigit(next) && !afterValue(i))) {
      i = scanNumber(i);
      continue;
    }

    if (isWordChar(c) || isParamStart(i)) {
      const params: Param[] = [];
      const end = scanWord(i, params);
      const onlyParam = params.length === 1 && params[0].span.start === start && params[0].span.end === end;
      if (onlyParam && text.charCodeAt(end - 1) === 125) {
        push('param', start, end, '', params[0].key, params);
      } else {
        const word = text.slice(start, end);
        push('word', start, end, upperOf(word), word, params.length ? params : undefined, word);
      }
      i = end;
      continue;
    }

    if (c === 96 /* ` */) {
      // A back-quoted name never spans lines (stop the damage); a doubled `` ` `` is one.
      const q = scanQuoted(i, false, true, true);
      if (!q.closed) error('unterminated-identifier', 'Unterminated back-quoted identifier: expected `` ` ``', start, q.end);
      push('quoted', start, q.end, q.value.toUpperCase(), q.value, q.params.length ? q.params : undefined);
      i = q.end;
      continue;
    }

    const op = operatorAt(text, i, c);
    if (op !== undefined) {
      push('op', i, i + op.length, op, op, undefined, op);
      i += op.length;
      continue;
    }

    // Anything else: a run of characters that start no token.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isSpace(d) || isWordChar(d) || d === 39 || d === 34 || d === 96 || SINGLE_OPS.indexOf(text[j]) >= 0) break;
      j++;
    }
    error('invalid-character', `Unexpected character ${JSON.stringify(text.slice(i, Math.min(j, i + 8)))}`, i, j);
    push('invalid', i, j, '', text.slice(i, j));
    i = j;
  }
  tokens.push({ kind: 'eof', start: n, end: n, text: '', upper: '', value: '', lineStart });
  return { tokens, comments, errors };

  /** True when the previous token ends right at `at` and is a value (so `t.5` is a dot then 5). */
  // Takes the offset as a parameter: a closure reading the loop variable would move it off the stack.
  function afterValue(at: number): boolean {
    const prev = tokens[tokens.length - 1];
    if (!prev || prev.end !== at) return false;
    return prev.kind === 'word' || prev.kind === 'quoted' || prev.kind === 'param' || prev.upper === ')' || prev.upper === ']';
  }

  function scanString(quoteAt: number, raw: boolean): number {
    const start = raw ? quoteAt - 1 : quoteAt;
    const q = scanQuoted(quoteAt, !raw, false, false);
    if (!q.closed) error('unterminated-string', 'Unterminated string: expected a closing quote', start, q.end);
    const token = push('string', start, q.end, '', q.value, q.params.length ? q.params : undefined);
    if (raw) token.raw = true;
    return q.end;
  }

  /**
   * The one quote-scanning loop (strings and back-quoted names): from the
   * opening quote at `quoteAt` to its closing quote, decoding backslash escapes
   * or doubled quotes and collecting `${...}` parameters. Left open, it stops
   * at the end of the line (`oneLine`) or before a line starting with CREATE.
   */
  function scanQuoted(
    quoteAt: number,
    backslash: boolean,
    doubled: boolean,
    oneLine: boolean,
  ): { end: number; value: string; params: Param[]; closed: boolean } {
    const quote = text.charCodeAt(quoteAt);
    let j = quoteAt + 1;
    let value = '';
    let chunk = j;
    const params: Param[] = [];
    let closed = false;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === quote) {
        if (doubled && text.charCodeAt(j + 1) === quote) {
          value += text.slice(chunk, j + 1);
          j += 2;
          chunk = j;
          continue;
        }
        closed = true;
        break;
      }
      if (d === 92 /* \ */ && backslash && j + 1 < n) {
        value += text.slice(chunk, j);
        const [decoded, len] = unescape(j);
        value += decoded;
        j += len;
        chunk = j;
        continue;
      }
      if (d === 36 && text.charCodeAt(j + 1) === 123) {
        j = scanParam(j, params);
        continue;
      }
      if ((d === CH_NL || d === CH_CR) && (oneLine || startsCreateLine(j))) break;
      j++;
    }
    value += text.slice(chunk, j);
    return { end: closed ? j + 1 : j, value, params, closed };
  }

  /**
   * Strings may span lines, but one that would swallow a line starting with
   * CREATE is almost surely a quote left open: it ends at that line break.
   */
  function startsCreateLine(lineBreak: number): boolean {
    let k = lineBreak + 1;
    while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === CH_NL || text.charCodeAt(k) === CH_CR))
      k++;
    return (text.charCodeAt(k) | 0x20) === 99 && text.slice(k, k + 6).toUpperCase() === 'CREATE' && !isWordChar(text.charCodeAt(k + 6));
  }

  /** Decodes the escape at `at` (a backslash); returns [text, length consumed]. */
  function unescape(at: number): [string, number] {
    const e = text[at + 1];
    switch (e) {
      case 'n':
        return ['\n', 2];
      case 't':
        return ['\t', 2];
      case 'r':
        return ['\r', 2];
      case 'b':
        return ['\b', 2];
      case '0':
        return ['\0', 2];
      case 'Z':
        return ['\x1a', 2];
      case '%':
      case '_':
        return ['\\' + e, 2]; // kept for LIKE patterns, as Spark does
      case 'u': {
        const hex = text.slice(at + 2, at + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), 6];
        return ['u', 2];
      }
      case 'U': {
        const hex = text.slice(at + 2, at + 10);
        if (/^[0-9a-fA-F]{8}$/.test(hex)) {
          const cp = parseInt(hex, 16);
          return [cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd', 10];
        }
        return ['U', 2];
      }
      default:
        return [e, 2];
    }
  }

  function scanNumber(at: number): number {
    let j = at;
    const hex =
      text.charCodeAt(j) === 48 && (text.charCodeAt(j + 1) === 120 || text.charCodeAt(j + 1) === 88) && isHexDigit(text.charCodeAt(j + 2));
    if (hex) {
      j += 2;
      while (j < n && isHexDigit(text.charCodeAt(j))) j++;
    } else {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
        j++;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      } else if (text.charCodeAt(j) === 46 && !isWordChar(text.charCodeAt(j + 1))) {
        j++; // `1.` is a number
      }
      const e = text.charCodeAt(j);
      if (e === 101 || e === 69) {
        const s = text.charCodeAt(j + 1);
        const k = s === 43 || s === 45 ? j + 2 : j + 1;
        if (isDigit(text.charCodeAt(k))) {
          j = k;
          while (j < n && isDigit(text.charCodeAt(j))) j++;
        }
      }
    }
    const bodyEnd = j;
    let suffix = '';
    if (!hex) {
      const s1 = text.charCodeAt(j) | 0x20;
      const s2 = text.charCodeAt(j + 1) | 0x20;
      if (s1 === 98 /* b */ && s2 === 100 /* d */ && !isWordChar(text.charCodeAt(j + 2))) suffix = 'BD';
      else if ((s1 === 108 || s1 === 115 || s1 === 121 || s1 === 100 || s1 === 102) && !isWordChar(text.charCodeAt(j + 1)))
        suffix = text[j].toUpperCase();
      j += suffix.length;
    }
    if (j < n && (isWordChar(text.charCodeAt(j)) || isParamStart(j))) {
      // Digits followed by letters (`1st_col`, `2x`): a word, as Spark reads it.
      const params: Param[] = [];
      const end = scanWord(j, params);
      const word = text.slice(at, end);
      push('word', at, end, upperOf(word), word, params.length ? params : undefined, word);
      return end;
    }
    const body = text.slice(at, bodyEnd);
    push('number', at, j, suffix, body);
    return j;
  }
}
