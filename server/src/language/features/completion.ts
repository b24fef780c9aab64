// Completion that knows where the cursor is: datasets and Unity Catalog names
// after FROM / JOIN / STREAM( (catalogs, then schemas, then tables as dots are
// typed), columns of exactly the relations in scope (aliases and CTEs resolved,
// `alias.` narrowing to one relation), functions and keywords in expressions,
// read_files option names, `${` configuration keys, and clause keywords after a
// CREATE header. Works on half-typed statements: it reads the token stream
// before the cursor and the error-tolerant tree, never requires a clean parse.
import type * as ast from '../syntax/ast';
import type { Token } from '../syntax/tokens';
import { pathAt, walk } from '../syntax/visit';
import { filesColumns, FILE_SOURCE_IMPLICIT_COLUMNS, isFilesFunction } from '../model/readFilesSchema';
import type { DatasetReference } from '../model/datasetTypes';
import { emptyRange, Position } from '../model/location';
import { substituteParameters } from '../model/pipelineContext';
import { SNIPPETS, SnippetPlace } from '../facts/snippets';
import {
  CREATE_CLAUSE_KEYWORDS,
  EXPRESSION_KEYWORDS,
  QUERY_CLAUSE_KEYWORDS,
  READ_FILES_OPTIONS,
  STATEMENT_KEYWORDS,
  TABLE_PROPERTIES,
} from '../facts/readFilesOptions';
import { ColumnResolver, pipeStepRelations } from './columnScope';
import { applyPivot, pivotSpec } from '../model/pivotShape';
import { cteOutputColumns, subqueryOutputColumns } from '../model/queryOutput';
import { FeatureContext, kindLabel, layerOf, SyntaxDocument } from './featureContext';
import { CompletionItem, CompletionKind, CompletionList, Range } from './lspShapes';
import { volumePathCompletion } from './volumePaths';
import { catalogFunctionItems } from './catalogFunctions';

/** Above this many candidates the list is narrowed by the typed prefix and marked incomplete. */
const MAX_ITEMS = 1000;

interface Cursor {
  ctx: FeatureContext;
  doc: SyntaxDocument;
  offset: number;
  position: Position;
  /** Dotted parts typed before the partial word (`cat.sch.` -> ['cat', 'sch']). */
  qualifier: string[];
  partial: string;
  /** Range the inserted name replaces: the partial word. */
  replace: Range;
  /** Index of the last token that ends before the word being typed (-1: none). */
  prev: number;
}

