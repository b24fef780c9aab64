// LF4xx: expectation linting. Expectations are evaluated per row against the
// dataset's output columns, so anything that is not a row-level predicate
// over those columns is flagged, as are expectations whose outcome is fixed.
import { Dataset, FileAnalysis } from '../../model/datasetTypes';
import { WorkspaceIndex } from '../../model/workspaceIndex';
import { Diagnostic, diagnostic } from './diagnostic';

export function expectationDiagnostics(index: WorkspaceIndex, a: FileAnalysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of a.datasets) if (d.expectations.length > 0) out.push(...datasetExpectations(index, a.file, d));
  return out;
}

function datasetExpectations(index: WorkspaceIndex, file: string, d: Dataset): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (range: Dataset['range']) => ({ file, range });
  const seen = new Map<string, Dataset['expectations'][number]>();
  const output = index.columnsOf(d.key);
  const outputNames = new Set(output.columns.map((c) => c.name.toLowerCase()));
  const notNull = new Set(d.columns.filter((c) => c.notNull).map((c) => c.name.toLowerCase()));
  const readsFiles = d.reads.some((r) => r.files);
  for (const e of d.expectations) {
    const key = e.name.toLowerCase();
    const first = seen.get(key);
    if (first && e.name) {
      out.push(diagnostic('LF402', at(e.nameRange), `expectation '${e.name}' is already defined on '${d.name}'`, { related: [{ location: at(first.nameRange), message: 'first definition' }] }));
    } else seen.set(key, e);
    if (d.kind === 'view') out.push(diagnostic('LF405', at(e.range), `expectations are not allowed on the persisted view '${d.name}'; use a temporary view, a materialized view or a streaming table`));
    if (e.invalidAction !== undefined) {
      out.push(diagnostic('LF404', at(e.actionRange ?? e.range), `'ON VIOLATION ${e.invalidAction}' is not an action; use DROP ROW or FAIL UPDATE, or omit it to keep and count the rows`));
    }
    for (const f of e.facts.forbidden) {
      out.push(diagnostic('LF403', at(f.range), `an expectation is checked row by row and cannot use ${f.what}`));
    }
    if (output.complete) {
      for (const c of e.facts.columns) {
        if (!outputNames.has(c.name.toLowerCase())) out.push(diagnostic('LF401', at(c.range), `'${d.name}' has no output column '${c.name}'`));
      }
    }
    const never = e.facts.constantValue === true || (e.facts.isNotNullOf !== undefined && notNull.has(e.facts.isNotNullOf.toLowerCase()));
    const always = e.facts.constantValue === false || (e.facts.isNullOf !== undefined && notNull.has(e.facts.isNullOf.toLowerCase()));
    if (never) out.push(diagnostic('LF406', at(e.expressionRange), `expectation '${e.name}' can never fail${e.facts.constant ? ' (a constant expression)' : ': the column is declared NOT NULL'}`, { tags: ['unnecessary'] }));
    if (always) out.push(diagnostic('LF407', at(e.expressionRange), `expectation '${e.name}' fails for every row${e.facts.constant ? ' (a constant expression)' : ': the column is declared NOT NULL'}`));
    if (e.onViolation === 'fail' && readsFiles) {
      out.push(diagnostic('LF408', at(e.actionRange ?? e.range), `FAIL UPDATE on '${d.name}', which reads raw files: one bad input row stops the whole update; consider DROP ROW or a warning`));
    }
  }
  return out;
}
