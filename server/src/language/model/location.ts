// Source positions in the shape LSP uses (0-based line and UTF-16 character),
// so the model's results go to the editor and to `lakeflow check --format json`
// unchanged.
import type { Position, Range } from '../syntax/lineIndex';

export type { Position, Range };

/** A range in a file; `file` is the id the file was given to the index. */
export interface Location {
  file: string;
  range: Range;
}

export const emptyRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}
