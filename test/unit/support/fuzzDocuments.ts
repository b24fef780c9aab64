// Generates fuzz documents from a corpus of real Lakeflow SQL. Two kinds:
// grammar-aware (the corpus parsed by the product's parser; a subtree of one
// document replaced by a subtree of the same kind from anywhere in the corpus,
// statements spliced across files) and byte-level (tokens deleted, inserted,
// duplicated, swapped; truncation; random UTF-16 garbage). Deterministic for a
// seed, so a failure replays from its seed and index alone.
import type { Node } from '../../../server/src/language/syntax/ast';
import { parse } from '../../../server/src/language/syntax/parser';
import { tokenize } from '../../../server/src/language/syntax/tokenizer';
import { walk } from '../../../server/src/language/syntax/visit';
import { Prng } from './prng';

/** Expression kinds are interchangeable with each other; every other node only with its own kind. */
const EXPRESSION_KINDS = new Set([
  'ColumnRef',
  'FunctionCall',
  'Binary',
  'Unary',
  'Case',
  'Cast',
  'Paren',
  'In',
  'Is',
  'IsDistinctFrom',
  'Between',
  'Like',
  'Subquery',
  'Exists',
  'NumberLiteral',
  'StringLiteral',
  'BooleanLiteral',
  'NullLiteral',
  'TypedLiteral',
  'Interval',
  'FieldAccess',
  'Subscript',
  'JsonPath',
  'Extract',
  'Tuple',
  'Lambda',
  'Star',
  'Param',
]);
const groupOf = (kind: string) => (EXPRESSION_KINDS.has(kind) ? 'Expr' : kind);

/** Pieces worth inserting: delimiters, comment and string openers, and the words that start clauses. Also used by the robustness test. */
export const SPECIAL_TOKENS = [
  '(',
  ')',
  "'",
  '"',
  '`',
  '/*',
  '*/',
  '--',
  '${',
  '}',
  ';',
  ',',
  '.',
  '::',
  ':',
  '[',
  ']',
  '<',
  '>',
  '|>',
  '->',
  '=>',
  'CREATE',
  'SELECT',
  'FROM',
  'WHERE',
  'JOIN',
  'AS',
  'WITH',
  'STREAM',
  'LIVE.',
  'CONSTRAINT',
  'EXPECT',
  'ON VIOLATION',
  'AUTO CDC INTO',
  'PIVOT (',
  'FOR',
  'IN (',
  'OVER (',
  'APPLY',
  'CHANGES',
  'CASE',
  'END',
  'OVER',
  'INTERVAL',
  '\n',
];

interface Fragment {
  text: string;
}

export class FuzzCorpus {
  private readonly fragments = new Map<string, Fragment[]>();
  private readonly statements: string[] = [];

  constructor(readonly documents: readonly string[]) {
    for (const text of documents) {
      const parsed = parse(text);
      for (const st of parsed.statements) {
        this.statements.push(text.slice(st.span.start, st.span.end));
        walk(st, (n) => {
          if (n.span.end - n.span.start < 1 || n.span.end - n.span.start > 2000) return;
          const group = groupOf(n.kind);
          let list = this.fragments.get(group);
          if (!list) this.fragments.set(group, (list = []));
          list.push({ text: text.slice(n.span.start, n.span.end) });
        });
      }
    }
  }

  /** Document `index` of the run with `seed`: the same pair always gives the same text. */
  generate(seed: number, index: number): { text: string; how: string } {
    const rnd = new Prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
    let text = rnd.next() < 0.7 ? rnd.pick(this.documents) : this.spliced(rnd);
    const steps: string[] = [];
    const rounds = 1 + rnd.int(4);
    for (let r = 0; r < rounds; r++) {
      const grammar = rnd.next() < 0.6;
      const [name, next] = grammar ? this.grammarStep(text, rnd) : byteStep(text, rnd);
      steps.push(name);
      text = next;
    }
    return { text, how: steps.join(', ') };
  }

