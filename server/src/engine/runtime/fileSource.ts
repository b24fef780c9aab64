// Defines the temporary view through which a translated query reads a
// read_files source: DuckDB's reader over exactly the files this update
// processes, typed like Spark's reader (JSON strings stay strings unless a
// schema hint says otherwise) and with Spark's `_metadata` column.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileSourcePlan } from '../plan';
import { sqlString } from '../translate/functionMap';
import { ColumnType, parseColumnList } from '../translate/sparkTypes';
import type { LandingFile } from './landing';
import { quoteIdent } from './sql';
import { declaredSourceColumns } from '../sourceColumns';
import { instantOfText } from '../translate/wallTime';

const FILE_COLUMN = '__lakeflow_file';

/** Spark's JSON reader infers no dates, times or UUIDs: those stay strings. */
function sparkLikeType(duckdbType: string): string {
  return duckdbType.replace(/\b(TIMESTAMP WITH TIME ZONE|TIMESTAMP|DATE|TIME|UUID)(?=[,)[]|$)/g, 'VARCHAR');
}

function reader(src: FileSourcePlan, files: LandingFile[], columns: ColumnType[] | undefined, withFile: boolean): string {
  const list = `[${files.map((f) => sqlString(f.path)).join(', ')}]`;
  const cols = columns ? `, columns = {${columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.duckdb)}`).join(', ')}}` : '';
  const file = withFile ? `, filename = '${FILE_COLUMN}'` : '';
  switch (src.format) {
    case 'csv': {
      const header = (src.options.header ?? 'false').toLowerCase() === 'true';
      const delim = src.options.sep ?? src.options.delimiter;
      return `read_csv(${list}, header = ${header}${delim ? `, delim = ${sqlString(delim)}` : ''}${cols}${file}, union_by_name = true)`;
    }
    case 'parquet':
      return `read_parquet(${list}${file}, union_by_name = true)`;
    default:
      // A value that does not fit its column's type is NULL in that field, as in Spark's PERMISSIVE reader.
      return `read_json(${list}, format = 'newline_delimited'${cols}${file}, ignore_errors = true)`;
  }
}

export class SourceSchemaError extends Error {}

/** Column names and types the reader will produce, after Spark-like typing and the source's hints. */
async function resolveColumns(con: DuckDBConnection, src: FileSourcePlan, files: LandingFile[]): Promise<ColumnType[] | undefined> {
  if (src.format === 'parquet') return undefined;
  const full = src.options.schema;
  if (full) {
    const parsed = parseColumnList(full);
    if (!parsed.ok) throw new SourceSchemaError(`read_files schema: ${parsed.reason}`);
    return parsed.columns;
  }
  const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${reader(src, files, undefined, false)}`);
  const columns: ColumnType[] = described
    .getRowObjectsJson()
    .map((r) => ({ name: String(r.column_name), duckdb: sparkLikeType(String(r.column_type)) }));
  const hints = src.options.schemahints;
  if (hints) {
    const parsed = parseColumnList(hints);
    if (!parsed.ok) throw new SourceSchemaError(`read_files schemaHints: ${parsed.reason}`);
    for (const h of parsed.columns) {
      const existing = columns.find((c) => c.name.toLowerCase() === h.name.toLowerCase());
      if (existing) existing.duckdb = h.duckdb;
      else columns.push({ ...h });
    }
  }
  return columns;
}

/**
 * The source's view when it has no files (an empty landing folder, or a dry
 * run): no rows, and the columns the SQL declares (`schema`, `schemaHints`),
 * else the columns the pipeline's queries read, so every dataset downstream
 * still binds and runs with 0 rows, as an empty Auto Loader source does.
 */
export async function defineEmptyFileSource(con: DuckDBConnection, src: FileSourcePlan): Promise<void> {
  const { columns, errors } = declaredSourceColumns(src.options);
  if (errors.length > 0) throw new SourceSchemaError(errors[0]);
  if (!src.options.schema) {
    for (const c of src.readColumns ?? []) if (!columns.some((x) => x.name.toLowerCase() === c.name.toLowerCase())) columns.push(c);
    const rescue = src.options.rescueddatacolumn ?? '_rescued_data';
    if (!columns.some((c) => c.name.toLowerCase() === rescue.toLowerCase())) columns.push({ name: rescue, duckdb: 'VARCHAR' });
  }
  const list = columns.map((c) => `CAST(NULL AS ${c.duckdb}) AS ${quoteIdent(c.name)}`);
  if (src.needsMetadata) {
    list.push(
      `struct_pack(file_path := CAST(NULL AS VARCHAR), file_name := CAST(NULL AS VARCHAR), file_size := CAST(NULL AS BIGINT), ` +
        `file_block_start := CAST(NULL AS BIGINT), file_block_length := CAST(NULL AS BIGINT), file_modification_time := CAST(NULL AS TIMESTAMPTZ)) AS _metadata`,
    );
  }
  if (list.length === 0) list.push('CAST(NULL AS VARCHAR) AS value');
  await con.run(`CREATE OR REPLACE TEMP VIEW ${src.placeholder} AS SELECT ${list.join(', ')} WHERE false`);
}

