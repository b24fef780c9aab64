// Common table expressions under the cursor: a CTE's name where it is defined
// (`WITH recent AS (...)`) or where a FROM/JOIN reads it, and every place the
// same CTE is read. Worked out on the syntax tree because CTE scope is lexical:
// a non-recursive CTE is visible to the CTEs after it and to the main query,
// not to itself or the CTEs before it, and an inner WITH may shadow an outer one.
import type { Cte, Identifier, Node, Query } from '../syntax/ast';
import { pathAt, walk } from '../syntax/visit';
import type { Position, Range } from '../model/location';
import type { SyntaxDocument } from './featureContext';

export interface CteSymbol {
  name: string;
  /** The name under the cursor. */
  range: Range;
  /** The CTE's name in its WITH clause. */
  definition: Range;
  declaration: boolean;
  /** The query whose WITH clause defines it: every read of it lies inside. */
  scope: Query;
  cte: Cte;
}

const lower = (s: string) => s.toLowerCase();

export function cteAt(doc: SyntaxDocument, position: Position): CteSymbol | undefined {
  return cteAtOffset(doc, doc.lines.offsetAt(position));
}

export function cteAtOffset(doc: SyntaxDocument, offset: number): CteSymbol | undefined {
  const path = pathAt(doc.parsed.statements, offset);
  for (let i = path.length - 1; i > 0; i--) {
    const node = path[i];
    const parent = path[i - 1];
    if (node.kind === 'Identifier' && parent.kind === 'Cte' && parent.name === node) {
      const scope = path[i - 3];
      if (scope?.kind !== 'Query') return undefined;
      const range = doc.lines.rangeOf(node.span);
      return { name: node.name, range, definition: range, declaration: true, scope, cte: parent };
    }
    if (node.kind === 'QualifiedName' && parent.kind === 'TableRef' && parent.name === node) {
      if (node.parts.length !== 1 || node.missingPart) return undefined;
      const found = visibleCte(path, i - 2, lower(node.parts[0].name));
      if (!found) return undefined;
      const name = found.name;
      return {
        name: name.name,
        range: doc.lines.rangeOf(node.span),
        definition: doc.lines.rangeOf(name.span),
        declaration: false,
        scope: found.scope,
        cte: found.cte,
      };
    }
  }
  return undefined;
}

/** The innermost CTE called `name` that the reference at `path[from]` (and above) can see. */
function visibleCte(path: Node[], from: number, name: string): { scope: Query; cte: Cte; name: Identifier } | undefined {
  for (let j = from; j >= 0; j--) {
    const q = path[j];
    if (q.kind !== 'Query' || !q.with) continue;
    const ctes = q.with.ctes;
    // Read from inside one of this WITH's own CTEs: only the earlier ones are in scope (all of them when RECURSIVE).
    const inside = path[j + 1]?.kind === 'WithClause' ? ctes.indexOf(path[j + 2] as Cte) : -1;
    const limit = inside >= 0 && !q.with.recursive ? inside : ctes.length;
    for (let k = 0; k < limit; k++) {
      const cte = ctes[k];
      if (cte.name.kind !== 'Missing' && lower(cte.name.name) === name) return { scope: q, cte, name: cte.name };
    }
  }
  return undefined;
}

/** Every range where this CTE is read (and, when asked, its definition), in source order. */
export function cteReferences(doc: SyntaxDocument, s: CteSymbol, includeDeclaration: boolean): Range[] {
  const out: Range[] = includeDeclaration ? [s.definition] : [];
  const name = lower(s.name);
  walk(s.scope, (node) => {
    if (node.kind !== 'TableRef') return;
    const ref = node;
    if (ref.name.parts.length !== 1 || lower(ref.name.parts[0].name) !== name) return;
    const resolved = cteAtOffset(doc, ref.name.span.start);
    if (resolved?.cte === s.cte) out.push(doc.lines.rangeOf(ref.name.span));
  });
  return out;
}
