// CLI diagnostics (`Error: ...` / `  in file:line:col`) as Problems on the
// YAML files they name, one entry per location; diagnostics without a
// position go on databricks.yml.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CliDiagnostic, diagnosticMessage } from '../databricks/cliDiagnostics';
import { LoadedBundle } from '../bundle/bundleWorkspace';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function bundleProblems(bundle: LoadedBundle, diagnostics: CliDiagnostic[]): [vscode.Uri, vscode.Diagnostic[]][] {
  const byFile = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
  const add = (uri: vscode.Uri, d: vscode.Diagnostic): void => {
    const entry = byFile.get(uri.toString()) ?? { uri, list: [] };
    entry.list.push(d);
    byFile.set(uri.toString(), entry);
  };
  for (const diag of diagnostics) {
    const message = diagnosticMessage(diag);
    const locations = diag.locations.length ? diag.locations : [undefined];
    for (const loc of locations) {
      const uri = loc ? vscode.Uri.file(path.resolve(bundle.rootUri.fsPath, loc.file)) : bundle.configUri;
      const line = loc ? Math.max(0, loc.line - 1) : 0;
      const column = loc ? Math.max(0, loc.column - 1) : 0;
      const d = new vscode.Diagnostic(new vscode.Range(line, column, line, column), message, SEVERITY[diag.severity]);
      d.source = 'databricks bundle';
      add(uri, d);
    }
  }
  return [...byFile.values()].map((e) => [e.uri, e.list]);
}
