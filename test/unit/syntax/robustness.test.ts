// Robustness: thousands of deterministic random mutations of real pipeline
// SQL (deleted, inserted, duplicated and swapped tokens, truncations, binary
// garbage) plus pathological documents (1 MB lines, deep nesting, unclosed
// strings) go through tokenize + parse + tree walk + nodeAt. Nothing may throw,
// no statement may hit the parser's internal-error guard, every span must lie
// inside the document, and each document must finish within a generous bound
// (the parser's step budget makes a hang impossible; the bound catches
// super-linear work).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { LineIndex } from '../../../server/src/language/syntax/lineIndex';
import { parse } from '../../../server/src/language/syntax/parser';
import { tokenize } from '../../../server/src/language/syntax/tokenizer';
import { nodeAt, walk } from '../../../server/src/language/syntax/visit';
import { SPECIAL_TOKENS } from '../support/fuzzDocuments';
import { Prng } from '../support/prng';
import { fixtureSql } from './fixtures';

const MUTATIONS = 3000;
/** Per mutated document (they parse in about a millisecond). */
const BOUND_MS = 2000;
/** Per pathological document of up to 1 MB (they parse in well under a second; the machine may be shared). */
const LARGE_BOUND_MS = 8000;

type Mutation = (text: string, tokens: { start: number; end: number; text: string }[], rnd: Prng) => string;

const mutations: Record<string, Mutation> = {
  deleteToken: (text, tokens, rnd) => {
    const t = rnd.pick(tokens);
    return text.slice(0, t.start) + text.slice(t.end);
  },
  insertToken: (text, tokens, rnd) => {
    const at = rnd.pick(tokens).start;
    const piece = rnd.next() < 0.5 ? rnd.pick(SPECIAL_TOKENS) : rnd.pick(tokens).text;
    return text.slice(0, at) + piece + ' ' + text.slice(at);
  },
  duplicateRange: (text, tokens, rnd) => {
    const i = rnd.int(tokens.length);
    const j = Math.min(tokens.length - 1, i + rnd.int(12));
    const piece = text.slice(tokens[i].start, tokens[j].end);
    return text.slice(0, tokens[j].end) + ' ' + piece + text.slice(tokens[j].end);
  },
  swapTokens: (text, tokens, rnd) => {
    const a = rnd.pick(tokens);
    const b = rnd.pick(tokens);
    if (a.start >= b.start) return text;
    return text.slice(0, a.start) + b.text + text.slice(a.end, b.start) + a.text + text.slice(b.end);
  },
  truncate: (text, _tokens, rnd) => text.slice(0, rnd.int(text.length + 1)),
  garbage: (text, _tokens, rnd) => {
    const at = rnd.int(text.length + 1);
    let junk = '';
    const n = 1 + rnd.int(16);
    for (let i = 0; i < n; i++) junk += String.fromCharCode(rnd.next() < 0.2 ? 0xd800 + rnd.int(0x800) : rnd.int(0x10000));
    return text.slice(0, at) + junk + text.slice(at);
  },
};

function check(text: string): number {
  const t0 = performance.now();
  const r = parse(text);
  const ms = performance.now() - t0;
  const internal = r.errors.find((e) => e.code === 'internal-error');
  assert.equal(internal, undefined, `internal error: ${internal?.message} in ${JSON.stringify(text.slice(0, 200))}`);
  for (const e of r.errors)
    assert.ok(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length, `error span ${JSON.stringify(e)}`);
  let previousEnd = 0;
  for (const s of r.statements) {
    assert.ok(s.span.start >= previousEnd && s.span.end <= text.length, `statement span ${JSON.stringify(s.span)}`);
    previousEnd = s.span.end;
  }
  let nodes = 0;
  walk(r.statements, (n) => {
    nodes++;
    assert.ok(n.span.start >= 0 && n.span.start <= n.span.end && n.span.end <= text.length, `${n.kind} span ${JSON.stringify(n.span)}`);
  });
  assert.ok(nodes >= r.statements.length);
  nodeAt(r.statements, text.length >> 1);
  new LineIndex(text).positionAt(text.length >> 1);
  return ms;
}

