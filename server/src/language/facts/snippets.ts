// Snippets of the constructs authors write most, offered by completion only
// where each can stand: statements where a statement can start, expectations
// inside a CREATE's column and constraint list, read_files where a relation
// goes. (VS Code's own snippet contribution would offer them everywhere, in a
// WHERE clause too.) Bodies use the LSP snippet syntax.

export type SnippetPlace = 'statement' | 'tableElement' | 'relation';

export interface Snippet {
  label: string;
  /** Words the editor matches the typed prefix against. */
  prefixes: readonly string[];
  description: string;
  body: string;
  place: SnippetPlace;
}

export const SNIPPETS: readonly Snippet[] = [
  {
    label: 'Streaming table from read_files',
    prefixes: ['streaming table read_files', 'st-read-files'],
    description: 'Bronze streaming table ingesting files incrementally with Auto Loader (read_files)',
    place: 'statement',
    body: "CREATE OR REFRESH STREAMING TABLE ${1:bronze_events}\nCOMMENT '${2:Raw events as landed}'\nAS SELECT\n  *,\n  _metadata.file_path AS source_file\nFROM STREAM read_files(\n  '${3:/Volumes/catalog/schema/landing/events/}',\n  format => '${4|json,csv,parquet,avro,orc,text,xml,binaryFile|}'\n);\n$0",
  },
  {
    label: 'Materialized view',
    prefixes: ['materialized view', 'mv'],
    description: 'Materialized view recomputed from its sources on each update',
    place: 'statement',
    body: "CREATE OR REFRESH MATERIALIZED VIEW ${1:gold_summary}\nCOMMENT '${2:What this view answers}'\nAS SELECT\n  ${3:key},\n  count(*) AS ${4:row_count}\nFROM ${5:silver_table}\nGROUP BY ${3:key};\n$0",
  },
  {
    label: 'Expectation (warn)',
    prefixes: ['expect warn', 'constraint expect'],
    description: 'Expectation that keeps violating rows and counts them',
    place: 'tableElement',
    body: 'CONSTRAINT ${1:valid_value} EXPECT (${2:value IS NOT NULL})${0:,}',
  },
  {
    label: 'Expectation (drop row)',
    prefixes: ['expect drop', 'constraint expect drop row'],
    description: 'Expectation that drops violating rows',
    place: 'tableElement',
    body: 'CONSTRAINT ${1:valid_value} EXPECT (${2:value IS NOT NULL}) ON VIOLATION DROP ROW${0:,}',
  },
  {
    label: 'Expectation (fail update)',
    prefixes: ['expect fail', 'constraint expect fail update'],
    description: 'Expectation that fails the pipeline update on a violating row',
    place: 'tableElement',
    body: 'CONSTRAINT ${1:valid_value} EXPECT (${2:value IS NOT NULL}) ON VIOLATION FAIL UPDATE${0:,}',
  },
  {
    label: 'AUTO CDC flow (SCD type 1)',
    prefixes: ['auto cdc scd1', 'cdc scd type 1'],
    description: 'Target streaming table kept current from a change feed (SCD type 1)',
    place: 'statement',
    body: "CREATE OR REFRESH STREAMING TABLE ${1:dim_target};\n\nCREATE FLOW ${2:${1:dim_target}_cdc} AS AUTO CDC INTO ${1:dim_target}\nFROM STREAM(${3:changes_source})\nKEYS (${4:id})\nAPPLY AS DELETE WHEN ${5:operation = 'DELETE'}\nSEQUENCE BY ${6:sequence_ts}\nCOLUMNS * EXCEPT (${7:operation})\nSTORED AS SCD TYPE 1;\n$0",
  },
  {
    label: 'AUTO CDC flow (SCD type 2)',
    prefixes: ['auto cdc scd2', 'cdc scd type 2'],
    description: 'Target streaming table keeping the history of changes (SCD type 2, __START_AT/__END_AT)',
    place: 'statement',
    body: 'CREATE OR REFRESH STREAMING TABLE ${1:dim_target_history};\n\nCREATE FLOW ${2:${1:dim_target_history}_cdc} AS AUTO CDC INTO ${1:dim_target_history}\nFROM STREAM(${3:changes_source})\nKEYS (${4:id})\nSEQUENCE BY ${5:sequence_ts}\nCOLUMNS * EXCEPT (${6:operation})\nSTORED AS SCD TYPE 2\nTRACK HISTORY ON * EXCEPT (${7:updated_at});\n$0',
  },
  {
    label: 'Append flow',
    prefixes: ['append flow', 'create flow insert'],
    description: 'Flow appending a stream into an existing streaming table',
    place: 'statement',
    body: 'CREATE FLOW ${1:append_source_b}\nAS INSERT INTO ${2:target_table} BY NAME\nSELECT * FROM STREAM(${3:source_table});\n$0',
  },
  {
    label: 'Temporary view',
    prefixes: ['temporary view', 'temp view'],
    description: 'Temporary view visible only inside this pipeline',
    place: 'statement',
    body: 'CREATE TEMPORARY VIEW ${1:v_intermediate}\nAS SELECT ${2:*}\nFROM ${3:source_table};\n$0',
  },
  {
    label: 'read_files with schema hints',
    prefixes: ['read_files schema hints', 'read-files-hints'],
    description: 'read_files call typing some columns and inferring the rest',
    place: 'relation',
    body: "read_files(\n  '${1:/Volumes/catalog/schema/landing/path/}',\n  format => '${2|json,csv,parquet|}',\n  schemaHints => '${3:event_time TIMESTAMP, value DOUBLE}',\n  inferColumnTypes => true,\n  rescuedDataColumn => '_rescued_data'\n)$0",
  },
];
