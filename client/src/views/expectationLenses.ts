// Code lenses from the runs: the pass rate on each `CONSTRAINT ... EXPECT`
// line, and "Preview local rows" / "Run locally" on each dataset the latest
// local run built (a dataset it failed or skipped shows why instead). Positions come from `lakeflow/lineageGraph` (the datasets' and
// expectations' ranges); counts come from the latest run, local or in the
// workspace: the local run's event log (re-read only when it changed, also
// when `lakeflow run` in a terminal rewrites it) or the events of the latest
// workspace update the extension followed, read through the same code.
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { BundleWorkspace, LoadedBundle } from '../bundle/bundleWorkspace';
import { LanguageServerHost } from '../languageServer';
import { PipelineEvent } from '../databricks/pipelineUpdate';
import { expectationLensText, LatestRunQuality, latestRunQuality, parseEventLines } from '../local/localEvents';
import { localRunFiles } from '../local/localRunCommand';
import { requestLineage } from './lineageRequests';

/** The folder a bundle's local run works in: its workspace folder, as `lakeflow run` from a terminal there. */
export function localRunFolder(bundle: LoadedBundle): string {
  return (vscode.workspace.getWorkspaceFolder(bundle.rootUri)?.uri ?? bundle.rootUri).fsPath;
}

export class ExpectationLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private cache: { file: string; stamp: string; quality: LatestRunQuality; at: number } | undefined;
  /** The latest workspace update followed by Run Pipeline, per bundle root. */
  private readonly workspaceRuns = new Map<string, { quality: LatestRunQuality; at: number; label: string }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly bundles: BundleWorkspace,
    private readonly server: LanguageServerHost,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.lakeflow/*.events.jsonl');
    this.subscriptions = [
      watcher,
      watcher.onDidChange(() => this.refresh()),
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      bundles.onDidChange(() => this.refresh()),
    ];
  }

  refresh(): void {
    this.changed.fire();
  }

  /** Shows the counts of a finished workspace update until a newer local or workspace run replaces them. */
  showWorkspaceRun(bundle: LoadedBundle, events: readonly PipelineEvent[], target: string | undefined, at = Date.now()): void {
    this.workspaceRuns.set(bundle.rootUri.toString(), {
      quality: latestRunQuality(events),
      at,
      label: `workspace run${target ? ` (${target})` : ''}`,
    });
    this.refresh();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const bundle = this.bundles.active();
    if (!bundle || !this.server.languageClient) return [];
    const local = await this.load(localRunFiles(localRunFolder(bundle)).eventLog);
    const remote = this.workspaceRuns.get(bundle.rootUri.toString());
    const quality = local?.quality;
    // The expectation lenses show the newer of the two runs.
    const latest = remote && (!local || remote.at >= local.at) ? remote : local && { quality: local.quality, label: 'local run' };
    if (
      !latest ||
      (latest.quality.datasets.size === 0 && !quality?.datasets.size && !quality?.notBuilt.size) ||
      token.isCancellationRequested
    )
      return [];
    const graph = await requestLineage(this.server, { uri: document.uri.toString() }).catch(() => undefined);
    const lenses: vscode.CodeLens[] = [];
    for (const node of graph?.nodes ?? []) {
      if (!node.uri || vscode.Uri.parse(node.uri).fsPath !== document.uri.fsPath) continue;
      if (node.range && quality?.datasets.has(node.name.toLowerCase())) {
        const at = new vscode.Range(node.range.start.line, node.range.start.character, node.range.start.line, node.range.start.character);
        lenses.push(
          new vscode.CodeLens(at, {
            title: '$(table) Preview local rows',
            tooltip: `The rows of ${node.name} as the latest local run left them`,
            command: 'lakeflow.previewRows',
            arguments: [{ dataset: node.name }],
          }),
        );
        lenses.push(
          new vscode.CodeLens(at, {
            title: '$(run) Run locally',
            tooltip: `Recompute ${node.name} alone, reading its sources as the latest local run left them`,
            command: 'lakeflow.runLocalDataset',
            arguments: [{ dataset: node.name }],
          }),
        );
      }
      const missing = node.range && quality?.notBuilt.get(node.name.toLowerCase());
      if (missing && node.range) {
        // A dataset the latest run did not build has no rows to preview: the lens says why instead.
        const at = new vscode.Range(node.range.start.line, node.range.start.character, node.range.start.line, node.range.start.character);
        const reason = missing.message.split('\n')[0];
        const title = missing.status === 'failed' ? `$(error) Not built locally: ${reason}` : `$(circle-slash) Skipped locally: ${reason}`;
        lenses.push(
          new vscode.CodeLens(at, {
            title: title.length > 120 ? title.slice(0, 119) + '…' : title,
            tooltip: missing.message,
            command: 'lakeflow.showOutput',
          }),
        );
      }
      for (const x of node.expectations ?? []) {
        const title = x.range && expectationLensText(latest.quality, node.name, x.name, x.action, latest.label);
        if (!title || !x.range) continue;
        const range = new vscode.Range(x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character);
        lenses.push(
          new vscode.CodeLens(range, {
            title,
            tooltip: `Expectation ${x.name} of ${node.name} in the latest ${latest.label}`,
            command: 'lakeflow.showOutput',
          }),
        );
      }
    }
    return lenses;
  }

  /** The latest local run's counts and when the log was written, re-read only when its size or time changed. */
  private async load(file: string): Promise<{ quality: LatestRunQuality; at: number } | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    const stamp = `${info.size}:${info.mtimeMs}`;
    if (this.cache?.file !== file || this.cache.stamp !== stamp) {
      const quality = latestRunQuality(parseEventLines(await readFile(file, 'utf8')));
      this.cache = { file, stamp, quality, at: info.mtimeMs };
    }
    return this.cache;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
  }
}
