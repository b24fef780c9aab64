// Document symbols (datasets with their CTEs, columns and expectations; flows)
// and workspace symbols (every dataset of the pipeline, filtered by name).
import { walk } from '../syntax/visit';
import type { Dataset } from '../model/datasetTypes';
import { rangeContains } from '../model/location';
import type { FeatureContext, SyntaxDocument } from './featureContext';
import { kindLabel, layerOf } from './featureContext';
import { DocumentSymbol, SymbolKind, WorkspaceSymbol } from './lspShapes';

export function datasetSymbolKind(kind: Dataset['kind']): number {
  return kind === 'streaming_table' ? SymbolKind.Event : kind === 'materialized_view' ? SymbolKind.Class : SymbolKind.Interface;
}

export function documentSymbols(ctx: FeatureContext, doc: SyntaxDocument): DocumentSymbol[] {
  const a = ctx.index.analysis(doc.file);
  if (!a) return [];
  const ctes = cteSymbols(doc);
  const out: DocumentSymbol[] = a.datasets.map((d) => {
    const children: DocumentSymbol[] = [];
    for (const c of ctes) if (rangeContains(d.range, c.range.start)) children.push(c);
    for (const e of d.expectations)
      children.push({
        name: e.name,
        detail: `EXPECT ${e.expression}`,
        kind: SymbolKind.Constant,
        range: e.range,
        selectionRange: e.nameRange,
      });
    if (d.columns.length > 0) {
      for (const c of d.columns)
        children.push({
          name: c.name,
          ...(c.type ? { detail: c.type } : {}),
          kind: SymbolKind.Field,
          range: c.range,
          selectionRange: c.range,
        });
    } else if (d.query) {
      for (const item of d.query.items)
        if (item.kind === 'expr' && item.name)
          children.push({
            name: item.name,
            ...(item.type ? { detail: item.type } : {}),
            kind: SymbolKind.Field,
            range: item.range,
            selectionRange: item.range,
          });
    }
    children.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
    return {
      name: d.name,
      detail: kindLabel(d.kind),
      kind: datasetSymbolKind(d.kind),
      range: d.range,
      selectionRange: d.nameRange,
      children,
    };
  });
  for (const f of a.flows) {
    out.push({
      name: f.name ?? `${f.kind === 'cdc' ? 'AUTO CDC' : 'INSERT'} INTO ${f.target}`,
      detail: `flow into ${f.target}`,
      kind: SymbolKind.Function,
      range: f.range,
      selectionRange: f.targetRange,
    });
  }
  return out.sort((x, y) => x.range.start.line - y.range.start.line);
}

function cteSymbols(doc: SyntaxDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  walk(doc.parsed.statements, (node) => {
    if (node.kind !== 'Cte') return;
    const cte = node;
    if (cte.name.kind === 'Missing') return;
    out.push({
      name: cte.name.name,
      detail: 'CTE',
      kind: SymbolKind.Variable,
      range: doc.lines.rangeOf(cte.span),
      selectionRange: doc.lines.rangeOf(cte.name.span),
    });
  });
  return out;
}

export function workspaceSymbols(ctx: FeatureContext, query: string, limit = 500): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const d of ctx.index.datasets()) {
    if (q && !fuzzyMatch(d.key, q)) continue;
    out.push({
      name: d.name,
      kind: datasetSymbolKind(d.kind),
      containerName: [ctx.index.pipeline.name, layerOf(d.file)].filter(Boolean).join(' · '),
      location: { file: d.file, range: d.nameRange },
    });
    if (out.length >= limit) break;
  }
  return out;
}

/** Characters of `q` appear in order in `name` (how editors filter symbols). */
function fuzzyMatch(name: string, q: string): boolean {
  let i = 0;
  for (const c of name) if (c === q[i]) i++;
  return i === q.length;
}
