// Records what the real Databricks CLI prints for each command the e2e stand-in
// `databricks` (test/e2e/standIn/databricks) answers, by running the pinned CLI
// on the e2e fixture bundle against the workspace stand-in. Values that differ
// per run (the stand-in's URL, ids, times) are replaced by fixed ones, so the
// recordings are stable and the contract test can check they are still what
// the CLI prints. `node out/test/contract/standInRecordings.js` rewrites
// test/e2e/standIn/recordings.json.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliCommand, cliCommands, parseUpdateUrl, toArgv } from '../../client/src/databricks/cliCommand';
import { CliError } from '../../client/src/databricks/cliRunner';
import { authTokenCommand } from '../../client/src/databricks/oauthToken';
import { neutralDirectory } from '../../client/src/databricks/workspaceAccess';
import { ContractWorkspace, openWorkspace, repoRoot } from './contractHarness';
import { flowProgress } from './workspaceStandIn';

export const RECORDINGS_FILE = join(repoRoot, 'test', 'e2e', 'standIn', 'recordings.json');

export const FIXED = {
  host: 'https://standin.cloud.databricks.com',
  pipelineId: 'a1b2c3d4-0000-4000-8000-00000000e2e1',
  updateId: 'e5f6a7b8-0000-4000-8000-00000000e2e2',
  olderUpdateId: 'e5f6a7b8-0000-4000-8000-00000000e2e0',
};

