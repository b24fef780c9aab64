// Token shapes produced by tokenizer.ts and consumed by the parser (and by
// features that need the raw token stream, e.g. completion at a cursor).
import type { Param } from './ast';

export type TokenKind =
  | 'word' // identifier or keyword, unquoted (may contain `${key}` pieces: see params)
  | 'quoted' // back-quoted identifier
  | 'string' // '...' or "..." or r'...'
  | 'number'
  | 'param' // a standalone `${key}`
  | 'op' // operator or punctuation
  | 'invalid' // characters that belong to no token (reported)
  | 'eof';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Source text of the token. */
  text: string;
  /** Words and quoted: upper-cased name (keyword matching); ops: the operator; numbers: the suffix (L, BD ...); otherwise ''. */
  upper: string;
  /** Strings: unescaped value; quoted identifiers: unquoted name; params: the key; numbers: the digits without suffix; else the text. */
  value: string;
  /** First token on its line (statement recovery looks at keywords that start a line). */
  lineStart: boolean;
  /** First token of a notebook cell (after `-- COMMAND ----------`): it always starts a statement. */
  cellStart?: boolean;
  /** `${key}` occurrences inside words, quoted identifiers, strings and params. */
  params?: Param[];
  /** `r'...'` raw string. */
  raw?: boolean;
}
