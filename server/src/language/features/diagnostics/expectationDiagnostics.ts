// LF4xx: expectation linting. Expectations are evaluated per row on the
// query's output, before the write (where the table's NOT NULL constraints are
// enforced), so anything that is not a row-level predicate over those columns
// is flagged, as are expectations whose outcome is fixed.
import { Dataset, Expectation, FileAnalysis } from '../../model/datasetTypes';
import { WorkspaceIndex } from '../../model/workspaceIndex';
import { Diagnostic, diagnostic, withFixes } from './diagnostic';
import { suggestions } from './didYouMean';

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
  // The declared columns and the query's own output: either may hold a name the check reads.
  const queryColumns = d.query ? index.lineage().shapeColumns(d.query, file, new Map()).columns : [];
  const outputNames = new Set([...output.columns, ...queryColumns].map((c) => c.name.toLowerCase()));
  const candidates = [...new Set([...output.columns, ...queryColumns].map((c) => c.name))];
  const notNull = new Set(d.columns.filter((c) => c.notNull).map((c) => c.name.toLowerCase()));
  const readsFiles = d.reads.some((r) => r.files);
  for (const e of d.expectations) {
    const key = e.name.toLowerCase();
    const first = seen.get(key);
    if (first && e.name) {
      out.push(
        diagnostic('LF402', at(e.nameRange), `expectation '${e.name}' is already defined on '${d.name}'`, {
          related: [{ location: at(first.nameRange), message: 'first definition' }],
        }),
      );
    } else seen.set(key, e);
    if (d.kind === 'view')
      out.push(
        diagnostic(
          'LF405',
          at(e.range),
          `expectations are not allowed on the persisted view '${d.name}'; use a temporary view, a materialized view or a streaming table`,
        ),
      );
    if (e.invalidAction !== undefined) {
      out.push(
        diagnostic(
          'LF404',
          at(e.actionRange ?? e.range),
          `'ON VIOLATION ${e.invalidAction}' is not an action; use DROP ROW or FAIL UPDATE, or omit it to keep and count the rows`,
        ),
      );
    }
    for (const f of e.facts.forbidden) {
      out.push(diagnostic('LF403', at(f.range), `an expectation is checked row by row and cannot use ${f.what}`));
    }
    if (output.complete) {
      for (const c of e.facts.columns) {
        if (outputNames.has(c.name.toLowerCase())) continue;
        const { hint, fixes } = suggestions(file, c.range, c.name, candidates);
        out.push(diagnostic('LF401', at(c.range), `'${d.name}' has no output column '${c.name}'${hint}`, withFixes(fixes)));
      }
    }
    if (e.facts.constantValue === true)
      out.push(
        diagnostic('LF406', at(e.expressionRange), `expectation '${e.name}' can never fail (a constant expression)`, {
          tags: ['unnecessary'],
        }),
      );
    if (e.facts.constantValue === false)
      out.push(diagnostic('LF407', at(e.expressionRange), `expectation '${e.name}' fails for every row (a constant expression)`));
    else if (e.facts.isNullOf !== undefined && notNull.has(e.facts.isNullOf.toLowerCase())) {
      // Rows with a NULL pass the check, then fail the NOT NULL constraint at the write.
      out.push(
        diagnostic(
          'LF407',
          at(e.expressionRange),
          `expectation '${e.name}' fails for every row the table can hold: '${e.facts.isNullOf}' is declared NOT NULL, so only rows with a value are written`,
        ),
      );
    }
    if (e.facts.isNotNullOf !== undefined && notNull.has(e.facts.isNotNullOf.toLowerCase()) && e.onViolation === 'warn')
      out.push(warnOnlyNotNull(file, d, e, e.facts.isNotNullOf));
    if (e.onViolation === 'fail' && readsFiles) {
      // Advice, not a defect: failing on raw input is a legitimate choice.
      out.push(
        diagnostic(
          'LF408',
          at(e.actionRange ?? e.range),
          `FAIL UPDATE on '${d.name}', which reads raw files: one bad input row stops the whole update; consider DROP ROW or a warning`,
        ),
      );
    }
  }
  return out;
}

/**
 * `EXPECT (c IS NOT NULL)` with no action on a NOT NULL column: the check only
 * counts the row, which then fails the column's constraint at the write and
 * with it the update. DROP ROW is what keeps such rows out.
 */
function warnOnlyNotNull(file: string, d: Dataset, e: Expectation, column: string): Diagnostic {
  const at = e.range.end;
  return diagnostic(
    'LF409',
    { file, range: e.expressionRange },
    `expectation '${e.name}' only warns, but '${column}' is declared NOT NULL on '${d.name}': a NULL row still fails the update at the write; add ON VIOLATION DROP ROW to keep such rows out`,
    { fix: { title: 'Add ON VIOLATION DROP ROW', edits: [{ file, range: { start: at, end: at }, newText: ' ON VIOLATION DROP ROW' }] } },
  );
}
