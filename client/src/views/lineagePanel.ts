// The lineage graph webview for a pipeline or for the dataset under the
// cursor. One panel, reused. The layout is computed here (lineageLayout.ts) and
// the page only draws it; clicking a dataset opens its definition beside the
// graph, picking a column asks the server for its column edges upstream
// dataset by dataset, and the latest local run's statuses follow the event
// log live.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { LineageGraph, LineageGraphParams } from '../../../protocol/src/lineageGraph';
import { runStatusText } from '../local/datasetRunStatus';
import { LanguageServerHost } from '../languageServer';
import { ColumnPath, columnPathBack } from './columnPath';
import { BoxStatus, boxLines, LineageView, renderLineageHtml, STATUS_WIDTH_SAMPLE } from './lineageHtml';
import { Box, EdgePath, LineageLayout, layoutLineage, layoutProblems } from './lineageLayout';
import { openDataset } from './pipelineExplorer';
import { requestLineage } from './lineageRequests';
import { RunStatusSource } from './runStatusSource';

/** What the page reports it drew, in graph coordinates. */
export interface RenderedLineage {
  boxes: Box[];
  edges: EdgePath[];
  /** `dataset: text` of every box text wider than its box. */
  overflow: string[];
  viewport: { width: number; height: number };
  /** The page's computed background colour: the theme as it reached the page. */
  background: string;
  /** The status line each box shows now, by dataset id. */
  statuses: Record<string, string>;
}

/** The panel's state, read by the end-to-end tests through the extension's API. */
export interface LineageState {
  title: string;
  params: LineageGraphParams;
  graph: LineageGraph;
  layout?: LineageLayout;
  /** `layoutProblems` of the computed layout: empty when every edge is drawn and none crosses a box. */
  problems: string[];
  statuses: Record<string, BoxStatus>;
  columnPath?: ColumnPath & { dataset: string; column: string };
}

type PageMessage = { type?: string; id?: string; column?: string } & Partial<RenderedLineage>;

export class LineagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: LineageState | undefined;
  private disposables: vscode.Disposable[] = [];
  private readonly subscription: vscode.Disposable;
  private rendered: ((r: RenderedLineage) => void)[] = [];

  constructor(
    private readonly server: LanguageServerHost,
    private readonly runs: RunStatusSource,
  ) {
    this.subscription = runs.onDidChange(() => void this.postStatuses());
  }

  get visiblePanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  get current(): LineageState | undefined {
    return this.panel ? this.state : undefined;
  }

  async show(title: string, params: LineageGraphParams, focus?: string): Promise<void> {
    let view: LineageView;
    await this.runs.reload();
    try {
      const graph = await requestLineage(this.server, params);
      const statuses = this.statusesOf(graph);
      // Boxes are sized for the widest run status, so a run's status fits without a new layout.
      const layout = await layoutLineage(graph, (n) => boxLines(n, { text: STATUS_WIDTH_SAMPLE, tone: 'ok' }));
      this.state = { title, params, graph, layout, problems: layoutProblems(graph, layout), statuses };
      view = { title, graph, layout, focus, statuses };
    } catch (e) {
      this.state = { title, params, graph: { nodes: [], edges: [] }, problems: [], statuses: {} };
      view = { title, graph: this.state.graph, error: `Lineage unavailable: ${(e as Error).message}` };
    }
    const panel = this.ensurePanel(title);
    panel.webview.html = renderLineageHtml(view, randomBytes(16).toString('base64'), panel.webview.cspSource);
  }

  /** Asks the page what it drew (answered once its script ran). */
  async renderedGeometry(): Promise<RenderedLineage> {
    const panel = this.panel;
    if (!panel) throw new Error('no lineage panel is open');
    const answer = new Promise<RenderedLineage>((resolve) => this.rendered.push(resolve));
    await panel.webview.postMessage({ type: 'report' });
    return answer;
  }

  /** The path of one column back to bronze, shown in the page (selecting its dataset there unless the page asked). */
  async pickColumn(id: string, column: string, fromPage = false): Promise<ColumnPath> {
    const state = this.state;
    const uri = state?.graph.nodes.find((n) => n.id === id)?.uri ?? state?.params.uri;
    const path = await columnPathBack(
      { dataset: id, column },
      async (dataset) => (await requestLineage(this.server, { dataset, uri, columns: true })).edges,
    );
    if (state) state.columnPath = { dataset: id, column, ...path };
    if (!fromPage) await this.panel?.webview.postMessage({ type: 'select', id });
    await this.panel?.webview.postMessage({ type: 'columnPath', ...path });
    return path;
  }

  private statusesOf(graph: LineageGraph): Record<string, BoxStatus> {
    const statuses: Record<string, BoxStatus> = {};
    for (const n of graph.nodes) {
      const s = this.runs.of(n.name);
      if (s) statuses[n.id] = { text: runStatusText(s), tone: s.tone };
    }
    return statuses;
  }

  private async postStatuses(): Promise<void> {
    if (!this.panel || !this.state) return;
    this.state.statuses = this.statusesOf(this.state.graph);
    await this.panel.webview.postMessage({ type: 'status', statuses: this.state.statuses });
  }

  private ensurePanel(title: string): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      'lakeflow.lineage',
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [],
      },
    );
    this.panel = panel;
    this.disposables.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        for (const d of this.disposables) d.dispose();
        this.disposables = [];
      }),
      panel.webview.onDidReceiveMessage((m: PageMessage) => void this.onMessage(m)),
    );
    return panel;
  }

  private async onMessage(m: PageMessage): Promise<void> {
    if (m.type === 'rendered') {
      const waiting = this.rendered;
      this.rendered = [];
      for (const resolve of waiting)
        resolve({
          boxes: m.boxes ?? [],
          edges: m.edges ?? [],
          overflow: m.overflow ?? [],
          viewport: m.viewport ?? { width: 0, height: 0 },
          background: m.background ?? '',
          statuses: m.statuses ?? {},
        });
      return;
    }
    const node = this.state?.graph.nodes.find((n) => n.id === m.id);
    if (!node) return;
    if (m.type === 'open' && node.uri) {
      // Beside the graph, keeping the graph in view and focused.
      const graphColumn = this.panel?.viewColumn;
      await openDataset(
        { uri: node.uri, range: node.range },
        { viewColumn: graphColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One, preserveFocus: true },
      );
    }
    if (m.type === 'column' && m.column) await this.pickColumn(node.id, m.column, true);
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}
