// What one pipeline SQL file defines and reads, as facts (no judgement): the
// datasets it declares, the flows it adds, the dataset references with their
// read kind, the `${key}` parameters it uses, and each query's shape for
// column lineage. Diagnostics are derived from these in features/diagnostics.
import { Range } from './location';
import { QueryShape } from './queryShape';

export type DatasetKind = 'streaming_table' | 'materialized_view' | 'temporary_view' | 'view' | 'table';

export interface DeclaredColumn {
  name: string;
  type?: string;
  notNull: boolean;
  comment?: string;
  range: Range;
}

/** `warn` is the default when no `ON VIOLATION` clause is written. */
export type ViolationAction = 'warn' | 'drop' | 'fail';

export interface Expectation {
  name: string;
  /** The expression's source text. */
  expression: string;
  onViolation: ViolationAction;
  /** The action as written when it is not one the engine knows (`ON VIOLATION FAIL ROW`). */
  invalidAction?: string;
  range: Range;
  nameRange: Range;
  expressionRange: Range;
  actionRange?: Range;
  /** Facts about the expression, for linting. */
  facts: ExpressionFacts;
}

export interface ExpressionFacts {
  /** Column names the expression reads (first identifier of each path), with ranges. */
  columns: { name: string; range: Range }[];
  /** Aggregate, window, generator or table functions it calls, or subqueries it holds. */
  forbidden: { what: string; range: Range }[];
  /** True when the expression reads no column (a constant). */
  constant: boolean;
  /** The constant's truth value when it is decidable (`TRUE`, `1 = 0`). */
  constantValue?: boolean;
  /** `col IS NOT NULL` form: the tested column. */
  isNotNullOf?: string;
  /** `col IS NULL` form: the tested column. */
  isNullOf?: string;
}

export interface Dataset {
  name: string;
  /**
   * The key datasets are looked up by: the lower-case name without the
   * qualifiers that equal the pipeline's default catalog and schema (`x` for
   * `x` and `silver.x` in a pipeline publishing to silver; `bronze.x` stays).
   */
  key: string;
  /** Catalog and schema written before the name (`silver` in `silver.x`), when written. */
  qualifier?: string[];
  kind: DatasetKind;
  file: string;
  /** The whole statement. */
  range: Range;
  nameRange: Range;
  columns: DeclaredColumn[];
  expectations: Expectation[];
  comment?: string;
  /** The comment block written right above the statement (`-- ...`), for hovers. */
  doc?: string;
  properties: Record<string, string>;
  /** Written with a legacy spelling (`LIVE TABLE`, `STREAMING LIVE TABLE`, `LIVE VIEW`). */
  legacySpelling?: { text: string; replacement: string; range: Range };
  /** `TEMPORARY` written on a table: the deprecated spelling of PRIVATE. */
  temporaryTable?: Range;
  /** The defining query, when the statement has one (`AS ...`). */
  query?: QueryShape;
  /** What the defining query reads (empty without a query). */
  reads: SourceRead[];
  /** The statement is warehouse-only syntax (IF NOT EXISTS, SCHEDULE). */
  warehouse?: boolean;
  /** TEMPORARY written on a table (the deprecated spelling of PRIVATE). */
  private?: boolean;
}

export type FlowKind = 'append' | 'auto_cdc' | 'auto_cdc_snapshot' | 'insert_once' | 'replace';

/** A write into a dataset other than its defining query: CREATE FLOW, INSERT INTO, AUTO CDC / APPLY CHANGES. */
export interface Flow {
  /** Flow name (CREATE FLOW) or undefined for a standalone statement. */
  name?: string;
  file: string;
  range: Range;
  target: string;
  /** The target's key, as for a dataset (`Dataset.key`). */
  targetKey: string;
  /** The target's name parts as written. */
  targetParts: string[];
  targetRange: Range;
  kind: 'insert' | 'cdc';
  /**
   * What the flow does, as the reference names it: `append` (INSERT INTO),
   * `insert_once` (INSERT ONCE), `replace` (INSERT ... REPLACE USING / REPLACE
   * WHERE), `auto_cdc` (AUTO CDC / APPLY CHANGES, also ONCE), `auto_cdc_snapshot`
   * (AUTO CDC ... FROM SNAPSHOT).
   */
  flowKind: FlowKind;
  /** INSERT ONCE or AUTO CDC ONCE: runs once, its source need not be a stream. */
  once: boolean;
  /** SCD type of a CDC flow (1 when not written). */
  scdType?: 1 | 2;
  query?: QueryShape;
  reads: SourceRead[];
  /** CDC: `COLUMNS * EXCEPT (...)` names, or the listed columns. */
  cdcColumns?: { star: boolean; columns: string[]; except: string[] };
  /** CDC: the SEQUENCE BY expression text (its type types __START_AT/__END_AT). */
  sequenceBy?: string;
  /** CDC: where `APPLY AS TRUNCATE WHEN ...` is written. */
  truncateRange?: Range;
}

export interface DatasetReference {
  /** Name parts as written, without a `LIVE` prefix: ['a'], ['schema','a'], ['cat','schema','a']. */
  parts: string[];
  /** The key of the dataset it names if the pipeline defines it (see `Dataset.key`); `LIVE.x` gives 'x'. */
  key: string;
  range: Range;
  streaming: boolean;
  /** Key of the dataset (or flow target) whose query holds the reference. */
  consumer?: string;
  /** The reference is in a CDC flow's FROM (must be streaming). */
  cdcSource?: boolean;
  /** The reference sits in an `INSERT ONCE` flow. */
  onceFlow?: boolean;
  /** Range of the deprecated `LIVE.` prefix (including the dot), when written. */
  livePrefix?: Range;
}

/** A source the query reads: a dataset/table reference or a file source, and whether as a stream. */
export interface SourceRead {
  streaming: boolean;
  files: boolean;
  /** `cloud_files(...)`: legacy Auto Loader, a stream without STREAM. */
  autoLoader?: boolean;
  /** Index into FileAnalysis.references for table reads. */
  reference?: number;
  range: Range;
}

export interface ParameterUse {
  key: string;
  range: Range;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
  /** The parser's error code (`unexpected-token`, `invalid-violation-action`, ...). */
  code: string;
}

export interface FileAnalysis {
  file: string;
  version: number;
  datasets: Dataset[];
  flows: Flow[];
  references: DatasetReference[];
  parameters: ParameterUse[];
  syntaxErrors: SyntaxProblem[];
  /** A notebook source's cells in another language (`%python`, `%md` ...), which are skipped. */
  foreignCells?: { language: string; range: Range }[];
}

/**
 * How a dataset is shown and looked up by name: its name, qualified when it
 * lives outside the pipeline's default schema (`bronze.policy` beside
 * `policy`). Lower-cased, it is the dataset's key.
 */
export function datasetDisplayName(d: Pick<Dataset, 'key' | 'name'>): string {
  const dot = d.key.lastIndexOf('.');
  return dot < 0 ? d.name : `${d.key.slice(0, dot)}.${d.name}`;
}
