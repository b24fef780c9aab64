// Rows for one file source of any pipeline, from the columns its SQL declares
// and what the SQL compares them with (valueHints.ts). Seeded: the same seed,
// schema and SQL give the same rows. Keys are drawn from a pool shared by every
// source so joins match; compared literals are drawn often so filters keep
// rows; about VIOLATION_RATE of the rows break each simple expectation.
import { Prng } from '../prng';
import type { ValueHints, Violation } from './valueHints';

export interface SampleColumn {
  name: string;
  /** DuckDB type as the local engine reads the source (BIGINT, DECIMAL(10,2), VARCHAR, TIMESTAMP, STRUCT(...)...). */
  type: string;
}

export type SampleValue = string | number | boolean | null | { [k: string]: SampleValue };

const VIOLATION_RATE = 0.05;
/** Share of rows that take one of the literals the SQL compares a column with. */
const LITERAL_RATE = 0.85;
const START_MS = Date.UTC(2026, 10, 1);
const SPAN_MS = 30 * 86_400_000;

const isInteger = (t: string) => /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/i.test(t);
const isFractional = (t: string) => /^(DECIMAL|NUMERIC|DOUBLE|FLOAT|REAL)\b/i.test(t);
const decimalScale = (t: string) => Number(/^DECIMAL\s*\(\s*\d+\s*,\s*(\d+)\s*\)/i.exec(t)?.[1] ?? 2);

/** Splits `STRUCT(a BIGINT, b STRUCT(c VARCHAR))` into its fields, respecting nesting. */
export function structFields(type: string): SampleColumn[] | undefined {
  const m = /^STRUCT\s*\((.*)\)$/is.exec(type.trim());
  if (!m) return undefined;
  const fields: SampleColumn[] = [];
  let depth = 0;
  let start = 0;
  const body = m[1];
  const push = (part: string) => {
    const f = /^\s*("(?:[^"]|"")+"|[^\s]+)\s+(.+?)\s*$/s.exec(part);
    if (f) fields.push({ name: f[1].replace(/^"|"$/g, '').replace(/""/g, '"'), type: f[2] });
  };
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '(') depth++;
    else if (body[i] === ')') depth--;
    else if (body[i] === ',' && depth === 0) {
      push(body.slice(start, i));
      start = i + 1;
    }
  }
  push(body.slice(start));
  return fields;
}

export class SampleRowFactory {
  private readonly rng: Prng;

  constructor(
    seed: number,
    stream: string,
    private readonly hints: ValueHints,
    /** Distinct values of each key column: small enough that joins find partners. */
    private readonly keyPool: number,
  ) {
    this.rng = new Prng(seed, stream);
  }

  row(columns: readonly SampleColumn[]): Record<string, SampleValue> {
    const out: Record<string, SampleValue> = {};
    for (const c of columns) out[c.name] = this.value(c.name, c.type);
    return out;
  }

  private value(name: string, type: string): SampleValue {
    const key = name.toLowerCase();
    for (const v of this.hints.violations.get(key) ?? []) {
      if (this.rng.chance(VIOLATION_RATE)) return this.violating(v, type);
    }
    const fields = structFields(type);
    if (fields) return this.row(fields);
    const literals = [...(this.hints.literals.get(key) ?? [])].filter((l) =>
      isInteger(type) || isFractional(type) ? typeof l === 'number' : true,
    );
    if (literals.length > 0 && this.rng.chance(LITERAL_RATE)) return this.cast(this.rng.pick(literals), type);
    if (this.isKey(key) && (isInteger(type) || /^VARCHAR$/i.test(type))) {
      const id = this.rng.int(1, this.keyPool);
      return isInteger(type) ? id : `${key}-${id}`;
    }
    return this.random(key, type);
  }

  private isKey(name: string): boolean {
    return this.hints.keys.has(name) || /(^id|_id|_key|_code)$/.test(name);
  }

  private random(name: string, type: string): SampleValue {
    const upper = type.toUpperCase();
    const limit = Math.max(100, ...(this.hints.thresholds.get(name) ?? []).map((t) => Math.abs(t) * 2 + 10));
    if (isInteger(upper)) return this.rng.int(0, Math.round(limit));
    if (isFractional(upper)) return this.fraction(this.rng.between(1, limit), type);
    if (upper === 'BOOLEAN') return this.rng.chance(0.5);
    if (upper.startsWith('TIMESTAMP')) return new Date(START_MS + Math.floor(this.rng.float() * SPAN_MS)).toISOString();
    if (upper === 'DATE') return new Date(START_MS + Math.floor(this.rng.float() * SPAN_MS)).toISOString().slice(0, 10);
    if (upper === 'VARCHAR' || upper === 'STRING') {
      if (/e_?mail/.test(name)) return `user${this.rng.int(1, this.keyPool)}@example.com`;
      return `${name}_${this.rng.int(1, 20)}`;
    }
    return null;
  }

  private fraction(x: number, type: string): number {
    const scale = /^DECIMAL/i.test(type) ? decimalScale(type) : 2;
    return Number(x.toFixed(scale));
  }

  private cast(v: string | number, type: string): SampleValue {
    if (isInteger(type)) return Math.round(Number(v));
    if (isFractional(type)) return Number(v);
    return String(v);
  }

  private violating(v: Violation, type: string): SampleValue {
    switch (v.kind) {
      case 'null':
        return null;
      // `x > n` is broken by n itself, `x >= n` by n - 1; the same mirrored for `<`, `<=`.
      case 'below':
        return this.cast(v.inclusive ? v.value - 1 : v.value, type);
      case 'above':
        return this.cast(v.inclusive ? v.value + 1 : v.value, type);
      case 'outside':
        return isInteger(type) || isFractional(type)
          ? Math.max(0, ...v.values.map(Number).filter(Number.isFinite)) + 1
          : `not_${String(v.values[0] ?? 'listed')}`;
    }
  }
}
