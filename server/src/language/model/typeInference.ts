// Spark's typing rules that the column types of a query follow where the SQL
// alone decides them: numeric promotion in arithmetic, and the functions whose
// result has the type of an argument (`coalesce`, `greatest`, `round`, `if`...).
// exprTypes.ts applies them to the syntax tree; kept apart so the rules read as
// data. Pure.

/** Numeric types from narrow to wide: arithmetic on two of them yields the wider. */
const NUMERIC_ORDER = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL', 'FLOAT', 'DOUBLE'];

function numericRank(type: string): number {
  const base = type.toUpperCase().replace(/\(.*$/, '');
  const alias: Record<string, string> = {
    BYTE: 'TINYINT',
    SHORT: 'SMALLINT',
    INTEGER: 'INT',
    LONG: 'BIGINT',
    NUMERIC: 'DECIMAL',
    DEC: 'DECIMAL',
    REAL: 'FLOAT',
  };
  return NUMERIC_ORDER.indexOf(alias[base] ?? base);
}

/** The type of `left op right` for + - * / % DIV when both operand types are known numeric types. */
export function arithmeticType(op: string, left: string | undefined, right: string | undefined): string | undefined {
  if (left === undefined || right === undefined) return undefined;
  const a = numericRank(left);
  const b = numericRank(right);
  if (a < 0 || b < 0) return undefined;
  // `DIV` is integral division; `/` of integers is DOUBLE in Spark, of decimals DECIMAL.
  if (op === 'DIV') return 'BIGINT';
  const wider = a >= b ? left : right;
  const integral = Math.max(a, b) <= NUMERIC_ORDER.indexOf('BIGINT');
  if (op === '/' && integral) return 'DOUBLE';
  return numericRank(wider) === NUMERIC_ORDER.indexOf('DECIMAL') ? 'DECIMAL' : wider.toUpperCase();
}

export const ARITHMETIC_OPS = new Set(['+', '-', '*', '/', '%', 'DIV']);

/**
 * For a function whose catalogue return type is `same-as-input`, the arguments
 * that carry the result's type, in order of preference (the first known one wins).
 */
export function typedArguments<T>(name: string, args: readonly T[]): T[] {
  switch (name) {
    case 'if':
      return args.slice(1, 3);
    case 'nvl2':
      return args.slice(1, 3);
    case 'coalesce':
    case 'greatest':
    case 'least':
    case 'nvl':
    case 'ifnull':
      return [...args];
    default:
      return args.slice(0, 1);
  }
}

/** `explode(sequence(a, b))`, `explode(array(a, ...))`: a generator over an array built in place has the type of `a`. */
export const ELEMENT_GENERATORS = new Set(['explode', 'explode_outer']);
export const ARRAY_BUILDERS = new Set(['sequence', 'array']);

/** One type for values of these types: all the same, else the widest when all numeric; `/` of integers is DOUBLE. */
export function combinedType(types: readonly (string | undefined)[], divides = false): string | undefined {
  if (types.length === 0 || types.some((t) => t === undefined)) return undefined;
  const known = types as string[];
  const same = known.every((t) => t.toUpperCase() === known[0].toUpperCase());
  if (same && !divides) return known[0];
  const widest = known.reduce<string | undefined>(
    (a, b) => (a === undefined ? undefined : arithmeticType(divides ? '/' : '+', a, b)),
    known[0],
  );
  return divides && known.length === 1 ? arithmeticType('/', known[0], known[0]) : widest;
}