const JSON_INTEGERS = "('BIGINT', 'UBIGINT', 'HUGEINT')";
const JSON_NUMBERS = "('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')";

/**
 * Spark's JSON reader takes a number field only from a JSON number (an
 * integer for integer types): `"23.25"` or `1.5` in an INT column is NULL.
 * DuckDB would convert both, so such columns are read as JSON and converted
 * here; so are timestamps, which Spark reads in the session time zone.
 */
function strictTypes(
  src: FileSourcePlan,
  columns: ColumnType[] | undefined,
  zoneTransitions: boolean,
): { read: ColumnType[] | undefined; replace: string[] } {
  if ((src.format !== 'json' && src.format !== 'csv') || !columns) return { read: columns, replace: [] };
  const replace: string[] = [];
  const read = columns.map((c) => {
    if (c.duckdb === 'TIMESTAMPTZ' && (src.format === 'json' || zoneTransitions)) {
      // DuckDB's JSON reader reads a time without offset as UTC, and ICU takes the later offset in a DST
      // overlap; Spark reads it in the session time zone, at the earlier offset (wallTime.ts).
      const col = `r.${quoteIdent(c.name)}`;
      replace.push(`${zoneTransitions ? instantOfText(col, 'TRY_CAST') : `TRY_CAST(${col} AS TIMESTAMPTZ)`} AS ${quoteIdent(c.name)}`);
      return { name: c.name, duckdb: 'VARCHAR' };
    }
    if (src.format !== 'json') return c;
    const integer = /^(TINYINT|SMALLINT|INTEGER|BIGINT)$/.test(c.duckdb);
    if (!integer && !/^(DOUBLE|FLOAT|DECIMAL\(\d+,\s*\d+\))$/.test(c.duckdb)) return c;
    const col = `r.${quoteIdent(c.name)}`;
    replace.push(
      `CASE WHEN json_type(${col}) IN ${integer ? JSON_INTEGERS : JSON_NUMBERS} THEN TRY_CAST(CAST(${col} AS VARCHAR) AS ${c.duckdb}) END AS ${quoteIdent(c.name)}`,
    );
    return { name: c.name, duckdb: 'JSON' };
  });
  return { read, replace };
}

/** Creates (or replaces) the source's temporary view over `files` (at least one). */
export async function defineFileSource(
  con: DuckDBConnection,
  src: FileSourcePlan,
  files: LandingFile[],
  zoneTransitions: boolean,
): Promise<void> {
  const resolved = await resolveColumns(con, src, files);
  const { read: columns, replace } = strictTypes(src, resolved, zoneTransitions);
  const replaced = replace.length > 0 ? ` REPLACE (${replace.join(', ')})` : '';
  const from = reader(src, files, columns, true);
  // Auto Loader adds its rescue column to inferred schemas; DuckDB rescues nothing, so it stays NULL.
  const rescue = src.options.rescueddatacolumn ?? '_rescued_data';
  const addRescue = !src.options.schema && columns !== undefined && !columns.some((c) => c.name.toLowerCase() === rescue.toLowerCase());
  const extra = addRescue ? `, CAST(NULL AS VARCHAR) AS ${quoteIdent(rescue)}` : '';
  let select: string;
  if (src.needsMetadata) {
    const stats = files.map((f) => `(${sqlString(f.path)}, ${f.size}, ${Math.round(f.mtimeMs)})`).join(', ');
    select =
      `SELECT r.* EXCLUDE (${FILE_COLUMN})${replaced}, struct_pack(file_path := r.${FILE_COLUMN}, file_name := parse_filename(r.${FILE_COLUMN}), ` +
      `file_size := m.size, file_block_start := CAST(0 AS BIGINT), file_block_length := m.size, file_modification_time := epoch_ms(m.mtime) AT TIME ZONE 'UTC') AS _metadata${extra} ` +
      `FROM ${from} AS r JOIN (VALUES ${stats}) AS m(path, size, mtime) ON r.${FILE_COLUMN} = m.path`;
  } else {
    select = `SELECT r.* EXCLUDE (${FILE_COLUMN})${replaced}${extra} FROM ${from} AS r`;
  }
  await con.run(`CREATE OR REPLACE TEMP VIEW ${src.placeholder} AS ${select}`);
}
