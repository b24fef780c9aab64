// Column-level lineage: the output columns of each dataset, inferred through
// SELECT *, CTEs, aliases, joins, subqueries, declared column lists, read_files
// schemas and flows, each knowing the upstream columns that feed it. Results
// are memoised until the index changes; unknown column references found on
// the way are reported to the caller.
import { applyPivot } from './pivotShape';
import { FILE_SOURCE_IMPLICIT_COLUMNS } from './readFilesSchema';
import { CatalogLookup } from './catalogLookup';
import { Dataset, DatasetReference, Flow } from './datasetTypes';
import { ColumnRef, QueryShape, Relation } from './queryShape';
import { combinedType } from './typeInference';

export interface ColumnSource {
  /** Dataset key, external table full name, or `read_files('<path>')` for file sources. */
  dataset: string;
  column: string;
  kind: 'dataset' | 'table' | 'files';
}

export interface LineageColumn {
  name: string;
  /** Readable by name but not part of `*` (auto loader's `_metadata`). */
  hidden?: boolean;
  type?: string;
  expression?: string;
  sources: ColumnSource[];
}

export interface OutputColumns {
  columns: LineageColumn[];
  /** False when other columns may exist (schemaHints, unknown sources, struct.*). */
  complete: boolean;
}

export type ReferenceResolution =
  { kind: 'dataset'; key: string } | { kind: 'external'; fullName: string } | { kind: 'unresolved'; fullName?: string };

/** What lineage needs from the index. */
export interface LineageHost {
  definition(key: string): Dataset | undefined;
  flowsInto(key: string): Flow[];
  reference(file: string, index: number): DatasetReference | undefined;
  resolve(ref: DatasetReference): ReferenceResolution;
  catalog: CatalogLookup;
}

interface Scope {
  alias?: string;
  cols: OutputColumns;
  /** A file source whose schema is open: names it does not list may still come from it. */
  openFiles?: string;
}

const OPEN: OutputColumns = { columns: [], complete: false };

