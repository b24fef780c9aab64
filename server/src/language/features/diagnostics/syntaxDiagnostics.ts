// LF1xx: problems in the text itself and outdated statement spellings.
import { FileAnalysis } from '../../model/datasetTypes';
import { WorkspaceIndex } from '../../model/workspaceIndex';
import { Diagnostic, diagnostic } from './diagnostic';

export function syntaxDiagnostics(_index: WorkspaceIndex, a: FileAnalysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  // An invalid ON VIOLATION action is reported precisely by expectation linting (LF404).
  for (const e of a.syntaxErrors)
    if (e.code !== 'invalid-violation-action') out.push(diagnostic('LF101', { file: a.file, range: e.range }, e.message));
  const foreign = a.foreignCells ?? [];
  if (foreign.length > 0) {
    // One hint per file, at the first such cell: the cells are intended, not mistakes.
    const languages = [...new Set(foreign.map((c) => `%${c.language}`))].join(', ');
    const cells = foreign.length === 1 ? '1 notebook cell' : `${foreign.length} notebook cells`;
    out.push(
      diagnostic(
        'LF105',
        { file: a.file, range: foreign[0].range },
        `${cells} in another language (${languages}) skipped: only SQL cells are part of the pipeline`,
      ),
    );
  }
  for (const d of a.datasets) {
    if (d.legacySpelling) {
      const { text, replacement, range } = d.legacySpelling;
      out.push(
        diagnostic('LF102', { file: a.file, range }, `'${text}' is a legacy spelling; write '${replacement}'`, {
          tags: ['deprecated'],
          fix: { title: `Replace with '${replacement}'`, edits: [{ file: a.file, range, newText: replacement }] },
        }),
      );
    }
    if (d.temporaryTable) {
      const range = d.temporaryTable;
      out.push(
        diagnostic(
          'LF104',
          { file: a.file, range },
          `TEMPORARY on a ${d.kind === 'streaming_table' ? 'streaming table' : 'materialized view'} is the deprecated spelling of PRIVATE`,
          {
            tags: ['deprecated'],
            fix: { title: "Replace with 'PRIVATE'", edits: [{ file: a.file, range, newText: 'PRIVATE' }] },
          },
        ),
      );
    }
    if (d.warehouse) {
      out.push(
        diagnostic(
          'LF103',
          { file: a.file, range: d.nameRange },
          `'${d.name}' uses Databricks SQL warehouse syntax (IF NOT EXISTS, SCHEDULE, TRIGGER ON UPDATE), which a pipeline does not accept`,
        ),
      );
    }
  }
  return out;
}
