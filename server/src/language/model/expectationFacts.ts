// Facts about an expectation's expression that linting needs: the columns it
// reads, forbidden constructs (aggregates, windows, generators, subqueries),
// and its constant truth value when that is decidable without data.
import type * as ast from '../syntax/ast';
import type { FunctionCatalogue } from '../facts/databricksFunctions';
import { walk } from '../syntax/visit';
import { ExpressionFacts } from './datasetTypes';
import { SpanToRange } from './spanRanges';

export function expressionFacts(expr: ast.Expr, toRange: SpanToRange, functions: FunctionCatalogue): ExpressionFacts {
  const columns: ExpressionFacts['columns'] = [];
  const forbidden: ExpressionFacts['forbidden'] = [];
  const bound = new Set<string>();
  walk(expr, (n) => {
    const node = n;
    switch (node.kind) {
      case 'Subquery':
      case 'Exists':
        // The documentation rules out subqueries that read other tables; `x IN (SELECT 1)` reads none.
        if (readsRelation(node)) forbidden.push({ what: 'a subquery that reads a table', range: toRange(node.span) });
        return false;
      case 'Lambda':
        for (const p of node.params) bound.add(p.name.toLowerCase());
        return true;
      case 'ColumnRef': {
        const first = node.parts[0];
        if (first && !bound.has(first.name.toLowerCase())) columns.push({ name: first.name, range: toRange(first.span) });
        return false;
      }
      case 'FunctionCall': {
        const name = node.name.parts.map((p) => p.name).join('.');
        const kind = functions.get(name)?.kind;
        if (node.over) forbidden.push({ what: `the window function ${name}`, range: toRange(node.name.span) });
        else if (kind === 'aggregate' || kind === 'window' || kind === 'generator' || kind === 'table_valued') {
          forbidden.push({ what: `the ${kind.replace('_', '-')} function ${name}`, range: toRange(node.name.span) });
        }
        for (const a of node.args) walkArgs(a);
        return false;
      }
      case 'JsonPath':
        walkArgs(node.object);
        return false;
      default:
        return true;
    }
  });
  function walkArgs(e: ast.Expr): void {
    const inner = expressionFacts(e, toRange, functions);
    for (const c of inner.columns) if (!bound.has(c.name.toLowerCase())) columns.push(c);
    forbidden.push(...inner.forbidden);
  }
  const facts: ExpressionFacts = {
    columns,
    forbidden,
    constant: columns.length === 0 && forbidden.length === 0 && !hasNonDeterminism(expr),
  };
  if (facts.constant) {
    const v = evaluate(expr);
    if (typeof v === 'boolean') facts.constantValue = v;
    else if (v === null) facts.constantValue = false; // NULL fails an expectation
  }
  const nn = unparen(expr);
  if (nn.kind === 'Is' && nn.test === 'NULL' && nn.expr.kind === 'ColumnRef' && nn.expr.parts.length === 1) {
    if (nn.not) facts.isNotNullOf = nn.expr.parts[0].name;
    else facts.isNullOf = nn.expr.parts[0].name;
  }
  return facts;
}

function readsRelation(n: ast.Node): boolean {
  let found = false;
  walk(n, (x) => {
    const k = x.kind;
    if (k === 'TableRef' || k === 'TableFunction') found = true;
    return !found;
  });
  return found;
}

function unparen(e: ast.Expr): ast.Expr {
  while (e.kind === 'Paren') e = e.expr;
  return e;
}

function hasNonDeterminism(e: ast.Expr): boolean {
  let found = false;
  walk(e, (n) => {
    const node = n;
    if (node.kind === 'FunctionCall' || node.kind === 'Param' || node.kind === 'Missing' || node.kind === 'Error') found = true;
    return !found;
  });
  return found;
}

type Value = boolean | number | string | null | undefined;

/** Folds constant expressions; undefined means "not decidable here". */
function evaluate(e: ast.Expr): Value {
  switch (e.kind) {
    case 'BooleanLiteral':
      return e.value;
    case 'NumberLiteral':
      return e.value;
    case 'StringLiteral':
      return e.params ? undefined : e.value;
    case 'NullLiteral':
      return null;
    case 'Paren':
      return evaluate(e.expr);
    case 'Unary': {
      const v = evaluate(e.operand);
      if (v === undefined || v === null) return v;
      if (e.op === 'NOT' || e.op === '!') return typeof v === 'boolean' ? !v : undefined;
      if (e.op === '-') return typeof v === 'number' ? -v : undefined;
      return undefined;
    }
    case 'Is': {
      const v = evaluate(e.expr);
      if (v === undefined) return undefined;
      const r = e.test === 'NULL' ? v === null : e.test === 'TRUE' ? v === true : e.test === 'FALSE' ? v === false : v === null;
      return e.not ? !r : r;
    }
    case 'Binary': {
      const a = evaluate(e.left);
      const b = evaluate(e.right);
      if (e.op === 'AND') {
        if (a === false || b === false) return false;
        if (a === undefined || b === undefined) return undefined;
        return a === null || b === null ? null : Boolean(a) && Boolean(b);
      }
      if (e.op === 'OR') {
        if (a === true || b === true) return true;
        if (a === undefined || b === undefined) return undefined;
        return a === null || b === null ? null : Boolean(a) || Boolean(b);
      }
      if (a === undefined || b === undefined) return undefined;
      if (a === null || b === null) return e.op === '<=>' ? a === b : null;
      if (typeof a !== typeof b) return undefined;
      switch (e.op) {
        case '=':
        case '==':
        case '<=>':
          return a === b;
        case '<>':
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}
