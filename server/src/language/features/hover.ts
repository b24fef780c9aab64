// Hover in Markdown: a dataset's kind, layer, comment, columns, expectations
// the flows that write it, and direct neighbours; a column's type, expression and sources back to the
// pipeline's inputs; a CTE's columns; a catalog table's columns; a
// parameter's value; a function's signature.
import { Position, rangeContains } from '../model/location';
import type { QueryShape } from '../model/queryShape';
import type { CteSymbol } from './cteAt';
import { columnTrace, LineageTrace } from './lineageTrace';
import { FeatureContext, kindLabel, layerOf, SyntaxDocument } from './featureContext';
import { flowName } from './pipelineReport';
import type { Hover } from './lspShapes';
import { symbolAt } from './symbolAt';
import { ColumnResolver, ownedQueries, ScopeChain } from './columnScope';
import { volumePathHover } from './volumePaths';

export function hover(ctx: FeatureContext, doc: SyntaxDocument, position: Position): Hover | undefined {
  const volume = volumePathHover(ctx, doc, position);
  if (volume) return volume;
  const s = symbolAt(ctx, doc, position);
  if (!s) return undefined;
  let value: string | undefined;
  switch (s.kind) {
    case 'dataset':
      value = s.external ? catalogTableMarkdown(ctx, doc.file, s.external) : datasetMarkdown(ctx, s.key);
      break;
    case 'column':
      value = columnMarkdown(ctx, s.name, s.target);
      break;
    case 'cte':
      value = cteMarkdown(ctx, doc, s.cte);
      break;
    case 'parameter': {
      const v = ctx.index.pipeline.configuration?.get(s.key);
      value =
        `**\${${s.key}}** pipeline configuration\n\n` + (v !== undefined ? `Value: \`${v}\`` : '_not set in the pipeline configuration_');
      break;
    }
    case 'function': {
      const f = ctx.functions.get(s.name);
      if (f) value = functionMarkdown(f);
      break;
    }
    case 'expectation': {
      const e = s.expectation;
      value = `**expectation** \`${e.name}\` on \`${s.dataset.name}\`\n\n\`\`\`sql\n${e.expression}\n\`\`\`\n\nOn violation: **${actionText(e.onViolation)}**`;
      break;
    }
  }
  return value ? { contents: { kind: 'markdown', value }, range: s.range } : undefined;
}

export function actionText(action: 'warn' | 'drop' | 'fail'): string {
  return action === 'drop' ? 'drop row' : action === 'fail' ? 'fail update' : 'keep and count (warn)';
}

export function functionMarkdown(f: { name: string; signature: string; returns: string; summary: string; kind: string }): string {
  return `\`\`\`sql\n${f.signature}${f.returns ? ` -> ${f.returns}` : ''}\n\`\`\`\n\n${f.summary}${f.kind !== 'scalar' ? ` _(${f.kind.replace('_', ' ')})_` : ''}`;
}

