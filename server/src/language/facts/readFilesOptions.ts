// Options of `read_files(path, name => value, ...)` offered by completion, with
// a one-line summary each (reference section 3; the full list is longer, so
// nothing is ever flagged for not being here).
export interface ReadFilesOption {
  name: string;
  summary: string;
  /** A typical value to insert. */
  example: string;
}

export const READ_FILES_OPTIONS: readonly ReadFilesOption[] = [
  { name: 'format', summary: 'File format: json, csv, xml, text, binaryFile, parquet, avro or orc.', example: "'json'" },
  { name: 'schema', summary: 'The complete schema as DDL; no inference happens.', example: "'id BIGINT, name STRING'" },
  { name: 'schemaHints', summary: 'Types for some columns; the others are inferred.', example: "'id BIGINT'" },
  { name: 'inferColumnTypes', summary: 'Infer exact column types instead of strings (JSON, CSV).', example: "'true'" },
  {
    name: 'schemaEvolutionMode',
    summary: 'What happens to new columns: addNewColumns, rescue, failOnNewColumns or none.',
    example: "'addNewColumns'",
  },
  { name: 'header', summary: 'CSV: the first line holds the column names.', example: "'true'" },
  { name: 'multiLine', summary: 'JSON/CSV: a record may span several lines.', example: "'true'" },
  { name: 'rescuedDataColumn', summary: 'Name of the column collecting data that does not match the schema.', example: "'_rescued_data'" },
  { name: 'pathGlobFilter', summary: 'Only read files whose name matches this glob.', example: "'*.json'" },
  { name: 'recursiveFileLookup', summary: 'Read files in nested folders regardless of partition naming.', example: "'true'" },
  { name: 'delimiter', summary: 'CSV: the field separator (alias sep).', example: "','" },
  { name: 'timestampFormat', summary: 'Pattern used to parse timestamp strings.', example: "'yyyy-MM-dd HH:mm:ss'" },
  { name: 'dateFormat', summary: 'Pattern used to parse date strings.', example: "'yyyy-MM-dd'" },
  { name: 'mode', summary: 'Parser mode for malformed records: PERMISSIVE, DROPMALFORMED or FAILFAST.', example: "'PERMISSIVE'" },
  { name: 'encoding', summary: 'Character encoding of text files.', example: "'UTF-8'" },
  { name: 'ignoreCorruptFiles', summary: 'Skip files that cannot be read instead of failing.', example: "'true'" },
  { name: 'modifiedAfter', summary: 'Only read files modified after this timestamp.', example: "'2024-01-01T00:00:00'" },
];

/** Clause keywords that may follow a `CREATE ... name [(...)]` header, in the order they are usually written. */
export const CREATE_CLAUSE_KEYWORDS: readonly { keyword: string; summary: string; snippet?: string }[] = [
  {
    keyword: 'CONSTRAINT',
    summary: 'An expectation: CONSTRAINT name EXPECT (condition) [ON VIOLATION DROP ROW | FAIL UPDATE].',
    snippet: 'CONSTRAINT ${1:name} EXPECT (${2:condition})',
  },
  { keyword: 'COMMENT', summary: 'A description of the dataset.', snippet: "COMMENT '${1}'" },
  {
    keyword: 'TBLPROPERTIES',
    summary: 'Table properties, e.g. quality = silver.',
    snippet: "TBLPROPERTIES ('${1:quality}' = '${2:silver}')",
  },
  { keyword: 'PARTITIONED BY', summary: 'Partition columns.', snippet: 'PARTITIONED BY (${1})' },
  { keyword: 'CLUSTER BY', summary: 'Liquid clustering columns (or AUTO).', snippet: 'CLUSTER BY (${1})' },
  { keyword: 'LOCATION', summary: 'Storage location (Hive metastore pipelines only).' },
  { keyword: 'ROW FILTER', summary: 'A row filter function.' },
  { keyword: 'AS', summary: 'The defining query.', snippet: 'AS SELECT ${1}' },
];

/** Keywords offered in expression positions after the columns and functions. */
export const EXPRESSION_KEYWORDS: readonly string[] = [
  'AND',
  'OR',
  'NOT',
  'IS NULL',
  'IS NOT NULL',
  'IN',
  'BETWEEN',
  'LIKE',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'CAST',
  'DISTINCT',
  'AS',
  'TRUE',
  'FALSE',
  'NULL',
  'INTERVAL',
];

/** Keywords that start the next clause of a query. */
export const QUERY_CLAUSE_KEYWORDS: readonly string[] = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'HAVING',
  'QUALIFY',
  'ORDER BY',
  'LIMIT',
  'JOIN',
  'LEFT JOIN',
  'INNER JOIN',
  'FULL OUTER JOIN',
  'CROSS JOIN',
  'ON',
  'USING',
  'UNION ALL',
  'WINDOW',
  'WITH',
  'STREAM',
];

/** Keywords that start a statement in a pipeline file. */
export const STATEMENT_KEYWORDS: readonly string[] = [
  'CREATE OR REFRESH STREAMING TABLE',
  'CREATE OR REFRESH MATERIALIZED VIEW',
  'CREATE TEMPORARY VIEW',
  'CREATE VIEW',
  'CREATE FLOW',
  'AUTO CDC INTO',
  'INSERT INTO',
  'SET',
];

/**
 * Table properties offered inside `TBLPROPERTIES (...)`: the pipeline's own and
 * the Delta properties pipelines set most. Any other key is allowed; this list
 * only helps typing.
 */
export const TABLE_PROPERTIES: readonly { key: string; summary: string; example: string }[] = [
  {
    key: 'pipelines.autoOptimize.managed',
    summary: 'Whether the pipeline schedules OPTIMIZE for this table (default true).',
    example: "'true'",
  },
  {
    key: 'pipelines.autoOptimize.zOrderCols',
    summary: 'Comma-separated columns to Z-order by when the pipeline optimizes the table.',
    example: "'device_id'",
  },
  {
    key: 'pipelines.reset.allowed',
    summary: 'Whether a full refresh may clear this table (default true); false keeps history in bronze.',
    example: "'false'",
  },
  {
    key: 'delta.enableChangeDataFeed',
    summary: 'Record row-level changes so downstream readers can consume the change data feed.',
    example: "'true'",
  },
  { key: 'delta.autoOptimize.optimizeWrite', summary: 'Write fewer, larger files.', example: "'true'" },
  { key: 'delta.autoOptimize.autoCompact', summary: 'Compact small files after writes.', example: "'true'" },
  { key: 'delta.enableDeletionVectors', summary: 'Mark deleted rows instead of rewriting files.', example: "'true'" },
  {
    key: 'delta.enableRowTracking',
    summary: 'Track row identity, needed by incremental refresh of materialized views.',
    example: "'true'",
  },
  { key: 'delta.columnMapping.mode', summary: 'Map columns by name so columns can be renamed or dropped.', example: "'name'" },
  { key: 'delta.appendOnly', summary: 'Refuse updates and deletes.', example: "'true'" },
  { key: 'delta.logRetentionDuration', summary: 'How long the table history is kept.', example: "'interval 30 days'" },
  {
    key: 'delta.deletedFileRetentionDuration',
    summary: 'How long removed files stay for time travel before VACUUM may delete them.',
    example: "'interval 7 days'",
  },
  { key: 'delta.targetFileSize', summary: 'Target size of the files written.', example: "'128mb'" },
  { key: 'quality', summary: 'A free label; by convention the layer (bronze, silver, gold).', example: "'silver'" },
];
