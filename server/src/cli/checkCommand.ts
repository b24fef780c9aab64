// `lakeflow check [PATH...] [--bundle FILE] [--target T] [--format text|json|sarif]`:
// analyses the pipeline(s) and prints diagnostics; exits 1 when any is an error.
import { relative, resolve } from 'node:path';
import { bundleDiagnostics } from '../language/features/diagnostics/configDiagnostics';
import { Diagnostic, sortDiagnostics } from '../language/features/diagnostics/diagnostic';
import { workspaceDiagnostics } from '../language/features/diagnostics/fileDiagnostics';
import { pipelineReport, PipelineReport, reportDiagnostics } from '../language/features/pipelineReport';
import { oneOf, parseArgs } from './cliArgs';
import { formatJson, formatSarif, formatText } from './checkFormats';
import { CommandHelp, TOOL_VERSION } from './help';
import { CliIo } from './io';
import type { Subcommand } from './main';
import { LoadedWorkspace, loadWorkspace } from './pipelineLoader';

const FORMATS = ['text', 'json', 'sarif'] as const;

/** One report over every pipeline of the workspace, file names relative to `base`. */
export function workspaceReport(ws: LoadedWorkspace, onInternalError?: (check: string, file: string, e: unknown) => void): PipelineReport {
  const display = (f: string) => relative(ws.base, f).replace(/\\/g, '/') || f;
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = ws.bundle ? bundleDiagnostics(ws.bundle) : [];
  const reports = ws.pipelines.map(({ index }) => {
    const own = workspaceDiagnostics(index, { onInternalError });
    diagnostics.push(...own);
    return pipelineReport(index, [], display);
  });
  const unique = sortDiagnostics(diagnostics).filter((d) => {
    const key = JSON.stringify([d.file, d.range, d.code, d.message]);
    return !seen.has(key) && (seen.add(key), true);
  });
  return {
    datasets: reports.flatMap((r) => r.datasets),
    edges: reports.flatMap((r) => r.edges),
    flows: reports.flatMap((r) => r.flows),
    diagnostics: reportDiagnostics(unique, display),
  };
}

export const checkHelp: CommandHelp = {
  usage: 'lakeflow check [PATH...] [--bundle FILE] [--target T] [--format text|json|sarif]',
  description:
    'Analyses the pipeline SQL (files or folders; default: the current folder) and the bundle, prints every diagnostic and exits 1 when any is an error. Codes are explained in docs/diagnostics.md.',
  options: [
    {
      flag: '--bundle FILE',
      text: 'analyse the pipelines of this databricks.yml; PATHs then narrow what is reported',
      default: 'databricks.yml of a single folder given, if it has one',
    },
    { flag: '--target T', text: 'bundle target whose settings apply', default: "the bundle's default target" },
    { flag: '--format F', text: 'text, json or sarif (SARIF 2.1.0 for CI annotations)', default: 'text' },
  ],
};

export const checkCommand: Subcommand = {
  summary: 'report diagnostics of the pipeline SQL and bundle (exit 1 on errors)',
  help: checkHelp,
  async run(args: string[], io: CliIo): Promise<number> {
    const { paths, options } = parseArgs(args, ['bundle', 'format', 'target']);
    const format = oneOf(options.get('format'), FORMATS, 'text', 'format');
    const ws = loadWorkspace(io.cwd, paths, { bundle: options.get('bundle'), target: options.get('target') });
    const report = workspaceReport(ws, (check, file, e) =>
      io.err(`lakeflow check: internal error in ${check} on ${file}: ${e instanceof Error ? e.message : String(e)}\n`),
    );
    if (options.has('bundle') && paths.length > 0) {
      // With a bundle, PATHs narrow what is reported; the whole pipeline is still analysed.
      const wanted = paths.map((p) => relative(io.cwd, resolve(io.cwd, p)).replace(/\\/g, '/'));
      const inScope = (f: string) =>
        !f.endsWith('.sql') || wanted.some((w) => w === '' || f === w || f.startsWith(w.endsWith('/') ? w : w + '/'));
      report.diagnostics = report.diagnostics.filter((d) => inScope(d.file));
    }
    io.out(format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, TOOL_VERSION) : formatText(report));
    return report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};
