// Validate, deploy, run and authentication against the stand-in `databricks`
// CLI (test/e2e/standIn/databricks), which records its argv and environment
// and replays output shaped like the real CLI's.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { activatedApi, fixtureBundle, isAlive, readLog, setSetting, standIn, StandInCall, waitFor } from './helpers';

interface CommandResult {
  ok: boolean;
  target?: string;
  problems?: number;
  cancelled?: boolean;
  error?: string;
  state?: string;
  pipelineId?: string;
  updateId?: string;
  expectations?: { dataset: string; name: string; passed: number; failed: number }[];
}

const run = (command: string, args?: unknown): Thenable<CommandResult> => vscode.commands.executeCommand<CommandResult>(command, args);
const argvOf = (calls: StandInCall[], first: string, second: string): string[] | undefined =>
  calls.find((c) => c.argv[0] === first && c.argv[1] === second)?.argv;
const TOKEN = 'dapiSTANDIN0123456789secret';

export function register(h: Harness): void {
  h.describe('bundle commands (stand-in CLI)', () => {
    h.test('validate runs `bundle validate -o json -t dev` from the bundle root with the CLI of lakeflow.cliPath', async () => {
      await activatedApi();
      await setSetting('cliPath', standIn.executable());
      await setSetting('bundleRoot', 'test/e2e/fixtures/bundle');
      await setSetting('run.pollIntervalSeconds', 0.05);
      standIn.reset('success');
      const result = await run('lakeflow.validateBundle');
      assert.equal(result.ok, true, result.error);
      const calls = standIn.calls();
      assert.deepEqual(calls[0].argv, ['version'], 'the version is checked before the first command');
      assert.deepEqual(argvOf(calls, 'bundle', 'validate'), ['bundle', 'validate', '-o', 'json', '-t', 'dev']);
      assert.equal(calls.at(-1)?.cwd, fixtureBundle());
    });

    h.test('validation errors become one Problem per location the CLI names', async () => {
      // The recorded real CLI output is for the fixture with a second declaration of its pipeline.
      const recorded = standIn.recording('validateErrors');
      const extra = Object.entries(recorded.files ?? {}).map(([file, text]) => {
        writeFileSync(path.join(fixtureBundle(), file), text);
        return path.join(fixtureBundle(), file);
      });
      try {
        standIn.reset('validationErrors');
        const result = await run('lakeflow.validateBundle');
        assert.equal(result.ok, false);
        assert.equal(result.problems, 1, 'one error');
        for (const file of ['resources/duplicate_pipeline.yml', 'resources/fixture_pipeline.yml']) {
          const problems = vscode.languages.getDiagnostics(vscode.Uri.file(path.join(fixtureBundle(), file)));
          assert.equal(problems.length, 1, file);
          assert.equal(problems[0].severity, vscode.DiagnosticSeverity.Error);
          assert.equal(problems[0].range.start.line, 3, `${file}: the pipeline's name, line 4`);
          assert.equal(problems[0].range.start.character, 6);
          assert.match(problems[0].message, /same key: fixture_pipeline\nat resources\.pipelines\.fixture_pipeline/);
        }
      } finally {
        for (const file of extra) rmSync(file, { force: true });
      }
    });

    h.test('a clean validation clears the Problems again', async () => {
      standIn.reset('success');
      assert.equal((await run('lakeflow.validateBundle')).ok, true);
      assert.equal(
        vscode.languages.getDiagnostics(vscode.Uri.file(path.join(fixtureBundle(), 'resources/fixture_pipeline.yml'))).length,
        0,
      );
    });

    h.test('deploy with no arguments (the one-click status bar action) deploys to the dev target', async () => {
      standIn.reset('success');
      const result = await run('lakeflow.deployBundle');
      assert.equal(result.ok, true, result.error);
      assert.equal(result.target, 'dev');
      assert.deepEqual(
        standIn.commandCalls().map((c) => c.argv),
        [['bundle', 'deploy', '-t', 'dev']],
      );
    });

    h.test('run follows the update through get-update and list-pipeline-events and counts expectations', async () => {
      standIn.reset('success');
      const result = await run('lakeflow.runPipeline', { mode: 'update' });
      assert.equal(result.ok, true, result.error);
      assert.equal(result.state, 'COMPLETED');
      const calls = standIn.commandCalls();
      assert.deepEqual(argvOf(calls, 'bundle', 'run'), ['bundle', 'run', 'fixture_pipeline', '--no-wait', '-t', 'dev']);
      assert.deepEqual(argvOf(calls, 'pipelines', 'get-update'), [
        'pipelines',
        'get-update',
        result.pipelineId,
        result.updateId,
        '-o',
        'json',
      ]);
      const events = argvOf(calls, 'api', 'get');
      assert.ok(events, 'events are read through `databricks api get`, which keeps their details');
      assert.match(events[2], new RegExp(`^/api/2\\.0/pipelines/${result.pipelineId}/events\\?max_results=100&filter=timestamp`));
      const follow = calls.filter((c) => c.argv[0] === 'api' || c.argv[0] === 'pipelines');
      assert.ok(
        follow.every((c) => c.cwd === os.tmpdir()),
        'the update is followed outside the bundle folder',
      );
      assert.ok(
        follow.every((c) => c.env.DATABRICKS_HOST === 'https://standin.cloud.databricks.com'),
        "with the workspace of the run's update URL",
      );
      assert.deepEqual(result.expectations, [{ dataset: 'fixture_readings', name: 'valid_value', passed: 98, failed: 2 }]);
      const api = await activatedApi();
      const log = await waitFor(
        'the expectation summary in the log',
        () => /valid_value: 98 passed, 2 failed/.test(readLog(api)) && readLog(api),
      );
      assert.match(log, /flow_progress fixture_summary COMPLETED 7 rows/);
      assert.match(log, /valid_value 98\/100 passed \(2 failed\)/, 'each expectation on its flow_progress line, as in a local run');
      assert.doesNotMatch(log, /is FAILED/, 'events of other updates are not reported');
    });

    h.test('run modes map to the CLI flags: refresh of selected tables, validate-only, full refresh', async () => {
      const cases: [unknown, string[]][] = [
        [{ mode: 'refresh', tables: ['fixture_readings', 'fixture_summary'] }, ['--refresh', 'fixture_readings,fixture_summary']],
        [{ mode: 'validateOnly' }, ['--validate-only']],
        [{ mode: 'fullRefreshAll' }, ['--full-refresh-all']],
      ];
      for (const [args, flags] of cases) {
        standIn.reset('success');
        assert.equal((await run('lakeflow.runPipeline', args)).ok, true);
        assert.deepEqual(argvOf(standIn.commandCalls(), 'bundle', 'run'), [
          'bundle',
          'run',
          'fixture_pipeline',
          '--no-wait',
          ...flags,
          '-t',
          'dev',
        ]);
      }
    });

    h.test('an authentication failure is reported and nothing else runs', async () => {
      standIn.reset('authFailure');
      const result = await run('lakeflow.deployBundle');
      assert.equal(result.ok, false);
      assert.match(result.error ?? '', /cannot configure default credentials/);
      assert.equal(standIn.commandCalls().length, 1);
    });

    h.test('cancelling a slow run kills the CLI process tree', async () => {
      standIn.reset('slowRun');
      const pending = run('lakeflow.runPipeline', { mode: 'update' });
      const file = path.join(standIn.dir(), 'slow-run.json');
      const pids = await waitFor(
        'the slow run to start',
        () => existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { standIn: number; helper: number }),
      );
      assert.ok(isAlive(pids.standIn) && isAlive(pids.helper));
      assert.equal(await vscode.commands.executeCommand('lakeflow.cancelOperation'), true);
      const result = await pending;
      assert.equal(result.ok, false);
      assert.equal(result.cancelled, true);
      await waitFor('the stand-in and its helper to be gone', () => !isAlive(pids.standIn) && !isAlive(pids.helper), 10_000);
      assert.equal(await vscode.commands.executeCommand('lakeflow.cancelOperation'), false, 'nothing left running');
    });

    h.test('cancelling while an update runs stops the pipeline update in the workspace', async () => {
      standIn.reset('endlessUpdate');
      const pending = run('lakeflow.runPipeline', { mode: 'update' });
      await waitFor('the update to be polled twice', () => standIn.commandCalls().filter((c) => c.argv[1] === 'get-update').length >= 2);
      assert.equal(await vscode.commands.executeCommand('lakeflow.cancelOperation'), true);
      const result = await pending;
      assert.equal(result.cancelled, true);
      const stop = argvOf(standIn.commandCalls(), 'pipelines', 'stop');
      assert.deepEqual(stop, ['pipelines', 'stop', 'a1b2c3d4-0000-4000-8000-00000000e2e1', '--no-wait']);
    });

    h.test('a stored token reaches the CLI only through its environment and never the log', async () => {
      const api = await activatedApi();
      assert.equal(await vscode.commands.executeCommand('lakeflow.signIn', { host: 'standin.cloud.databricks.com', token: TOKEN }), true);
      standIn.reset('echoesToken');
      const result = await run('lakeflow.deployBundle');
      assert.equal(result.ok, true, result.error);
      const call = standIn.commandCalls()[0];
      assert.equal(call.env.DATABRICKS_TOKEN, TOKEN);
      assert.equal(call.env.DATABRICKS_HOST, 'https://standin.cloud.databricks.com');
      assert.ok(
        standIn.calls().every((c) => !c.argv.join(' ').includes(TOKEN)),
        'the token is never an argument',
      );
      const log = await waitFor(
        'the redacted debug line in the log',
        () => /Authorization: \[redacted\]/.test(readLog(api)) && readLog(api),
      );
      assert.ok(!log.includes(TOKEN), 'the token never appears in the output channel');
      await vscode.commands.executeCommand('lakeflow.signOut');
      standIn.reset('success');
      await run('lakeflow.validateBundle');
      assert.equal(standIn.commandCalls()[0].env.DATABRICKS_TOKEN, null, 'signing out removes the token');
    });

    h.test('a profile setting is passed as --profile', async () => {
      await setSetting('profile', 'standin-profile');
      try {
        standIn.reset('success');
        assert.equal((await run('lakeflow.validateBundle')).ok, true);
        assert.deepEqual(argvOf(standIn.commandCalls(), 'bundle', 'validate'), [
          'bundle',
          'validate',
          '-o',
          'json',
          '-t',
          'dev',
          '--profile',
          'standin-profile',
        ]);
      } finally {
        await setSetting('profile', undefined);
      }
    });

    h.test(
      'an OAuth (databricks auth login) profile: the language server gets an access token from `databricks auth token`, never shown',
      async () => {
        const api = await activatedApi();
        const accessToken = (JSON.parse(standIn.recording('authToken').stdout) as { access_token: string }).access_token;
        const config = path.join(standIn.dir(), 'databrickscfg');
        writeFileSync(config, '[oauth-standin]\nhost = https://standin.cloud.databricks.com\nauth_type = databricks-cli\n');
        // The test runs in the extension host: the extension, the CLI and the server read this profiles file.
        const previous = process.env.DATABRICKS_CONFIG_FILE;
        process.env.DATABRICKS_CONFIG_FILE = config;
        standIn.reset('success');
        try {
          await setSetting('profile', 'oauth-standin');
          const call = await waitFor('the `auth token` call', () =>
            standIn.commandCalls().find((c) => c.argv[0] === 'auth' && c.argv[1] === 'token'),
          );
          assert.deepEqual(call.argv, ['auth', 'token', '--profile', 'oauth-standin']);
          assert.equal(call.cwd, os.homedir(), 'run outside the workspace, so no bundle picks the host');
          const log = await waitFor(
            'the OAuth line in the log',
            () => /uses an OAuth access token of profile oauth-standin/.test(readLog(api)) && readLog(api),
          );
          assert.ok(!log.includes(accessToken), 'the access token never appears in the output channel');
          await waitFor('the server running again', () => api.serverStatus().phase === 'running');
        } finally {
          if (previous === undefined) delete process.env.DATABRICKS_CONFIG_FILE;
          else process.env.DATABRICKS_CONFIG_FILE = previous;
          await setSetting('profile', undefined);
        }
      },
    );

    h.test('a missing CLI is reported clearly', async () => {
      await setSetting('cliPath', path.join(fixtureBundle(), 'no-such-databricks'));
      try {
        const result = await run('lakeflow.validateBundle');
        assert.equal(result.ok, false);
        assert.match(result.error ?? '', /not found/);
      } finally {
        await setSetting('cliPath', standIn.executable());
      }
    });
  });
}
