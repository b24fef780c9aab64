// The pipeline explorer: pipelines of the bundle, then layers (bronze, silver,
// gold...), then datasets with kind icons, then their expectations and columns.
// Pipelines come from the active bundle's databricks.yml; everything below from
// `lakeflow/lineageGraph`.
import * as vscode from 'vscode';
import { DatasetKind, LineageGraph, LineageNode } from '../../../protocol/src/lineageGraph';
import { BundleWorkspace } from '../bundle/bundleWorkspace';
import { LanguageServerHost } from '../languageServer';
import { requestLineage } from './lineageRequests';

export type ExplorerNode =
  | { type: 'pipeline'; key: string; label?: string }
  | { type: 'layer'; pipeline: string; layer: string; nodes: LineageNode[] }
  | { type: 'dataset'; pipeline: string; node: LineageNode }
  | { type: 'detail'; label: string; description?: string; icon: string; node: LineageNode; range?: LineageNode['range'] }
  | { type: 'message'; label: string };

const KIND_ICON: Record<DatasetKind, string> = {
  streamingTable: 'pulse',
  materializedView: 'table',
  view: 'eye',
  temporaryView: 'eye-closed',
  flow: 'arrow-right',
  sink: 'export',
  source: 'file',
  external: 'database',
};

const LAYER_ORDER = ['bronze', 'silver', 'gold'];

export function groupByLayer(graph: LineageGraph): { layer: string; nodes: LineageNode[] }[] {
  const layers = new Map<string, LineageNode[]>();
  for (const n of graph.nodes) {
    if (n.kind === 'source' || n.kind === 'external') continue;
    const layer = n.layer ?? 'other';
    layers.set(layer, [...(layers.get(layer) ?? []), n]);
  }
  const rank = (l: string): number => (LAYER_ORDER.includes(l) ? LAYER_ORDER.indexOf(l) : LAYER_ORDER.length);
  return [...layers.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([layer, nodes]) => ({ layer, nodes: nodes.sort((x, y) => x.name.localeCompare(y.name)) }));
}

export class PipelineExplorer implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Root of the bundle shown, to refresh only when the active bundle changes. */
  private shownRoot: string | undefined;

  constructor(
    private readonly bundles: BundleWorkspace,
    private readonly server: LanguageServerHost,
  ) {
    const refreshIfBundleChanged = (): void => {
      if (this.bundles.active()?.rootUri.toString() !== this.shownRoot) this.refresh();
    };
    this.subscriptions = [
      bundles.onDidChange(() => this.refresh()),
      server.onDidChangeStatus(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(refreshIfBundleChanged),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('lakeflow.bundleRoot') && this.refresh()),
    ];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!element) {
      await this.bundles.ready();
      // The bundle the commands act on (lakeflow.bundleRoot, else the shallowest), so the
      // explorer and deploy/run always agree; test fixture bundles deeper down stay out.
      const bundle = this.bundles.active();
      this.shownRoot = bundle?.rootUri.toString();
      return (bundle?.pipelines ?? []).map((p): ExplorerNode => ({ type: 'pipeline', key: p.key, label: p.name }));
    }
    switch (element.type) {
      case 'pipeline': {
        try {
          const graph = await requestLineage(this.server, { pipeline: element.key });
          const layers = groupByLayer(graph);
          if (layers.length === 0) return [{ type: 'message', label: 'No datasets found in the pipeline sources' }];
          return layers.map((l) => ({ type: 'layer', pipeline: element.key, layer: l.layer, nodes: l.nodes }));
        } catch (e) {
          return [{ type: 'message', label: `Datasets unavailable: ${(e as Error).message}` }];
        }
      }
      case 'layer':
        return element.nodes.map((node) => ({ type: 'dataset', pipeline: element.pipeline, node }));
      case 'dataset':
        return [
          ...(element.node.expectations ?? []).map((x): ExplorerNode => ({ type: 'detail', label: x.name, description: `expect · ${x.action}`, icon: 'shield', node: element.node, range: x.range })),
          ...(element.node.columns ?? []).map((c): ExplorerNode => ({ type: 'detail', label: c.name, description: c.type, icon: 'symbol-field', node: element.node })),
        ];
      default:
        return [];
    }
  }

  getTreeItem(element: ExplorerNode): vscode.TreeItem {
    switch (element.type) {
      case 'pipeline': {
        const item = new vscode.TreeItem(element.key, vscode.TreeItemCollapsibleState.Expanded);
        item.description = element.label;
        item.iconPath = new vscode.ThemeIcon('type-hierarchy');
        item.contextValue = 'pipeline';
        return item;
      }
      case 'layer': {
        const item = new vscode.TreeItem(element.layer, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${element.nodes.length}`;
        item.iconPath = new vscode.ThemeIcon('layers');
        return item;
      }
      case 'dataset': {
        const n = element.node;
        const hasChildren = (n.expectations?.length ?? 0) + (n.columns?.length ?? 0) > 0;
        const item = new vscode.TreeItem(n.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = n.kind;
        item.iconPath = new vscode.ThemeIcon(KIND_ICON[n.kind] ?? 'symbol-class');
        item.contextValue = 'dataset';
        item.command = openCommand(n, n.range);
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
        item.description = element.description;
        item.iconPath = new vscode.ThemeIcon(element.icon);
        item.command = openCommand(element.node, element.range ?? element.node.range);
        return item;
      }
      case 'message':
        return new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function openCommand(node: LineageNode, range: LineageNode['range']): vscode.Command | undefined {
  if (!node.uri) return undefined;
  return { command: 'lakeflow.openDataset', title: 'Open Definition', arguments: [{ uri: node.uri, range }] };
}

/** `lakeflow.openDataset`: opens a file at a protocol range. */
export async function openDataset(arg: { uri: string; range?: LineageNode['range'] }): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
  const r = arg.range;
  const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
  await vscode.window.showTextDocument(doc, { selection, preview: true });
}
