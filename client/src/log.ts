// The extension's output channel. Everything written passes through the
// redaction of the secrets currently known (defence in depth: tokens are never
// written on purpose, but CLI output is not under our control).
import * as vscode from 'vscode';
import { redact } from './databricks/cliEnvironment';

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(private readonly secrets: () => readonly string[]) {
    this.channel = vscode.window.createOutputChannel('Lakeflow', { log: true });
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  /** Hidden at the default log level: routine polling. */
  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }

  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }

  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  /** Raw CLI output, one line at a time. */
  line(text: string): void {
    this.channel.appendLine(this.clean(text));
  }

  show(): void {
    this.channel.show(true);
  }

  clean(text: string): string {
    return redact(text, this.secrets());
  }

  dispose(): void {
    this.channel.dispose();
  }
}
