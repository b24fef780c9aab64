// Runs a pipeline of the bundle and follows its update to the end through the
// CLI's own JSON commands (`pipelines get-update`, `list-pipeline-events`):
// the client itself makes no HTTP call to the workspace. State, flow progress,
// expectation counts per dataset and errors (as Problems on the dataset's
// file, when the language server knows it) are reported as they arrive.
import * as vscode from 'vscode';
import { LINEAGE_GRAPH_METHOD, LineageGraph } from '../../../protocol/src/lineageGraph';
import { BundlePipeline } from '../bundle/bundleConfig';
import { LoadedBundle } from '../bundle/bundleWorkspace';
import { cliCommands, parseUpdateUrl, RunMode } from '../databricks/cliCommand';
import {
  datasetErrors,
  describeEvent,
  expectationCounts,
  ExpectationCount,
  newEvents,
  parseEvents,
  parseUpdate,
  PipelineEvent,
  TERMINAL_STATES,
} from '../databricks/pipelineUpdate';
import { delay } from '../operations';
import { currentTarget, requireBundle, requireTrust, Services } from '../services';
import { readSettings } from '../settings';
import { confirmProduction } from './bundleCommands';
import { isCancellation, reportFailure } from './failure';

export interface RunPipelineArgs {
  pipeline?: string;
  mode?: RunMode['kind'];
  tables?: string[];
  target?: string;
}

export interface RunPipelineResult {
  ok: boolean;
  state?: string;
  pipelineId?: string;
  updateId?: string;
  expectations?: ExpectationCount[];
  cancelled?: boolean;
  error?: string;
}

const MODES: { mode: RunMode['kind']; label: string; detail: string }[] = [
  { mode: 'update', label: 'Update', detail: 'Process new data (default)' },
  { mode: 'refresh', label: 'Refresh selected tables…', detail: '--refresh t1,t2' },
  { mode: 'fullRefresh', label: 'Full refresh selected tables…', detail: '--full-refresh t1,t2: recompute them from scratch' },
  { mode: 'fullRefreshAll', label: 'Full refresh all', detail: '--full-refresh-all: recompute every table from scratch' },
  { mode: 'validateOnly', label: 'Validate only', detail: '--validate-only: check the graph without processing data' },
];

async function choosePipeline(bundle: LoadedBundle, key: string | undefined): Promise<BundlePipeline | undefined> {
  if (key) {
    const found = bundle.pipelines.find((p) => p.key === key);
    if (!found) throw new Error(`The bundle has no pipeline "${key}".`);
    return found;
  }
  if (bundle.pipelines.length === 0) throw new Error('The bundle declares no pipelines.');
  if (bundle.pipelines.length === 1) return bundle.pipelines[0];
  const picked = await vscode.window.showQuickPick(
    bundle.pipelines.map((p) => ({ label: p.key, description: p.name, pipeline: p })),
    { placeHolder: 'Run which pipeline?' },
  );
  return picked?.pipeline;
}

export async function pipelineGraph(s: Services, pipeline: string): Promise<LineageGraph | undefined> {
  try {
    return await s.server.languageClient?.sendRequest<LineageGraph>(LINEAGE_GRAPH_METHOD, { pipeline });
  } catch {
    return undefined; // Older server or not indexed yet: features degrade, the run does not.
  }
}

async function chooseTables(s: Services, pipeline: string): Promise<string[] | undefined> {
  const graph = await pipelineGraph(s, pipeline);
  const tables = (graph?.nodes ?? []).filter((n) => n.kind === 'streamingTable' || n.kind === 'materializedView').map((n) => n.name);
  if (tables.length) {
    const picked = await vscode.window.showQuickPick(tables, { canPickMany: true, placeHolder: 'Tables to refresh' });
    return picked?.length ? picked : undefined;
  }
  const typed = await vscode.window.showInputBox({ prompt: 'Tables to refresh, separated by commas' });
  const list = typed?.split(',').map((t) => t.trim()).filter(Boolean);
  return list?.length ? list : undefined;
}

async function chooseMode(s: Services, pipeline: string, args: RunPipelineArgs): Promise<RunMode | undefined> {
  const kind = args.mode ?? (await vscode.window.showQuickPick(MODES, { placeHolder: `Run ${pipeline} how?` }))?.mode;
  if (!kind) return undefined;
  if (kind === 'refresh' || kind === 'fullRefresh') {
    const tables = args.tables ?? (await chooseTables(s, pipeline));
    return tables ? { kind, tables } : undefined;
  }
  return { kind };
}

