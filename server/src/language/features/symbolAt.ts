// What the cursor is on: a dataset (reference, definition name or flow
// target), a column (reference, select item, declared column, expectation
// column), a CTE name, a `${key}` parameter, a function name or an expectation name. The
// one place that answers this, so hover, definition, references, rename and
// `lakeflow/datasetAt` agree.
import type { FunctionCall, Node } from '../syntax/ast';
import { pathAt } from '../syntax/visit';
import type { Dataset, DatasetReference, Expectation } from '../model/datasetTypes';
import { Position, Range, rangeContains } from '../model/location';
import { ColumnResolver, ColumnTarget, columnRefAt, ownedQueries } from './columnScope';
import { CteSymbol, cteAt } from './cteAt';
import type { FeatureContext, SyntaxDocument } from './featureContext';

export type SymbolAt =
  | { kind: 'dataset'; key: string; range: Range; reference?: DatasetReference; external?: string; declaration: boolean }
  | { kind: 'column'; name: string; range: Range; target: ColumnTarget; declaration: boolean }
  | { kind: 'cte'; name: string; range: Range; cte: CteSymbol }
  | { kind: 'parameter'; key: string; range: Range }
  | { kind: 'function'; name: string; range: Range }
  | { kind: 'expectation'; dataset: Dataset; expectation: Expectation; range: Range };

export function symbolAt(ctx: FeatureContext, doc: SyntaxDocument, position: Position): SymbolAt | undefined {
  const a = ctx.index.analysis(doc.file);
  if (!a) return undefined;
  for (const p of a.parameters) if (rangeContains(p.range, position)) return { kind: 'parameter', key: p.key, range: p.range };
  for (const ref of a.references) {
    if (!rangeContains(ref.range, position)) continue;
    const res = ctx.index.resolve(ref);
    if (res.kind === 'dataset') return { kind: 'dataset', key: res.key, range: ref.range, reference: ref, declaration: false };
    return {
      kind: 'dataset',
      key: ref.key,
      range: ref.range,
      reference: ref,
      external: res.fullName ?? ref.parts.join('.'),
      declaration: false,
    };
  }
  const cte = cteAt(doc, position);
  if (cte) return { kind: 'cte', name: cte.name, range: cte.range, cte };
  for (const d of a.datasets)
    if (rangeContains(d.nameRange, position)) return { kind: 'dataset', key: d.key, range: d.nameRange, declaration: true };
  for (const f of a.flows)
    if (rangeContains(f.targetRange, position)) return { kind: 'dataset', key: f.targetKey, range: f.targetRange, declaration: false };
  for (const d of a.datasets) {
    if (!rangeContains(d.range, position)) continue;
    for (const e of d.expectations) {
      if (rangeContains(e.nameRange, position)) return { kind: 'expectation', dataset: d, expectation: e, range: e.nameRange };
      for (const c of e.facts.columns)
        if (rangeContains(c.range, position))
          return {
            kind: 'column',
            name: c.name,
            range: c.range,
            target: { kind: 'dataset', key: d.key, column: c.name },
            declaration: false,
          };
    }
    for (const c of d.columns)
      if (rangeContains(c.range, position))
        return { kind: 'column', name: c.name, range: c.range, target: { kind: 'dataset', key: d.key, column: c.name }, declaration: true };
  }
  const fn = functionAt(doc, position);
  if (fn) return fn;
  for (const q of ownedQueries(a.datasets, a.flows)) {
    if (!rangeContains(q.range, position)) continue;
    const occurrence = columnRefAt(q.shape, position);
    if (occurrence) {
      const target = new ColumnResolver(ctx, doc.file).resolve(occurrence);
      return { kind: 'column', name: occurrence.ref.display, range: occurrence.ref.range, target, declaration: false };
    }
    for (const item of q.shape.items) {
      if (item.kind === 'expr' && item.name && rangeContains(item.range, position)) {
        return {
          kind: 'column',
          name: item.name,
          range: item.range,
          target: { kind: 'dataset', key: q.owner, column: item.name },
          declaration: true,
        };
      }
    }
  }
  return undefined;
}

function functionAt(doc: SyntaxDocument, position: Position): SymbolAt | undefined {
  const path: Node[] = pathAt(doc.parsed.statements, doc.lines.offsetAt(position));
  for (let i = path.length - 1; i > 0; i--) {
    const node = path[i];
    if (node.kind === 'QualifiedName' && path[i - 1].kind === 'FunctionCall' && (path[i - 1] as FunctionCall).name === node) {
      return { kind: 'function', name: node.parts.map((p) => p.name).join('.'), range: doc.lines.rangeOf(node.span) };
    }
  }
  return undefined;
}

/** The dataset whose statement holds the position (for code lenses, datasetAt). */
export function datasetContaining(ctx: FeatureContext, file: string, position: Position): Dataset | undefined {
  return ctx.index.analysis(file)?.datasets.find((d) => rangeContains(d.range, position));
}