export interface Recording {
  /** The command as the user would type it (the fixed ids in place). */
  command: string;
  /** Files added to the e2e fixture bundle for this recording, relative to it. */
  files?: Record<string, string>;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A second declaration of the fixture's pipeline: the real CLI names both places. */
export const DUPLICATE_PIPELINE_FILE = 'resources/duplicate_pipeline.yml';
const DUPLICATE_PIPELINE = 'resources:\n  pipelines:\n    fixture_pipeline:\n      name: fixture_pipeline_again\n';

async function capture(
  ws: ContractWorkspace,
  cmd: CliCommand,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  try {
    const r = await ws.run(cmd, options);
    return { exitCode: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { exitCode: e.exitCode ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs every recorded command on a fresh workspace stand-in; returns the normalised recordings by name. */
export async function recordStandInOutputs(): Promise<Record<string, Recording>> {
  const ws = await openWorkspace('repository');
  const fixture = join(ws.home, '..', 'e2e-fixture');
  cpSync(join(repoRoot, 'test', 'e2e', 'fixtures', 'bundle'), fixture, { recursive: true });
  const config = join(fixture, 'databricks.yml');
  writeFileSync(config, readFileSync(config, 'utf8').replaceAll(FIXED.host, ws.standIn.url));
  const ids = new Map<string, string>();
  const normalise = (text: string): string => {
    let out = text.replaceAll(ws.standIn.url, FIXED.host).replaceAll(fixture, '<bundle root>').replaceAll(ws.cli, 'databricks');
    for (const [real, fixed] of ids) out = out.replaceAll(real, fixed);
    return out;
  };
  const recordings: Record<string, Recording> = {};
  const record = async (
    name: string,
    cmd: CliCommand,
    options: { cwd?: string; env?: NodeJS.ProcessEnv; files?: Record<string, string> } = {},
  ): Promise<void> => {
    const r = await capture(ws, cmd, { cwd: options.cwd ?? fixture, env: options.env });
    recordings[name] = {
      command: normalise(`databricks ${toArgv(cmd).join(' ')}`),
      ...(options.files ? { files: options.files } : {}),
      exitCode: r.exitCode,
      stdout: normalise(r.stdout),
      stderr: normalise(r.stderr),
    };
  };
  try {
    await record('version', cliCommands.version());
    await record('validate', cliCommands.validateBundle({ target: 'dev' }));
    writeFileSync(join(fixture, DUPLICATE_PIPELINE_FILE), DUPLICATE_PIPELINE);
    await record('validateErrors', cliCommands.validateBundle({ target: 'dev' }), {
      files: { [DUPLICATE_PIPELINE_FILE]: DUPLICATE_PIPELINE },
    });
    cpSync(join(repoRoot, 'test', 'e2e', 'fixtures', 'bundle', 'resources'), join(fixture, 'resources'), { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.rmSync(join(fixture, DUPLICATE_PIPELINE_FILE)));
    await record('authFailure', cliCommands.validateBundle({ target: 'dev' }), { env: { PATH: process.env.PATH, HOME: ws.home } });
    await record('deploy', cliCommands.deployBundle({ target: 'dev' }));
    // An older update first, so the events page holds another update's events too.
    ws.standIn.nextUpdate = { states: ['FAILED'], events: [] };
    const older = parseUpdateUrl(
      (await ws.run(cliCommands.runPipeline({ target: 'dev' }, 'fixture_pipeline', { kind: 'update' }), { cwd: fixture })).stderr,
    );
    ws.standIn.nextUpdate = {
      states: ['RUNNING', 'COMPLETED'],
      events: [flowProgress('fixture_readings', 98, [{ name: 'valid_value', passed: 98, failed: 2 }]), flowProgress('fixture_summary', 7)],
    };
    const started = await capture(ws, cliCommands.runPipeline({ target: 'dev' }, 'fixture_pipeline', { kind: 'update' }), { cwd: fixture });
    const update = parseUpdateUrl(started.stderr);
    if (!older || !update) throw new Error(`bundle run printed no update URL: ${started.stderr}`);
    ids.set(update.pipelineId, FIXED.pipelineId).set(update.updateId, FIXED.updateId).set(older.updateId, FIXED.olderUpdateId);
    // Event messages name an update by its first six characters, as the workspace does.
    ids
      .set(`Update ${update.updateId.slice(0, 6)} `, `Update ${FIXED.updateId.slice(0, 6)} `)
      .set(`Update ${older.updateId.slice(0, 6)} `, `Update ${FIXED.olderUpdateId.slice(0, 6)} `);
    recordings.run = {
      command: normalise(
        `databricks ${toArgv(cliCommands.runPipeline({ target: 'dev' }, 'fixture_pipeline', { kind: 'update' })).join(' ')}`,
      ),
      exitCode: 0,
      stdout: normalise(started.stdout),
      stderr: normalise(started.stderr),
    };
    const outside = { cwd: neutralDirectory() };
    await record('getUpdateRunning', cliCommands.getUpdate(update.pipelineId, update.updateId), outside);
    await record('getUpdateCompleted', cliCommands.getUpdate(update.pipelineId, update.updateId), outside);
    await record('events', cliCommands.pipelineEvents(update.pipelineId, { maxResults: 100 }), outside);
    await record('stop', cliCommands.stopPipeline(update.pipelineId), outside);
    await record('destroy', cliCommands.destroyBundle({ target: 'dev' }));
    mkdirSync(join(ws.home, '.databricks'), { recursive: true });
    writeFileSync(join(ws.home, '.databrickscfg'), `[standin]\nhost = ${ws.standIn.url}\nauth_type = databricks-cli\n`);
    const expired = { access_token: 'eyJ.expired', token_type: 'Bearer', refresh_token: 'refresh-1', expiry: '2020-01-01T00:00:00Z' };
    writeFileSync(join(ws.home, '.databricks', 'token-cache.json'), JSON.stringify({ version: 1, tokens: { standin: expired } }));
    await record('authToken', authTokenCommand('standin'), {
      cwd: ws.home,
      env: { PATH: process.env.PATH, HOME: ws.home, DATABRICKS_AUTH_STORAGE: 'plaintext' },
    });
    return recordings;
  } finally {
    await ws.close();
  }
}

/** Timestamps and expiry times change every run; the comparison ignores their values. */
export function withoutTimes(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, '<time>')
    .replace(/"creation_time": \d+/g, '"creation_time": <time>');
}

if (require.main === module) {
  void recordStandInOutputs().then(
    (recordings) => {
      const note =
        'Output of the real Databricks CLI (scripts/databricks-cli.mjs pins the version) for the e2e stand-in test/e2e/standIn/databricks, recorded by test/contract/standInRecordings.ts against the workspace stand-in; regenerate with `node out/test/contract/standInRecordings.js`.';
      writeFileSync(RECORDINGS_FILE, `${JSON.stringify({ $comment: note, recordings }, null, 2)}\n`);
      console.log(`wrote ${Object.keys(recordings).length} recordings to ${RECORDINGS_FILE}`);
    },
    (e: Error) => {
      console.error(e.stack ?? e.message);
      process.exitCode = 1;
    },
  );
}