export class ColumnLineage {
  private readonly memo = new Map<string, OutputColumns>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly host: LineageHost) {}

  /** Output columns of a pipeline dataset (by key). */
  datasetColumns(key: string): OutputColumns {
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.inProgress.has(key)) return OPEN; // a cycle: reported elsewhere
    this.inProgress.add(key);
    let result: OutputColumns;
    try {
      result = this.computeDatasetColumns(key);
    } finally {
      this.inProgress.delete(key);
    }
    this.memo.set(key, result);
    return result;
  }

  private computeDatasetColumns(key: string): OutputColumns {
    const ds = this.host.definition(key);
    if (!ds) return OPEN;
    let fromQuery: OutputColumns | undefined;
    if (ds.query) fromQuery = this.shapeColumns(ds.query, ds.file, new Map());
    else fromQuery = this.flowColumns(key);
    if (ds.columns.length === 0) return fromQuery ?? { columns: [], complete: false };
    const typed = ds.columns.every((c) => c.type !== undefined);
    const columns = ds.columns.map((c, i): LineageColumn => {
      // Tables match the query by name; a view's column list renames the query's columns by position.
      const q = fromQuery
        ? typed
          ? fromQuery.columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase())
          : fromQuery.columns[i]
        : undefined;
      const type = c.type ?? q?.type;
      return { name: c.name, ...(type ? { type } : {}), ...(q?.expression ? { expression: q.expression } : {}), sources: q?.sources ?? [] };
    });
    return { columns, complete: true };
  }

  /** A dataset with no defining query gets its columns from the flows that write it. */
  private flowColumns(key: string): OutputColumns | undefined {
    const flows = this.host.flowsInto(key);
    const flow = flows[0];
    if (!flow) return undefined;
    if (flow.kind === 'insert') return flow.query ? this.shapeColumns(flow.query, flow.file, new Map()) : OPEN;
    const read = flow.reads.find((r) => r.reference !== undefined);
    const ref = read?.reference === undefined ? undefined : this.host.reference(flow.file, read.reference);
    // A CDC flow from a subquery (or a snapshot query) takes that query's columns.
    const source = flow.query ? this.shapeColumns(flow.query, flow.file, new Map()) : ref ? this.referenceColumns(ref) : OPEN;
    let columns = source.columns;
    const sel = flow.cdcColumns;
    if (sel && !sel.star) columns = columns.filter((c) => sel.columns.some((n) => n.toLowerCase() === c.name.toLowerCase()));
    if (sel?.except.length) columns = columns.filter((c) => !sel.except.some((n) => n.toLowerCase() === c.name.toLowerCase()));
    if (flow.scdType === 2) {
      const seqType = source.columns.find((c) => c.name.toLowerCase() === flow.sequenceBy?.toLowerCase())?.type;
      for (const name of ['__START_AT', '__END_AT']) columns = [...columns, { name, ...(seqType ? { type: seqType } : {}), sources: [] }];
    }
    return { columns, complete: source.complete || (sel !== undefined && !sel.star) };
  }

  private referenceColumns(ref: DatasetReference): OutputColumns {
    const r = this.host.resolve(ref);
    if (r.kind === 'dataset') {
      const cols = this.datasetColumns(r.key);
      return {
        complete: cols.complete,
        columns: cols.columns.map((c) => ({
          name: c.name,
          ...(c.type ? { type: c.type } : {}),
          sources: [{ dataset: r.key, column: c.name, kind: 'dataset' }],
        })),
      };
    }
    const fullName = r.kind === 'external' ? r.fullName : r.fullName;
    if (!fullName) return OPEN;
    const table = this.host.catalog(fullName);
    if (!table || table === 'unknown' || !table.columns) return OPEN;
    return {
      complete: true,
      columns: table.columns.map((c) => ({
        name: c.name,
        ...(c.type ? { type: c.type } : {}),
        sources: [{ dataset: fullName, column: c.name, kind: 'table' }],
      })),
    };
  }

  /** Output columns of a query; unknown column references go to `unknown` when given. */
  shapeColumns(shape: QueryShape, file: string, ctes: ReadonlyMap<string, OutputColumns>, unknown?: ColumnRef[]): OutputColumns {
    const env = new Map(ctes);
    for (const cte of shape.ctes) {
      let cols = this.shapeColumns(cte.query, file, env, unknown);
      if (cte.columnNames) cols = rename(cols, cte.columnNames);
      env.set(cte.name, cols);
    }
    if (shape.opaque) return OPEN;
    const scopes: Scope[] = shape.from.map((r) => ({
      alias: r.alias,
      cols: this.relationColumns(r, file, env, unknown),
      ...(r.kind === 'files' && !r.complete ? { openFiles: r.source } : {}),
    }));
    const columns: LineageColumn[] = [];
    let complete = true;
    const aliases = new Set<string>();
    const bound = new Set(shape.boundNames);
    for (const item of shape.items) {
      if (item.kind === 'star') {
        const from = item.qualifier === undefined ? scopes : scopes.filter((s) => s.alias === item.qualifier);
        if (from.length === 0) {
          complete = false; // `struct.*`: fields unknown here
          continue;
        }
        for (const s of from) {
          if (!s.cols.complete) complete = false;
          for (const c of s.cols.columns)
            if (!c.hidden && !item.except.includes(c.name.toLowerCase())) columns.push({ ...c, sources: [...c.sources] });
        }
        continue;
      }
      const sources: ColumnSource[] = [];
      for (const ref of item.columns) {
        if (bound.has(ref.name) || (ref.qualifier === undefined && aliases.has(ref.name))) continue;
        const found = lookup(scopes, ref);
        if (found === 'unknown') {
          if (unknown && !NILADIC.has(ref.name)) unknown.push(missingPart(scopes, ref));
          continue;
        }
        if (found) {
          for (const s of found.sources) if (!sources.some((x) => x.dataset === s.dataset && x.column === s.column)) sources.push(s);
        }
      }
      const name = item.name ?? item.expression;
      aliases.add(name.toLowerCase());
      const type =
        item.type ??
        (item.typeFrom
          ? combinedType([...item.typeFrom.map((r) => refType(scopes, r)), ...(item.typeLiterals ?? [])], item.typeDivides)
          : undefined);
      columns.push({ name, ...(type ? { type } : {}), expression: item.expression, sources });
    }
    if (unknown) {
      for (const ref of shape.otherColumns) {
        if (bound.has(ref.name) || (ref.qualifier === undefined && aliases.has(ref.name))) continue;
        if (lookup(scopes, ref) === 'unknown' && !NILADIC.has(ref.name)) unknown.push(missingPart(scopes, ref));
      }
    }
    for (const branch of shape.setBranches) {
      const b = this.shapeColumns(branch, file, env, unknown);
      if (!b.complete) complete = false;
      columns.forEach((c, i) => {
        for (const s of b.columns[i]?.sources ?? [])
          if (!c.sources.some((x) => x.dataset === s.dataset && x.column === s.column)) c.sources.push(s);
      });
    }
    return { columns, complete };
  }

  /** Output columns of one FROM relation, CTEs resolved in `env`: the one rule hover, completion and diagnostics share. */
  relationColumns(r: Relation, file: string, env: ReadonlyMap<string, OutputColumns>, unknown?: ColumnRef[]): OutputColumns {
    switch (r.kind) {
      case 'table': {
        const ref = this.host.reference(file, r.reference);
        return ref ? this.referenceColumns(ref) : OPEN;
      }
      case 'files': {
        const columns: LineageColumn[] = r.columns.map((c) => ({
          name: c.name,
          ...(c.type ? { type: c.type } : {}),
          sources: [{ dataset: r.source, column: c.name, kind: 'files' }],
        }));
        // `_metadata` is always hidden; the rescue column is only added to inferred schemas.
        for (const { name, type } of FILE_SOURCE_IMPLICIT_COLUMNS) {
          const hidden = name === '_metadata' || r.complete;
          columns.push({ name, type, ...(hidden ? { hidden } : {}), sources: [{ dataset: r.source, column: name, kind: 'files' }] });
        }
        return { columns, complete: r.complete };
      }
      case 'subquery': {
        const cols = this.shapeColumns(r.query, file, env, unknown);
        return r.columnNames ? rename(cols, r.columnNames) : cols;
      }
      case 'cte': {
        const cols = env.get(r.name) ?? OPEN;
        return r.columnNames ? rename(cols, r.columnNames) : cols;
      }
      case 'pivot':
        return pivotColumns(r, (s) => this.relationColumns(s, file, env, unknown));
      case 'generated':
        return { columns: r.columns.map((name) => ({ name, sources: [] })), complete: true };
      case 'unknown':
        return OPEN;
    }
  }
}