export async function runPipeline(s: Services, args: RunPipelineArgs = {}): Promise<RunPipelineResult> {
  try {
    requireTrust('Run');
    const bundle = await requireBundle(s);
    const pipeline = await choosePipeline(bundle, args.pipeline);
    if (!pipeline) return { ok: false, cancelled: true };
    const mode = await chooseMode(s, pipeline.key, args);
    if (!mode) return { ok: false, cancelled: true };
    const target = args.target ? bundle.targets.find((t) => t.name === args.target) ?? { name: args.target, isDefault: false } : currentTarget(s, bundle);
    if (!(await confirmProduction('Run', target))) return { ok: false, cancelled: true };
    const profile = await s.cli.profile();
    const scope = { target: target?.name, profile };
    return await s.operations.run(`Running ${pipeline.key}${target ? ` (${target.name})` : ''}`, async (signal, report) => {
      s.log.show();
      s.runDiagnostics.clear();
      report('starting update');
      const started = await s.cli.run(cliCommands.runPipeline(scope, pipeline.key, mode), { cwd: bundle.rootUri.fsPath, signal, stream: true });
      const update = parseUpdateUrl(started.stdout + '\n' + started.stderr);
      if (!update) throw new Error('The CLI did not report the update URL of the run; see the output.');
      s.log.info(`following update ${update.updateId} of pipeline ${update.pipelineId}: ${update.url}`);
      const follow = { ...update, cwd: bundle.rootUri.fsPath, profile, signal, report };
      try {
        return await followUpdate(s, pipeline.key, follow);
      } catch (e) {
        if (isCancellation(e)) {
          // Cancelling the notification also stops the update in the workspace.
          s.log.info(`stopping pipeline ${update.pipelineId}`);
          await s.cli.run(cliCommands.stopPipeline(update.pipelineId, profile), { cwd: bundle.rootUri.fsPath }).catch(() => undefined);
        }
        throw e;
      }
    });
  } catch (e) {
    reportFailure(s, 'Run pipeline', e);
    return { ok: false, cancelled: isCancellation(e), error: s.log.clean(e instanceof Error ? e.message : String(e)) };
  }
}

interface FollowContext {
  pipelineId: string;
  updateId: string;
  cwd: string;
  profile?: string;
  signal: AbortSignal;
  report: (message: string) => void;
}

async function followUpdate(s: Services, pipelineKey: string, f: FollowContext): Promise<RunPipelineResult> {
  const seen = new Set<string>();
  const events: PipelineEvent[] = [];
  const interval = readSettings().runPollIntervalSeconds * 1000;
  let state = 'QUEUED';
  let since: string | undefined;
  for (;;) {
    const u = await s.cli.run(cliCommands.getUpdate(f.pipelineId, f.updateId, f.profile), { cwd: f.cwd, signal: f.signal, logOutput: false });
    const info = parseUpdate(u.stdout);
    state = info.state;
    since ??= info.creationTime !== undefined ? new Date(info.creationTime).toISOString() : undefined;
    const listed = await s.cli.run(cliCommands.listPipelineEvents(f.pipelineId, 100, f.profile, since), { cwd: f.cwd, signal: f.signal, logOutput: false });
    for (const e of newEvents(parseEvents(listed.stdout), f.updateId, seen)) {
      events.push(e);
      s.log.line(describeEvent(e));
      if (e.timestamp && (!since || e.timestamp > since)) since = e.timestamp;
    }
    f.report(state.toLowerCase().replace(/_/g, ' '));
    if (TERMINAL_STATES.has(state)) break;
    await delay(interval, f.signal);
  }
  const expectations = expectationCounts(events);
  for (const x of expectations) s.log.line(`expectation ${x.dataset}.${x.name}: ${x.passed} passed, ${x.failed} failed`);
  await showDatasetErrors(s, pipelineKey, events);
  const ok = state === 'COMPLETED';
  const summary = `Pipeline ${pipelineKey}: update ${state.toLowerCase()}`;
  s.log.info(summary);
  if (ok) void vscode.window.showInformationMessage(`${summary}.`);
  else void vscode.window.showErrorMessage(`${summary}; see the Lakeflow output.`, 'Show Output').then((c) => c && s.log.show());
  return { ok, state, pipelineId: f.pipelineId, updateId: f.updateId, expectations };
}

export interface LocatedError {
  dataset: string;
  message: string;
  /** The dataset's definition, when the language server knows it. */
  uri?: vscode.Uri;
  range?: vscode.Range;
}

/** Errors of the update's datasets as Problems on their definitions; returns them with their locations. */
export async function showDatasetErrors(s: Services, pipelineKey: string, events: PipelineEvent[]): Promise<LocatedError[]> {
  const errors = datasetErrors(events);
  if (errors.length === 0) return [];
  const graph = await pipelineGraph(s, pipelineKey);
  const byUri = new Map<string, vscode.Diagnostic[]>();
  const located: LocatedError[] = [];
  for (const err of errors) {
    const node = graph?.nodes.find((n) => n.name === err.dataset || n.id === err.dataset || n.id.endsWith(`.${err.dataset}`));
    if (!node?.uri) {
      located.push(err);
      continue;
    }
    const r = node.range;
    const range = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : new vscode.Range(0, 0, 0, 0);
    located.push({ ...err, uri: vscode.Uri.parse(node.uri), range });
    const d = new vscode.Diagnostic(range, `Pipeline update: ${err.message}`, vscode.DiagnosticSeverity.Error);
    d.source = 'pipeline run';
    byUri.set(node.uri, [...(byUri.get(node.uri) ?? []), d]);
  }
  for (const [uri, list] of byUri) s.runDiagnostics.set(vscode.Uri.parse(uri), list);
  return located;
}
