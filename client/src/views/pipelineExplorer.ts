// The pipeline explorer: pipelines of the bundle (names with the bundle's
// substitutions resolved for the selected target), then layers (bronze, silver,
// gold...), then datasets with their kind in words and the latest local run's
// status, then their expectations and columns. Pipelines come from the active
// bundle's databricks.yml; everything below from `lakeflow/lineageGraph`.
// Children are kept until a refresh, so "Reveal in Explorer" finds the very
// items the tree shows.
import * as vscode from 'vscode';
import { DatasetKind, LineageGraph, LineageNode } from '../../../protocol/src/lineageGraph';
import { BundleTarget } from '../bundle/bundleConfig';
import { resolveBundleText } from '../bundle/bundleNames';
import { BundleWorkspace } from '../bundle/bundleWorkspace';
import { DatasetRunStatus, RunTone, runStatusText } from '../local/datasetRunStatus';
import { LanguageServerHost } from '../languageServer';
import { kindLabel } from './datasetKinds';
import { requestLineage } from './lineageRequests';
import { RunStatusSource } from './runStatusSource';

export type ExplorerNode =
  | { type: 'pipeline'; key: string; label?: string; target?: string; declaredIn?: string; catalog?: string; schema?: string }
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

const TONE_ICON: Record<RunTone, [string, string]> = {
  ok: ['pass', 'testing.iconPassed'],
  warning: ['warning', 'list.warningForeground'],
  failed: ['error', 'list.errorForeground'],
  running: ['sync~spin', 'charts.blue'],
  skipped: ['circle-slash', 'disabledForeground'],
};

const ACTION_TEXT: Record<'warn' | 'drop' | 'fail', string> = {
  warn: 'expect · warn (rows kept)',
  drop: 'expect · DROP ROW',
  fail: 'expect · FAIL UPDATE',
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
  return [...layers.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([layer, nodes]) => ({ layer, nodes: nodes.sort((x, y) => x.name.localeCompare(y.name)) }));
}

