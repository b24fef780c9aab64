// The pipeline as plain data: datasets with their columns, expectations and
// neighbours, the edges, and the flows that write into datasets. This is the `lakeflow check --format json`
// document (issue 3 part 4) and what a lineage view shows.
import type { Dataset, Flow, FlowKind } from '../model/datasetTypes';
import { Range } from '../model/location';
import { datasetDisplayName } from '../model/datasetTypes';
import { WorkspaceIndex } from '../model/workspaceIndex';
import { Diagnostic } from './diagnostics/diagnostic';

export interface DatasetReport {
  name: string;
  kind: Dataset['kind'];
  file: string;
  range: Range;
  columns: { name: string; type: string | null }[];
  expectations: { name: string; expression: string; onViolation: 'warn' | 'drop' | 'fail' }[];
  upstream: string[];
  downstream: string[];
}

/** A flow into a dataset (CREATE FLOW, a standalone INSERT / AUTO CDC, a FLOW clause). */
export interface FlowReport {
  /** The flow's name; an unnamed flow is named after its target, as the engine does. */
  name: string;
  target: string;
  kind: FlowKind;
  file: string;
  range: Range;
}

export interface PipelineReport {
  datasets: DatasetReport[];
  edges: { from: string; to: string; streaming: boolean }[];
  flows: FlowReport[];
  diagnostics: { file: string; range: Range; severity: Diagnostic['severity']; code: string; message: string }[];
}

/** `displayFile` maps file ids to what the report shows (the CLI: paths relative to the working directory). */
export function pipelineReport(
  index: WorkspaceIndex,
  diagnostics: Diagnostic[],
  displayFile: (file: string) => string = (f) => f,
): PipelineReport {
  const nameOf = (key: string) => index.displayName(key);
  const datasets = index.datasets().map((d): DatasetReport => ({
    name: datasetDisplayName(d),
    kind: d.kind,
    file: displayFile(d.file),
    range: d.range,
    columns: index.columnsOf(d.key).columns.map((c) => ({ name: c.name, type: c.type ?? null })),
    expectations: d.expectations.map((e) => ({ name: e.name, expression: e.expression, onViolation: e.onViolation })),
    upstream: index
      .upstream(d.key)
      .map((u) => nameOf(u.key))
      .sort(),
    downstream: index
      .downstream(d.key)
      .map((u) => nameOf(u.key))
      .sort(),
  }));
  return {
    datasets,
    edges: index.edges().map((e) => ({ from: nameOf(e.from), to: nameOf(e.to), streaming: e.streaming })),
    flows: index.files().flatMap((file) =>
      (index.analysis(file)?.flows ?? []).map((f): FlowReport => ({
        name: flowName(f),
        target: f.targetKey ? nameOf(f.targetKey) : f.target,
        kind: f.flowKind,
        file: displayFile(f.file),
        range: f.range,
      })),
    ),
    diagnostics: reportDiagnostics(diagnostics, displayFile),
  };
}

export function flowName(f: Flow): string {
  return f.name ?? f.target;
}

export function reportDiagnostics(
  diagnostics: Diagnostic[],
  displayFile: (file: string) => string = (f) => f,
): PipelineReport['diagnostics'] {
  return diagnostics.map((d) => ({ file: displayFile(d.file), range: d.range, severity: d.severity, code: d.code, message: d.message }));
}
