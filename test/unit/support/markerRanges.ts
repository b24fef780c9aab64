// `[[...]]` range markers (markers.ts) as LSP ranges, for tests that compare
// with model and diagnostic ranges. SQL may contain `|`, so no cursor marker.
import { LineIndex } from '../../../server/src/language/syntax/lineIndex';
import { markers } from './markers';

export interface MarkedText {
  text: string;
  ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[];
}

export function extractRanges(marked: string): MarkedText {
  const { text, ranges } = markers(marked, { cursor: '\u0000' });
  const lines = new LineIndex(text);
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, ranges: sorted.map((r) => lines.rangeOf(r)) };
}
