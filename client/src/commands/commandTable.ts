// Every command of the extension, in one table: id -> handler. package.json's
// `contributes.commands` lists the same ids (checked by the end-to-end suite).
import * as vscode from 'vscode';
import { Services } from '../services';
import { ExpectationLenses } from '../views/expectationLenses';
import { LineagePanel } from '../views/lineagePanel';
import { RowsPanel } from '../views/rowsPanel';
import { ExplorerNode, openDataset, PipelineExplorer } from '../views/pipelineExplorer';
import { signIn, signOut } from './authCommands';
import { deployBundle, deployBundleToTarget, destroyBundle, selectTarget, validateBundle } from './bundleCommands';
import { previewRows } from './previewRows';
import { runLocal } from './runLocal';
import { checkLocally } from './checkLocally';
import { runPipeline } from './runPipeline';
import { revealInExplorer, showLineage } from './viewCommands';

export interface CommandDeps {
  services: Services;
  explorer: PipelineExplorer;
  explorerView: vscode.TreeView<ExplorerNode>;
  lineage: LineagePanel;
  rows: RowsPanel;
  lenses: ExpectationLenses;
}

type Handler = (...args: never[]) => unknown;

export function commandTable({ services: s, explorer, explorerView, lineage, rows, lenses }: CommandDeps): Record<string, Handler> {
  const localProblems = vscode.languages.createDiagnosticCollection('lakeflow-local-check');
  s.context.subscriptions.push(localProblems);
  return {
    'lakeflow.checkLocally': () => checkLocally(s, localProblems),
    'lakeflow.validateBundle': (args?: { target?: string }) => validateBundle(s, args),
    'lakeflow.deployBundle': (args?: { target?: string }) => deployBundle(s, args),
    'lakeflow.deployBundleToTarget': () => deployBundleToTarget(s),
    'lakeflow.runPipeline': (args?: Parameters<typeof runPipeline>[1]) =>
      runPipeline(s, args && typeof args === 'object' && !('type' in args) ? args : pipelineArg(args), lenses),
    // From the explorer or the editor title VS Code passes a tree node or a URI: run with the defaults then.
    'lakeflow.runLocal': (args?: Parameters<typeof runLocal>[3]) =>
      runLocal(s, explorer, lenses, args && typeof args === 'object' && !('type' in args) && !('scheme' in args) ? args : {}),
    // The explorer passes a dataset node, a lens passes { dataset }: run that one dataset on the last local state.
    'lakeflow.runLocalDataset': (arg?: { type?: string; node?: { name: string }; pipeline?: string; dataset?: string }) => {
      const dataset = arg?.type === 'dataset' ? arg.node?.name : arg?.dataset;
      return runLocal(s, explorer, lenses, dataset ? { refresh: [dataset], ...(arg?.pipeline ? { pipeline: arg.pipeline } : {}) } : {});
    },
    'lakeflow.destroyBundle': (args?: { target?: string }) => destroyBundle(s, args),
    'lakeflow.cancelOperation': () => s.operations.cancel(),
    // The explorer shows names resolved for the selected target.
    'lakeflow.selectTarget': () => selectTarget(s).finally(() => explorer.refresh()),
    'lakeflow.signIn': (args?: Parameters<typeof signIn>[1]) => signIn(s, args),
    'lakeflow.signOut': () => signOut(s),
    'lakeflow.restartServer': () =>
      s.server.restart().then(
        () => s.server.status.phase,
        (e: Error) => {
          void vscode.window.showErrorMessage(`Lakeflow language server failed to restart: ${e.message}`);
          return s.server.status.phase;
        },
      ),
    'lakeflow.showOutput': () => s.log.show(),
    'lakeflow.showActions': () => showActions(),
    'lakeflow.showLineage': (node?: Parameters<typeof showLineage>[2]) => showLineage(s, lineage, node),
    'lakeflow.previewRows': (arg?: Parameters<typeof previewRows>[2]) =>
      previewRows(s, rows, arg && typeof arg === 'object' && !('scheme' in arg) ? arg : undefined),
    'lakeflow.revealInExplorer': () => revealInExplorer(s, explorer, explorerView),
    'lakeflow.refreshExplorer': () => s.bundles.refresh().then(() => explorer.refresh()),
    'lakeflow.openDataset': (arg: Parameters<typeof openDataset>[0]) => openDataset(arg),
  };
}

/** The explorer's inline "run" button passes its tree node. */
function pipelineArg(node: unknown): { pipeline?: string } {
  const n = node as { type?: string; key?: string } | undefined;
  return n?.type === 'pipeline' ? { pipeline: n.key } : {};
}

async function showActions(): Promise<void> {
  const actions = [
    { label: '$(cloud-upload) Deploy to selected target', command: 'lakeflow.deployBundle' },
    { label: '$(cloud-upload) Deploy to target…', command: 'lakeflow.deployBundleToTarget' },
    { label: '$(play) Run pipeline…', command: 'lakeflow.runPipeline' },
    { label: '$(run-all) Run pipeline locally (DuckDB)', command: 'lakeflow.runLocal' },
    { label: '$(checklist) Check pipeline locally (no data)', command: 'lakeflow.checkLocally' },
    { label: '$(check-all) Validate bundle', command: 'lakeflow.validateBundle' },
    { label: '$(target) Select target…', command: 'lakeflow.selectTarget' },
    { label: '$(type-hierarchy) Show lineage graph', command: 'lakeflow.showLineage' },
    { label: '$(table) Preview local rows…', command: 'lakeflow.previewRows' },
    { label: '$(account) Sign in to Databricks…', command: 'lakeflow.signIn' },
    { label: '$(debug-restart) Restart language server', command: 'lakeflow.restartServer' },
    { label: '$(output) Show output', command: 'lakeflow.showOutput' },
  ];
  const picked = await vscode.window.showQuickPick(actions, { placeHolder: 'Lakeflow' });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
