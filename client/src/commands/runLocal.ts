// "Lakeflow: Run Pipeline Locally": the extension's bundled `lakeflow run` on
// the workspace's bundle, executed by the extension host's executable as plain
// Node, without a shell, cancellable from the progress notification (which
// kills the process tree; the engine leaves the previous local state intact).
// The event log is followed as it grows, one line per event in the output
// channel; afterwards the summary, the failures at their definitions, fresh
// pass-rate lenses and a refreshed explorer.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LoadedBundle } from '../bundle/bundleWorkspace';
import { CliError, runCli } from '../databricks/cliRunner';
import { PipelineEvent } from '../databricks/pipelineUpdate';
import { bindingMissingMessage } from '../local/bindingMissing';
import { EventLogTail } from '../local/eventLogTail';
import { describeLocalEvent, parseEventLines } from '../local/localEvents';
import { localRunFiles, localRunInvocation, LocalRunSummary, parseRunSummary, summaryLine, unmappedPrefix } from '../local/localRunCommand';
import { requireBundle, requireTrust, Services } from '../services';
import { readSettings } from '../settings';
import { ExpectationLenses, localRunFolder } from '../views/expectationLenses';
import { PipelineExplorer } from '../views/pipelineExplorer';
import { isCancellation, reportFailure } from './failure';
import { offerPathMapping } from './pathMapOffer';
import { LocatedError, showDatasetErrors } from './runPipeline';

export interface RunLocalArgs {
  pipeline?: string;
  /** Recompute every table from scratch (`--full-refresh`). */
  fullRefresh?: boolean;
  /** Run only these datasets (`--refresh`), e.g. the one being edited. */
  refresh?: string[];
  /** Overrides `lakeflow.localRun.events` for this run. */
  events?: number;
}

export interface RunLocalResult {
  ok: boolean;
  cancelled?: boolean;
  error?: string;
  summary?: LocalRunSummary;
  database?: string;
  eventLog?: string;
  /** Events streamed into the output channel during the run. */
  eventsStreamed?: number;
}

async function choosePipeline(bundle: LoadedBundle, key: string | undefined): Promise<string | undefined | null> {
  if (key || bundle.pipelines.length <= 1) return key;
  const picked = await vscode.window.showQuickPick(
    bundle.pipelines.map((p) => ({ label: p.key, description: p.name })),
    { placeHolder: 'Run which pipeline locally?' },
  );
  return picked ? picked.label : null;
}

/** `name (pipelines/silver/x.sql:3:1): message` */
function describeFailure(e: LocatedError): string {
  const where = e.uri
    ? ` (${vscode.workspace.asRelativePath(e.uri)}${e.range ? `:${e.range.start.line + 1}:${e.range.start.character + 1}` : ''})`
    : '';
  // The engine prefixes the file it ran; with the position shown that is said already.
  return `${e.dataset}${where}: ${e.uri ? e.message.replace(/^\S+\.sql: /, '') : e.message}`;
}

