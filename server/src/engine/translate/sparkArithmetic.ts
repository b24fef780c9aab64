// DuckDB SQL that computes what Spark computes for typed arithmetic: decimal
// + - * / with Spark's result precision and scale, exact decimal division
// rounded HALF_UP at the result scale (DuckDB would divide in DOUBLE), NULL
// or an error on overflow and division by zero as the ANSI setting says, and
// Spark's implicit cast of numbers, dates and booleans where a function takes a string.
import { SparkType, asDecimal, duckdbSpelling, isDecimal } from './sparkTypeRules';

export interface TypedSql {
  sql: string;
  type: SparkType | undefined;
}

const pow10 = (k: number) => `'1${'0'.repeat(k)}'::HUGEINT`;
const decimalOf = (t: SparkType | undefined) => asDecimal(t);

/** The operand as a DECIMAL of its own Spark precision (integers: their digits, literals: as written). */
function asDecimalSql(x: TypedSql): string {
  const d = decimalOf(x.type);
  return d ? `CAST(${x.sql} AS DECIMAL(${d.p},${d.s}))` : x.sql;
}

/** The unscaled integer of a decimal operand, as HUGEINT. */
function unscaled(x: TypedSql): string {
  const d = decimalOf(x.type)!;
  const wide = `CAST(${x.sql} AS DECIMAL(38,${d.s}))`;
  return d.s === 0 ? `CAST(${wide} AS HUGEINT)` : `CAST(${wide} * CAST(${pow10(d.s)} AS DECIMAL(${d.s + 1},0)) AS HUGEINT)`;
}

/**
 * Spark's decimal division: the exact quotient rounded HALF_UP at the result
 * scale, with long division on HUGEINT so no step loses digits for operands
 * whose divisor times 10^k fits in 38 digits.
 */
export function exactDecimalDivide(l: TypedSql, r: TypedSql, result: { p: number; s: number }, ansi: boolean): string {
  const a = decimalOf(l.type)!;
  const b = decimalOf(r.type)!;
  const k = result.s - a.s + b.s;
  const A = unscaled(l);
  const B = unscaled(r);
  const scaleUp = (x: string) => (k === 0 ? x : `(${x}) * ${pow10(k)}`);
  const rest = scaleUp(`(${A}) % (${B})`);
  const roundUp = `CASE WHEN abs((${rest}) % (${B})) * 2 >= abs(${B}) THEN CASE WHEN (${A} < 0) = (${B} < 0) THEN 1 ELSE -1 END ELSE 0 END`;
  const R = `${scaleUp(`(${A}) // (${B})`)} + (${rest}) // (${B}) + ${roundUp}`;
  const value =
    result.s === 0
      ? `CAST(${R} AS DECIMAL(38,0))`
      : `CAST(${R} AS DECIMAL(38,0)) * CAST('0.${'0'.repeat(result.s - 1)}1' AS DECIMAL(${result.s},${result.s}))`;
  return ansi ? `CASE WHEN ${B} = 0 THEN error('[DIVIDE_BY_ZERO] Division by zero') ELSE ${value} END` : value;
}

/**
 * `l op r` with a decimal result type `t`: operands widened as Spark widens
 * them, so DuckDB's exact decimal arithmetic gives Spark's digits; the caller
 * casts to `t` (which rounds HALF_UP where Spark reduced the scale).
 */
export function decimalArithmetic(op: string, l: TypedSql, r: TypedSql, t: { p: number; s: number }, ansi: boolean): string {
  if (op === '/') return exactDecimalDivide(l, r, t, ansi);
  if (op === '+' || op === '-') {
    const target = `DECIMAL(${t.p},${t.s})`;
    return `(CAST(${l.sql} AS ${target}) ${op} CAST(${r.sql} AS ${target}))`;
  }
  const a = decimalOf(l.type)!;
  const b = decimalOf(r.type)!;
  if (op === '*' && a.p + b.p > 38) return `(${l.sql} * ${r.sql})`;
  return `(${asDecimalSql(l)} ${op} ${asDecimalSql(r)})`;
}

/** Non-decimal division: Spark answers NULL for a zero divisor (an error in ANSI mode); DuckDB answers Infinity. */
export function doubleDivide(l: string, r: string, ansi: boolean): string {
  return ansi ? `(${l} / CASE WHEN ${r} = 0 THEN error('[DIVIDE_BY_ZERO] Division by zero') ELSE ${r} END)` : `(${l} / nullif(${r}, 0))`;
}

/** Pins an expression to Spark's type (TRY_CAST outside ANSI mode: a decimal overflow is NULL there). */
export function pinType(sql: string, t: SparkType | undefined, ansi: boolean): string {
  const spelled = duckdbSpelling(t);
  if (!spelled) return sql;
  return `${isDecimal(t) && !ansi ? 'TRY_CAST' : 'CAST'}(${sql} AS ${spelled})`;
}

/** Functions whose parameters are strings: Spark casts a number, date or boolean argument implicitly. */
export const STRING_PARAMETER_FUNCTIONS = new Set([
  'lpad',
  'rpad',
  'concat',
  'concat_ws',
  'upper',
  'lower',
  'ucase',
  'lcase',
  'trim',
  'ltrim',
  'rtrim',
  'btrim',
  'length',
  'char_length',
  'character_length',
  'substr',
  'substring',
  'left',
  'right',
  'replace',
  'reverse',
  'repeat',
  'instr',
  'locate',
  'position',
  'startswith',
  'endswith',
  'contains',
  'initcap',
  'split',
  'regexp_replace',
  'regexp_extract',
  'md5',
  'sha1',
  'sha2',
]);

/** Positions (0-based) that stay numeric in a string function: lengths, positions, counts. */
const NUMERIC_POSITIONS: Record<string, number[]> = {
  lpad: [1],
  rpad: [1],
  substr: [1, 2],
  substring: [1, 2],
  left: [1],
  right: [1],
  repeat: [1],
  locate: [2],
  position: [2],
  regexp_extract: [2],
  split: [2],
  sha2: [1],
};

/** The argument as Spark passes it to a string parameter: numbers, dates, timestamps and booleans cast to STRING. */
export function implicitStringArg(fn: string, index: number, arg: TypedSql): string {
  if (!STRING_PARAMETER_FUNCTIONS.has(fn) || NUMERIC_POSITIONS[fn]?.includes(index)) return arg.sql;
  const k = arg.type?.kind;
  if (!k || k === 'string' || k === 'null' || k === 'array' || k === 'map' || k === 'struct' || k === 'binary') return arg.sql;
  return k === 'timestamp' ? timestampText(arg.sql) : `CAST(${arg.sql} AS VARCHAR)`;
}

/**
 * Spark's text of a TIMESTAMP: its wall time in the session time zone, no
 * offset (`2026-01-01 09:30:00.5`). DuckDB's TIMESTAMPTZ text carries the
 * offset, so it goes through the wall time (TIMESTAMP) first.
 */
export function timestampText(sql: string): string {
  return `CAST(CAST(${sql} AS TIMESTAMP) AS VARCHAR)`;
}
