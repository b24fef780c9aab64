// Semantic tokens, so editors colour what a SQL grammar cannot know: Lakeflow
// keywords, dataset names by kind (streaming table, materialized view, view,
// catalog table), columns, `${...}` parameters, functions, expectation
// names and CTE names. Only standard LSP token types are used, so every client can show them
// without extra declarations.
import { walk } from '../syntax/visit';
import type { Dataset } from '../model/datasetTypes';
import type { Range } from '../model/location';
import { forEachColumnRef, ownedQueries } from './columnScope';
import { cteAtOffset } from './cteAt';
import type { FeatureContext, SyntaxDocument } from './featureContext';

// Only ever appended to: clients keep the legend the server announced.
export const SEMANTIC_TOKEN_TYPES = [
  'keyword',
  'struct',
  'class',
  'interface',
  'type',
  'property',
  'parameter',
  'function',
  'enumMember',
  'namespace',
  'variable',
] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'deprecated', 'readonly'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

/** Dataset kind -> token type: streaming tables as structs, materialized views as classes, views as interfaces, catalog tables as types. */
export function datasetTokenType(kind: Dataset['kind'] | 'catalog'): SemanticTokenType {
  return kind === 'streaming_table' ? 'struct' : kind === 'materialized_view' ? 'class' : kind === 'catalog' ? 'type' : 'interface';
}

const LAKEFLOW_WORDS = new Set([
  'STREAMING',
  'LIVE',
  'MATERIALIZED',
  'REFRESH',
  'EXPECT',
  'VIOLATION',
  'AUTO',
  'CDC',
  'APPLY',
  'CHANGES',
  'SEQUENCE',
  'STREAM',
  'FLOW',
  'PRIVATE',
  'ONCE',
  'SCD',
  'TRACK',
  'HISTORY',
  'KEYS',
  'TBLPROPERTIES',
  'CONSTRAINT',
  'INCREMENTAL',
  'SNAPSHOT',
]);
/** Words that are Lakeflow keywords only right after another one (`ON VIOLATION DROP ROW`, `STORED AS SCD TYPE`). */
const FOLLOWERS: Record<string, string[]> = {
  VIOLATION: ['DROP', 'FAIL'],
  DROP: ['ROW'],
  FAIL: ['UPDATE'],
  SCD: ['TYPE'],
  SEQUENCE: ['BY'],
  STREAMING: ['TABLE'],
  MATERIALIZED: ['VIEW'],
  AS: ['SCD'],
  STORED: ['AS'],
};

interface Entry {
  line: number;
  char: number;
  length: number;
  type: number;
  modifiers: number;
}

export function semanticTokens(ctx: FeatureContext, doc: SyntaxDocument): { data: number[] } {
  const entries: Entry[] = [];
  const add = (range: Range, type: SemanticTokenType, ...mods: (typeof SEMANTIC_TOKEN_MODIFIERS)[number][]) => {
    if (range.start.line !== range.end.line || range.end.character <= range.start.character) return;
    const modifiers = mods.reduce((m, x) => m | (1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(x)), 0);
    entries.push({
      line: range.start.line,
      char: range.start.character,
      length: range.end.character - range.start.character,
      type: SEMANTIC_TOKEN_TYPES.indexOf(type),
      modifiers,
    });
  };
  const a = ctx.index.analysis(doc.file);
  if (a) {
    for (const p of a.parameters) add(p.range, 'parameter', 'readonly');
    for (const d of a.datasets) {
      add(d.nameRange, datasetTokenType(d.kind), 'declaration');
      for (const c of d.columns)
        add(
          { start: c.range.start, end: { line: c.range.start.line, character: c.range.start.character + c.name.length } },
          'property',
          'declaration',
        );
      for (const e of d.expectations) {
        add(e.nameRange, 'enumMember', 'declaration');
        for (const c of e.facts.columns) add(c.range, 'property');
      }
    }
    for (const f of a.flows) {
      const target = ctx.index.definition(f.targetKey);
      add(f.targetRange, datasetTokenType(target?.kind ?? 'streaming_table'));
    }
    for (const r of a.references) {
      const res = ctx.index.resolve(r);
      if (r.livePrefix)
        add(
          { start: r.livePrefix.start, end: { line: r.livePrefix.end.line, character: r.livePrefix.end.character - 1 } },
          'namespace',
          'deprecated',
        );
      const kind = res.kind === 'dataset' ? ctx.index.definition(res.key)?.kind : res.kind === 'external' ? 'catalog' : undefined;
      if (kind) add(r.livePrefix ? { start: r.livePrefix.end, end: r.range.end } : r.range, datasetTokenType(kind));
    }
    for (const q of ownedQueries(a.datasets, a.flows)) forEachColumnRef(q.shape, (o) => add(o.ref.range, 'property'));
  }
  walk(doc.parsed.statements, (n) => {
    if (n.kind === 'FunctionCall') add(doc.lines.rangeOf(n.name.span), 'function');
    else if (n.kind === 'Cte' && n.name.kind === 'Identifier') add(doc.lines.rangeOf(n.name.span), 'variable', 'declaration');
    else if (n.kind === 'TableRef' && n.name.parts.length === 1) {
      const name = n.name;
      if (cteAtOffset(doc, name.span.start)) add(doc.lines.rangeOf(name.span), 'variable');
    }
  });
  const tokens = doc.parsed.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    const prev = tokens[i - 1];
    const follows =
      prev?.kind === 'word' && FOLLOWERS[prev.upper]?.includes(t.upper) && (LAKEFLOW_WORDS.has(prev.upper) || prev.upper in FOLLOWERS);
    // A pipe step's operation (`|> EXTEND`, `|> AGGREGATE`): a keyword whatever the word.
    const pipeOperation = prev?.kind === 'op' && prev.upper === '|>';
    if (LAKEFLOW_WORDS.has(t.upper) || follows || pipeOperation || (t.upper === 'INTO' && prev?.upper === 'CDC'))
      add(doc.lines.rangeOf(t), 'keyword');
  }
  return { data: encode(entries) };
}

/** Sorted, without overlaps (the first, most specific entry at a position wins), delta-encoded as LSP wants. */
function encode(entries: Entry[]): number[] {
  const sorted = entries
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.line - y.e.line || x.e.char - y.e.char || x.i - y.i)
    .map((x) => x.e);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  let lastLine = -1;
  for (const e of sorted) {
    if (e.line === lastLine && e.char < lastEnd) continue;
    data.push(e.line - line, e.line === line ? e.char - char : e.char, e.length, e.type, e.modifiers);
    line = e.line;
    char = e.char;
    lastLine = e.line;
    lastEnd = e.char + e.length;
  }
  return data;
}
