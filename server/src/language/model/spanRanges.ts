// Span (UTF-16 offsets) to LSP range conversion for one text, as a function
// the analysers can pass around.
import type { Span } from '../syntax/ast';
import { LineIndex } from '../syntax/lineIndex';
import { Range } from './location';

export type SpanToRange = (span: Span) => Range;

export function spanMapper(text: string): SpanToRange {
  const lines = new LineIndex(text);
  return (span) => lines.rangeOf(span);
}