export function completion(ctx: FeatureContext, doc: SyntaxDocument, position: Position): CompletionList {
  const offset = doc.lines.offsetAt(position);
  const lineStart = doc.lines.offsetAt({ line: position.line, character: 0 });
  const before = doc.text.slice(lineStart, offset);
  const param = /\$\{([A-Za-z0-9_.-]*)$/.exec(before);
  if (param) return { isIncomplete: false, items: parameterItems(ctx, doc, offset, param[1].length) };
  const quotedKey = tablePropertyKeyString(doc, offset);
  if (quotedKey) return { isIncomplete: false, items: quotedKey };
  const volumePath = volumePathCompletion(ctx, doc, offset);
  if (volumePath) return volumePath;
  if (insideCommentOrString(doc, offset)) return { isIncomplete: false, items: [] };
  const word = /((?:(?:[A-Za-z0-9_]+|`[^`\n]*`)\.)*)([A-Za-z0-9_]*)$/.exec(before)!;
  const qualifier = word[1]
    ? word[1]
        .slice(0, -1)
        .split('.')
        .map((p) => p.replace(/^`|`$/g, ''))
    : [];
  const partial = word[2];
  const wordStart = offset - word[0].length;
  const cur: Cursor = {
    ctx,
    doc,
    offset,
    position,
    qualifier,
    partial,
    replace: { start: doc.lines.positionAt(offset - partial.length), end: position },
    prev: lastTokenBefore(doc.parsed.tokens, wordStart),
  };
  const tokens = doc.parsed.tokens;
  const prev = tokens[cur.prev];
  if (prev?.kind === 'op' && prev.text === ',' && enclosingFilesCall(tokens, cur.prev)) return list(optionItems(cur));
  if (atTablePropertyKey(tokens, cur.prev)) return list(tablePropertyItems(cur.replace, false));
  if (isDatasetPosition(tokens, cur.prev)) return datasetItems(cur);
  const statement = statementAt(doc, offset);
  if (!statement || (prev?.kind === 'op' && prev.text === ';'))
    return list([...keywordItems(STATEMENT_KEYWORDS, cur), ...snippetItems(cur, 'statement')]);
  if (statement.kind === 'CreateDataset' && qualifier.length === 0) {
    const header = createHeaderItems(cur, statement, prev);
    if (header) return list(header);
  }
  const functions = catalogFunctionItems(ctx, qualifier, cur.replace);
  return list([...expressionItems(cur, statement), ...functions.items], functions.incomplete);
}

function list(items: CompletionItem[], isIncomplete = false): CompletionList {
  return { isIncomplete, items };
}

function insideCommentOrString(doc: SyntaxDocument, offset: number): boolean {
  for (const c of doc.parsed.comments) {
    if (c.span.start < offset && (c.block ? offset < c.span.end : offset <= c.span.end)) return true;
  }
  const i = lastTokenBefore(doc.parsed.tokens, offset + 1);
  const t = doc.parsed.tokens[i];
  return !!t && t.kind === 'string' && t.start < offset && offset < t.end;
}

/** Binary search: the last token ending at or before `offset`. */
function lastTokenBefore(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (t.kind !== 'eof' && t.end <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const isWord = (t: Token | undefined, ...words: string[]) => !!t && t.kind === 'word' && words.includes(t.upper);
const isOp = (t: Token | undefined, op: string) => !!t && t.kind === 'op' && t.text === op;

/** After FROM, JOIN, STREAM, STREAM(, INTO, or a comma in a FROM list. */
function isDatasetPosition(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (isWord(t, 'FROM', 'JOIN', 'STREAM', 'INTO')) return true;
  if (isOp(t, '(') && isWord(tokens[i - 1], 'STREAM')) return true;
  if (isOp(t, ',')) return clauseBefore(tokens, i) === 'FROM';
  return false;
}

/** The nearest clause keyword before token `i` at the same parenthesis depth. */
function clauseBefore(tokens: Token[], i: number): string | undefined {
  let depth = 0;
  for (let k = i; k >= 0 && i - k < 2000; k--) {
    const t = tokens[k];
    if (isOp(t, ')')) depth++;
    else if (isOp(t, '(')) {
      if (depth === 0) return '(';
      depth--;
    } else if (
      depth === 0 &&
      t.kind === 'word' &&
      ['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ON', 'ORDER', 'QUALIFY', 'JOIN', 'AS'].includes(t.upper)
    )
      return t.upper;
    else if (isOp(t, ';')) return undefined;
  }
  return undefined;
}

/** Inside `read_files(` / `cloud_files(` argument list: the call's name token index. */
function enclosingFilesCall(tokens: Token[], i: number): boolean {
  const open = enclosingParen(tokens, i);
  return open > 0 && isWord(tokens[open - 1], 'READ_FILES', 'CLOUD_FILES');
}

/** Index of the unclosed `(` that token `i` is inside (within 500 tokens and the statement), else -1. */
function enclosingParen(tokens: Token[], i: number): number {
  let depth = 0;
  for (let k = i; k >= 0 && i - k < 500; k--) {
    const t = tokens[k];
    if (isOp(t, ')')) depth++;
    else if (isOp(t, '(')) {
      if (depth === 0) return k;
      depth--;
    } else if (isOp(t, ';')) return -1;
  }
  return -1;
}

function statementAt(doc: SyntaxDocument, offset: number): ast.Statement | undefined {
  let found: ast.Statement | undefined;
  for (const s of doc.parsed.statements) if (s.span.start <= offset) found = s;
  if (found && found.span.end < offset) {
    // Only whitespace or comments between the statement's end and the cursor: still that statement.
    const gap = doc.text.slice(found.span.end, offset);
    if (gap.includes(';')) return undefined;
  }
  return found;
}

function nameText(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

function item(cur: Cursor, label: string, kind: number, sort: string, extra: Partial<CompletionItem> = {}): CompletionItem {
  return {
    label,
    kind,
    sortText: sort + label.toLowerCase(),
    textEdit: { range: cur.replace, newText: extra.insertText ?? nameText(label) },
    ...extra,
  };
}

function keywordItems(words: readonly string[], cur: Cursor, sort = '3'): CompletionItem[] {
  return words.map((w) => ({
    label: w,
    kind: CompletionKind.Keyword,
    sortText: sort + w.toLowerCase(),
    textEdit: { range: cur.replace, newText: w },
  }));
}

// ------------------------------------------------------------ datasets and catalog

function datasetItems(cur: Cursor): CompletionList {
  const { ctx, qualifier } = cur;
  const pipe = ctx.index.pipeline;
  const q = qualifier.map((p) => substituteParameters(p, pipe).toLowerCase());
  const items: CompletionItem[] = [];
  let incomplete = false;
  const own =
    q.length === 0 ||
    (q.length === 1 && (q[0] === 'live' || q[0] === pipe.schema?.toLowerCase())) ||
    (q.length === 2 && q[0] === pipe.catalog?.toLowerCase() && q[1] === pipe.schema?.toLowerCase());
  if (own) {
    const partial = cur.partial.toLowerCase();
    const all = ctx.index.datasets();
    const pool = all.length > MAX_ITEMS ? all.filter((d) => d.key.includes(partial)) : all;
    if (all.length > MAX_ITEMS) incomplete = true;
    for (const d of pool.slice(0, MAX_ITEMS)) {
      const layer = layerOf(d.file);
      items.push(
        item(
          cur,
          d.name,
          d.kind === 'streaming_table'
            ? CompletionKind.Event
            : d.kind === 'materialized_view'
              ? CompletionKind.Class
              : CompletionKind.Interface,
          '0',
          {
            detail: `${kindLabel(d.kind)}${layer ? ` · ${layer}` : ''}`,
            ...(d.comment ? { documentation: { kind: 'markdown', value: d.comment } } : {}),
          },
        ),
      );
    }
  }
  const catalog = ctx.catalog;
  if (catalog) {
    if (q.length === 0) {
      const cats = catalog.peekCatalogs();
      if (!cats?.fresh) {
        void catalog.listCatalogs();
        incomplete ||= !cats;
      }
      for (const c of cats?.value ?? [])
        items.push(
          item(cur, c.name, CompletionKind.Module, '1', {
            detail: 'Unity Catalog catalog',
            ...(c.comment ? { documentation: { kind: 'markdown', value: c.comment } } : {}),
          }),
        );
    } else if (q.length === 1 && q[0] !== 'live') {
      const schemas = catalog.peekSchemas(qualifier[0]);
      if (!schemas?.fresh) {
        void catalog.listSchemas(qualifier[0]);
        incomplete ||= !schemas;
      }
      for (const s of schemas?.value ?? [])
        items.push(
          item(cur, s.name, CompletionKind.Folder, '1', {
            detail: `schema in ${s.catalogName}`,
            ...(s.comment ? { documentation: { kind: 'markdown', value: s.comment } } : {}),
          }),
        );
    } else if (q.length === 2) {
      const tables = catalog.peekTables(qualifier[0], qualifier[1]);
      if (!tables?.fresh) {
        void catalog.listTables(qualifier[0], qualifier[1]);
        incomplete ||= !tables;
      }
      for (const t of tables?.value ?? [])
        items.push(
          item(cur, t.name, CompletionKind.Struct, '1', {
            detail: `${t.tableType.toLowerCase().replace(/_/g, ' ')} · Unity Catalog`,
            ...(t.comment ? { documentation: { kind: 'markdown', value: t.comment } } : {}),
          }),
        );
    }
  }
  if (q.length === 0 && cur.ctx.index.datasets().length <= MAX_ITEMS)
    items.push(...keywordItems(['STREAM', 'read_files'], cur, '2'), ...snippetItems(cur, 'relation'));
  return { isIncomplete: incomplete, items };
}

// ------------------------------------------------------------ parameters, options, clauses

function parameterItems(ctx: FeatureContext, doc: SyntaxDocument, offset: number, typed: number): CompletionItem[] {
  const start = doc.lines.positionAt(offset - typed);
  const closed = doc.text[offset] === '}';
  const range = { start, end: doc.lines.positionAt(offset) };
  return [...(ctx.index.pipeline.configuration ?? new Map<string, string>()).entries()].map(([key, value]) => ({
    label: key,
    kind: CompletionKind.Constant,
    detail: value,
    sortText: '0' + key,
    textEdit: { range, newText: closed ? key : key + '}' },
  }));
}

function optionItems(cur: Cursor): CompletionItem[] {
  return READ_FILES_OPTIONS.map((o) =>
    item(cur, o.name, CompletionKind.Property, '0', {
      detail: 'read_files option',
      documentation: { kind: 'markdown', value: o.summary },
      insertText: `${o.name} => ${o.example}`,
    }),
  );
}

/** Token `i` is the `(` or `,` after which a TBLPROPERTIES key is written. */
function atTablePropertyKey(tokens: Token[], i: number): boolean {
  if (!isOp(tokens[i], '(') && !isOp(tokens[i], ',')) return false;
  const open = enclosingParen(tokens, i);
  return open > 0 && isWord(tokens[open - 1], 'TBLPROPERTIES');
}

/** Inside `'...'` where a TBLPROPERTIES key goes (editors close the quote as it is typed): the keys, replacing the quoted text. */
function tablePropertyKeyString(doc: SyntaxDocument, offset: number): CompletionItem[] | undefined {
  const tokens = doc.parsed.tokens;
  const i = lastTokenBefore(tokens, offset + 1);
  const t = tokens[i];
  if (!t || t.kind !== 'string' || !(t.start < offset && offset < t.end) || !atTablePropertyKey(tokens, i - 1)) return undefined;
  return tablePropertyItems(
    { start: doc.lines.positionAt(t.start + 1), end: doc.lines.positionAt(Math.max(t.start + 1, t.end - 1)) },
    true,
  );
}

/** The known table properties: inside quotes just the key, else `'key' = value`. */
function tablePropertyItems(range: Range, quoted: boolean): CompletionItem[] {
  return TABLE_PROPERTIES.map((p) => ({
    label: p.key,
    kind: CompletionKind.Property,
    sortText: '0' + p.key.toLowerCase(),
    detail: 'table property',
    documentation: { kind: 'markdown', value: p.summary },
    textEdit: { range, newText: quoted ? p.key : `'${p.key}' = ${p.example}` },
  }));
}

/** After `CREATE ... name [(...)]` and before `AS`: the clauses that may follow; undefined when elsewhere. */
function createHeaderItems(cur: Cursor, st: ast.CreateDataset, prev: Token | undefined): CompletionItem[] | undefined {
  if (st.name.kind === 'Missing' || cur.offset <= st.name.span.end) return undefined;
  const body = st.body && st.body.kind !== 'Missing' ? st.body : undefined;
  if (body && cur.offset >= body.span.start) return undefined;
  if (isWord(prev, 'AS')) return keywordItems(['SELECT', 'WITH', 'AUTO CDC', 'INSERT'], cur, '0');
  const elements = st.elements ?? [];
  const inParens = depthBetween(cur.doc.parsed.tokens, st.name.span.end, cur.offset) > 0;
  if (inParens) {
    for (const e of elements) if (e.kind === 'Expectation' && e.span.start <= cur.offset && cur.offset <= e.span.end) return undefined;
    if (isOp(prev, '(') || isOp(prev, ','))
      return [
        ...CREATE_CLAUSE_KEYWORDS.filter((k) => k.keyword === 'CONSTRAINT').map((k) => clauseItem(cur, k)),
        ...snippetItems(cur, 'tableElement'),
      ];
    if (isWord(prev, 'VIOLATION')) return keywordItems(['DROP ROW', 'FAIL UPDATE'], cur, '0');
    return undefined;
  }
  if (isWord(prev, 'VIOLATION')) return keywordItems(['DROP ROW', 'FAIL UPDATE'], cur, '0');
  return CREATE_CLAUSE_KEYWORDS.map((k) => clauseItem(cur, k));
}

function clauseItem(cur: Cursor, k: { keyword: string; summary: string; snippet?: string }): CompletionItem {
  return {
    label: k.keyword,
    kind: CompletionKind.Keyword,
    sortText: '0' + String(CREATE_CLAUSE_KEYWORDS.indexOf(k)).padStart(2, '0'),
    documentation: { kind: 'markdown', value: k.summary },
    textEdit: { range: cur.replace, newText: k.snippet ?? k.keyword },
    ...(k.snippet ? { insertTextFormat: 2 as const } : {}),
  };
}

function depthBetween(tokens: Token[], from: number, to: number): number {
  let depth = 0;
  for (const t of tokens) {
    if (t.start < from) continue;
    if (t.end > to) break;
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth = Math.max(0, depth - 1);
  }
  return depth;
}

// ------------------------------------------------------------ expressions

interface ScopeRelation {
  alias?: string;
  name: string;
  columns: { name: string; type?: string }[];
}

function expressionItems(cur: Cursor, statement: ast.Statement): CompletionItem[] {
  const path = pathAt(statement, cur.offset);
  const expectation = path.find((n): n is ast.Expectation => n.kind === 'Expectation');
  let relations: ScopeRelation[];
  if (expectation && statement.kind === 'CreateDataset' && statement.name.kind !== 'Missing') {
    const parts = statement.name.parts;
    const key = parts[parts.length - 1].name.toLowerCase();
    relations = [{ name: parts[parts.length - 1].name, columns: cur.ctx.index.columnsOf(key).columns }];
  } else {
    // The innermost SELECT or pipe step at the cursor, or (typing after it) at the token before the word.
    const innermost = (at: number) => [...pathAt(statement, at)].reverse().find((n) => n.kind === 'Select' || n.kind === 'PipeOperator');
    const anchor = cur.doc.parsed.tokens[cur.prev]?.start ?? cur.offset;
    const atAnchor = innermost(anchor);
    const inner = innermost(cur.offset) ?? (atAnchor?.kind === 'PipeOperator' ? atAnchor : undefined);
    // In a pipe step (`|> ...`), the columns are those of the step before it.
    const piped =
      inner?.kind === 'PipeOperator'
        ? pipeStepRelations(cur.ctx, cur.doc.file, cur.doc.lines.positionAt(Math.max(anchor, inner.span.start)))
        : undefined;
    const select = inner?.kind === 'Select' ? inner : firstSelect(statement, cur.offset);
    relations = piped
      ? piped.map((r) => ({ ...(r.alias ? { alias: r.alias } : {}), name: r.alias ?? 'previous step', columns: r.columns.columns }))
      : select
        ? scopeRelations(cur, select, path)
        : [];
  }
  if (cur.qualifier.length > 0) {
    const q = cur.qualifier[cur.qualifier.length - 1].toLowerCase();
    const target = relations.filter((r) => (r.alias ?? r.name).toLowerCase() === q);
    return target.flatMap((r) => columnItems(cur, r));
  }
  const items = scopeColumnItems(cur, relations);
  // Ranked columns in scope (0) > functions (1) > keywords (2, 3); a function's
  // documentation comes with completionItem/resolve, so the list stays small.
  for (const f of cur.ctx.functions.all()) {
    if (f.kind === 'table_valued') continue;
    items.push(item(cur, f.name, CompletionKind.Function, '1', { detail: f.signature, data: { function: f.name } }));
  }
  items.push(...keywordItems(EXPRESSION_KEYWORDS, cur, '2'), ...keywordItems(QUERY_CLAUSE_KEYWORDS, cur, '3'));
  return items;
}

/** A function item's documentation, looked up when the editor shows the item (completionItem/resolve). */
export function resolveCompletionItem(item: CompletionItem, functions: FeatureContext['functions']): CompletionItem {
  const name = (item.data as { function?: unknown } | undefined)?.function;
  const f = typeof name === 'string' ? functions.get(name) : undefined;
  if (!f || item.documentation) return item;
  return { ...item, documentation: { kind: 'markdown', value: `${f.summary}${f.returns ? `\n\nReturns \`${f.returns}\`` : ''}` } };
}

/**
 * The columns of the relations in scope. A name that two relations provide
 * would be ambiguous bare, so it is offered once per relation, qualified
 * (`o.id`, `p.id`, still found by typing `id`); every other name once, bare.
 */
function scopeColumnItems(cur: Cursor, relations: ScopeRelation[]): CompletionItem[] {
  const owners = new Map<string, number>();
  for (const r of relations)
    for (const name of new Set(r.columns.map((c) => c.name.toLowerCase()))) owners.set(name, (owners.get(name) ?? 0) + 1);
  return relations.flatMap((r) => columnItems(cur, r, (name) => (owners.get(name.toLowerCase()) ?? 0) > 1));
}

function columnItems(cur: Cursor, r: ScopeRelation, qualify: (name: string) => boolean = () => false): CompletionItem[] {
  const seen = new Set<string>();
  const qualifier = r.alias ?? r.name;
  return r.columns.flatMap((c) => {
    if (seen.has(c.name.toLowerCase())) return [];
    seen.add(c.name.toLowerCase());
    const detail = `${c.type ? c.type + ' · ' : ''}${r.alias && r.alias !== r.name.toLowerCase() ? `${r.alias} (${r.name})` : r.name}`;
    if (!qualify(c.name)) return [item(cur, c.name, CompletionKind.Field, '0', { detail })];
    const label = `${nameText(qualifier)}.${nameText(c.name)}`;
    return [item(cur, label, CompletionKind.Field, '0', { detail, filterText: c.name, insertText: label })];
  });
}

/** The snippets that can stand at this place, ranked after the names and keywords of the place. */
function snippetItems(cur: Cursor, place: SnippetPlace): CompletionItem[] {
  return SNIPPETS.filter((sn) => sn.place === place).map((sn) => ({
    label: sn.prefixes[0],
    kind: CompletionKind.Snippet,
    detail: sn.label,
    documentation: { kind: 'markdown', value: sn.description },
    sortText: '4' + sn.prefixes[0],
    filterText: sn.prefixes.join(' '),
    insertTextFormat: 2 as const,
    textEdit: { range: cur.replace, newText: sn.body },
  }));
}

/** When the cursor is outside every SELECT (e.g. between statements parts), the first SELECT after it. */
function firstSelect(statement: ast.Statement, offset: number): ast.Select | undefined {
  let best: ast.Select | undefined;
  walk(statement, (n) => {
    if (n.kind === 'Select' && (!best || Math.abs(n.span.start - offset) < Math.abs(best.span.start - offset))) best = n;
  });
  return best;
}

function scopeRelations(cur: Cursor, select: ast.Select, path: ast.Node[]): ScopeRelation[] {
  const cteNames = new Map<string, ast.Cte>();
  for (const n of path)
    if (n.kind === 'Query' && n.with)
      for (const c of n.with.ctes) if (c.name.kind !== 'Missing') cteNames.set(c.name.name.toLowerCase(), c);
  return (select.from?.relations ?? []).flatMap((r) => relationScopes(cur, r, cteNames));
}

/** The relations a FROM item makes visible, joins and parentheses flattened. */
function relationScopes(cur: Cursor, r: ast.Relation | ast.Missing, cteNames: ReadonlyMap<string, ast.Cte>): ScopeRelation[] {
  if (r.kind === 'Missing') return [];
  if (r.kind === 'Join') return [...relationScopes(cur, r.left, cteNames), ...relationScopes(cur, r.right, cteNames)];
  if (r.kind === 'ParenRelation') return relationScopes(cur, r.relation, cteNames);
  const alias = r.alias?.name.name.toLowerCase();
  const named = (name: string, columns: ScopeRelation['columns']): ScopeRelation[] => [{ ...(alias ? { alias } : {}), name, columns }];
  switch (r.kind) {
    case 'TableRef': {
      const parts = r.name.parts.map((p) => p.name);
      const last = parts[parts.length - 1] ?? '';
      const cte = parts.length === 1 ? cteNames.get(last.toLowerCase()) : undefined;
      return named(
        last,
        cte ? cteOutputColumns(cur.ctx.index, cur.doc.file, cur.position, cte, cur.doc.text, cur.ctx.functions) : tableColumns(cur, parts),
      );
    }
    case 'TableFunction':
      return named(
        r.call.name.parts.map((p) => p.name).join('.'),
        isFilesFunction(r.call) ? [...filesColumns(r.call).columns, ...FILE_SOURCE_IMPLICIT_COLUMNS] : [],
      );
    case 'SubqueryRelation':
      return named(
        alias ?? 'subquery',
        subqueryOutputColumns(cur.ctx.index, cur.doc.file, cur.doc.lines.rangeOf(r.span), r.query, cur.doc.text, cur.ctx.functions),
      );
    case 'ValuesRelation':
      return r.alias?.columns
        ? named(
            alias!,
            r.alias.columns.map((c) => ({ name: c.name })),
          )
        : [];
    case 'PivotRelation': {
      // Inside `PIVOT (...)` the source's columns are in scope; after it, the pivot's output.
      const clauseEnd = r.alias ? r.alias.span.start : r.span.end;
      const source = relationScopes(cur, r.source, cteNames);
      if (cur.offset > r.source.span.end && cur.offset < clauseEnd) return source;
      return named(
        alias ?? (r.unpivot ? 'unpivot' : 'pivot'),
        applyPivot(
          pivotSpec(r, cur.doc.text),
          source.flatMap((x) => x.columns),
          (name) => ({ name }),
        ),
      );
    }
  }
}

function tableColumns(cur: Cursor, parts: string[]): { name: string; type?: string }[] {
  const live = parts.length > 1 && parts[0].toLowerCase() === 'live';
  const names = live ? parts.slice(1) : parts;
  if (names.length === 0) return [];
  const ref: DatasetReference = {
    parts: names,
    key: names[names.length - 1].toLowerCase(),
    range: emptyRange,
    streaming: false,
    ...(live ? { livePrefix: emptyRange } : {}),
  };
  const res = cur.ctx.index.resolve(ref);
  if (res.kind === 'dataset') return cur.ctx.index.columnsOf(res.key).columns;
  return res.fullName ? new ColumnResolver(cur.ctx, cur.doc.file).catalogColumns(res.fullName).columns : [];
}
