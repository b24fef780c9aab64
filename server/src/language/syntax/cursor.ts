// The parser's position in the token stream plus the helpers every grammar
// module shares: keyword tests, expectations that record errors instead of
// throwing, Missing nodes, the nesting bound and recovery skipping.
import type { ErrorNode, Identifier, Missing, Span, SyntaxError, SyntaxErrorCode } from './ast';
import type { Token } from './tokens';

/** Nesting bound for expressions, queries, relations and types: deep input gets an error, never a stack overflow. */
export const MAX_DEPTH = 150;

/** Budget of current-token looks per token (normal parsing uses a few dozen). */
const STEPS_PER_TOKEN = 400;

/** Keywords that begin a statement when they start a line (used to stop skipping). */
const STATEMENT_KEYWORDS = new Set(['CREATE', 'SET', 'INSERT']);

/**
 * Words that end an expression or clause and are never read as a bare column
 * name or an implicit alias. Kept small on purpose: Databricks lets most
 * keywords be identifiers (`date`, `comment`, `keys`, `window`, `offset` ...).
 */
export const RESERVED = new Set([
  'ALL',
  'AND',
  'ANTI',
  'AS',
  'BETWEEN',
  'BY',
  'CASE',
  'CLUSTER',
  'CREATE',
  'CROSS',
  'DISTINCT',
  'DISTRIBUTE',
  'ELSE',
  'END',
  'ESCAPE',
  'EXCEPT',
  'FROM',
  'FULL',
  'GROUP',
  'HAVING',
  'ILIKE',
  'IN',
  'INNER',
  'INTERSECT',
  'IS',
  'JOIN',
  'LATERAL',
  'LEFT',
  'LIKE',
  'LIMIT',
  'MINUS',
  'NATURAL',
  'NOT',
  'ON',
  'OR',
  'ORDER',
  'QUALIFY',
  'REGEXP',
  'RIGHT',
  'RLIKE',
  'SELECT',
  'SEMI',
  'SORT',
  'THEN',
  'UNION',
  'USING',
  'WHEN',
  'WHERE',
  'WITH',
]);

/** Words that may not be an implicit (AS-less) alias, beyond RESERVED: they start the next clause. */
const NOT_ALIAS = new Set([
  'KEYS',
  'IGNORE',
  'APPLY',
  'SEQUENCE',
  'COLUMNS',
  'STORED',
  'TRACK',
  'OFFSET',
  'WINDOW',
  'TABLESAMPLE',
  'PIVOT',
  'UNPIVOT',
  'WATERMARK',
  'OVER',
  'FILTER',
  'ASC',
  'DESC',
  'NULLS',
  'VALUES',
  'FOR',
  'OUTER',
  'SET',
  'INSERT',
  'WITHIN',
  'RESPECT',
  'CONSTRAINT',
  'COMMENT',
  'TBLPROPERTIES',
  'PARTITIONED',
  'LOCATION',
  'OPTIONS',
  'BY',
  'SCHEDULE',
]);

export class Cursor {
  pos = 0;
  /** Token index where the statement being parsed began (a notebook cell start there does not end it). */
  statementStart = 0;
  depth = 0;
  steps = 0;
  private stepLimit: number;
  readonly errors: SyntaxError[] = [];
  /** For each `(` token, the index of its `)` (or -1); matching resets at statement boundaries. */
  private readonly matching: Int32Array;
  private tooDeepReported = false;

  constructor(
    readonly text: string,
    readonly tokens: Token[],
  ) {
    this.matching = computeMatching(tokens);
    this.stepLimit = STEPS_PER_TOKEN * tokens.length + 10_000;
  }

  /**
   * Every look at the current token counts against a budget linear in the
   * token count: a loop that stops making progress (a parser bug) ends in an
   * `internal-error` for its statement instead of hanging the server.
   */
  get tok(): Token {
    if (++this.steps > this.stepLimit) this.outOfSteps();
    return this.tokens[this.pos];
  }

