// "Lakeflow: Check Pipeline Locally": `lakeflow run --dry-run` on the bundle,
// which binds every dataset's translated query on DuckDB with no data. Its
// findings (LF6xx) go to Problems under their own source, replaced by the next
// check; nothing of the local lakehouse is touched.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CliError, runCli } from '../databricks/cliRunner';
import { localRunInvocation, unmappedPrefix } from '../local/localRunCommand';
import { requireBundle, requireTrust, Services } from '../services';
import { readSettings } from '../settings';
import { localRunFolder } from '../views/expectationLenses';
import { isCancellation, reportFailure } from './failure';
import { offerPathMapping } from './pathMapOffer';

export const LOCAL_CHECK_SOURCE = 'lakeflow (local check)';

interface DryRunDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export interface CheckLocallyResult {
  ok: boolean;
  problems: number;
  error?: string;
}

/** The dry run's report (the CLI exits 1 when it finds errors; the report is on stdout either way). */
function parseReport(stdout: string): DryRunDiagnostic[] | undefined {
  try {
    const report = JSON.parse(stdout) as { diagnostics?: DryRunDiagnostic[] };
    return Array.isArray(report.diagnostics) ? report.diagnostics : undefined;
  } catch {
    return undefined;
  }
}

export async function checkLocally(s: Services, problems: vscode.DiagnosticCollection): Promise<CheckLocallyResult> {
  try {
    requireTrust('Check Locally');
    const bundle = await requireBundle(s);
    const cliScript = s.context.asAbsolutePath('server/out/lakeflow.js');
    if (!existsSync(cliScript)) throw new Error(`this build of the extension has no local engine (${cliScript} is missing).`);
    const cwd = localRunFolder(bundle);
    const invocation = localRunInvocation({
      cliScript,
      bundleFile: bundle.configUri.fsPath,
      cwd,
      events: 0,
      dryRun: true,
      pathMap: readSettings(bundle.rootUri).localRunPathMap,
      baseEnv: process.env,
    });
    return await s.operations.run('Checking pipeline locally', async (signal) => {
      let stdout: string;
      try {
        stdout = (await runCli(process.execPath, invocation.command, { cwd, env: invocation.env, signal })).stdout;
      } catch (e) {
        if (!(e instanceof CliError) || !parseReport(e.stdout)) throw e;
        stdout = e.stdout;
      }
      const found = parseReport(stdout);
      if (!found) throw new Error('lakeflow run --dry-run printed no report; see the Lakeflow output.');
      problems.clear();
      const byFile = new Map<string, vscode.Diagnostic[]>();
      for (const d of found) {
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
          d.message,
          SEVERITY[d.severity],
        );
        diagnostic.source = LOCAL_CHECK_SOURCE;
        diagnostic.code = d.code;
        const file = path.resolve(cwd, d.file);
        byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
      }
      for (const [file, list] of byFile) problems.set(vscode.Uri.file(file), list);
      const errors = found.filter((d) => d.severity === 'error').length;
      s.log.info(`local check: ${errors} error(s), ${found.length - errors} other finding(s)`);
      const prefix = found.map((d) => unmappedPrefix(d.message)).find((p) => p !== undefined);
      if (prefix) void offerPathMapping(prefix, vscode.Uri.file(cwd));
      else if (errors === 0) void vscode.window.showInformationMessage('Check Pipeline Locally: every dataset binds on DuckDB.');
      return { ok: errors === 0, problems: found.length };
    });
  } catch (e) {
    if (!isCancellation(e)) reportFailure(s, 'Check Locally', e);
    return { ok: false, problems: 0, error: s.log.clean(e instanceof Error ? e.message : String(e)) };
  }
}
