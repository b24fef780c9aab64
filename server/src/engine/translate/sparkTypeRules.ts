// Spark SQL's type rules, as data and small pure functions: the result type of
// arithmetic (decimal precision and scale, including the precision-loss
// adjustment past 38 digits), the common type of CASE / coalesce / greatest,
// aggregate result types, and the DuckDB spelling of each type. The printer
// uses them to make DuckDB compute what Spark computes.

export type SparkScalarKind =
  | 'boolean'
  | 'tinyint'
  | 'smallint'
  | 'int'
  | 'bigint'
  | 'float'
  | 'double'
  | 'string'
  | 'date'
  | 'timestamp'
  | 'timestamp_ntz'
  | 'binary'
  | 'interval'
  | 'null';

export type SparkType =
  | { kind: SparkScalarKind; /** An integer literal: Spark types it DECIMAL(digits, 0) in decimal arithmetic. */ literalDigits?: number }
  | { kind: 'decimal'; p: number; s: number }
  | { kind: 'array'; element: SparkType | undefined }
  | { kind: 'map'; key: SparkType | undefined; value: SparkType | undefined }
  | { kind: 'struct'; fields: SparkColumn[] };

export interface SparkColumn {
  name: string;
  type: SparkType | undefined;
}

export const MAX_PRECISION = 38;
/** Spark keeps at least this many fraction digits when a result exceeds 38 digits. */
const MINIMUM_ADJUSTED_SCALE = 6;

const INTEGRAL_RANK: Record<string, number> = { tinyint: 1, smallint: 2, int: 3, bigint: 4 };
/** DECIMAL precision of each integral type (Spark's DecimalType.forType). */
const INTEGRAL_DIGITS: Record<string, number> = { tinyint: 3, smallint: 5, int: 10, bigint: 20 };

export const scalar = (kind: SparkScalarKind): SparkType => ({ kind });
export const decimal = (p: number, s: number): SparkType => ({ kind: 'decimal', p, s });

export const isIntegral = (t: SparkType | undefined): boolean => t !== undefined && t.kind in INTEGRAL_RANK;
export const isFractional = (t: SparkType | undefined): boolean => t?.kind === 'double' || t?.kind === 'float';
export const isDecimal = (t: SparkType | undefined): t is { kind: 'decimal'; p: number; s: number } => t?.kind === 'decimal';
export const isNumeric = (t: SparkType | undefined): boolean => isIntegral(t) || isFractional(t) || isDecimal(t);

/** A numeric type as Spark widens it for decimal arithmetic; undefined for non-exact types. */
export function asDecimal(t: SparkType | undefined): { p: number; s: number } | undefined {
  if (!t) return undefined;
  if (t.kind === 'decimal') return { p: t.p, s: t.s };
  if (t.kind in INTEGRAL_RANK) {
    const lit = 'literalDigits' in t ? t.literalDigits : undefined;
    return { p: lit ?? INTEGRAL_DIGITS[t.kind], s: 0 };
  }
  return undefined;
}

/** Spark's DecimalType.adjustPrecisionScale (spark.sql.decimalOperations.allowPrecisionLoss=true). */
export function adjusted(p: number, s: number): SparkType {
  if (p <= MAX_PRECISION) return decimal(p, s);
  const intDigits = p - s;
  const minScale = Math.min(s, MINIMUM_ADJUSTED_SCALE);
  return decimal(MAX_PRECISION, Math.max(MAX_PRECISION - intDigits, minScale));
}

/** Result type of `l op r` for + - * / % and DIV, or undefined when the syntax does not tell. */
export function arithmeticType(op: string, l: SparkType | undefined, r: SparkType | undefined): SparkType | undefined {
  if (!l || !r) return undefined;
  if (op === 'DIV') return isNumeric(l) && isNumeric(r) ? scalar('bigint') : undefined;
  if (l.kind === 'null') return r.kind === 'null' ? undefined : arithmeticType(op, r, r);
  if (r.kind === 'null') return arithmeticType(op, l, l);
  if (!isNumeric(l) || !isNumeric(r)) return undefined;
  if (isFractional(l) || isFractional(r)) return scalar('double');
  if (isIntegral(l) && isIntegral(r)) return op === '/' ? scalar('double') : widerIntegral(l, r);
  const a = asDecimal(l)!;
  const b = asDecimal(r)!;
  switch (op) {
    case '+':
    case '-': {
      const s = Math.max(a.s, b.s);
      return adjusted(Math.max(a.p - a.s, b.p - b.s) + s + 1, s);
    }
    case '*':
      return adjusted(a.p + b.p + 1, a.s + b.s);
    case '/': {
      const s = Math.max(MINIMUM_ADJUSTED_SCALE, a.s + b.p + 1);
      return adjusted(a.p - a.s + b.s + s, s);
    }
    case '%': {
      const s = Math.max(a.s, b.s);
      return adjusted(Math.min(a.p - a.s, b.p - b.s) + s, s);
    }
    default:
      return undefined;
  }
}

function widerIntegral(l: SparkType, r: SparkType): SparkType {
  const k = INTEGRAL_RANK[l.kind] >= INTEGRAL_RANK[r.kind] ? l.kind : r.kind;
  return scalar(k as SparkScalarKind);
}

