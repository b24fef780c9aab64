// Reading the local run's event log (`.lakeflow/<db>.events.jsonl`, one event
// of the Lakeflow format per line, appended by every run): lines for the output
// channel, the events of the latest run, and expectation pass rates per
// dataset for the code lenses. Pure: no vscode, no fs.
import { describeEvent, expectationCounts, parseEvent, PipelineEvent } from '../databricks/pipelineUpdate';

export type ExpectationAction = 'warn' | 'drop' | 'fail';

export interface ExpectationStats {
  dataset: string;
  name: string;
  passed: number;
  failed: number;
}

/** Parses the complete lines of a JSON lines text; a torn or foreign line is skipped, not fatal. */
export function parseEventLines(text: string): PipelineEvent[] {
  const events: PipelineEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      events.push(parseEvent(JSON.parse(line)));
    } catch {
      // A line being written while read, or not an event: the next read sees it whole.
    }
  }
  return events;
}

/** The events of the last update in the log (every run appends its own update). */
export function latestRunEvents(events: readonly PipelineEvent[]): PipelineEvent[] {
  const lastStart = [...events].reverse().find((e) => e.eventType === 'create_update');
  const updateId = (lastStart ?? events.at(-1))?.updateId;
  return updateId === undefined ? [] : events.filter((e) => e.updateId === updateId);
}

const count = (n: number): string => n.toLocaleString('en-US');

function expectationSuffix(e: PipelineEvent): string {
  const stats = expectationCounts([e]);
  return stats
    .map((x) => ` · ${x.name} ${count(x.passed)}/${count(x.passed + x.failed)} passed${x.failed ? ` (${count(x.failed)} failed)` : ''}`)
    .join('');
}

/** One readable line per event: level, type, dataset, status, rows, then each expectation's pass/fail. */
export function describeLocalEvent(e: PipelineEvent): string {
  return describeEvent(e) + expectationSuffix(e);
}

/**
 * What the code lenses show: for each dataset, the counts of the latest run that
 * processed it. A run of one dataset (`--refresh`) updates that dataset's lenses
 * and leaves the others showing their own latest run.
 */
export interface LatestRunQuality {
  /** Lower-case names of the datasets whose latest run completed them: only these have rows to preview. */
  datasets: Set<string>;
  /** Datasets whose latest run failed or skipped them, with the run's reason. */
  notBuilt: Map<string, { status: 'failed' | 'skipped'; message: string }>;
  /** Keyed by lower-case dataset, then lower-case expectation name. */
  stats: Map<string, Map<string, ExpectationStats>>;
}

export function latestRunQuality(events: readonly PipelineEvent[]): LatestRunQuality {
  const updates = new Map<string, PipelineEvent[]>();
  for (const e of events) {
    if (e.updateId === undefined) continue;
    const list = updates.get(e.updateId) ?? [];
    list.push(e);
    updates.set(e.updateId, list);
  }
  const datasets = new Set<string>();
  const notBuilt = new Map<string, { status: 'failed' | 'skipped'; message: string }>();
  const stats = new Map<string, Map<string, ExpectationStats>>();
  // Updates in log order: a later run that processed a dataset replaces what an earlier one said.
  for (const run of updates.values()) {
    const progress = run.filter((e) => e.eventType === 'flow_progress' && e.dataset);
    const processed = new Set(progress.map((e) => (e.dataset as string).toLowerCase()));
    for (const d of processed) {
      datasets.delete(d);
      notBuilt.delete(d);
      stats.delete(d);
    }
    for (const e of progress) {
      const key = (e.dataset as string).toLowerCase();
      const status = String((e.details.flow_progress as { status?: string } | undefined)?.status ?? '').toUpperCase();
      if (status === 'COMPLETED') datasets.add(key);
      else if (status === 'FAILED' || status === 'SKIPPED')
        notBuilt.set(key, { status: status === 'FAILED' ? 'failed' : 'skipped', message: e.errorMessages[0] ?? e.message });
    }
    for (const x of expectationCounts(run)) {
      const key = x.dataset.toLowerCase();
      if (!processed.has(key)) continue;
      const inner = stats.get(key) ?? new Map<string, ExpectationStats>();
      inner.set(x.name.toLowerCase(), x);
      stats.set(key, inner);
    }
  }
  return { datasets, notBuilt, stats };
}

/** The lens text of one expectation, or undefined when no run processed its dataset. `runLabel`: which run, e.g. `workspace run`. */
export function expectationLensText(
  run: LatestRunQuality,
  dataset: string,
  name: string,
  action: ExpectationAction,
  runLabel = 'local run',
): string | undefined {
  const key = dataset.toLowerCase();
  // A dataset the run failed still shows the counts it measured (a FAIL UPDATE stop says which expectation).
  if (!run.datasets.has(key) && !run.stats.has(key)) return undefined;
  // A dataset that saw no new rows reports no expectation counts at all.
  return passRateText(run.stats.get(key)?.get(name.toLowerCase()) ?? { dataset, name, passed: 0, failed: 0 }, action, runLabel);
}

/** Percent with one decimal that never rounds a failure up to 100% or a pass down to 0%. */
export function passPercent(passed: number, total: number): string {
  if (total === 0) return '–';
  const rounded = Math.round((passed / total) * 1000) / 10;
  const shown = passed < total ? Math.min(rounded, 99.9) : rounded;
  return `${(passed > 0 ? Math.max(shown, 0.1) : shown).toFixed(1)}%`;
}

const ACTION_TEXT: Record<ExpectationAction, (failed: number) => string> = {
  drop: (failed) => `DROP ROW dropped ${count(failed)}`,
  warn: (failed) => `WARN kept ${count(failed)} failing`,
  fail: (failed) => (failed > 0 ? `FAIL UPDATE failed the update` : 'FAIL UPDATE'),
};

/** The code lens text of one expectation, e.g. `✓ 99.2% passed (98,500 / 99,300) · DROP ROW dropped 800`. */
export function passRateText(stats: ExpectationStats, action: ExpectationAction, runLabel = 'local run'): string {
  const total = stats.passed + stats.failed;
  if (total === 0) return `✓ no rows checked in the latest ${runLabel}`;
  const mark = stats.failed === 0 ? '✓' : action === 'fail' ? '✗' : action === 'warn' ? '⚠' : '✓';
  const rate = `${mark} ${passPercent(stats.passed, total)} passed (${count(stats.passed)} / ${count(total)})`;
  return stats.failed === 0 ? rate : `${rate} · ${ACTION_TEXT[action](stats.failed)}`;
}
