// Runs a pipeline of the bundle and follows its update to the end through the
// CLI (`pipelines get-update`, and the events API through `databricks api get`,
// see databricks/runMonitor.ts): the client itself makes no HTTP call to the
// workspace. State, flow progress, row counts and expectation counts per
// dataset are reported as they arrive; afterwards errors become Problems on the
// datasets' files and the pass rates lenses, as after a local run.
import * as vscode from 'vscode';
import { LINEAGE_GRAPH_METHOD, LineageGraph } from '../../../protocol/src/lineageGraph';
import { BundlePipeline } from '../bundle/bundleConfig';
import { LoadedBundle } from '../bundle/bundleWorkspace';
import { CliCommand, cliCommands, parseUpdateUrl, RunMode } from '../databricks/cliCommand';
import { CliResult } from '../databricks/cliRunner';
import { datasetErrors, expectationCounts, ExpectationCount, PipelineEvent } from '../databricks/pipelineUpdate';
import { followUpdate } from '../databricks/runMonitor';
import { neutralDirectory, workspaceAccess } from '../databricks/workspaceAccess';
import { describeLocalEvent } from '../local/localEvents';
import { delay } from '../operations';
import { currentTarget, requireBundle, requireTrust, Services } from '../services';
import { readSettings } from '../settings';
import { ExpectationLenses } from '../views/expectationLenses';
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
  const list = typed
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
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

export async function runPipeline(s: Services, args: RunPipelineArgs = {}, lenses?: ExpectationLenses): Promise<RunPipelineResult> {
  try {
    requireTrust('Run');
    const bundle = await requireBundle(s);
    const pipeline = await choosePipeline(bundle, args.pipeline);
    if (!pipeline) return { ok: false, cancelled: true };
    const mode = await chooseMode(s, pipeline.key, args);
    if (!mode) return { ok: false, cancelled: true };
    const target = args.target
      ? (bundle.targets.find((t) => t.name === args.target) ?? { name: args.target, isDefault: false })
      : currentTarget(s, bundle);
    if (!(await confirmProduction('Run', target))) return { ok: false, cancelled: true };
    const scope = { target: target?.name, profile: await s.cli.profile() };
    return await s.operations.run(`Running ${pipeline.key}${target ? ` (${target.name})` : ''}`, async (signal, report) => {
      s.log.show();
      s.runDiagnostics.clear();
      report('starting update');
      const started = await s.cli.run(cliCommands.runPipeline(scope, pipeline.key, mode), {
        cwd: bundle.rootUri.fsPath,
        signal,
        stream: true,
      });
      const update = parseUpdateUrl(started.stdout + '\n' + started.stderr);
      if (!update) throw new Error('The CLI did not report the update URL of the run; see the output.');
      s.log.info(`following update ${update.updateId} of pipeline ${update.pipelineId}: ${update.url}`);
      // The update is followed outside the bundle folder, as the workspace `bundle run` used.
      const access = workspaceAccess(await s.auth.credentials(), {
        bundleProfile: target?.profile,
        host: urlOrigin(update.url),
        profiles: await s.auth.profiles().catch(() => []),
      });
      const inWorkspace = (cmd: CliCommand, cmdSignal?: AbortSignal): Promise<CliResult> =>
        s.cli.run(cmd, { cwd: neutralDirectory(), access, signal: cmdSignal, logOutput: false });
      try {
        const followed = await followUpdate((cmd) => inWorkspace(cmd, signal), {
          pipelineId: update.pipelineId,
          updateId: update.updateId,
          profile: access.profile,
          pollIntervalMs: readSettings().runPollIntervalSeconds * 1000,
          wait: (ms) => delay(ms, signal),
          onEvent: (e) => s.log.line(describeLocalEvent(e)),
          onState: (state) => report(state.toLowerCase().replace(/_/g, ' ')),
        });
        return await finishUpdate(s, pipeline.key, { ...update, ...followed }, () =>
          lenses?.showWorkspaceRun(bundle, followed.events, target?.name),
        );
      } catch (e) {
        if (isCancellation(e)) {
          // Cancelling the notification also stops the update in the workspace.
          s.log.info(`stopping pipeline ${update.pipelineId}`);
          await inWorkspace(cliCommands.stopPipeline(update.pipelineId, access.profile)).catch(() => undefined);
        }
        throw e;
      }
    });
  } catch (e) {
    reportFailure(s, 'Run pipeline', e);
    return { ok: false, cancelled: isCancellation(e), error: s.log.clean(e instanceof Error ? e.message : String(e)) };
  }
}

function urlOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

interface FinishedUpdate {
  pipelineId: string;
  updateId: string;
  state: string;
  events: PipelineEvent[];
}

/** What a local run shows too: expectation counts in the log, failures as Problems, fresh lenses. */
async function finishUpdate(s: Services, pipelineKey: string, u: FinishedUpdate, showLenses: () => void): Promise<RunPipelineResult> {
  const expectations = expectationCounts(u.events);
  for (const x of expectations) s.log.line(`expectation ${x.dataset}.${x.name}: ${x.passed} passed, ${x.failed} failed`);
  await showDatasetErrors(s, pipelineKey, u.events);
  showLenses();
  const ok = u.state === 'COMPLETED';
  const summary = `Pipeline ${pipelineKey}: update ${u.state.toLowerCase()}`;
  s.log.info(summary);
  if (ok) void vscode.window.showInformationMessage(`${summary}.`);
  else void vscode.window.showErrorMessage(`${summary}; see the Lakeflow output.`, 'Show Output').then((c) => c && s.log.show());
  return { ok, state: u.state, pipelineId: u.pipelineId, updateId: u.updateId, expectations };
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