export async function runLocal(
  s: Services,
  explorer: PipelineExplorer,
  lenses: ExpectationLenses,
  args: RunLocalArgs = {},
): Promise<RunLocalResult> {
  try {
    requireTrust('Run Locally');
    const bundle = await requireBundle(s);
    const pipeline = await choosePipeline(bundle, args.pipeline);
    if (pipeline === null) return { ok: false, cancelled: true };
    const cliScript = s.context.asAbsolutePath('server/out/lakeflow.js');
    if (!existsSync(cliScript)) throw new Error(`this build of the extension has no local engine (${cliScript} is missing).`);
    const cwd = localRunFolder(bundle);
    const files = localRunFiles(cwd);
    const invocation = localRunInvocation({
      cliScript,
      bundleFile: bundle.configUri.fsPath,
      cwd,
      events: args.events ?? readSettings(bundle.rootUri).localRunEvents,
      fullRefresh: args.fullRefresh,
      refresh: args.refresh,
      pipeline: bundle.pipelines.length > 1 ? pipeline : undefined,
      pathMap: readSettings(bundle.rootUri).localRunPathMap,
      baseEnv: process.env,
    });
    return await s.operations.run('Running pipeline locally', async (signal, report) => {
      s.log.show();
      s.runDiagnostics.clear();
      s.log.info(`local run: lakeflow ${invocation.command.command.slice(1).concat(invocation.command.args).join(' ')} (in ${cwd})`);
      const events: PipelineEvent[] = [];
      const tail = new EventLogTail(files.eventLog, await EventLogTail.sizeOf(files.eventLog), (lines) => {
        for (const e of parseEventLines(lines.join('\n'))) {
          events.push(e);
          s.log.line(describeLocalEvent(e));
          if (e.dataset)
            report(
              `${e.dataset}: ${String((e.details.flow_progress as { status?: string } | undefined)?.status ?? e.eventType).toLowerCase()}`,
            );
        }
      });
      tail.start();
      let stdout: string;
      try {
        stdout = (
          await runCli(process.execPath, invocation.command, {
            cwd,
            env: invocation.env,
            signal,
            onLine: (line, stream) => stream === 'stderr' && s.log.line(line),
          })
        ).stdout;
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        // Exit 1 with a summary: some datasets failed, the rest is reported below.
        if (!parseRunSummary(e.stdout))
          throw new Error(bindingMissingMessage(e.stderr, process.platform, process.arch) ?? cliFailure(e), { cause: e });
        stdout = e.stdout;
      } finally {
        await tail.stop();
        lenses.refresh();
        explorer.refresh();
      }
      const summary = parseRunSummary(stdout);
      if (!summary) throw new Error('lakeflow run printed no summary; see the Lakeflow output.');
      const unmapped = summary.datasets.map((d) => unmappedPrefix(d.message)).find((p) => p !== undefined);
      if (unmapped) void offerPathMapping(unmapped, vscode.Uri.file(cwd));
      return finish(s, pipeline ?? bundle.pipelines[0]?.key, summary, events, files);
    });
  } catch (e) {
    if (!isCancellation(e)) reportFailure(s, 'Run Locally', e);
    else s.log.info('Run Locally: cancelled; the previous local state is unchanged');
    return { ok: false, cancelled: isCancellation(e), error: s.log.clean(e instanceof Error ? e.message : String(e)) };
  }
}

function cliFailure(e: CliError): string {
  const first = e.stderr.split('\n').find((l) => /^lakeflow\b/.test(l)) ?? e.stderr.trim().split('\n').at(-1);
  return first ? first.replace(/^lakeflow( run)?: /, 'lakeflow run: ') : `lakeflow run failed (exit ${e.exitCode ?? 'unknown'})`;
}

async function finish(
  s: Services,
  pipelineKey: string | undefined,
  summary: LocalRunSummary,
  events: PipelineEvent[],
  files: { database: string; eventLog: string },
): Promise<RunLocalResult> {
  const line = summaryLine(summary);
  s.log.info(`local run: ${line}; database ${files.database}`);
  const failed = summary.datasets.filter((d) => d.status === 'failed');
  const result = { summary, database: files.database, eventLog: files.eventLog, eventsStreamed: events.length };
  if (failed.length === 0) {
    void vscode.window.showInformationMessage(`Local run: ${line}.`);
    return { ok: true, ...result };
  }
  const located = pipelineKey ? await showDatasetErrors(s, pipelineKey, events) : [];
  const first = located.find((l) => failed.some((f) => f.name === l.dataset)) ?? {
    dataset: failed[0].name,
    message: failed[0].message ?? 'failed',
  };
  const message = `Local run: ${line}. ${describeFailure(first)}`;
  s.log.error(message);
  void vscode.window.showErrorMessage(message, ...(first.uri ? ['Open Definition'] : []), 'Show Output').then((choice) => {
    if (choice === 'Show Output') s.log.show();
    if (choice === 'Open Definition' && first.uri) void vscode.window.showTextDocument(first.uri, { selection: first.range });
  });
  return { ok: false, error: message, ...result };
}
