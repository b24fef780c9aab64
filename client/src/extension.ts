// Extension entry point. activate() stays light: it creates the services,
// registers the command table, views and status bar, and starts the bundle
// scan and the language server without waiting for them. Its duration is
// logged and exported (activationMs).
import * as vscode from 'vscode';
import { AuthStore } from './auth';
import { BundleWorkspace } from './bundle/bundleWorkspace';
import { commandTable } from './commands/commandTable';
import { CliService } from './databricks/cliService';
import { LanguageServerHost, ServerStatus } from './languageServer';
import { Log } from './log';
import { OperationRunner } from './operations';
import { currentTarget, Services } from './services';
import { affectsServerStart } from './settings';
import { ExpectationLenses } from './views/expectationLenses';
import type { ColumnPath } from './views/columnPath';
import { LineagePanel, LineageState, RenderedLineage } from './views/lineagePanel';
import { RowsPanel } from './views/rowsPanel';
import { RunStatusSource } from './views/runStatusSource';
import { ExplorerNode, PipelineExplorer } from './views/pipelineExplorer';
import { StatusBar } from './views/statusBar';

/** What the extension exports to other extensions and tooling. */
export interface LakeflowApi {
  /** Wall time of activate(), in milliseconds. */
  activationMs: number;
  /** The file the Lakeflow output channel is written to. */
  logFile: vscode.Uri;
  /** The language server as the client last saw it, including its latest `lakeflow/status` report. */
  serverStatus(): ServerStatus;
  /**
   * Read-only access to what the views show, for the end-to-end tests and other
   * tooling (VS Code offers no API to read another extension's tree or webview):
   * the explorer's data provider, and the lineage and rows panels while open.
   */
  views: {
    explorer: vscode.TreeDataProvider<ExplorerNode>;
    /** Labels of the explorer items selected (after Reveal in Explorer). */
    explorerSelection(): string[];
    lineagePanel(): vscode.WebviewPanel | undefined;
    /** The lineage panel's graph, computed layout and its problems; what the page drew; a column's path. */
    lineage: {
      state(): LineageState | undefined;
      rendered(): Promise<RenderedLineage>;
      pickColumn(id: string, column: string): Promise<ColumnPath>;
    };
    rowsPanel(): vscode.WebviewPanel | undefined;
  };
}

export function activate(context: vscode.ExtensionContext): LakeflowApi {
  const started = performance.now();
  const auth = new AuthStore(context);
  const log = new Log(() => auth.secrets());
  context.subscriptions.push(auth, log);
  let server: LanguageServerHost;
  let explorer: PipelineExplorer;
  let lineage: LineagePanel;
  let rows: RowsPanel;
  let explorerView: vscode.TreeView<ExplorerNode>;
  try {
    const bundles = new BundleWorkspace();
    const operations = new OperationRunner();
    const statusBar = new StatusBar();
    const cli = new CliService(log, auth);
    server = new LanguageServerHost(
      context.asAbsolutePath('server/out/server.js'),
      context.globalStorageUri.fsPath,
      log,
      auth,
      bundles,
      (profile) => cli.authToken(profile),
    );
    const services: Services = {
      context,
      log,
      auth,
      bundles,
      cli,
      operations,
      server,
      statusBar,
      bundleDiagnostics: vscode.languages.createDiagnosticCollection('lakeflow-bundle'),
      runDiagnostics: vscode.languages.createDiagnosticCollection('lakeflow-run'),
    };
    const runs = new RunStatusSource(bundles);
    explorer = new PipelineExplorer(bundles, server, runs, () => currentTarget(services, bundles.active()));
    lineage = new LineagePanel(server, runs);
    rows = new RowsPanel();
    const lenses = new ExpectationLenses(bundles, server);
    // Disposed in reverse: views and the server go before what they use.
    context.subscriptions.push(
      bundles,
      operations,
      statusBar,
      services.bundleDiagnostics,
      services.runDiagnostics,
      server,
      runs,
      explorer,
      lineage,
      rows,
      lenses,
    );
    context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: 'lakeflow-sql' }, lenses));
    explorerView = vscode.window.createTreeView('lakeflow.pipelines', { treeDataProvider: explorer, showCollapseAll: true });
    context.subscriptions.push(explorerView);
    for (const [id, handler] of Object.entries(commandTable({ services, explorer, explorerView, lineage, rows, lenses }))) {
      context.subscriptions.push(vscode.commands.registerCommand(id, handler));
    }
    context.subscriptions.push(
      server.onDidChangeStatus((st) => statusBar.showServer(st)),
      operations.onDidChange((op) => statusBar.showOperation(op)),
      bundles.onDidChange(() => statusBar.showTarget(currentTarget(services, bundles.active())?.name)),
      vscode.window.onDidChangeActiveTextEditor(() => statusBar.showTarget(currentTarget(services, bundles.active())?.name)),
      auth.onDidChange(() => void server.restart().catch(() => undefined)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsServerStart(e)) void server.restart().catch(() => undefined);
        if (e.affectsConfiguration('lakeflow.target') || e.affectsConfiguration('lakeflow.bundleRoot')) {
          statusBar.showTarget(currentTarget(services, bundles.active())?.name);
        }
      }),
    );
    // Starting the server waits for the bundle scan (its document selector needs the
    // libraries); restart() queues it behind any restart a setting change asks for.
    void bundles
      .ready()
      .then(() => server.restart())
      .catch((e: Error) =>
        vscode.window
          .showErrorMessage(`Lakeflow language server failed to start: ${log.clean(e.message)}`, 'Show Output')
          .then((c) => c && log.show()),
      );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`activation failed: ${message}`);
    void vscode.window.showErrorMessage(`Lakeflow Pipelines failed to activate: ${log.clean(message)}`);
    throw e;
  }
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    logFile: vscode.Uri.joinPath(context.logUri, 'Lakeflow.log'),
    serverStatus: () => server.status,
    views: {
      explorer,
      explorerSelection: () =>
        explorerView.selection.map((n) =>
          n.type === 'dataset' ? n.node.name : n.type === 'pipeline' ? n.key : n.type === 'layer' ? n.layer : n.label,
        ),
      lineagePanel: () => lineage.visiblePanel,
      lineage: {
        state: () => lineage.current,
        rendered: () => lineage.renderedGeometry(),
        pickColumn: (id, column) => lineage.pickColumn(id, column),
      },
      rowsPanel: () => rows.visiblePanel,
    },
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes them (and awaits nothing more).
}
