// What PIVOT and UNPIVOT do to their source's columns, as Spark names them.
// The one home of that rule: the shape builder records it, column lineage
// (and through it diagnostics and hover) and completion apply it.
import type * as ast from '../syntax/ast';
import { walk } from '../syntax/visit';

/** The columns a PIVOT/UNPIVOT drops from its source and the ones it adds, in order. */
export interface PivotSpec {
  /** Source columns the clause consumes (lower case). */
  removed: string[];
  added: string[];
}

/**
 * PIVOT: the source columns not used by the aggregates or the FOR list, then
 * one column per IN value (`value_agg` when there are several aggregates).
 * UNPIVOT: the source columns it does not unpivot, the name column and the
 * value columns.
 */
export function pivotSpec(r: ast.PivotRelation, text: string): PivotSpec {
  const source = (n: ast.Node) => text.slice(n.span.start, n.span.end);
  const nameOf = (i: ast.SelectItem) => i.alias?.name ?? (i.expr.kind === 'StringLiteral' ? i.expr.value : source(i.expr));
  if (r.unpivot) {
    return {
      removed: [...columnsIn(r.in.map((i) => i.expr))],
      added: [...columnsIn([r.forColumns]), ...columnsIn(r.values.map((v) => v.expr))],
    };
  }
  const values = r.in.map(nameOf);
  const added = r.values.length > 1 ? values.flatMap((v) => r.values.map((a) => `${v}_${nameOf(a)}`)) : values;
  return { removed: [...columnsIn([...r.values.map((v) => v.expr), r.forColumns])], added };
}

/** The output of a pivot over `source`: kept source columns, then the added ones (made by `added`). */
export function applyPivot<C extends { name: string }>(spec: PivotSpec, source: readonly C[], added: (name: string) => C): C[] {
  return [...source.filter((c) => !spec.removed.includes(c.name.toLowerCase())), ...spec.added.map(added)];
}

function columnsIn(nodes: ast.Node[]): Set<string> {
  const names = new Set<string>();
  for (const n of nodes) walk(n, (x) => void (x.kind === 'ColumnRef' && names.add(x.parts[x.parts.length - 1]?.name.toLowerCase() ?? '')));
  return names;
}
