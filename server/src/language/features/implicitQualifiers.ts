// Where a relation read without an alias is named again as a qualifier:
// `SELECT events.id, events.* FROM events`. Renaming the relation must rename
// these too, or the query stops compiling. Scope follows SQL: the SELECT that
// reads the relation and the subqueries inside it, except those whose own FROM
// brings a relation answering to the same name.
import type { Node, Relation, Select, TableRef } from '../syntax/ast';
import { pathAt, walk } from '../syntax/visit';
import type { Range } from '../model/location';
import type { SyntaxDocument } from './featureContext';

const lower = (s: string) => s.toLowerCase();

/** Ranges of the qualifiers that name the alias-less relation read at `offset` (its name's start). */
export function implicitQualifiers(doc: SyntaxDocument, offset: number): Range[] {
  const path = pathAt(doc.parsed.statements, offset);
  let at = path.length - 1;
  while (at >= 0 && path[at].kind !== 'TableRef') at--;
  if (at < 0) return [];
  const ref = path[at] as TableRef;
  const parts = ref.name.parts;
  if (ref.alias || parts.length === 0) return [];
  let up = at - 1;
  while (up >= 0 && path[up].kind !== 'Select') up--;
  if (up < 0) return [];
  const select = path[up] as Select;
  const name = lower(parts[parts.length - 1].name);
  const out: Range[] = [];
  walk(select, (node) => {
    if (node !== select && node.kind === 'Select' && answersTo(node, name)) return false;
    const first = qualifierOf(node);
    if (first && lower(first.name) === name) out.push(doc.lines.rangeOf(first.span));
    return undefined;
  });
  return out;
}

function qualifierOf(node: Node): { name: string; span: Node['span'] } | undefined {
  if (node.kind === 'ColumnRef') {
    const c = node;
    return c.parts.length >= 2 ? c.parts[0] : undefined;
  }
  if (node.kind === 'Star') {
    const q = node.qualifier;
    return q?.length === 1 ? q[0] : undefined;
  }
  return undefined;
}

/** Whether a relation of this SELECT's FROM answers to `name` (so it shadows an outer one). */
function answersTo(select: Select, name: string): boolean {
  const visit = (r: Relation | { kind: 'Missing' }): boolean => {
    switch (r.kind) {
      case 'Join':
        return visit(r.left) || visit(r.right);
      case 'TableRef': {
        const parts = r.name.parts;
        const written = r.alias?.name.name ?? parts[parts.length - 1]?.name;
        return written !== undefined && lower(written) === name;
      }
      case 'ParenRelation':
        return (r.alias !== undefined && lower(r.alias.name.name) === name) || (r.alias === undefined && visit(r.relation));
      case 'TableFunction':
      case 'SubqueryRelation':
      case 'PivotRelation':
      case 'ValuesRelation':
        return r.alias !== undefined && lower(r.alias.name.name) === name;
      default:
        return false;
    }
  };
  return (select.from?.relations ?? []).some(visit);
}