  private outOfSteps(): never {
    this.stepLimit = this.steps + STEPS_PER_TOKEN * this.tokens.length + 10_000; // room to recover
    throw new Error('the parser made no progress');
  }

  peek(k = 1): Token {
    const i = this.pos + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1];
  }

  atEof(): boolean {
    return this.tok.kind === 'eof';
  }

  advance(): Token {
    const t = this.tokens[this.pos];
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** End offset of the last consumed token (where a Missing goes). */
  prevEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : 0;
  }

  spanFrom(start: number): Span {
    const end = this.prevEnd();
    return { start, end: end < start ? start : end };
  }

  isWord(upper: string, k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    return t.kind === 'word' && t.upper === upper;
  }

  isOp(op: string, k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    return t.kind === 'op' && t.upper === op;
  }

  eatWord(upper: string): Token | undefined {
    return this.isWord(upper) ? this.advance() : undefined;
  }

  eatOp(op: string): Token | undefined {
    return this.isOp(op) ? this.advance() : undefined;
  }

  /** Consumes the words in order if all are next (`ON VIOLATION`); otherwise consumes nothing. */
  eatWords(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (!this.isWord(words[k], k)) return false;
    this.pos += words.length;
    return true;
  }

  expectOp(op: string): boolean {
    if (this.eatOp(op)) return true;
    this.errorHere('missing-token', `Expected \`${op}\``);
    return false;
  }

  expectWord(word: string): boolean {
    if (this.eatWord(word)) return true;
    this.errorHere('missing-token', `Expected ${word}`);
    return false;
  }

  /** A zero-width Missing at the end of the previous token (no error recorded). */
  missing(expected: string): Missing {
    const at = this.prevEnd();
    return { kind: 'Missing', expected, span: { start: at, end: at } };
  }

  /** A Missing plus an error pointing at the offending token (or the gap when at the end). */
  missingWithError(expected: string, code: SyntaxErrorCode): Missing {
    this.errorHere(code, `Expected ${expected}`);
    return this.missing(expected);
  }

  error(code: SyntaxErrorCode, message: string, span: Span): void {
    const last = this.errors[this.errors.length - 1];
    // One error per spot: a cascade at the same place tells the user nothing new.
    if (last && last.span.start === span.start) return;
    this.errors.push({ code, message, span });
  }

  /** An error at the current token, or just after the previous one at the end of a statement. */
  errorHere(code: SyntaxErrorCode, message: string): void {
    const t = this.tok;
    if (t.kind === 'eof' || this.atStatementEnd()) {
      const at = this.prevEnd();
      this.error(code, message + (t.kind === 'eof' ? '' : ` before \`${t.text}\``), { start: at, end: at });
    } else {
      this.error(code, `${message}, found \`${clip(t.text)}\``, { start: t.start, end: t.end });
    }
  }

  /** `;`, end of input, a notebook cell start, or a statement keyword (CREATE, SET, INSERT, APPLY CHANGES) that starts a line. */
  atStatementEnd(k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    if (t.kind === 'eof' || (t.cellStart && this.pos + k !== this.statementStart)) return true;
    if (t.kind === 'op') return t.upper === ';';
    if (t.kind !== 'word' || !t.lineStart) return false;
    if (STATEMENT_KEYWORDS.has(t.upper)) return true;
    return t.upper === 'APPLY' && this.isWord('CHANGES', k + 1);
  }

  isReserved(k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    return t.kind === 'word' && RESERVED.has(t.upper);
  }

  /** The current token can be a name (word that is not reserved, back-quoted, or `${param}`). */
  atName(k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    if (t.kind === 'quoted' || t.kind === 'param') return true;
    return t.kind === 'word' && !RESERVED.has(t.upper) && !this.atStatementEnd(k);
  }

  /** The current token can be an implicit alias (`FROM t x`, `SELECT a b`). */
  atImplicitAlias(): boolean {
    const t = this.tok;
    if (t.kind === 'quoted') return true;
    return t.kind === 'word' && !RESERVED.has(t.upper) && !NOT_ALIAS.has(t.upper) && !this.atStatementEnd();
  }

  /** Reads a name token into an Identifier (any word, even reserved: the caller decided). */
  identifier(): Identifier {
    const t = this.advance();
    const id: Identifier = {
      kind: 'Identifier',
      text: t.text,
      name: t.value,
      quoted: t.kind === 'quoted',
      span: { start: t.start, end: t.end },
    };
    if (t.params) id.params = t.params;
    return id;
  }

  /** An Identifier if the current token is a name, else a Missing with an error. */
  expectIdentifier(what: string): Identifier | Missing {
    if (this.atName()) return this.identifier();
    return this.missingWithError(what, 'expected-name');
  }

  /** Index of the `)` matching the `(` at token index `i`, or -1. */
  matchOf(i: number): number {
    return this.matching[i];
  }

  /**
   * Guards one level of nesting. Returns false (and reports once per
   * document) when the bound is reached; the caller then calls `skipNested`.
   */
  enter(): boolean {
    if (this.depth >= MAX_DEPTH) {
      if (!this.tooDeepReported) {
        this.tooDeepReported = true;
        const t = this.tok;
        this.error('too-deep', `Nesting deeper than ${MAX_DEPTH} levels is not analysed`, { start: t.start, end: t.end });
      }
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }

  /** Skips what cannot be analysed below the depth bound: a parenthesised group, or one token. */
  skipNested(): ErrorNode {
    const start = this.tok.start;
    if (this.isOp('(')) {
      const m = this.matching[this.pos];
      if (m >= 0) this.pos = m + 1;
      else this.skipToStatementEnd();
    } else if (!this.atStatementEnd()) {
      this.advance();
    }
    return { kind: 'Error', message: 'too deeply nested', span: this.spanFrom(start) };
  }

  /**
   * Skips tokens until `stop()` holds, the statement ends, or an unmatched `)`
   * closes the enclosing group; parenthesised groups are jumped over whole.
   * Returns the skipped span, or undefined when nothing was skipped.
   */
  skipUntil(stop: () => boolean): Span | undefined {
    const start = this.pos;
    while (!this.atStatementEnd() && !this.isOp(')') && !stop()) {
      if (this.isOp('(')) {
        const m = this.matching[this.pos];
        if (m >= 0) {
          this.pos = m + 1;
          continue;
        }
      }
      this.advance();
    }
    if (this.pos === start) return undefined;
    return { start: this.tokens[start].start, end: this.prevEnd() };
  }

  /** Steps over a parenthesised group at the cursor (or just the `(` when it is unclosed). */
  skipGroup(): void {
    if (!this.isOp('(')) return;
    const m = this.matching[this.pos];
    this.pos = m >= 0 ? m + 1 : this.pos + 1;
  }

  skipToStatementEnd(): void {
    while (!this.atStatementEnd()) this.advance();
  }

  /** Skips junk up to `stop` and reports it as one error. */
  skipJunk(stop: () => boolean, message: string): void {
    const t = this.tok;
    const span = this.skipUntil(stop);
    if (span) this.error('unexpected-token', `${message}, found \`${clip(t.text)}\``, span);
  }
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 30) + '…' : s;
}

function computeMatching(tokens: Token[]): Int32Array {
  const m = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.cellStart) stack.length = 0;
    if (t.kind === 'op') {
      if (t.upper === '(') stack.push(i);
      else if (t.upper === ')') {
        const open = stack.pop();
        if (open !== undefined) m[open] = i;
      } else if (t.upper === ';') stack.length = 0;
    } else if (t.kind === 'word' && t.lineStart && STATEMENT_KEYWORDS.has(t.upper)) {
      stack.length = 0;
    }
  }
  return m;
}
