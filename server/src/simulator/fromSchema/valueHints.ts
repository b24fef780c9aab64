// What a pipeline's SQL says about the values its sources should hold, read
// from the syntax tree: literals compared with a column (WHERE, CASE, IN
// lists), numeric thresholds, columns equated in join conditions (keys), and
// each expectation's condition when it is a simple one, so generated rows
// reach every dataset and a known fraction violates each expectation.
import type * as A from '../../language/syntax/ast';
import { walk } from '../../language/syntax/visit';

export type Violation =
  | { kind: 'null' }
  | { kind: 'below'; value: number; inclusive: boolean }
  | { kind: 'above'; value: number; inclusive: boolean }
  | { kind: 'outside'; values: (string | number)[] };

export interface ValueHints {
  /** Literal values compared with a column, by lower-case column name. */
  literals: Map<string, Set<string | number>>;
  /** Numeric thresholds a column is compared with. */
  thresholds: Map<string, number[]>;
  /** Columns that join or group datasets together: drawn from a small shared pool. */
  keys: Set<string>;
  /** Simple expectation conditions by column: a fraction of rows breaks each. */
  violations: Map<string, Violation[]>;
}

const columnName = (e: A.Expr | undefined): string | undefined =>
  e?.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]?.name.toLowerCase() : undefined;

function literalValue(e: A.Expr | undefined): string | number | undefined {
  if (!e) return undefined;
  if (e.kind === 'StringLiteral') return e.value;
  if (e.kind === 'NumberLiteral') return e.value;
  if (e.kind === 'Unary' && e.op === '-' && e.operand.kind === 'NumberLiteral') return -e.operand.value;
  return undefined;
}

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '==': '=' };

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A comparison `col OP literal` (either side), normalised to the column on the left. */
function comparison(e: A.Binary): { column: string; op: string; value: string | number } | undefined {
  const op = e.op === '==' ? '=' : e.op;
  if (!(op in FLIP) && op !== '<>' && op !== '!=') return undefined;
  const left = columnName(e.left);
  const right = columnName(e.right);
  const lv = literalValue(e.left);
  const rv = literalValue(e.right);
  if (left && rv !== undefined) return { column: left, op, value: rv };
  if (right && lv !== undefined) return { column: right, op: FLIP[op] ?? op, value: lv };
  return undefined;
}

function collectComparisons(root: A.Node, hints: ValueHints): void {
  walk(root, (n) => {
    if (n.kind === 'Binary') {
      const c = comparison(n);
      if (c) {
        if (c.op === '=' || c.op === '<>' || c.op === '!=') {
          const set = hints.literals.get(c.column) ?? new Set();
          set.add(c.value);
          hints.literals.set(c.column, set);
        } else if (typeof c.value === 'number') add(hints.thresholds, c.column, c.value);
      }
      const l = columnName(n.left);
      const r = columnName(n.right);
      if (n.op === '=' && l && r) hints.keys.add(l).add(r);
    } else if (n.kind === 'In') {
      const c = columnName(n.expr);
      if (c) {
        const set = hints.literals.get(c) ?? new Set();
        for (const v of n.values) {
          const lit = literalValue(v);
          if (lit !== undefined) set.add(lit);
        }
        if (set.size > 0) hints.literals.set(c, set);
      }
    } else if (n.kind === 'Join' && n.using) {
      for (const id of n.using) hints.keys.add(id.name.toLowerCase());
    }
  });
}

/** The conjuncts of an expectation that a generator can break on purpose. */
function collectViolations(expr: A.Expr, hints: ValueHints): void {
  if (expr.kind === 'Paren') return collectViolations(expr.expr, hints);
  if (expr.kind === 'Binary' && expr.op === 'AND') {
    collectViolations(expr.left, hints);
    collectViolations(expr.right, hints);
    return;
  }
  if (expr.kind === 'Is' && expr.test === 'NULL' && expr.not) {
    const c = columnName(expr.expr);
    if (c) add(hints.violations, c, { kind: 'null' });
    return;
  }
  if (expr.kind === 'In' && !expr.not) {
    const c = columnName(expr.expr);
    const values = expr.values.map(literalValue).filter((v): v is string | number => v !== undefined);
    if (c && values.length === expr.values.length) add(hints.violations, c, { kind: 'outside', values });
    return;
  }
  if (expr.kind === 'Binary') {
    const c = comparison(expr);
    if (!c || typeof c.value !== 'number') return;
    // `amount > 0` is broken by a value at or below 0, `amount <= 100` by one above 100.
    if (c.op === '>' || c.op === '>=') add(hints.violations, c.column, { kind: 'below', value: c.value, inclusive: c.op === '>=' });
    if (c.op === '<' || c.op === '<=') add(hints.violations, c.column, { kind: 'above', value: c.value, inclusive: c.op === '<=' });
  }
}

export function valueHints(statements: readonly A.Statement[]): ValueHints {
  const hints: ValueHints = { literals: new Map(), thresholds: new Map(), keys: new Set(), violations: new Map() };
  for (const s of statements) {
    collectComparisons(s, hints);
    walk(s, (n) => {
      if (n.kind === 'Expectation' && n.expr.kind !== 'Missing') collectViolations(n.expr, hints);
      if (n.kind === 'GroupByClause') {
        for (const item of n.items) {
          const c = columnName(item as A.Expr);
          if (c) hints.keys.add(c);
        }
      }
    });
  }
  return hints;
}