/** `[name](file#Lline)` links so editors open the dataset's definition. */
function datasetLink(ctx: FeatureContext, key: string): string {
  const d = ctx.index.definition(key);
  if (!d) return `\`${key}\``;
  return `[${d.name}](${fileUri(d.file)}#L${d.nameRange.start.line + 1})`;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function fileUri(file: string): string {
  return file.startsWith('/') ? 'file://' + encodeURI(file) : file;
}

/** Neighbours and columns shown at most, so the hover box stays short; the rest is counted. */
const MAX_NEIGHBOURS = 5;
const MAX_COLUMNS = 12;

/**
 * A dataset's hover, most wanted first so it shows without scrolling: kind,
 * layer and file on the first line; then upstream and downstream; then the
 * description, the expectations and the columns.
 */
export function datasetMarkdown(ctx: FeatureContext, key: string): string | undefined {
  const d = ctx.index.definition(key);
  if (!d) return `**${key}**: not defined in this pipeline`;
  const layer = layerOf(d.file);
  const fileName = d.file.split('/').pop() ?? d.file;
  const lines = [
    `**${d.name}** · ${kindLabel(d.kind)}${layer ? ` · ${layer}` : ''} · [${fileName}](${fileUri(d.file)}#L${d.nameRange.start.line + 1})`,
  ];
  const up = ctx.index.upstream(d.key);
  const down = ctx.index.downstream(d.key);
  lines.push('', `Upstream: ${linkList(up.map((u) => datasetLink(ctx, u.key) + (u.streaming ? ' (stream)' : '')))}`);
  lines.push('', `Downstream: ${linkList(down.map((u) => datasetLink(ctx, u.key)))}`);
  const flows = ctx.index.flowsInto(d.key);
  if (flows.length > 0) {
    lines.push('', 'Flows:');
    for (const f of flows)
      lines.push(
        `- \`${flowName(f)}\` (${f.flowKind.replace(/_/g, ' ')}) in [${baseName(f.file)}](${fileUri(f.file)}#L${f.range.start.line + 1})`,
      );
  }
  if (d.comment) lines.push('', d.comment);
  if (d.doc && d.doc !== d.comment) lines.push('', d.doc);
  if (d.expectations.length > 0) {
    lines.push('', 'Expectations:');
    for (const e of d.expectations) lines.push(`- \`${e.name}\`: \`${e.expression}\` → ${actionText(e.onViolation)}`);
  }
  const cols = ctx.index.columnsOf(d.key);
  lines.push(...columnTable(cols.columns, MAX_COLUMNS));
  if (!cols.complete) lines.push('', '_more columns may exist (inferred schema)_');
  return lines.join('\n');
}

function linkList(links: string[]): string {
  if (links.length === 0) return '—';
  const shown = links.slice(0, MAX_NEIGHBOURS).join(', ');
  return links.length > MAX_NEIGHBOURS ? `${shown} and ${links.length - MAX_NEIGHBOURS} more` : shown;
}

/** The column's sources as a nested list, each under the column it feeds (breadth first, as traced). */
function lineageTree(trace: LineageTrace): string[] {
  const root = trace.root;
  const depth = new Map<string, number>(root ? [[root, 0]] : []);
  const lines: string[] = [];
  const queue = root ? [root] : [];
  while (queue.length > 0 && lines.length < MAX_COLUMNS) {
    const to = queue.shift()!;
    for (const e of trace.edges) {
      if (e.to !== to || depth.has(e.from)) continue;
      const d = (depth.get(to) ?? 0) + 1;
      depth.set(e.from, d);
      const type = trace.nodes.find((n) => n.id === e.from)?.type;
      lines.push(`${'  '.repeat(d - 1)}- ← \`${e.from}\`${type ? `: \`${type}\`` : ''}`);
      queue.push(e.from);
    }
  }
  const more = trace.upstream.length - lines.length;
  if (more > 0) lines.push(`- … and ${more} more`);
  return lines;
}

/** A Markdown table of columns and types, the first `max` of them. */
function columnTable(columns: readonly { name: string; type?: string }[], max = 60): string[] {
  if (columns.length === 0) return [];
  const rows = columns.slice(0, max).map((c) => `| ${c.name} | ${c.type ?? ''} |`);
  if (columns.length > max) rows.push(`| … and ${columns.length - max} more | |`);
  return ['', '| column | type |', '|---|---|', ...rows];
}

function cteMarkdown(ctx: FeatureContext, doc: SyntaxDocument, cte: CteSymbol): string {
  const lines = [`**${cte.name}** · common table expression`];
  const chain = cteChain(ctx, doc, cte);
  if (chain) {
    const cols = new ColumnResolver(ctx, doc.file).relationColumns({ kind: 'cte', name: cte.name.toLowerCase() }, chain);
    lines.push(...columnTable(cols.columns));
    if (!cols.complete) lines.push('', '_more columns may exist (inferred schema)_');
  }
  return lines.join('\n');
}

/** The scopes from the statement's query down to the one whose WITH defines the CTE under the cursor. */
function cteChain(ctx: FeatureContext, doc: SyntaxDocument, cte: CteSymbol): ScopeChain | undefined {
  const a = ctx.index.analysis(doc.file);
  if (!a) return undefined;
  const at = doc.lines.rangeOf(cte.cte.span);
  const name = cte.name.toLowerCase();
  let fallback: ScopeChain | undefined;
  const search = (shape: QueryShape, outer: ScopeChain): ScopeChain | undefined => {
    const chain = [...outer, shape];
    const own = shape.ctes.find((c) => c.name === name);
    if (own) {
      const first = own.query.items[0];
      if (!first || rangeContains(at, first.range.start)) return chain;
      fallback ??= chain;
    }
    for (const c of shape.ctes) {
      const found = search(c.query, chain);
      if (found) return found;
    }
    for (const r of shape.from) {
      const found = r.kind === 'subquery' ? search(r.query, chain) : undefined;
      if (found) return found;
    }
    for (const b of shape.setBranches) {
      const found = search(b, outer);
      if (found) return found;
    }
    return undefined;
  };
  for (const q of ownedQueries(a.datasets, a.flows)) {
    if (!rangeContains(q.range, cte.range.start)) continue;
    const found = search(q.shape, []);
    if (found) return found;
  }
  return fallback;
}

function catalogTableMarkdown(ctx: FeatureContext, file: string, fullName: string): string {
  const cols = new ColumnResolver(ctx, file).catalogColumns(fullName);
  const table = ctx.catalog?.peekTable(fullName)?.value;
  const lines = [`**${fullName}** · Unity Catalog ${table ? table.tableType.toLowerCase().replace(/_/g, ' ') : 'table'}`];
  if (table?.comment) lines.push('', table.comment);
  if (cols.columns.length > 0) lines.push(...columnTable(cols.columns));
  else if (ctx.catalog?.peekTable(fullName)?.value === null)
    lines.push('', `_the catalog has no table \`${fullName}\` (names are compared as the catalog server compares them)_`);
  else if (ctx.catalog?.isRefused?.(fullName))
    lines.push('', '_the workspace refused to describe this table to your credentials (HTTP 403): ask for `SELECT` or `BROWSE` on it_');
  else lines.push('', `_columns unknown (catalog: ${ctx.catalog?.state.message ?? 'not configured'})_`);
  return lines.join('\n');
}

function columnMarkdown(ctx: FeatureContext, name: string, target: import('./columnScope').ColumnTarget): string {
  switch (target.kind) {
    case 'dataset': {
      const d = ctx.index.definition(target.key);
      const col = ctx.index.columnsOf(target.key).columns.find((c) => c.name.toLowerCase() === target.column.toLowerCase());
      const lines = [
        `**${col?.name ?? name}**${col?.type ? `: \`${col.type}\`` : ''} · column of ${d ? datasetLink(ctx, d.key) : `\`${target.key}\``}`,
      ];
      const declared = d?.columns.find((c) => c.name.toLowerCase() === target.column.toLowerCase());
      if (declared?.comment) lines.push('', declared.comment);
      if (col?.expression && col.expression.toLowerCase() !== col.name.toLowerCase()) lines.push('', '```sql', col.expression, '```');
      const trace = d ? columnTrace(ctx.index, d.name, target.column) : undefined;
      if (trace && trace.upstream.length > 0) lines.push('', 'Lineage back to the inputs:', ...lineageTree(trace));
      return lines.join('\n');
    }
    case 'query':
      return `**${target.column}** · column of ${target.label}`;
    case 'table':
      return `**${target.column}**${target.type ? `: \`${target.type}\`` : ''} · column of Unity Catalog table \`${target.fullName}\``;
    case 'files':
      return `**${target.column}**${target.type ? `: \`${target.type}\`` : ''} · column of file source \`${target.source}\``;
    default:
      return `**${name}** · column (source unknown)`;
  }
}
