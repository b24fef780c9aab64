// Each dataset's state in the latest local run that processed it, from the
// event log: status, rows written and the expectations' pass rate. The lineage
// graph's boxes and the pipeline explorer show it, and re-read it while a run
// appends to the log, so they follow the run live. Pure: no vscode, no fs.
import type { PipelineEvent } from '../databricks/pipelineUpdate';
import { expectationCounts } from '../databricks/pipelineUpdate';
import { passPercent } from './localEvents';

/** How a status reads at a glance; the views map it to a colour and an icon. */
export type RunTone = 'running' | 'ok' | 'warning' | 'failed' | 'skipped';

export interface DatasetRunStatus {
  /** The engine's flow status: QUEUED, STARTING, RUNNING, COMPLETED, FAILED, SKIPPED, EXCLUDED. */
  status: string;
  tone: RunTone;
  rows?: number;
  /** Expectation records passed and failed, summed over the dataset's expectations. */
  passed: number;
  failed: number;
}

const TONE: Record<string, RunTone> = {
  QUEUED: 'running',
  STARTING: 'running',
  RUNNING: 'running',
  COMPLETED: 'ok',
  FAILED: 'failed',
  SKIPPED: 'skipped',
  EXCLUDED: 'skipped',
};

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Keyed by lower-case dataset name. A later run that processed a dataset (also a
 * run of that dataset alone) replaces what an earlier run said about it.
 */
export function datasetRunStatuses(events: readonly PipelineEvent[]): Map<string, DatasetRunStatus> {
  const statuses = new Map<string, DatasetRunStatus>();
  const updates = new Map<string, PipelineEvent[]>();
  for (const e of events) if (e.updateId !== undefined) updates.set(e.updateId, [...(updates.get(e.updateId) ?? []), e]);
  for (const run of updates.values()) {
    const seen = new Map<string, DatasetRunStatus>();
    for (const e of run) {
      const progress = obj(e.details.flow_progress);
      if (e.eventType !== 'flow_progress' || !e.dataset || typeof progress.status !== 'string') continue;
      const key = e.dataset.toLowerCase();
      const rows = obj(progress.metrics).num_output_rows;
      const earlier = seen.get(key);
      seen.set(key, {
        status: progress.status,
        tone: TONE[progress.status] ?? 'running',
        ...(typeof rows === 'number' ? { rows } : earlier?.rows !== undefined ? { rows: earlier.rows } : {}),
        passed: 0,
        failed: 0,
      });
    }
    for (const x of expectationCounts(run)) {
      const s = seen.get(x.dataset.toLowerCase());
      if (!s) continue;
      s.passed += x.passed;
      s.failed += x.failed;
    }
    for (const [key, s] of seen) {
      if (s.tone === 'ok' && s.failed > 0) s.tone = 'warning';
      statuses.set(key, s);
    }
  }
  return statuses;
}

const ICON: Record<RunTone, string> = { running: '⟳', ok: '✓', warning: '⚠', failed: '✗', skipped: '–' };

/** `✓ 1,204 rows · 99.2% passed`, `⟳ running`, `✗ failed`, `– skipped`. */
export function runStatusText(s: DatasetRunStatus): string {
  const parts = [
    s.tone === 'ok' || s.tone === 'warning'
      ? `${ICON[s.tone]} ${(s.rows ?? 0).toLocaleString('en-US')} rows`
      : `${ICON[s.tone]} ${s.status.toLowerCase()}`,
  ];
  if (s.tone !== 'ok' && s.tone !== 'warning' && s.rows !== undefined) parts.push(`${s.rows.toLocaleString('en-US')} rows`);
  if (s.passed + s.failed > 0) parts.push(`${passPercent(s.passed, s.passed + s.failed)} passed`);
  return parts.join(' · ');
}
