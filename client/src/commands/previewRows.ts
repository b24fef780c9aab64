// "Lakeflow: Preview Local Rows": the first rows of a dataset as the latest
// local run left them, from the explorer, a code lens, the dataset under the
// cursor or a picker. Runs the bundled `lakeflow preview` (read-only, no
// shell) so the extension host never loads DuckDB itself.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { CliError, runCli } from '../databricks/cliRunner';
import { localRunFiles } from '../local/localRunCommand';
import { DatasetRows, parseDatasetRows, previewFailure, previewInvocation } from '../local/previewInvocation';
import { bindingMissingMessage } from '../local/bindingMissing';
import { requireBundle, requireTrust, Services } from '../services';
import { localRunFolder } from '../views/expectationLenses';
import { requestDatasetAt, requestLineage } from '../views/lineageRequests';
import { ExplorerNode } from '../views/pipelineExplorer';
import { RowsPanel } from '../views/rowsPanel';
import { isCancellation, reportFailure } from './failure';

export interface PreviewRowsResult {
  ok: boolean;
  dataset?: string;
  rows?: DatasetRows;
  error?: string;
  cancelled?: boolean;
}

export async function previewRows(s: Services, panel: RowsPanel, arg?: ExplorerNode | { dataset?: string }): Promise<PreviewRowsResult> {
  try {
    requireTrust('Preview Local Rows');
    const bundle = await requireBundle(s);
    const dataset =
      (arg && 'type' in arg ? (arg.type === 'dataset' ? arg.node.name : undefined) : arg?.dataset) ??
      (await datasetAtCursor(s)) ??
      (await pickDataset(s, bundle.pipelines[0]?.key));
    if (!dataset) return { ok: false, cancelled: true };
    const cwd = localRunFolder(bundle);
    const { database } = localRunFiles(cwd);
    if (!existsSync(database)) {
      const message = 'No local run yet: run the pipeline locally first to preview its rows.';
      void vscode.window
        .showInformationMessage(message, 'Run Locally')
        .then((c) => c && vscode.commands.executeCommand('lakeflow.runLocal'));
      return { ok: false, dataset, error: message };
    }
    const invocation = previewInvocation(s.context.asAbsolutePath('server/out/lakeflow.js'), dataset, database, process.env);
    let rows: DatasetRows | undefined;
    try {
      rows = parseDatasetRows((await runCli(process.execPath, invocation.command, { cwd, env: invocation.env })).stdout);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      throw new Error(bindingMissingMessage(e.stderr, process.platform, process.arch) ?? previewFailure(e.stderr), { cause: e });
    }
    if (!rows) throw new Error('lakeflow preview printed no rows; see the Lakeflow output.');
    panel.show(`Rows: ${dataset}`, { rows });
    return { ok: true, dataset, rows };
  } catch (e) {
    if (isCancellation(e)) return { ok: false, cancelled: true };
    reportFailure(s, 'Preview Local Rows', e);
    return { ok: false, error: s.log.clean(e instanceof Error ? e.message : String(e)) };
  }
}

async function datasetAtCursor(s: Services): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const at = await requestDatasetAt(s.server, editor).catch(() => null);
  return at?.name;
}

async function pickDataset(s: Services, pipeline: string | undefined): Promise<string | undefined> {
  if (!pipeline) return undefined;
  const graph = await requestLineage(s.server, { pipeline }).catch(() => undefined);
  const items = (graph?.nodes ?? [])
    .filter((n) => n.kind !== 'source' && n.kind !== 'external')
    .map((n) => ({ label: n.name, description: [n.layer, n.kind].filter(Boolean).join(' · ') }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Preview the local rows of which dataset?' });
  return picked?.label;
}