/** The common type of CASE branches, coalesce, greatest, least, UNION columns. */
export function commonType(types: (SparkType | undefined)[]): SparkType | undefined {
  let out: SparkType | undefined = scalar('null');
  for (const t of types) {
    if (!t || !out) return undefined;
    out = widen(out, t);
  }
  return out?.kind === 'null' ? undefined : out;
}

function widen(a: SparkType, b: SparkType): SparkType | undefined {
  if (a.kind === 'null') return withoutLiteral(b);
  if (b.kind === 'null') return withoutLiteral(a);
  if (isNumeric(a) && isNumeric(b)) {
    if (isFractional(a) || isFractional(b)) return scalar('double');
    if (isIntegral(a) && isIntegral(b)) return widerIntegral(a, b);
    // Unlike arithmetic, widening reads an integer literal as its full type (greatest(decimal(10,2), 0) is decimal(12,2)).
    const x = asDecimal(withoutLiteral(a))!;
    const y = asDecimal(withoutLiteral(b))!;
    const s = Math.max(x.s, y.s);
    return decimal(Math.min(MAX_PRECISION, Math.max(x.p - x.s, y.p - y.s) + s), s);
  }
  if (a.kind === b.kind && a.kind !== 'array' && a.kind !== 'map' && a.kind !== 'struct') return withoutLiteral(a);
  if ((a.kind === 'date' && b.kind.startsWith('timestamp')) || (b.kind === 'date' && a.kind.startsWith('timestamp')))
    return scalar('timestamp');
  if (a.kind === 'string' || b.kind === 'string') return scalar('string');
  return undefined;
}

const withoutLiteral = (t: SparkType): SparkType => ('literalDigits' in t && t.literalDigits !== undefined ? scalar(t.kind) : t);

/** `sum(x)`: integral BIGINT, decimal(p,s) -> decimal(p+10,s), fractional DOUBLE. */
export function sumType(t: SparkType | undefined): SparkType | undefined {
  if (isIntegral(t)) return scalar('bigint');
  if (isFractional(t)) return scalar('double');
  const d = isDecimal(t) ? t : undefined;
  return d && decimal(Math.min(MAX_PRECISION, d.p + 10), d.s);
}

/** `avg(x)`: decimal(p,s) -> decimal(p+4,s+4), other numbers DOUBLE. */
export function avgType(t: SparkType | undefined): SparkType | undefined {
  if (isIntegral(t) || isFractional(t)) return scalar('double');
  const d = isDecimal(t) ? t : undefined;
  return d && decimal(Math.min(MAX_PRECISION, d.p + 4), Math.min(MAX_PRECISION, d.s + 4));
}

/** `round(x, d)` / `bround(x, d)` on a decimal: Spark keeps the integral digits plus one. */
export function roundType(t: SparkType | undefined, digits: number): SparkType | undefined {
  if (!t) return undefined;
  if (!isDecimal(t)) return withoutLiteral(t);
  const s = Math.max(0, Math.min(t.s, digits));
  return decimal(Math.min(MAX_PRECISION, t.p - t.s + 1 + s), s);
}

/** DuckDB's spelling of a Spark type, or undefined for types the printer leaves alone. */
export function duckdbSpelling(t: SparkType | undefined): string | undefined {
  switch (t?.kind) {
    case 'decimal':
      return `DECIMAL(${t.p},${t.s})`;
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'float':
      return 'FLOAT';
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return 'VARCHAR';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMPTZ';
    case 'timestamp_ntz':
      return 'TIMESTAMP';
    default:
      return undefined;
  }
}

/** A DuckDB type string (as sparkTypes.ts prints them for schema hints) read back as a Spark type. */
export function fromDuckdbSpelling(text: string): SparkType | undefined {
  const t = text.trim();
  if (t.endsWith('[]')) return { kind: 'array', element: fromDuckdbSpelling(t.slice(0, -2)) };
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(t);
  if (dec) return decimal(Number(dec[1]), Number(dec[2]));
  const struct = /^STRUCT\((.*)\)$/is.exec(t);
  if (struct) {
    const fields: SparkColumn[] = [];
    for (const part of splitTopLevel(struct[1])) {
      const m = /^\s*"((?:[^"]|"")*)"\s+(.*)$/s.exec(part);
      if (m) fields.push({ name: m[1].replace(/""/g, '"'), type: fromDuckdbSpelling(m[2]) });
    }
    return { kind: 'struct', fields };
  }
  const map = /^MAP\((.*)\)$/is.exec(t);
  if (map) {
    const [k, v] = splitTopLevel(map[1]);
    return { kind: 'map', key: k ? fromDuckdbSpelling(k) : undefined, value: v ? fromDuckdbSpelling(v) : undefined };
  }
  const scalars: Record<string, SparkScalarKind> = {
    VARCHAR: 'string',
    INTEGER: 'int',
    BIGINT: 'bigint',
    SMALLINT: 'smallint',
    TINYINT: 'tinyint',
    DOUBLE: 'double',
    FLOAT: 'float',
    BOOLEAN: 'boolean',
    DATE: 'date',
    TIMESTAMPTZ: 'timestamp',
    'TIMESTAMP WITH TIME ZONE': 'timestamp',
    TIMESTAMP: 'timestamp_ntz',
    BLOB: 'binary',
    INTERVAL: 'interval',
  };
  const k = scalars[t.toUpperCase()];
  return k ? scalar(k) : undefined;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (s.slice(start).trim()) out.push(s.slice(start));
  return out;
}
