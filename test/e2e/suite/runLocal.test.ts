// "Run Pipeline Locally" in real VS Code: the bundled `lakeflow run` on the
// repository's own bundle (in the runner's temporary copy of the checkout, so
// the checkout's own .lakeflow/ is never touched) with a small simulated event count, the event log
// streamed into the output channel, the lakehouse files afterwards, and the
// pass-rate code lenses on a bronze file's constraints.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { activatedApi, EXTENSION_ID, readLog, repoRoot, setSetting, waitFor } from './helpers';

interface RunLocalResult {
  ok: boolean;
  error?: string;
  summary?: { datasets: { name: string; status: string; rowsWritten: number }[] };
  database?: string;
  eventLog?: string;
  eventsStreamed?: number;
}

interface PreviewResult {
  ok: boolean;
  error?: string;
  rows?: { totalRows: number; rows: unknown[]; columns: { name: string }[] };
}

const BRONZE = 'pipelines/bronze/ingest_cdc_customers.sql';

export function register(h: Harness): void {
  h.describe('run locally (DuckDB)', () => {
    let result: RunLocalResult;

    h.test('the workspace is a temporary copy of the checkout with no lakehouse of its own yet', () => {
      const checkout = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
      assert.ok(checkout, 'the extension under development is loaded');
      assert.notEqual(path.resolve(repoRoot()), path.resolve(checkout));
      assert.ok(path.resolve(repoRoot()).startsWith(path.resolve(os.tmpdir()) + path.sep), repoRoot());
      assert.equal(existsSync(path.join(repoRoot(), '.lakeflow')), false);
    });

    h.test('a failing dataset is named with its file position, becomes a Problem there, and its dependants are skipped', async () => {
      await activatedApi();
      await setSetting('bundleRoot', 'test/e2e/fixtures/localRunFailure');
      await setSetting('localRun.events', 5000);
      const failed = await vscode.commands.executeCommand<RunLocalResult>('lakeflow.runLocal', { fullRefresh: true });
      assert.equal(failed.ok, false);
      assert.match(
        failed.error ?? '',
        /^Local run: 0 of 2 datasets completed in [\d.]+ s; failed: strict_readings; skipped: strict_counts\. strict_readings \(test\/e2e\/fixtures\/localRunFailure\/transformations\/strict_readings\.sql:1:35\): expectation device_required \(ON VIOLATION FAIL UPDATE\) failed for \d+ of 5000 row/,
      );
      const file = vscode.Uri.file(path.join(repoRoot(), 'test/e2e/fixtures/localRunFailure/transformations/strict_readings.sql'));
      const problems = vscode.languages.getDiagnostics(file).filter((d) => d.source === 'pipeline run');
      assert.equal(problems.length, 1);
      assert.equal(problems[0].range.start.line, 0);
    });

    h.test('runs every dataset of the repository bundle on 5,000 simulated events and returns the summary', async () => {
      await activatedApi();
      await setSetting('bundleRoot', 'bundle');
      await setSetting('localRun.events', 5000);
      // A full refresh: the repository's .lakeflow may hold an earlier developer run.
      result = await vscode.commands.executeCommand<RunLocalResult>('lakeflow.runLocal', { fullRefresh: true });
      assert.equal(result.ok, true, result.error);
      assert.equal(result.summary?.datasets.length, 26);
      assert.deepEqual(
        result.summary?.datasets.filter((d) => d.status !== 'completed').map((d) => d.name),
        [],
      );
      assert.ok((result.eventsStreamed ?? 0) > 26 * 2, `events streamed: ${result.eventsStreamed}`);
    });

    h.test('the output channel shows one line per dataset event with rows and expectation results', async () => {
      const api = await activatedApi();
      const log = await waitFor('the local run summary in the log', () => {
        const text = readLog(api);
        return text.includes('local run: 26 of 26 datasets completed') && text;
      });
      assert.match(log, /\[INFO\] flow_progress \S+ RUNNING/);
      assert.match(
        log,
        /\[METRICS\] flow_progress cdc_customers COMPLETED \d+ rows · valid_cdc_op [\d,]+\/[\d,]+ passed · valid_cdc_lsn [\d,]+\/[\d,]+ passed/,
      );
      assert.match(log, /update_progress: Update \S+ is COMPLETED\./);
    });

    h.test('the database and the event log exist in .lakeflow/ of the workspace folder', () => {
      assert.equal(result.database, path.join(repoRoot(), '.lakeflow', 'lakehouse.duckdb'));
      assert.ok(existsSync(result.database), result.database);
      assert.ok(existsSync(path.join(repoRoot(), '.lakeflow', 'lakehouse.events.jsonl')));
    });

    h.test('code lenses with pass rates stand on the CONSTRAINT lines of a bronze file', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(repoRoot(), BRONZE)));
      await vscode.window.showTextDocument(doc);
      const lenses = await waitFor(
        'pass-rate code lenses on the bronze file',
        async () => {
          const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
          const rates = all.filter((l) => /passed \([\d,]+ \/ [\d,]+\)/.test(l.command?.title ?? ''));
          return rates.length > 0 && rates;
        },
        60_000,
      );
      const constraints = doc
        .getText()
        .split('\n')
        .filter((l) => /^\s*CONSTRAINT\b/i.test(l)).length;
      assert.equal(lenses.length, constraints, lenses.map((l) => l.command?.title).join('\n'));
      for (const lens of lenses) assert.match(doc.lineAt(lens.range.start.line).text, /^\s*CONSTRAINT \w+ EXPECT/);
      const dropLens = lenses.find((l) => doc.lineAt(l.range.start.line).text.includes('valid_cdc_op'));
      assert.match(dropLens?.command?.title ?? '', /^[✓⚠✗] \d+\.\d% passed \([\d,]+ \/ [\d,]+\)/);
    });

    h.test('a "Preview local rows" lens on the dataset opens its rows as the run left them', async () => {
      const api = await activatedApi();
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(repoRoot(), BRONZE)));
      const lens = await waitFor(
        'the preview lens on the bronze dataset',
        async () =>
          ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).find(
            (l) => l.command?.command === 'lakeflow.previewRows',
          ),
        60_000,
      );
      assert.match(doc.lineAt(lens.range.start.line).text, /CREATE OR REFRESH STREAMING TABLE cdc_customers/);
      const preview = await vscode.commands.executeCommand<PreviewResult>(lens.command!.command, ...(lens.command!.arguments ?? []));
      assert.equal(preview.ok, true, preview.error);
      const written = result.summary?.datasets.find((d) => d.name === 'cdc_customers')?.rowsWritten;
      assert.equal(preview.rows?.totalRows, written);
      assert.ok((preview.rows?.rows.length ?? 0) > 0);
      assert.ok(preview.rows?.columns.some((c) => c.name === '_source_file'));
      const panel = api.views.rowsPanel();
      assert.ok(panel, 'the rows panel is open');
      assert.equal(panel.title, 'Rows: cdc_customers');
      assert.match(panel.webview.html, /default-src 'none'/);
      assert.match(panel.webview.html, new RegExp(`of ${written} rows of <code>bronze\\.cdc_customers</code>`));
      panel.dispose();
    });

    h.test('"Run locally" on one dataset recomputes it alone from the last local state', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(repoRoot(), BRONZE)));
      const lens = await waitFor(
        'the run-locally lens on the bronze dataset',
        async () =>
          ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).find(
            (l) => l.command?.command === 'lakeflow.runLocalDataset',
          ),
        60_000,
      );
      const one = await vscode.commands.executeCommand<RunLocalResult>(lens.command!.command, ...(lens.command!.arguments ?? []));
      assert.equal(one.ok, true, one.error);
      assert.deepEqual(
        one.summary?.datasets.map((d) => `${d.name}:${d.status}`),
        ['cdc_customers:completed'],
      );
    });

    h.test('previewing a dataset the run did not build says so', async () => {
      const preview = await vscode.commands.executeCommand<PreviewResult>('lakeflow.previewRows', { dataset: 'no_such_dataset' });
      assert.equal(preview.ok, false);
      assert.match(preview.error ?? '', /dataset no_such_dataset has no table in .*lakehouse\.duckdb/);
    });
  });
}
