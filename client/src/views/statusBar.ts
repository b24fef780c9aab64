// Two status bar items: the language server's state (click: the actions
// menu), and the bundle target (click: deploy to it, the one-click "Deploy to
// dev"; while a command runs, click cancels it).
import * as vscode from 'vscode';
import { ServerStatus } from '../languageServer';
import { RunningOperation } from '../operations';

export class StatusBar implements vscode.Disposable {
  private readonly server = vscode.window.createStatusBarItem('lakeflow.server', vscode.StatusBarAlignment.Left, 10);
  private readonly target = vscode.window.createStatusBarItem('lakeflow.target', vscode.StatusBarAlignment.Left, 9);
  private targetName: string | undefined;
  private operation: RunningOperation | undefined;

  constructor() {
    this.server.name = 'Lakeflow Language Server';
    this.server.command = 'lakeflow.showActions';
    this.target.name = 'Lakeflow Bundle Target';
    this.showServer({ phase: 'stopped' });
    this.server.show();
  }

  showServer(status: ServerStatus): void {
    const r = status.reported;
    const catalog =
      r?.catalog === 'connected' ? ' $(cloud)' : r?.catalog === 'offline' || r?.catalog === 'unauthorized' ? ' $(cloud-offline)' : '';
    let icon = '$(circle-slash)';
    let state = 'stopped';
    if (status.phase === 'starting' || r?.state === 'starting' || r?.state === 'indexing') {
      icon = '$(sync~spin)';
      state = r?.state === 'indexing' ? 'indexing' : 'starting';
    } else if (status.phase === 'failed' || r?.state === 'error') {
      icon = '$(error)';
      state = 'error';
    } else if (status.phase === 'running') {
      icon = '$(check)';
      state = 'ready';
    }
    this.server.text = `${icon} Lakeflow${catalog}`;
    const lines = [`Lakeflow language server: ${state}`];
    if (r?.catalog) lines.push(`Unity Catalog: ${r.catalog}`);
    if (r?.datasets !== undefined) lines.push(`${r.datasets} datasets`);
    if (r?.message ?? status.error) lines.push(r?.message ?? status.error ?? '');
    lines.push('Click for bundle actions');
    this.server.tooltip = lines.join('\n');
    this.server.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  showTarget(name: string | undefined): void {
    this.targetName = name;
    this.renderTarget();
  }

  showOperation(op: RunningOperation | undefined): void {
    this.operation = op;
    this.renderTarget();
  }

  private renderTarget(): void {
    if (this.operation) {
      this.target.text = `$(sync~spin) ${this.operation.title} $(debug-stop)`;
      this.target.tooltip = `${this.operation.title}: click to cancel`;
      this.target.command = 'lakeflow.cancelOperation';
      this.target.show();
    } else if (this.targetName) {
      this.target.text = `$(cloud-upload) ${this.targetName}`;
      this.target.tooltip = `Deploy the bundle to target "${this.targetName}" (Lakeflow: Select Bundle Target to change)`;
      this.target.command = 'lakeflow.deployBundle';
      this.target.show();
    } else {
      this.target.hide();
    }
  }

  dispose(): void {
    this.server.dispose();
    this.target.dispose();
  }
}
