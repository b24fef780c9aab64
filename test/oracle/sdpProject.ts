// Rewrites a Lakeflow pipeline's SQL mechanically into what Apache Spark's
// declarative pipelines (SDP) accept, and into plain Spark SQL queries for the
// per-dataset mode. Rules (each because SDP 4.3 rejects the original):
//   - CREATE OR REFRESH ... -> CREATE ...; COMMENT / PARTITIONED BY / TBLPROPERTIES dropped (no effect on rows);
//   - CONSTRAINT ... EXPECT: DROP ROW ones become a filter `coalesce(cond, false)`
//     (a NULL result fails, as the local engine counts it), FAIL UPDATE ones
//     raise_error on the first violating row, warn-only ones are only counted;
//   - STREAM read_files(path, ...) -> STREAM(a generated source view): a Python
//     `@dp.temporary_view` over spark.readStream with the schema hints applied
//     and `_metadata` kept;
//   - ${key} -> the pipeline configuration's value.
// AUTO CDC / APPLY CHANGES flows have no SDP SQL form: a dataset fed by one is
// reported as not rewritable (none of the oracle pipelines uses one).
import type * as A from '../../server/src/language/syntax/ast';
import { walk } from '../../server/src/language/syntax/visit';
import { parse } from '../../server/src/language/syntax/parser';

export interface SourceView {
  name: string;
  path: string;
  format: string;
  /** Schema hints (DDL column list) applied over the inferred schema. */
  hints?: string;
  /** A full schema (DDL column list) instead of inference. */
  schema?: string;
  /** Reader options Spark's file readers share with read_files (header, sep, ...). */
  options: Record<string, string>;
}

/** read_files options that are options of Spark's own JSON/CSV readers, passed on as written. */
const READER_OPTIONS = ['header', 'sep', 'delimiter', 'multiline', 'encoding', 'quote', 'escape', 'timestampformat', 'dateformat'];

export interface OracleExpectation {
  name: string;
  /** Spark SQL predicate over the dataset's rows before filtering. */
  sql: string;
  action: 'warn' | 'drop' | 'fail';
}

export interface OracleDataset {
  name: string;
  kind: A.DatasetKind;
  /** Spark SQL query without expectation filters (source views by name). */
  query: string;
  expectations: OracleExpectation[];
  /** Names of datasets and source views the query reads. */
  reads: string[];
  /** Reads a file source (bronze): compared only through the SDP run. */
  readsFiles: boolean;
}

export interface SdpProject {
  datasets: OracleDataset[];
  sources: SourceView[];
  /** Columns computed from the clock (current_timestamp(), current_date()): left out of value comparison. */
  volatileColumns: string[];
  problems: string[];
}

const substitute = (text: string, config: Readonly<Record<string, string>>) =>
  text.replace(/\$\{([^}]*)\}/g, (whole, k: string) => config[k] ?? whole);
const callName = (c: A.FunctionCall) =>
  c.name.parts
    .map((p) => p.name)
    .join('.')
    .toLowerCase();
const CLOCK = new Set(['current_timestamp', 'now', 'current_date', 'curdate', 'getdate']);

/** The dataset's query with its DROP ROW / FAIL UPDATE expectations applied as SDP would (see above). */
export function filteredQuery(d: OracleDataset): string {
  const conds: string[] = [];
  for (const e of d.expectations) {
    if (e.action === 'drop') conds.push(`coalesce((${e.sql}), false)`);
    if (e.action === 'fail')
      conds.push(`CASE WHEN coalesce((${e.sql}), false) THEN true ELSE raise_error('expectation ${e.name} failed') END`);
  }
  return conds.length === 0 ? d.query : `SELECT * FROM (\n${d.query}\n) AS __expectations WHERE ${conds.join(' AND ')}`;
}

/** The SDP SQL file for one dataset. */
export function sdpStatement(d: OracleDataset): string {
  const kind = d.kind === 'streaming_table' ? 'STREAMING TABLE' : d.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : 'TEMPORARY VIEW';
  return `CREATE ${kind} ${d.name} AS\n${filteredQuery(d)};\n`;
}

export function rewritePipeline(files: { path: string; text: string }[], config: Readonly<Record<string, string>>): SdpProject {
  const project: SdpProject = { datasets: [], sources: [], volatileColumns: [], problems: [] };
  for (const file of files) {
    const { statements } = parse(file.text);
    for (const st of statements) {
      if (st.kind !== 'CreateDataset' || st.name.kind !== 'QualifiedName') {
        if (st.kind === 'AutoCdc' || st.kind === 'CreateFlow') project.problems.push(`${file.path}: flows have no SDP SQL form`);
        continue;
      }
      const name = st.name.parts[st.name.parts.length - 1].name;
      if (!st.body || st.body.kind !== 'Query') {
        project.problems.push(`${file.path}: ${name} has no query (AUTO CDC / INSERT flows are not rewritten)`);
        continue;
      }
      const body = st.body;
      const reads: string[] = [];
      const edits: { start: number; end: number; text: string }[] = [];
      let readsFiles = false;
      walk(body, (n) => {
        if (n.kind === 'TableRef') reads.push(n.name.parts[n.name.parts.length - 1].name.toLowerCase());
        if (n.kind === 'TableFunction' && /^(read_files|cloud_files)$/.test(callName(n.call))) {
          const view = `src_${name}_${project.sources.length + 1}`.toLowerCase();
          project.sources.push(sourceView(view, n.call, config));
          readsFiles = true;
          reads.push(view);
          const alias = n.alias ? ` ${file.text.slice(n.alias.span.start, n.alias.span.end)}` : '';
          edits.push({ start: n.span.start, end: n.span.end, text: `${n.stream ? `STREAM(${view})` : view}${alias}` });
          return false;
        }
        if (n.kind === 'SelectItem' && n.alias && n.expr.kind === 'FunctionCall' && CLOCK.has(callName(n.expr)))
          project.volatileColumns.push(n.alias.name.toLowerCase());
        return undefined;
      });
      let query = '';
      let pos = body.span.start;
      for (const e of edits.sort((a, b) => a.start - b.start)) {
        query += file.text.slice(pos, e.start) + e.text;
        pos = e.end;
      }
      query += file.text.slice(pos, body.span.end);
      const expectations: OracleExpectation[] = [];
      for (const el of st.elements ?? []) {
        if (el.kind !== 'Expectation' || el.name.kind !== 'Identifier') continue;
        const action = el.onViolation?.action === 'DROP_ROW' ? 'drop' : el.onViolation?.action === 'FAIL_UPDATE' ? 'fail' : 'warn';
        expectations.push({ name: el.name.name, sql: substitute(file.text.slice(el.expr.span.start, el.expr.span.end), config), action });
      }
      project.datasets.push({ name, kind: st.datasetKind, query: substitute(query, config), expectations, reads, readsFiles });
    }
  }
  return project;
}

function sourceView(name: string, call: A.FunctionCall, config: Readonly<Record<string, string>>): SourceView {
  const [first, ...rest] = call.args;
  const literal = (e: A.Expr | undefined) => (e?.kind === 'StringLiteral' ? substitute(e.value, config) : undefined);
  const options: Record<string, string> = {};
  for (const a of rest) if (a.kind === 'NamedArgument') options[a.name.name.toLowerCase()] = literal(a.value) ?? '';
  return {
    name,
    path: literal(first) ?? '',
    format: (options.format ?? 'json').toLowerCase(),
    hints: options.schemahints,
    schema: options.schema,
    options: Object.fromEntries(Object.entries(options).filter(([k]) => READER_OPTIONS.includes(k))),
  };
}