// Spark functions written without parentheses parse as column names.
const NILADIC = new Set([
  'current_date',
  'current_timestamp',
  'current_user',
  'current_time',
  'current_catalog',
  'current_schema',
  'current_database',
  'session_user',
  'user',
  'current_timezone',
]);

/** A pivot's output from its source relations' columns (complete when they all are). */
export function pivotColumns(r: Extract<Relation, { kind: 'pivot' }>, columnsOf: (source: Relation) => OutputColumns): OutputColumns {
  const sources = r.source.map(columnsOf);
  const columns = applyPivot(
    r,
    sources.flatMap((s) => s.columns.filter((c) => !c.hidden)),
    (name): LineageColumn => ({ name, sources: [] }),
  );
  return { columns, complete: sources.every((s) => s.complete) };
}

function rename(cols: OutputColumns, names: string[]): OutputColumns {
  return { complete: cols.complete, columns: cols.columns.map((c, i) => ({ ...c, name: names[i] ?? c.name })) };
}

/** The one type all `refs` have (a column's type, or a struct field's), else undefined. */
function refType(scopes: Scope[], ref: ColumnRef): string | undefined {
  const isAlias = ref.qualifier !== undefined && scopes.some((s) => s.alias === ref.qualifier);
  // `s.f` with `s` no relation: field f of struct column s.
  const path =
    ref.qualifier === undefined || isAlias ? [ref.name, ...(ref.fields ?? [])] : [ref.qualifier, ref.name, ...(ref.fields ?? [])];
  const column = isAlias ? lookup(scopes, { ...ref, fields: undefined }) : lookupName(scopes, path[0]);
  let type = column && column !== 'unknown' ? column.type : undefined;
  for (const field of path.slice(1)) type = type === undefined ? undefined : structFieldType(type, field);
  return type;
}

