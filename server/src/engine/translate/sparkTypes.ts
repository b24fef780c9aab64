// Spark SQL data types in DuckDB spelling: from the syntax tree (CAST, column
// lists) and from the type strings read_files takes (`schema`, `schemaHints`).
import type { DataType, Missing } from '../../language/syntax/ast';

const scalarTypes: Record<string, string> = {
  STRING: 'VARCHAR',
  VARCHAR: 'VARCHAR',
  CHAR: 'VARCHAR',
  TEXT: 'VARCHAR',
  INT: 'INTEGER',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  LONG: 'BIGINT',
  SMALLINT: 'SMALLINT',
  SHORT: 'SMALLINT',
  TINYINT: 'TINYINT',
  BYTE: 'TINYINT',
  DOUBLE: 'DOUBLE',
  FLOAT: 'FLOAT',
  REAL: 'FLOAT',
  BOOLEAN: 'BOOLEAN',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  // Spark's TIMESTAMP is an instant seen in the session time zone: DuckDB's
  // TIMESTAMPTZ with TimeZone set to that zone. TIMESTAMP_NTZ is a wall time.
  TIMESTAMP: 'TIMESTAMPTZ',
  TIMESTAMP_LTZ: 'TIMESTAMPTZ',
  TIMESTAMP_NTZ: 'TIMESTAMP',
  BINARY: 'BLOB',
  INTERVAL: 'INTERVAL',
  VARIANT: 'JSON',
  VOID: 'VARCHAR',
};

export type TypeResult = { ok: true; duckdb: string } | { ok: false; reason: string };

const quoteName = (n: string) => `"${n.replace(/"/g, '""')}"`;

/** A syntax-tree type in DuckDB spelling. */
export function duckdbTypeOf(t: DataType | Missing): TypeResult {
  if (t.kind === 'Missing') return { ok: false, reason: 'a missing type' };
  return typeFrom(
    t.name,
    t.params,
    t.typeArgs.map((a) => () => duckdbTypeOf(a)),
    t.fields?.map((f) => ({ name: f.name.name, type: () => duckdbTypeOf(f.type) })),
  );
}

function typeFrom(
  name: string,
  params: number[],
  typeArgs: (() => TypeResult)[],
  fields: { name: string; type: () => TypeResult }[] | undefined,
): TypeResult {
  const upper = name.toUpperCase();
  if (upper === 'DECIMAL' || upper === 'DEC' || upper === 'NUMERIC') {
    return { ok: true, duckdb: `DECIMAL(${params[0] ?? 10},${params[1] ?? 0})` };
  }
  if (upper === 'ARRAY') {
    const e = typeArgs[0]?.();
    if (!e || !e.ok) return e ?? { ok: false, reason: 'ARRAY without an element type' };
    return { ok: true, duckdb: `${e.duckdb}[]` };
  }
  if (upper === 'MAP') {
    const k = typeArgs[0]?.();
    const v = typeArgs[1]?.();
    if (!k || !v) return { ok: false, reason: 'MAP without key and value types' };
    if (!k.ok) return k;
    if (!v.ok) return v;
    return { ok: true, duckdb: `MAP(${k.duckdb}, ${v.duckdb})` };
  }
  if (upper === 'STRUCT') {
    const parts: string[] = [];
    for (const f of fields ?? []) {
      const ft = f.type();
      if (!ft.ok) return ft;
      parts.push(`${quoteName(f.name)} ${ft.duckdb}`);
    }
    return { ok: true, duckdb: `STRUCT(${parts.join(', ')})` };
  }
  const scalar = scalarTypes[upper];
  return scalar ? { ok: true, duckdb: scalar } : { ok: false, reason: `the type ${name}` };
}

export interface ColumnType {
  name: string;
  duckdb: string;
}

/**
 * Parses a DDL column list as read_files takes it (`a INT, b STRUCT<x: STRING>`)
 * into DuckDB types. A small grammar of its own because the text is a string
 * literal's value, not part of the statement the parser saw.
 */
export function parseColumnList(text: string): { ok: true; columns: ColumnType[] } | { ok: false; reason: string } {
  const tokens = text.match(/`(?:[^`]|``)*`|[A-Za-z_][\w$]*|\d+|'(?:[^']|'')*'|[<>(),:]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    throw new Error(`${what} at '${tokens.slice(i, i + 3).join(' ') || 'end'}' in '${text}'`);
  };
  const name = (): string => {
    const t = tokens[i++];
    if (!t || !/^[`A-Za-z_]/.test(t)) fail('expected a column name');
    return t.startsWith('`') ? t.slice(1, -1).replace(/``/g, '`') : t;
  };
  const type = (): TypeResult => {
    const n = name();
    const params: number[] = [];
    const typeArgs: (() => TypeResult)[] = [];
    let fields: { name: string; type: () => TypeResult }[] | undefined;
    if (peek() === '(') {
      i++;
      while (peek() && peek() !== ')') {
        if (peek() !== ',') params.push(Number(tokens[i]));
        i++;
      }
      i++;
    }
    if (peek() === '<') {
      i++;
      if (n.toUpperCase() === 'STRUCT') {
        fields = [];
        while (peek() && peek() !== '>') {
          const f = field();
          fields.push({ name: f.name, type: () => f.type });
          if (peek() === ',') i++;
        }
      } else {
        while (peek() && peek() !== '>') {
          const t = type();
          typeArgs.push(() => t);
          if (peek() === ',') i++;
        }
      }
      if (tokens[i++] !== '>') fail("expected '>'");
    }
    return typeFrom(n, params, typeArgs, fields);
  };
  const field = (): { name: string; type: TypeResult } => {
    const n = name();
    if (peek() === ':') i++;
    const t = type();
    // NOT NULL and COMMENT carry nothing the local engine uses.
    while (peek() && /^(NOT|NULL|COMMENT|'.*)$/i.test(peek())) i++;
    return { name: n, type: t };
  };
  try {
    const columns: ColumnType[] = [];
    while (i < tokens.length) {
      const f = field();
      if (!f.type.ok) return { ok: false, reason: `${f.type.reason} in '${text}'` };
      columns.push({ name: f.name, duckdb: f.type.duckdb });
      if (i < tokens.length && tokens[i++] !== ',') fail("expected ','");
    }
    return { ok: true, columns };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
