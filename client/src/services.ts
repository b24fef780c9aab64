// What commands and views share, created once in activate() and disposed with
// the extension. Passed explicitly: no module-level state.
import * as vscode from 'vscode';
import { AuthStore } from './auth';
import { BundleWorkspace, LoadedBundle } from './bundle/bundleWorkspace';
import { BundleTarget, chooseTarget } from './bundle/bundleConfig';
import { CliService } from './databricks/cliService';
import { LanguageServerHost } from './languageServer';
import { Log } from './log';
import { OperationRunner } from './operations';
import { readSettings } from './settings';
import { StatusBar } from './views/statusBar';

export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  auth: AuthStore;
  bundles: BundleWorkspace;
  cli: CliService;
  operations: OperationRunner;
  server: LanguageServerHost;
  statusBar: StatusBar;
  /** Problems from `bundle validate` / `deploy` on the YAML files. */
  bundleDiagnostics: vscode.DiagnosticCollection;
  /** Problems from a pipeline update, on the datasets' files. */
  runDiagnostics: vscode.DiagnosticCollection;
}

const SELECTED_TARGET_KEY = 'lakeflow.selectedTarget';

/** The active bundle, or a user-facing error when the workspace has none. */
export async function requireBundle(s: Services): Promise<LoadedBundle> {
  await s.bundles.ready();
  const bundle = s.bundles.active();
  if (!bundle) throw new Error('No Databricks bundle (databricks.yml) in this workspace.');
  return bundle;
}

export function currentTarget(s: Services, bundle: LoadedBundle | undefined): BundleTarget | undefined {
  if (!bundle) return undefined;
  return chooseTarget(bundle.targets, readSettings().target, s.context.workspaceState.get<string>(SELECTED_TARGET_KEY));
}

export async function rememberTarget(s: Services, name: string): Promise<void> {
  await s.context.workspaceState.update(SELECTED_TARGET_KEY, name);
  s.statusBar.showTarget(name);
}

/** Deploy, run and destroy execute workspace-controlled code and settings: only in trusted workspaces. */
export function requireTrust(action: string): void {
  if (!vscode.workspace.isTrusted) throw new Error(`${action} is disabled in an untrusted workspace (Workspace Trust).`);
}
