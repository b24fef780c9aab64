// `lakeflow run --dry-run`: binds every dataset's translated query on DuckDB
// with no data at all (each file source empty, typed by its declared schema)
// in dependency order, in a throwaway database, and reports each dataset that
// does not bind as a diagnostic at the SQL that causes it (LF6xx), in the
// formats of `lakeflow check`. Nothing of the user's lakehouse is touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { LocalPipeline } from '../engine/localPipeline';
import { runPipeline } from '../engine/runtime/runPipeline';
import type { DatasetPlan, PlanProblem } from '../engine/plan';
import { Diagnostic, sortDiagnostics } from '../language/features/diagnostics/diagnostic';
import { LineIndex } from '../language/syntax/lineIndex';
import type { PipelineReport } from '../language/features/pipelineReport';
import { reportDiagnostics } from '../language/features/pipelineReport';

const position = (p: PlanProblem) => ({ line: p.line, character: p.character });

const isUnmappedPath = (p: PlanProblem) => p.message.includes('cloud path with no local folder');

function problemDiagnostic(p: PlanProblem, text: string): Diagnostic {
  const end = new LineIndex(text).positionAt(p.span.end);
  // A dry run reads no files, so an unmapped path does not stop it: a warning for the real run ahead.
  if (isUnmappedPath(p))
    return { file: p.file, range: { start: position(p), end }, severity: 'warning', code: 'LF603', message: p.message };
  return { file: p.file, range: { start: position(p), end }, severity: 'error', code: 'LF602', message: p.message };
}

/** A runtime failure at the dataset's name: the engine does not say which token it could not bind. */
function failureDiagnostic(d: DatasetPlan, message: string, text: string): Diagnostic {
  const lines = new LineIndex(text);
  return {
    file: d.file,
    range: { start: lines.positionAt(d.span.start), end: lines.positionAt(Math.min(d.span.end, d.span.start + 200)) },
    severity: 'error',
    code: 'LF601',
    message: `${d.name} does not bind locally: ${message}`,
  };
}

export interface DryRunReport extends PipelineReport {
  /** Datasets with an error of their own (not those only waiting on one). */
  failedDatasets: string[];
}

export async function dryRun(pipeline: LocalPipeline, readText: (file: string) => string, cwd: string): Promise<DryRunReport> {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-dry-run-'));
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();
  try {
    for (const p of pipeline.plan.problems) diagnostics.push(problemDiagnostic(p, readText(p.file)));
    for (const d of pipeline.plan.datasets) {
      for (const p of d.problems) diagnostics.push(problemDiagnostic(p, readText(p.file)));
      d.problems = d.problems.filter((p) => !isUnmappedPath(p));
      if (d.problems.length > 0) failed.add(d.name);
    }
    const summary = await runPipeline(pipeline.plan, {
      database: join(dir, 'dry-run.duckdb'),
      pipelineName: pipeline.name,
      baseDir: cwd,
      dryRun: true,
      concurrency: 1,
    });
    const byName = new Map(pipeline.plan.datasets.map((d) => [d.name, d]));
    for (const r of summary.datasets) {
      const d = byName.get(r.name);
      // Untranslatable datasets are reported above; skipped ones only wait on a failure reported elsewhere.
      if (!d || r.status !== 'failed' || d.problems.length > 0) continue;
      diagnostics.push(failureDiagnostic(d, r.message ?? 'failed', readText(d.file)));
      failed.add(d.name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const display = (f: string) => relative(cwd, f).replace(/\\/g, '/') || f;
  return {
    datasets: [],
    edges: [],
    flows: [],
    diagnostics: reportDiagnostics(sortDiagnostics(diagnostics), display),
    failedDatasets: [...failed],
  };
}
