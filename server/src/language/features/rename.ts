// Renaming a pipeline dataset in every file: its definition, every reference
// (bare, `LIVE.x`, qualified: only the last name part changes) and flow
// targets; and a CTE within its statement. Anything else (columns, catalog
// tables, keywords) is refused by prepareRename with a reason.
import type { Position, Range } from '../model/location';
import { LineIndex } from '../syntax/lineIndex';
import { FeatureContext, SyntaxDocument, syntaxDocument } from './featureContext';
import type { PrepareRenameResult, WorkspaceEdit } from './lspShapes';
import { parse } from '../syntax/parser';
import { cteReferences } from './cteAt';
import { implicitQualifiers } from './implicitQualifiers';
import { datasetReferences } from './navigation';
import { symbolAt } from './symbolAt';

export type PrepareRename = PrepareRenameResult | { error: string };

export function prepareRename(ctx: FeatureContext, doc: SyntaxDocument, position: Position): PrepareRename {
  const s = symbolAt(ctx, doc, position);
  if (!s) return { error: 'Only datasets of this pipeline can be renamed: put the cursor on a dataset name.' };
  if (s.kind === 'cte') return { range: s.range, placeholder: s.name };
  if (s.kind !== 'dataset') return { error: `A ${s.kind} cannot be renamed here; only datasets of this pipeline and CTEs can.` };
  if (s.external || !ctx.index.definition(s.key))
    return { error: `'${s.external ?? s.key}' is not defined in this pipeline, so it cannot be renamed here.` };
  const range = lastPartRange(doc.text, doc.lines, s.range);
  return { range, placeholder: doc.text.slice(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end)).replace(/^`|`$/g, '') };
}

export function rename(ctx: FeatureContext, doc: SyntaxDocument, position: Position, newName: string): WorkspaceEdit | { error: string } {
  const prepared = prepareRename(ctx, doc, position);
  if ('error' in prepared) return prepared;
  const s = symbolAt(ctx, doc, position);
  const name = newName.trim();
  if (!name) return { error: 'The new name is empty.' };
  const written = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
  if (s?.kind === 'cte') {
    const edits = cteReferences(doc, s.cte, true).flatMap((range) => [range, ...implicitQualifiers(doc, doc.lines.offsetAt(range.start))]);
    return { changes: { [doc.file]: distinct(edits).map((range) => ({ range, newText: written })) } };
  }
  if (!s || s.kind !== 'dataset') return { error: 'nothing to rename' };
  const changes: WorkspaceEdit['changes'] = {};
  const docs = new Map<string, SyntaxDocument>([[doc.file, doc]]);
  const ranges = new Map<string, Range[]>();
  for (const loc of datasetReferences(ctx, s.key, true)) {
    let at = docs.get(loc.file);
    if (!at) {
      const text = ctx.index.text(loc.file);
      if (text === undefined) continue;
      docs.set(loc.file, (at = syntaxDocument(loc.file, text, parse)));
    }
    const range = lastPartRange(at.text, at.lines, loc.range);
    // `events.id` written against `FROM events` must follow the new name.
    ranges.set(loc.file, [...(ranges.get(loc.file) ?? []), range, ...implicitQualifiers(at, at.lines.offsetAt(range.start))]);
  }
  for (const [file, list] of ranges) changes[file] = distinct(list).map((range) => ({ range, newText: written }));
  return { changes };
}

/** The range of the last part of a dotted name (`cat.schema.name` -> `name`, back-quotes included). */
export function lastPartRange(text: string, lines: LineIndex, range: Range): Range {
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const written = text.slice(start, end);
  let quoted = false;
  let lastDot = -1;
  for (let i = 0; i < written.length; i++) {
    const c = written[i];
    if (c === '`') quoted = !quoted;
    else if (c === '.' && !quoted) lastDot = i;
  }
  let from = start + lastDot + 1;
  while (from < end && /\s/.test(text[from])) from++;
  return { start: lines.positionAt(from), end: range.end };
}

/** Ranges without repeats (a self-join names the same qualifiers twice); edits must not overlap. */
function distinct(ranges: Range[]): Range[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const key = `${r.start.line}:${r.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
