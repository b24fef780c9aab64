// The lineage graph webview for a pipeline or for the dataset under the
// cursor. One panel, reused; clicking a node opens its definition, double
// clicking shows that dataset's column-level lineage.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { LineageGraph, LineageGraphParams } from '../../../protocol/src/lineageGraph';
import { LanguageServerHost } from '../languageServer';
import { LineageView, renderLineageHtml } from './lineageHtml';
import { openDataset } from './pipelineExplorer';
import { requestLineage } from './lineageRequests';

export class LineagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: LineageGraph = { nodes: [], edges: [] };
  private disposables: vscode.Disposable[] = [];

  constructor(private readonly server: LanguageServerHost) {}

  get visiblePanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  async show(title: string, params: LineageGraphParams, focus?: string): Promise<void> {
    let view: LineageView;
    try {
      this.graph = await requestLineage(this.server, params);
      view = { title, graph: this.graph, focus };
    } catch (e) {
      this.graph = { nodes: [], edges: [] };
      view = { title, graph: this.graph, error: `Lineage unavailable: ${(e as Error).message}` };
    }
    const panel = this.ensurePanel(title);
    panel.webview.html = renderLineageHtml(view, randomBytes(16).toString('base64'), panel.webview.cspSource);
  }

  private ensurePanel(title: string): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel('lakeflow.lineage', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
    });
    this.panel = panel;
    this.disposables.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        for (const d of this.disposables) d.dispose();
        this.disposables = [];
      }),
      panel.webview.onDidReceiveMessage((m: { type?: string; id?: string }) => void this.onMessage(m)),
    );
    return panel;
  }

  private async onMessage(m: { type?: string; id?: string }): Promise<void> {
    const node = this.graph.nodes.find((n) => n.id === m.id);
    if (!node) return;
    if (m.type === 'open' && node.uri) await openDataset({ uri: node.uri, range: node.range });
    if (m.type === 'columns') await this.show(`Column lineage: ${node.name}`, { dataset: node.id, uri: node.uri, columns: true }, node.id);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
