// A workspace run with the real Databricks CLI (built by scripts/databricks-cli.mjs;
// the contract suite, which runs before this one, builds it) against the
// workspace stand-in of the contract tests, started here in the extension
// host: after Run Pipeline the expectation pass rates stand on the CONSTRAINT
// lines as lenses, exactly as after a local run.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { flowProgress, STAND_IN_TOKEN, WorkspaceStandIn } from '../../contract/workspaceStandIn';
import { Harness } from './harness';
import { activatedApi, readLog, repoRoot, setSetting, waitFor } from './helpers';

interface RunResult {
  ok: boolean;
  error?: string;
  state?: string;
  expectations?: { dataset: string; name: string; passed: number; failed: number }[];
}

export function register(h: Harness): void {
  h.describe('workspace run (real Databricks CLI, workspace stand-in)', () => {
    h.test('deploy and run: expectation pass rates of the update show as lenses on the CONSTRAINT lines', async () => {
      const cli = path.join(repoRoot(), '.contract', 'bin', 'databricks-v1.12.1');
      assert.ok(existsSync(cli), `the real CLI is not built at ${cli}: run npm run test:contract (node scripts/databricks-cli.mjs) first`);
      const api = await activatedApi();
      const workspace = new WorkspaceStandIn();
      const url = await workspace.start();
      workspace.nextUpdate = {
        states: ['RUNNING', 'COMPLETED'],
        events: [
          flowProgress('sensor_readings', 9_850, [
            { name: 'has_device', passed: 9_850, failed: 150 },
            { name: 'plausible_value', passed: 9_700, failed: 150 },
            { name: 'has_time', passed: 9_850, failed: 0 },
          ]),
        ],
      };
      try {
        await setSetting('cliPath', cli);
        await setSetting('bundleRoot', 'test/e2e/fixtures/workspaceRun');
        await setSetting('run.pollIntervalSeconds', 0.05);
        assert.equal(await vscode.commands.executeCommand('lakeflow.signIn', { host: url, token: STAND_IN_TOKEN }), true);
        const deployed = await vscode.commands.executeCommand<RunResult>('lakeflow.deployBundle', { target: 'dev' });
        assert.equal(deployed.ok, true, deployed.error);
        const run = await vscode.commands.executeCommand<RunResult>('lakeflow.runPipeline', { pipeline: 'workspace_run', mode: 'update' });
        assert.equal(run.ok, true, `${run.error}\n${readLog(api).slice(-3000)}`);
        assert.equal(run.state, 'COMPLETED');
        assert.ok(workspace.calls('GET', /\/events$/).length > 0, 'events read through the CLI');
        const file = vscode.Uri.file(path.join(repoRoot(), 'test/e2e/fixtures/workspaceRun/transformations/sensor_readings.sql'));
        const doc = await vscode.workspace.openTextDocument(file);
        await vscode.window.showTextDocument(doc);
        const lenses = await waitFor(
          'pass-rate lenses from the workspace run',
          async () => {
            const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
            const rates = all.filter((l) => /passed/.test(l.command?.title ?? ''));
            return rates.length === 3 && rates;
          },
          30_000,
        );
        const titleAt = (name: string): string =>
          lenses.find((l) => doc.lineAt(l.range.start.line).text.includes(name))?.command?.title ?? '';
        assert.equal(titleAt('has_device'), '✓ 98.5% passed (9,850 / 10,000) · DROP ROW dropped 150');
        assert.equal(titleAt('plausible_value'), '⚠ 98.5% passed (9,700 / 9,850) · WARN kept 150 failing');
        assert.equal(titleAt('has_time'), '✓ 100.0% passed (9,850 / 9,850)');
        assert.match(readLog(api), /flow_progress sensor_readings COMPLETED 9850 rows · has_device 9,850\/10,000 passed \(150 failed\)/);
      } finally {
        await vscode.commands.executeCommand('lakeflow.signOut');
        await setSetting('bundleRoot', undefined);
        await workspace.close();
      }
    });
  });
}
