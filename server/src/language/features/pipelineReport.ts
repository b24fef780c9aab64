// The pipeline as plain data: datasets with their columns, expectations and
// neighbours, and the edges. This is the `lakeflow check --format json`
// document (issue 3 part 4) and what a lineage view shows.
import { Range } from '../model/location';
import { datasetDisplayName } from '../model/datasetTypes';
import { WorkspaceIndex } from '../model/workspaceIndex';
import { Diagnostic } from './diagnostics/diagnostic';

export interface DatasetReport {
  name: string;
  kind: 'streaming_table' | 'materialized_view' | 'temporary_view' | 'view';
  file: string;
  range: Range;
  columns: { name: string; type: string | null }[];
  expectations: { name: string; expression: string; onViolation: 'warn' | 'drop' | 'fail' }[];
  upstream: string[];
  downstream: string[];
}

export interface PipelineReport {
  datasets: DatasetReport[];
  edges: { from: string; to: string; streaming: boolean }[];
  diagnostics: { file: string; range: Range; severity: Diagnostic['severity']; code: string; message: string }[];
}

/** `displayFile` maps file ids to what the report shows (the CLI: paths relative to the working directory). */
export function pipelineReport(index: WorkspaceIndex, diagnostics: Diagnostic[], displayFile: (file: string) => string = (f) => f): PipelineReport {
  const nameOf = (key: string) => index.displayName(key);
  const datasets = index.datasets().map(
    (d): DatasetReport => ({
      name: datasetDisplayName(d),
      kind: d.kind,
      file: displayFile(d.file),
      range: d.range,
      columns: index.columnsOf(d.key).columns.map((c) => ({ name: c.name, type: c.type ?? null })),
      expectations: d.expectations.map((e) => ({ name: e.name, expression: e.expression, onViolation: e.onViolation })),
      upstream: index.upstream(d.key).map((u) => nameOf(u.key)).sort(),
      downstream: index.downstream(d.key).map((u) => nameOf(u.key)).sort(),
    }),
  );
  return {
    datasets,
    edges: index.edges().map((e) => ({ from: nameOf(e.from), to: nameOf(e.to), streaming: e.streaming })),
    diagnostics: reportDiagnostics(diagnostics, displayFile),
  };
}

export function reportDiagnostics(diagnostics: Diagnostic[], displayFile: (file: string) => string = (f) => f): PipelineReport['diagnostics'] {
  return diagnostics.map((d) => ({ file: displayFile(d.file), range: d.range, severity: d.severity, code: d.code, message: d.message }));
}
