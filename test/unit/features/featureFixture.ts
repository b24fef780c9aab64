// Builds a small pipeline in memory for feature tests. File texts may hold one
// `|` cursor (in any file) and `[[...]]` range markers; the fixture strips
// them, indexes every file, and hands the context, the document under the
// cursor and the marked ranges (per file) to the check helpers.
import { createFunctionCatalogue } from '../../../server/src/language/facts/databricksFunctions';
import { FeatureContext, SyntaxDocument, syntaxDocument } from '../../../server/src/language/features/featureContext';
import type { CatalogProvider } from '../../../server/src/language/model/catalogProvider';
import type { Location, Position, Range } from '../../../server/src/language/model/location';
import type { PipelineContext } from '../../../server/src/language/model/pipelineContext';
import { WorkspaceIndex } from '../../../server/src/language/model/workspaceIndex';
import { parse } from '../../../server/src/language/syntax/parser';

export interface Fixture {
  ctx: FeatureContext;
  /** The document holding the cursor (or the first file). */
  doc: SyntaxDocument;
  cursor: Position;
  /** Marked ranges, in order, with their files. */
  marked: Location[];
  texts: Record<string, string>;
  docOf(file: string): SyntaxDocument;
}

export interface FixtureOptions {
  pipeline?: PipelineContext;
  catalog?: CatalogProvider;
  configurationLocations?: Map<string, Location>;
}

export function stripMarkers(marked: string): { text: string; cursor?: Position; ranges: Range[] } {
  let text = '';
  let cursor: Position | undefined;
  const ranges: Range[] = [];
  const open: Position[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < marked.length; i++) {
    if (marked.startsWith('[[', i)) {
      open.push({ line, character });
      i++;
    } else if (marked.startsWith(']]', i) && open.length > 0) {
      ranges.push({ start: open.pop()!, end: { line, character } });
      i++;
    }
    // `||` (concatenation) and `|>` (a pipe step) are SQL, not the cursor.
    else if (marked[i] === '|' && marked[i + 1] !== '|' && marked[i + 1] !== '>' && marked[i - 1] !== '|') cursor = { line, character };
    else {
      text += marked[i];
      if (marked[i] === '\n') {
        line++;
        character = 0;
      } else character++;
    }
  }
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, cursor, ranges };
}

export function fixture(files: Record<string, string>, options: FixtureOptions = {}): Fixture {
  const index = new WorkspaceIndex({ parse, pipeline: options.pipeline ?? { name: 'test', catalog: 'main', schema: 'iot' } });
  const texts: Record<string, string> = {};
  const marked: Location[] = [];
  let cursorFile: string | undefined;
  let cursor: Position = { line: 0, character: 0 };
  for (const [file, raw] of Object.entries(files)) {
    const s = stripMarkers(raw);
    texts[file] = s.text;
    for (const r of s.ranges) marked.push({ file, range: r });
    if (s.cursor) {
      cursorFile = file;
      cursor = s.cursor;
    }
    index.updateFile(file, s.text, 1);
  }
  const ctx: FeatureContext = {
    index,
    functions: createFunctionCatalogue(),
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.configurationLocations ? { configurationLocations: options.configurationLocations } : {}),
  };
  const docOf = (file: string) => syntaxDocument(file, texts[file], parse);
  const file = cursorFile ?? Object.keys(files)[0];
  return { ctx, doc: docOf(file), cursor, marked, texts, docOf };
}

/** The text a range covers in a fixture file. */
export function textAt(f: Fixture, loc: Location): string {
  const d = f.docOf(loc.file);
  return d.text.slice(d.lines.offsetAt(loc.range.start), d.lines.offsetAt(loc.range.end));
}

/** Applies edits (per file) to the fixture's texts. */
export function applyEdits(f: Fixture, changes: Record<string, { range: Range; newText: string }[]>): Record<string, string> {
  const out = { ...f.texts };
  for (const [file, edits] of Object.entries(changes)) {
    const d = f.docOf(file);
    const sorted = [...edits].sort((a, b) => d.lines.offsetAt(b.range.start) - d.lines.offsetAt(a.range.start));
    let text = d.text;
    for (const e of sorted) text = text.slice(0, d.lines.offsetAt(e.range.start)) + e.newText + text.slice(d.lines.offsetAt(e.range.end));
    out[file] = text;
  }
  return out;
}

/** A three-layer pipeline used by several tests: bronze -> silver -> gold. */
export const LAYERS = {
  '/p/bronze/raw_events.sql': `CREATE OR REFRESH STREAMING TABLE raw_events (
  CONSTRAINT valid_id EXPECT (event_id IS NOT NULL) ON VIOLATION DROP ROW
)
COMMENT 'Raw events'
AS SELECT * FROM STREAM read_files('/landing/events', format => 'json', schema => 'event_id STRING, device_id STRING, reading DOUBLE, ts TIMESTAMP');`,
  '/p/silver/clean_events.sql': `CREATE OR REFRESH MATERIALIZED VIEW clean_events
AS SELECT event_id, device_id, reading * 2 AS doubled, ts FROM raw_events WHERE reading > 0;`,
  '/p/gold/device_totals.sql': `CREATE OR REFRESH MATERIALIZED VIEW device_totals
AS SELECT c.device_id, sum(c.doubled) AS total FROM clean_events AS c GROUP BY c.device_id;`,
};
