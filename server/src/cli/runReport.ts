// What `lakeflow run` prints: a line per dataset as it ends, then a summary
// that fits 100 columns: one table row per dataset, and below it, apart,
// the rows expectations dropped, the warn-only failures (rows kept), the
// FAIL UPDATE stops, and every dataset that did not run with its reason.
import { relative } from 'node:path';
import type { DatasetResult, RunSummary } from '../engine/runtime/runPipeline';
import { kindLabel } from '../language/features/featureContext';
import { wrap } from './help';

/** The features' one label per kind; a statement that did not parse has no kind yet. */
const labelOf = (kind: string) => (kind === 'unknown' ? 'not parsed' : kindLabel(kind));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `pipelines/silver/x.sql:3:12` (relative to `cwd`), or the file alone. */
export function whereText(r: DatasetResult, cwd: string): string | undefined {
  if (!r.location) return undefined;
  return `${relative(cwd, r.location.file) || r.location.file}:${r.location.line}:${r.location.column}`;
}

/** The reason without the file prefix the engine puts first (the position says it). */
export function reasonText(r: DatasetResult, cwd: string): string {
  const message = (r.message ?? '').replace(/^\S+\.sql: /, '');
  const where = whereText(r, cwd);
  return where ? `${where}: ${message}` : message;
}

export function progressLine(r: DatasetResult, done: number, total: number, cwd: string): string {
  const head = `[${String(done).padStart(String(total).length)}/${total}] ${r.name} (${labelOf(r.kind)})`;
  const body =
    r.status === 'completed'
      ? `${r.rowsWritten} rows written, ${r.rowsDropped} dropped in ${r.seconds.toFixed(2)} s`
      : `${r.status.toUpperCase()}: ${reasonText(r, cwd)}`;
  const warnings = (r.warnings ?? []).map((w) => `  warning: ${w}`);
  return [...wrap(`${head} ${body}`), ...warnings.flatMap((w) => wrap(w))].join('\n') + '\n';
}

function cell(text: string, width: number): string {
  return text.length > width ? text.slice(0, width - 1) + '…' : text;
}

function failuresBy(s: RunSummary, action: 'drop' | 'warn' | 'fail'): string[] {
  const out: string[] = [];
  for (const r of s.datasets) {
    const hit = r.expectations.filter((e) => e.action === action && e.failed > 0);
    if (hit.length > 0) out.push(...wrap(`  ${r.name}: ${hit.map((e) => `${e.name} ${e.failed} of ${e.passed + e.failed}`).join(', ')}`));
  }
  return out;
}

export function summaryTable(s: RunSummary, cwd: string): string {
  const header = ['dataset', 'kind', 'written', 'dropped', 'warned', 'time', 'status'];
  const warned = (r: DatasetResult) => r.expectations.filter((e) => e.action === 'warn').reduce((n, e) => n + e.failed, 0);
  const body = s.datasets.map((r) => [
    cell(r.name, 30),
    labelOf(r.kind),
    String(r.rowsWritten),
    String(r.rowsDropped),
    String(warned(r)),
    `${r.seconds.toFixed(2)} s`,
    r.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const numeric = (i: number) => i >= 2 && i <= 5;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const sections: string[] = [];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) sections.push('', title, ...lines);
  };
  section('rows dropped by expectations (ON VIOLATION DROP ROW):', failuresBy(s, 'drop'));
  section('expectations failed, rows kept (warn only):', failuresBy(s, 'warn'));
  section('update stopped (ON VIOLATION FAIL UPDATE):', failuresBy(s, 'fail'));
  section(
    'not run:',
    s.datasets.filter((r) => r.status !== 'completed').flatMap((r) => wrap(`  ${r.name} (${r.status}): ${reasonText(r, cwd)}`)),
  );
  const notDone = s.datasets.filter((r) => r.status !== 'completed').length;
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    ...sections,
    '',
    `${s.datasets.length - notDone} of ${plural(s.datasets.length, 'dataset')} completed in ${s.seconds.toFixed(2)} s`,
    ...wrap(`database: ${relative(cwd, s.database) || s.database}`),
    ...wrap(`event log: ${relative(cwd, s.eventLog) || s.eventLog}`),
    '',
  ].join('\n');
}

export function summaryJson(s: RunSummary, extra: Record<string, unknown> = {}): object {
  return {
    datasets: s.datasets.map((r) => ({
      name: r.name,
      kind: r.kind,
      status: r.status,
      rowsWritten: r.rowsWritten,
      rowsDropped: r.rowsDropped,
      expectations: r.expectations.map((e) => ({ name: e.name, passed: e.passed, failed: e.failed, action: e.action })),
      seconds: r.seconds,
      ...(r.message ? { message: r.message } : {}),
      ...(r.location ? { location: r.location } : {}),
      ...(r.warnings?.length ? { warnings: r.warnings } : {}),
    })),
    seconds: s.seconds,
    database: s.database,
    ...extra,
  };
}