  /** Two to four statements from anywhere in the corpus, one document. */
  private spliced(rnd: Prng): string {
    const n = 2 + rnd.int(3);
    return Array.from({ length: n }, () => rnd.pick(this.statements)).join(rnd.next() < 0.8 ? ';\n\n' : '\n');
  }

  private grammarStep(text: string, rnd: Prng): [string, string] {
    const nodes: Node[] = [];
    walk(parse(text).statements, (n) => void (n.span.end > n.span.start && nodes.push(n)));
    if (nodes.length === 0) return ['splice', text + ';\n' + rnd.pick(this.statements)];
    const target = rnd.pick(nodes);
    const choice = rnd.next();
    if (choice < 0.75) {
      // Same-kind subtree from the corpus in its place.
      const pool = this.fragments.get(groupOf(target.kind));
      if (!pool?.length) return ['keep', text];
      return [`replace ${target.kind}`, text.slice(0, target.span.start) + rnd.pick(pool).text + text.slice(target.span.end)];
    }
    if (choice < 0.9) {
      // The subtree twice (lists grow, clauses repeat).
      const piece = text.slice(target.span.start, target.span.end);
      return [`repeat ${target.kind}`, text.slice(0, target.span.end) + ' ' + piece + text.slice(target.span.end)];
    }
    return [`drop ${target.kind}`, text.slice(0, target.span.start) + text.slice(target.span.end)];
  }
}

function byteStep(text: string, rnd: Prng): [string, string] {
  const tokens = tokenize(text).tokens.filter((t) => t.kind !== 'eof');
  if (tokens.length === 0) return ['insert', rnd.pick(SPECIAL_TOKENS) + text];
  const t = rnd.pick(tokens);
  switch (rnd.int(6)) {
    case 0:
      return ['delete token', text.slice(0, t.start) + text.slice(t.end)];
    case 1: {
      const piece = rnd.next() < 0.6 ? rnd.pick(SPECIAL_TOKENS) : text.slice(rnd.pick(tokens).start, rnd.pick(tokens).end);
      return ['insert token', text.slice(0, t.start) + piece + ' ' + text.slice(t.start)];
    }
    case 2: {
      const u = tokens[Math.min(tokens.length - 1, tokens.indexOf(t) + rnd.int(12))];
      return ['duplicate tokens', text.slice(0, u.end) + ' ' + text.slice(t.start, u.end) + text.slice(u.end)];
    }
    case 3: {
      const u = rnd.pick(tokens);
      if (u.start <= t.end) return ['swap tokens', text];
      return [
        'swap tokens',
        text.slice(0, t.start) + text.slice(u.start, u.end) + text.slice(t.end, u.start) + text.slice(t.start, t.end) + text.slice(u.end),
      ];
    }
    case 4:
      return ['truncate', text.slice(0, rnd.int(text.length + 1))];
    default: {
      let junk = '';
      for (let i = 1 + rnd.int(16); i > 0; i--) junk += String.fromCharCode(rnd.next() < 0.2 ? 0xd800 + rnd.int(0x800) : rnd.int(0x10000));
      const at = rnd.int(text.length + 1);
      return ['garbage', text.slice(0, at) + junk + text.slice(at)];
    }
  }
}

/**
 * The smallest text (by line, then by shrinking character chunks) for which
 * `fails` still holds, within `maxTries` calls: what a failure report saves.
 */
export function minimise(text: string, fails: (candidate: string) => boolean, maxTries = 400): string {
  let tries = 0;
  const attempt = (candidate: string) => tries++ < maxTries && candidate !== text && fails(candidate);
  for (const unit of ['\n', '']) {
    let parts = unit ? text.split(unit) : [...text];
    for (let chunk = Math.max(1, parts.length >> 1); chunk >= 1 && tries < maxTries; chunk >>= 1) {
      for (let i = 0; i < parts.length && tries < maxTries;) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        if (attempt(candidate.join(unit))) {
          parts = candidate;
          text = candidate.join(unit);
        } else i += chunk;
      }
    }
  }
  return text;
}
