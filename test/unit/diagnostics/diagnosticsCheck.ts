// The one helper diagnostics tests go through: files with `[[...]]` markers
// around every expected diagnostic, the codes expected at them in order, and
// an exact comparison with what the checks report (nothing more, nothing less).
import assert from 'node:assert/strict';
import { workspaceDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { Diagnostic } from '../../../server/src/language/features/diagnostics/diagnostic';
import { CatalogLookup } from '../../../server/src/language/model/catalogLookup';
import { PipelineContext } from '../../../server/src/language/model/pipelineContext';
import { WorkspaceIndex } from '../../../server/src/language/model/workspaceIndex';
import { parse } from '../../../server/src/language/syntax/parser';
import { extractRanges } from '../support/markerRanges';

export interface CheckOptions {
  pipeline?: PipelineContext;
  catalog?: CatalogLookup;
}

export function buildIndex(files: Record<string, string>, options: CheckOptions = {}): WorkspaceIndex {
  const index = new WorkspaceIndex({ parse, ...options });
  for (const [file, text] of Object.entries(files)) index.updateFile(file, text);
  return index;
}

export function diagnosticsOf(index: WorkspaceIndex): Diagnostic[] {
  const internal: string[] = [];
  const list = workspaceDiagnostics(index, { onInternalError: (check, file, e) => internal.push(`${check} ${file}: ${String(e)}`) });
  assert.deepEqual(internal, [], 'no check may throw');
  return list;
}

const show = (code: string, file: string, r: Diagnostic['range']) =>
  `${code} ${file}:${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** `input` is one SQL text (file /p/a.sql) or several files; `expected` lists codes in marker order (files sorted). */
export function check(input: string | Record<string, string>, expected: string[], options: CheckOptions = {}): Diagnostic[] {
  const marked = typeof input === 'string' ? { '/p/a.sql': input } : input;
  const files: Record<string, string> = {};
  const want: string[] = [];
  const codes = [...expected];
  for (const file of Object.keys(marked).sort()) {
    const { text, ranges } = extractRanges(marked[file]);
    files[file] = text;
    for (const r of ranges) want.push(show(codes.shift() ?? '(no code given)', file, r));
  }
  assert.equal(codes.length, 0, `more codes than markers: ${codes.join(', ')}`);
  const got = diagnosticsOf(buildIndex(files, options));
  assert.deepEqual(
    got.map((d) => show(d.code, d.file, d.range)),
    want,
    got.map((d) => `${d.code}: ${d.message}`).join('\n'),
  );
  return got;
}
