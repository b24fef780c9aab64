// Code lenses from the local runs: the pass rate on each `CONSTRAINT ... EXPECT`
// line, and "Preview local rows" / "Run locally" on each dataset the latest run
// built; a dataset it failed or skipped shows why instead.
// Positions come from `lakeflow/lineageGraph` (the datasets' and expectations'
// ranges), counts from the local run's event log; the log is re-read only when
// it changed, and the lenses refresh when a run ends or the log is rewritten
// (also by `lakeflow run` in a terminal).
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { BundleWorkspace, LoadedBundle } from '../bundle/bundleWorkspace';
import { LanguageServerHost } from '../languageServer';
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
  private cache: { file: string; stamp: string; quality: LatestRunQuality } | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly bundles: BundleWorkspace,
    private readonly server: LanguageServerHost,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.lakeflow/*.events.jsonl');
    this.subscriptions = [watcher, watcher.onDidChange(() => this.refresh()), watcher.onDidCreate(() => this.refresh()), watcher.onDidDelete(() => this.refresh()), bundles.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const bundle = this.bundles.active();
    if (!bundle || !this.server.languageClient) return [];
    const quality = await this.load(localRunFiles(localRunFolder(bundle)).eventLog);
    if (!quality || (quality.datasets.size === 0 && quality.notBuilt.size === 0) || token.isCancellationRequested) return [];
    const graph = await requestLineage(this.server, { uri: document.uri.toString() }).catch(() => undefined);
    const lenses: vscode.CodeLens[] = [];
    for (const node of graph?.nodes ?? []) {
      if (!node.uri || vscode.Uri.parse(node.uri).fsPath !== document.uri.fsPath) continue;
      if (node.range && quality.datasets.has(node.name.toLowerCase())) {
        const at = new vscode.Range(node.range.start.line, node.range.start.character, node.range.start.line, node.range.start.character);
        lenses.push(new vscode.CodeLens(at, { title: '$(table) Preview local rows', tooltip: `The rows of ${node.name} as the latest local run left them`, command: 'lakeflow.previewRows', arguments: [{ dataset: node.name }] }));
        lenses.push(new vscode.CodeLens(at, { title: '$(run) Run locally', tooltip: `Recompute ${node.name} alone, reading its sources as the latest local run left them`, command: 'lakeflow.runLocalDataset', arguments: [{ dataset: node.name }] }));
      }
      const missing = node.range && quality.notBuilt.get(node.name.toLowerCase());
      if (missing && node.range) {
        // A dataset the latest run did not build has no rows to preview: the lens says why instead.
        const at = new vscode.Range(node.range.start.line, node.range.start.character, node.range.start.line, node.range.start.character);
        const reason = missing.message.split('\n')[0];
        const title = missing.status === 'failed' ? `$(error) Not built locally: ${reason}` : `$(circle-slash) Skipped locally: ${reason}`;
        lenses.push(new vscode.CodeLens(at, { title: title.length > 120 ? title.slice(0, 119) + '…' : title, tooltip: missing.message, command: 'lakeflow.showOutput' }));
      }
      for (const x of node.expectations ?? []) {
        const title = x.range && expectationLensText(quality, node.name, x.name, x.action);
        if (!title || !x.range) continue;
        const range = new vscode.Range(x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character);
        lenses.push(new vscode.CodeLens(range, { title, tooltip: `Expectation ${x.name} of ${node.name} in the latest local run`, command: 'lakeflow.showOutput' }));
      }
    }
    return lenses;
  }

  /** The latest run's counts, re-read only when the log's size or time changed. */
  private async load(file: string): Promise<LatestRunQuality | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    const stamp = `${info.size}:${info.mtimeMs}`;
    if (this.cache?.file !== file || this.cache.stamp !== stamp) {
      const quality = latestRunQuality(parseEventLines(await readFile(file, 'utf8')));
      this.cache = { file, stamp, quality };
    }
    return this.cache.quality;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
  }
}
