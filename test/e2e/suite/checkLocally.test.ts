// "Check Pipeline Locally" in real VS Code, on the pipeline written elsewhere
// (test/fixtures/elsewhere: volume paths, its own layout): the dry run binds
// every dataset with no data; its findings go to Problems under their own
// source (the unmapped volume, once per source), and the next check, with the
// volume mapped by `lakeflow.localRun.pathMap`, clears them.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { activatedApi, repoRoot, setSetting } from './helpers';

const SOURCE = 'lakeflow (local check)';

function localCheckProblems(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, list]) => [uri, list.filter((d) => d.source === SOURCE)] as [vscode.Uri, vscode.Diagnostic[]])
    .filter(([, list]) => list.length > 0);
}

export function register(h: Harness): void {
  h.describe('check pipeline locally (dry run)', () => {
    h.test('unmapped volume paths become Problems of their own source; mapping the volume clears them', async () => {
      await activatedApi();
      await setSetting('bundleRoot', 'test/fixtures/elsewhere/bundle');
      try {
        await setSetting('localRun.pathMap', {});
        const first = await vscode.commands.executeCommand<{ ok: boolean; problems: number; error?: string }>('lakeflow.checkLocally');
        assert.equal(first.ok, true, first.error);
        const problems = localCheckProblems();
        const files = problems.map(([uri]) => path.relative(repoRoot(), uri.fsPath).split(path.sep).join('/')).sort();
        assert.deepEqual(files, [
          'test/fixtures/elsewhere/transformations/ingest/customers.sql',
          'test/fixtures/elsewhere/transformations/ingest/order_lines.sql',
          'test/fixtures/elsewhere/transformations/ingest/orders.sql',
        ]);
        for (const [, list] of problems) {
          assert.equal(list.length, 1);
          assert.equal(list[0].severity, vscode.DiagnosticSeverity.Warning);
          assert.match(list[0].message, /--map \/Volumes\/retail\/raw\/files=DIR/);
        }
        await setSetting('localRun.pathMap', { '/Volumes/retail/raw/files': 'landing' });
        const second = await vscode.commands.executeCommand<{ ok: boolean; problems: number; error?: string }>('lakeflow.checkLocally');
        assert.equal(second.ok, true, second.error);
        assert.equal(second.problems, 0);
        assert.deepEqual(localCheckProblems(), []);
      } finally {
        await setSetting('localRun.pathMap', undefined);
        await setSetting('bundleRoot', 'bundle');
      }
    });
  });
}
