// Folding ranges from the syntax tree: each statement, each CTE and
// parenthesised subquery, CASE and window spec, and comment blocks
// (a block comment, or consecutive line comments). VS Code's SQL grammar folds
// by indentation only, which splits a Lakeflow statement at its clauses.
import type { Comment, Node } from '../syntax/ast';
import { walk } from '../syntax/visit';
import type { SyntaxDocument } from './featureContext';

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

const FOLDED = new Set([
  'CreateDataset',
  'CreateFlow',
  'AutoCdc',
  'InsertInto',
  'Query',
  'Cte',
  'SubqueryRelation',
  'Subquery',
  'Exists',
  'Case',
  'WindowSpec',
]);

export function foldingRanges(doc: SyntaxDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const seen = new Set<string>();
  const add = (startLine: number, endLine: number, kind?: FoldingRange['kind']) => {
    // The last line stays visible, so a fold needs at least two lines; one fold per start line.
    if (endLine <= startLine || seen.has(`${startLine}`)) return;
    seen.add(`${startLine}`);
    out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  walk(doc.parsed.statements, (n: Node, parent: Node | undefined) => {
    if (!FOLDED.has(n.kind)) return;
    // A statement's own query folds with the statement; its CTEs fold on their own lines.
    if (n.kind === 'Query' && parent && parent.kind !== 'Cte' && parent.kind !== 'ParenQuery' && parent.kind !== 'SetOperation') return;
    const r = doc.lines.rangeOf(n.span);
    add(r.start.line, r.end.character === 0 ? r.end.line - 1 : r.end.line);
  });
  foldComments(doc, doc.parsed.comments, add);
  return out.sort((a, b) => a.startLine - b.startLine);
}

function foldComments(doc: SyntaxDocument, comments: Comment[], add: (start: number, end: number, kind: 'comment') => void): void {
  let runStart = -1;
  let runEnd = -1;
  for (const c of comments) {
    const r = doc.lines.rangeOf(c.span);
    if (c.block) {
      add(r.start.line, r.end.line, 'comment');
      continue;
    }
    if (runStart >= 0 && r.start.line === runEnd + 1) runEnd = r.start.line;
    else {
      if (runStart >= 0) add(runStart, runEnd, 'comment');
      runStart = runEnd = r.start.line;
    }
  }
  if (runStart >= 0) add(runStart, runEnd, 'comment');
}
