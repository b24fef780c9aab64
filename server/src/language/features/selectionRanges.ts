// Expand selection by syntax: from the word under the cursor out through each
// enclosing node (expression, select item, clause, query, statement), so
// "expand selection" grows by meaningful SQL pieces instead of brackets.
import type { Position, Range } from '../model/location';
import { pathAt } from '../syntax/visit';
import type { SyntaxDocument } from './featureContext';

export interface SelectionRange {
  range: Range;
  parent?: SelectionRange;
}

export function selectionRange(doc: SyntaxDocument, position: Position): SelectionRange {
  const offset = doc.lines.offsetAt(position);
  // pathAt goes outermost first; each node becomes the head, so the result is innermost with parents outward.
  let chain: SelectionRange | undefined;
  let last: { start: number; end: number } | undefined;
  for (const node of pathAt(doc.parsed.statements, offset)) {
    const { start, end } = node.span;
    // Nodes with the same extent as their parent add no step.
    if (end <= start || (last && last.start === start && last.end === end)) continue;
    chain = { range: doc.lines.rangeOf(node.span), ...(chain ? { parent: chain } : {}) };
    last = node.span;
  }
  return chain ?? { range: { start: position, end: position } };
}