describe('parser robustness', () => {
  const corpus = fixtureSql().map((f) => f.text);

  test(`${MUTATIONS} random mutations of the fixture SQL`, () => {
    assert.ok(corpus.length > 0);
    const rnd = new Prng(20260101);
    const names = Object.keys(mutations);
    const counts: Record<string, number> = {};
    let worst = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      let text = rnd.pick(corpus);
      // One to three stacked mutations.
      const rounds = 1 + rnd.int(3);
      for (let k = 0; k < rounds; k++) {
        const tokens = tokenize(text).tokens.filter((t) => t.kind !== 'eof');
        if (tokens.length === 0) break;
        const name = rnd.pick(names);
        counts[name] = (counts[name] ?? 0) + 1;
        text = mutations[name](text, tokens, rnd);
      }
      worst = Math.max(worst, check(text));
    }
    for (const name of names) assert.ok((counts[name] ?? 0) > 100, `mutation ${name} exercised`);
    assert.ok(worst < BOUND_MS, `slowest mutated document took ${worst.toFixed(0)} ms`);
  });

  const MB = 1 << 20;
  const pathological: [string, () => string][] = [
    ['a 1 MB line of one expression', () => `SELECT ${'a + '.repeat(MB / 4)}1 FROM t`],
    ['a 256 KB line of select items', () => `SELECT ${'col_x, '.repeat(MB / 28)}1 FROM t`],
    ['a 1 MB line of binary garbage', () => Array.from({ length: MB }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('')],
    ['1 MB of unclosed parentheses', () => 'SELECT ' + '('.repeat(MB)],
    ['256 KB of closing parentheses', () => 'SELECT ' + ')'.repeat(MB / 4)],
    ['deeply nested balanced parentheses', () => `SELECT ${'('.repeat(50_000)}1${')'.repeat(50_000)}`],
    ['deeply nested subqueries', () => `SELECT * FROM ${'(SELECT * FROM '.repeat(20_000)}t${')'.repeat(20_000)}`],
    ['an unterminated 1 MB string', () => `SELECT '${'x'.repeat(MB)}`],
    ['an unterminated 1 MB comment', () => `SELECT /* ${'x'.repeat(MB)}`],
    ['a 1 MB back-quoted name', () => `SELECT \`${'x'.repeat(MB)}\``],
    ['100k semicolons', () => ';'.repeat(100_000)],
    ['20k tiny statements', () => 'SELECT 1;\n'.repeat(20_000)],
    ['20k CREATE keywords', () => 'CREATE\n'.repeat(20_000)],
    ['alternating keywords', () => 'SELECT FROM WHERE GROUP BY ORDER BY LIMIT '.repeat(5_000)],
    ['a chain of NOT', () => `SELECT ${'NOT '.repeat(50_000)}x`],
    ['a chain of CASE', () => `SELECT ${'CASE WHEN '.repeat(20_000)}`],
    ['a chain of dots', () => `SELECT a${'.b'.repeat(50_000)}`],
    ['a chain of JSON steps and casts', () => `SELECT raw${':a'.repeat(20_000)}${'::int'.repeat(20_000)}`],
    ['nested type brackets', () => `SELECT CAST(x AS ${'ARRAY<'.repeat(50_000)}INT)`],
    ['a long join chain', () => `SELECT * FROM t0 ${Array.from({ length: 5_000 }, (_, i) => `JOIN t${i + 1} ON a = b`).join(' ')}`],
    [
      'an expectation list of 10k entries',
      () =>
        `CREATE OR REFRESH STREAMING TABLE t (${Array.from({ length: 10_000 }, (_, i) => `CONSTRAINT c${i} EXPECT (x > ${i})`).join(', ')}) AS SELECT 1`,
    ],
  ];
  for (const [name, make] of pathological) {
    test(name, () => {
      const ms = check(make());
      assert.ok(ms < LARGE_BOUND_MS, `${name}: ${ms.toFixed(0)} ms`);
    });
  }
});
