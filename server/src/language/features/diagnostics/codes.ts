// Every diagnostic the language core reports, with its stable code and
// severity. Codes never change meaning once released: LF1xx syntax, LF2xx
// references, LF3xx flow types and graph, LF4xx expectations, LF5xx config, LF6xx the local run (`lakeflow run --dry-run`).
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const DIAGNOSTIC_CODES = {
  LF101: { severity: 'error', title: 'syntax error' },
  LF102: { severity: 'hint', title: 'legacy dataset spelling' },
  LF103: { severity: 'warning', title: 'warehouse-only statement in a pipeline' },
  LF104: { severity: 'hint', title: 'deprecated TEMPORARY on a table' },
  LF105: { severity: 'hint', title: 'non-SQL notebook cells skipped' },

  LF201: { severity: 'warning', title: 'dataset not defined in this pipeline' },
  LF202: { severity: 'error', title: 'table not found in the catalog' },
  LF203: { severity: 'error', title: 'duplicate dataset name' },
  LF204: { severity: 'hint', title: 'deprecated LIVE. prefix' },
  LF205: { severity: 'warning', title: 'unknown column' },
  LF206: { severity: 'warning', title: 'volume path names no Unity Catalog volume' },

  LF301: { severity: 'error', title: 'dataset cycle' },
  LF302: { severity: 'error', title: 'INVALID_FLOW_QUERY_TYPE.BATCH_RELATION_FOR_STREAMING_TABLE' },
  LF303: { severity: 'error', title: 'INVALID_FLOW_QUERY_TYPE.STREAMING_RELATION_FOR_MATERIALIZED_VIEW' },
  LF304: { severity: 'error', title: 'INVALID_FLOW_QUERY_TYPE.STREAMING_RELATION_FOR_ONCE_FLOW' },
  LF305: { severity: 'error', title: 'INVALID_FLOW_QUERY_TYPE.STREAMING_RELATION_FOR_PERSISTED_VIEW' },
  LF306: { severity: 'error', title: 'streaming read of a non-append-only dataset' },
  LF307: { severity: 'error', title: 'flow target not declared' },
  LF308: { severity: 'error', title: 'AUTO CDC target is not a streaming table' },
  LF309: { severity: 'error', title: 'AUTO CDC source not read as a stream' },
  LF310: { severity: 'error', title: 'APPLY AS TRUNCATE WHEN with SCD type 2' },

  LF401: { severity: 'error', title: 'expectation reads a column the dataset does not output' },
  LF402: { severity: 'error', title: 'duplicate expectation name' },
  LF403: { severity: 'error', title: 'aggregate, window, generator or subquery in an expectation' },
  LF404: { severity: 'error', title: 'invalid ON VIOLATION action' },
  LF405: { severity: 'error', title: 'expectation on a persisted view' },
  LF406: { severity: 'warning', title: 'expectation can never fail' },
  LF407: { severity: 'warning', title: 'expectation always fails' },
  LF408: { severity: 'info', title: 'FAIL UPDATE on bronze input' },
  LF409: { severity: 'warning', title: 'warn-only IS NOT NULL expectation on a NOT NULL column' },

  LF501: { severity: 'warning', title: 'unknown pipeline configuration key' },
  LF502: { severity: 'error', title: 'bundle YAML syntax error' },
  LF503: { severity: 'warning', title: 'bundle path matches no file' },
  LF504: { severity: 'error', title: 'unknown bundle variable' },
  LF505: { severity: 'error', title: 'invalid pipeline library' },
  LF506: { severity: 'error', title: 'both schema and target set' },
  LF507: { severity: 'error', title: 'unknown bundle target' },
  LF508: { severity: 'error', title: 'Spark session setting Spark refuses' },

  LF601: { severity: 'error', title: 'dataset does not bind in the local dry run' },
  LF602: { severity: 'error', title: 'construct the local run cannot translate' },
  LF603: { severity: 'error', title: 'cloud path with no local folder' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
