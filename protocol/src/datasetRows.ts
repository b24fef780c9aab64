// The JSON `lakeflow preview --format json` prints and the editor's "Preview
// Local Rows" reads: one dataset's first rows in the local lakehouse.
export interface DatasetRows {
  dataset: string;
  /** `schema.table` in the local database. */
  table: string;
  columns: { name: string; type: string }[];
  /** JSON-safe values (big integers and decimals as strings, timestamps as text). */
  rows: Record<string, unknown>[];
  totalRows: number;
}
