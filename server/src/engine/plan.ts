// What the translator hands the runtime: every dataset of the pipeline with its
// DuckDB SQL, expectations and flows, already free of Spark syntax. Pure data.
import type { DatasetKind, Span } from '../language/syntax/ast';
import type { FileSourceSpec } from './translate/printer';

export type ExpectationAction = 'warn' | 'drop' | 'fail';

export interface ExpectationPlan {
  name: string;
  /** DuckDB predicate over the dataset's output columns. */
  sql: string;
  action: ExpectationAction;
}

export interface FileSourcePlan extends FileSourceSpec {
  /** The temporary view name the SQL reads; the runtime defines it before running. */
  placeholder: string;
  /** The query uses `_metadata.*`, so the view must provide it. */
  needsMetadata: boolean;
  /**
   * Without a declared schema, the columns the pipeline's queries name (set by
   * the loader): what an empty source (no files, or a dry run) is given so the
   * datasets downstream still bind.
   */
  readColumns?: { name: string; duckdb: string }[];
}

interface FlowBase {
  name: string;
  fileSources: FileSourcePlan[];
  /** Datasets read with STREAM(...): the SQL reads them as `streamPlaceholder(key)`. */
  streamSources: string[];
}

/** A query whose rows become (or, for streaming tables, are appended to) the dataset. */
export interface QueryFlow extends FlowBase {
  kind: 'query';
  sql: string;
  /** INSERT ONCE: runs on the first update and on full refresh only. */
  once: boolean;
}

export interface ColumnSelectionPlan {
  /** Listed columns (empty with `*`). */
  columns: string[];
  /** `* EXCEPT (...)` columns. */
  except: string[];
}

/** AUTO CDC / APPLY CHANGES into the dataset. */
export interface CdcFlow extends FlowBase {
  kind: 'cdc';
  /** SELECT over the change feed. */
  sourceSql: string;
  keys: string[];
  sequenceBy: string;
  deleteWhen?: string;
  /** APPLY AS TRUNCATE WHEN (SCD 1): such an event empties the target as of its sequence. */
  truncateWhen?: string;
  /** IGNORE NULL UPDATES: a null in an update keeps the key's previous value. */
  ignoreNullUpdates?: boolean;
  columns?: ColumnSelectionPlan;
  scdType: 1 | 2;
  trackHistory?: ColumnSelectionPlan;
}

export type FlowPlan = QueryFlow | CdcFlow;

export interface PlanProblem {
  file: string;
  span: Span;
  /** 0-based, for messages as file:line:col (1-based when printed). */
  line: number;
  character: number;
  message: string;
}

export interface DatasetPlan {
  name: string;
  /** Lower-case name: datasets are matched case-insensitively. */
  key: string;
  kind: DatasetKind;
  schema: string;
  /** Quoted, qualified DuckDB name. */
  table: string;
  file: string;
  span: Span;
  expectations: ExpectationPlan[];
  flows: FlowPlan[];
  /** Keys of the pipeline datasets this one reads. */
  dependsOn: string[];
  /** Constructs that could not be translated: the dataset does not run. */
  problems: PlanProblem[];
}

export interface PipelinePlan {
  datasets: DatasetPlan[];
  /**
   * Spark's session time zone in DuckDB's spelling: the runtime sets DuckDB's
   * TimeZone to it, since Spark's TIMESTAMP is the engine's TIMESTAMPTZ.
   */
  timeZone: string;
  /** Why the configured session time zone cannot be used: nothing runs. */
  timeZoneProblem?: string;
  /** Problems outside any dataset (e.g. a flow into an undeclared target). */
  problems: PlanProblem[];
}

/** The temporary view through which a streaming reader sees a dataset's new rows. */
export const streamPlaceholder = (key: string): string => `"__lakeflow_stream_${key.replace(/"/g, '""')}"`;
