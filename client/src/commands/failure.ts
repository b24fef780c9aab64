// How a failed command is reported: one message with the actions that help
// (install the CLI, sign in, show the output). Text is redacted first.
import * as vscode from 'vscode';
import { looksLikeAuthFailure } from '../databricks/cliDiagnostics';
import { CliCancelledError, CliError } from '../databricks/cliRunner';
import { CLI_INSTALL_URL } from '../databricks/cliVersion';
import { Services } from '../services';

export function isCancellation(e: unknown): boolean {
  return e instanceof CliCancelledError || (e instanceof Error && e.message === 'aborted');
}

export function reportFailure(s: Services, what: string, e: unknown): void {
  if (isCancellation(e)) {
    s.log.info(`${what}: cancelled`);
    void vscode.window.showInformationMessage(`${what} cancelled.`);
    return;
  }
  const message = s.log.clean(e instanceof Error ? e.message : String(e));
  s.log.error(`${what} failed: ${message}`);
  const actions: string[] = [];
  if (e instanceof CliError && (e.exitCode === undefined || /too old|version/.test(message)) && e.argv.length <= 1) {
    actions.push('Install the CLI', 'Set CLI Path');
  } else if (e instanceof CliError && looksLikeAuthFailure(e.stderr)) {
    actions.push('Sign In');
  }
  actions.push('Show Output');
  void vscode.window.showErrorMessage(`${what} failed: ${message}`, ...actions).then((choice) => {
    if (choice === 'Install the CLI') void vscode.env.openExternal(vscode.Uri.parse(CLI_INSTALL_URL));
    if (choice === 'Set CLI Path') void vscode.commands.executeCommand('workbench.action.openSettings', 'lakeflow.cliPath');
    if (choice === 'Sign In') void vscode.commands.executeCommand('lakeflow.signIn');
    if (choice === 'Show Output') s.log.show();
  });
}
