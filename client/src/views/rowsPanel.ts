// The "Preview Local Rows" webview: one panel, reused, beside the editor.
// Scripts are off; the HTML is a static table (rowsHtml.ts).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DatasetRows } from '../local/previewInvocation';
import { renderRowsHtml } from './rowsHtml';

export class RowsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  get visiblePanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  show(title: string, view: { rows?: DatasetRows; error?: string }): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'lakeflow.rows',
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.panel.webview.html = renderRowsHtml({ ...view, title }, randomBytes(16).toString('base64'));
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