export class PipelineExplorer implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Root of the bundle shown, to refresh only when the active bundle changes. */
  private shownRoot: string | undefined;
  private children = new Map<ExplorerNode | 'root', Promise<ExplorerNode[]>>();
  private parents = new Map<ExplorerNode, ExplorerNode | undefined>();

  constructor(
    private readonly bundles: BundleWorkspace,
    private readonly server: LanguageServerHost,
    private readonly runs: RunStatusSource,
    /** The target deploy and run use now, whose name `${bundle.target}` stands for. */
    private readonly targetOf: () => BundleTarget | undefined,
  ) {
    const refreshIfBundleChanged = (): void => {
      if (this.bundles.active()?.rootUri.toString() !== this.shownRoot) this.refresh();
    };
    this.subscriptions = [
      bundles.onDidChange(() => this.refresh()),
      server.onDidChangeStatus(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(refreshIfBundleChanged),
      runs.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration(
        (e) => (e.affectsConfiguration('lakeflow.bundleRoot') || e.affectsConfiguration('lakeflow.target')) && this.refresh(),
      ),
    ];
  }

  refresh(): void {
    this.children.clear();
    this.parents.clear();
    this.changed.fire(undefined);
  }

  getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    const key = element ?? 'root';
    let list = this.children.get(key);
    if (!list) {
      list = this.computeChildren(element).then((nodes) => {
        for (const n of nodes) this.parents.set(n, element);
        return nodes;
      });
      this.children.set(key, list);
    }
    return list;
  }

  getParent(element: ExplorerNode): ExplorerNode | undefined {
    return this.parents.get(element);
  }

  /** The dataset's item in the tree (loading the levels above it), or undefined when no pipeline shown has it. */
  async findDataset(name: string): Promise<ExplorerNode | undefined> {
    const wanted = name.toLowerCase();
    for (const pipeline of await this.getChildren())
      for (const layer of await this.getChildren(pipeline))
        for (const d of await this.getChildren(layer)) if (d.type === 'dataset' && d.node.name.toLowerCase() === wanted) return d;
    return undefined;
  }

  private async computeChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!element) {
      await this.bundles.ready();
      // The bundle the commands act on (lakeflow.bundleRoot, else the shallowest), so the
      // explorer and deploy/run always agree; test fixture bundles deeper down stay out.
      const bundle = this.bundles.active();
      this.shownRoot = bundle?.rootUri.toString();
      if (!bundle) return [];
      const target = this.targetOf();
      const resolve = (text: string | undefined): string | undefined =>
        text === undefined ? undefined : resolveBundleText(text, { bundleName: bundle.name, target, variables: bundle.variables });
      return bundle.pipelines.map((p): ExplorerNode => ({
        type: 'pipeline',
        key: p.key,
        label: resolve(p.name),
        target: target?.name,
        declaredIn: p.declaredIn,
        catalog: resolve(p.catalog),
        schema: resolve(p.schema),
      }));
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
          ...(element.node.expectations ?? []).map((x): ExplorerNode => ({
            type: 'detail',
            label: x.name,
            description: ACTION_TEXT[x.action],
            icon: 'shield',
            node: element.node,
            range: x.range,
          })),
          ...(element.node.columns ?? []).map((c): ExplorerNode => ({
            type: 'detail',
            label: c.name,
            description: c.type,
            icon: 'symbol-field',
            node: element.node,
          })),
        ];
      default:
        return [];
    }
  }

  getTreeItem(element: ExplorerNode): vscode.TreeItem {
    switch (element.type) {
      case 'pipeline': {
        const item = new vscode.TreeItem(element.key, vscode.TreeItemCollapsibleState.Expanded);
        item.description = element.label && element.label !== element.key ? element.label : undefined;
        item.tooltip = pipelineTooltip(element);
        item.iconPath = new vscode.ThemeIcon('type-hierarchy');
        item.contextValue = 'pipeline';
        return item;
      }
      case 'layer': {
        const item = new vscode.TreeItem(element.layer, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${element.nodes.length}`;
        item.tooltip = `${element.layer}: ${element.nodes.length} dataset${element.nodes.length === 1 ? '' : 's'}`;
        item.iconPath = new vscode.ThemeIcon('layers');
        return item;
      }
      case 'dataset': {
        const n = element.node;
        const status = this.runs.of(n.name);
        const hasChildren = (n.expectations?.length ?? 0) + (n.columns?.length ?? 0) > 0;
        const item = new vscode.TreeItem(
          n.name,
          hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `dataset:${element.pipeline}:${n.id}`;
        item.description = status ? `${kindLabel(n.kind)} · ${runStatusText(status)}` : kindLabel(n.kind);
        item.tooltip = datasetTooltip(n, status);
        const [icon, colour] = status ? TONE_ICON[status.tone] : [KIND_ICON[n.kind] ?? 'symbol-class', undefined];
        item.iconPath = new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
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

/** Everything the row may cut off at a narrow width, in full. */
function pipelineTooltip(p: Extract<ExplorerNode, { type: 'pipeline' }>): vscode.MarkdownString {
  const lines = [`**${p.label ?? p.key}**`, '', `Bundle resource \`${p.key}\`${p.declaredIn ? ` in ${p.declaredIn}` : ''}`];
  if (p.target) lines.push('', `Names shown for target **${p.target}**`);
  if (p.catalog || p.schema) lines.push('', `Publishes to \`${[p.catalog, p.schema].filter(Boolean).join('.')}\``);
  return new vscode.MarkdownString(lines.join('\n'));
}

function datasetTooltip(n: LineageNode, status: DatasetRunStatus | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(n.name)}** · ${kindLabel(n.kind)}${n.layer ? ` · ${escapeMarkdown(n.layer)}` : ''}\n\n`);
  if (n.uri) md.appendMarkdown(`${escapeMarkdown(vscode.workspace.asRelativePath(vscode.Uri.parse(n.uri)))}\n\n`);
  if (status)
    md.appendMarkdown(`Latest local run: ${escapeMarkdown(status.status.toLowerCase())} · ${escapeMarkdown(runStatusText(status))}\n\n`);
  const x = n.expectations ?? [];
  if (x.length)
    md.appendMarkdown(
      `${x.length} expectation${x.length === 1 ? '' : 's'}: ${x.map((e) => `${escapeMarkdown(e.name)} (${e.action})`).join(', ')}\n\n`,
    );
  if (n.columns?.length) md.appendMarkdown(`${n.columns.length} columns`);
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

function openCommand(node: LineageNode, range: LineageNode['range']): vscode.Command | undefined {
  if (!node.uri) return undefined;
  return { command: 'lakeflow.openDataset', title: 'Open Definition', arguments: [{ uri: node.uri, range }] };
}

/** `lakeflow.openDataset`: opens a file at a protocol range (in the active column unless told otherwise). */
export async function openDataset(
  arg: { uri: string; range?: LineageNode['range'] },
  where: { viewColumn?: vscode.ViewColumn; preserveFocus?: boolean } = {},
): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
  const r = arg.range;
  const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
  await vscode.window.showTextDocument(doc, { selection, preview: true, ...where });
}