/** The type of `field` in `STRUCT<a: INT, b: STRING>` (also `a INT`), case-insensitively. */
export function structFieldType(structType: string, field: string): string | undefined {
  const m = /^STRUCT\s*<(.*)>$/is.exec(structType.trim());
  if (!m) return undefined;
  let depth = 0;
  let start = 0;
  const body = m[1];
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '<' || c === '(') depth++;
    else if (c === '>' || c === ')') depth--;
    else if ((c === ',' && depth === 0) || i === body.length) {
      const f = /^\s*`?([^`:\s]+)`?\s*:?\s*(.+?)\s*$/s.exec(body.slice(start, i));
      if (f && f[1].toLowerCase() === field.toLowerCase()) return f[2].replace(/\s+NOT\s+NULL$/i, '');
      start = i + 1;
    }
  }
  return undefined;
}

/**
 * The part of a reference that is missing (the struct column of `s.field` when
 * `s` is no relation), with the names in scope it could have meant: the
 * columns of the relation it qualifies, else every relation's columns and,
 * for a missing qualifier, the aliases too.
 */
function missingPart(scopes: Scope[], ref: ColumnRef): ColumnRef {
  const qualified = scopes.filter((s) => s.alias === ref.qualifier);
  if (ref.qualifier === undefined || qualified.length > 0) {
    const from = ref.qualifier === undefined ? scopes : qualified;
    return { ...ref, candidates: from.flatMap((s) => s.cols.columns.map((c) => c.name)) };
  }
  const candidates = [...scopes.flatMap((s) => (s.alias ? [s.alias] : [])), ...scopes.flatMap((s) => s.cols.columns.map((c) => c.name))];
  return {
    name: ref.qualifier,
    display: ref.qualifier,
    range: ref.qualifierRange ?? ref.range,
    fields: [ref.display, ...(ref.fields ?? [])],
    candidates,
  };
}

function findColumn(cols: OutputColumns, name: string): LineageColumn | undefined {
  return cols.columns.find((c) => c.name.toLowerCase() === name);
}

/**
 * Finds the column a reference reads. `t.c`: column c of relation t, or field c
 * of struct column t. Returns 'unknown' only when every place it could come
 * from is known completely and none has it.
 */
function lookup(scopes: Scope[], ref: ColumnRef): LineageColumn | 'unknown' | undefined {
  if (ref.qualifier !== undefined) {
    const byAlias = scopes.filter((s) => s.alias === ref.qualifier);
    if (byAlias.length > 0) {
      return lookupName(byAlias, ref.name);
    }
    // Not a relation: `qualifier` is a struct column and `name` its field.
    return lookupName(scopes, ref.qualifier);
  }
  return lookupName(scopes, ref.name);
}

function lookupName(scopes: Scope[], name: string): LineageColumn | 'unknown' | undefined {
  for (const s of scopes) {
    const c = findColumn(s.cols, name);
    if (c) return c;
  }
  const open = scopes.filter((s) => !s.cols.complete);
  // With one open file source, an unlisted name is taken to be one of its inferred columns.
  if (open.length === 1 && open[0].openFiles) return { name, sources: [{ dataset: open[0].openFiles, column: name, kind: 'files' }] };
  return scopes.length > 0 && open.length === 0 ? 'unknown' : undefined;
}
