// How the real CLI fails, and what the extension's runner and parsers make of
// it: 401 and 403 from the workspace, 5xx retried by the CLI, a workspace that
// does not answer in time, a missing binary, a version check on the real
// `version` output, and `auth token` for an OAuth profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliCommands } from '../../client/src/databricks/cliCommand';
import { looksLikeAuthFailure } from '../../client/src/databricks/cliDiagnostics';
import { CliCancelledError, CliError, runCli } from '../../client/src/databricks/cliRunner';
import { MIN_CLI_VERSION, parseCliVersion, versionProblem } from '../../client/src/databricks/cliVersion';
import { authTokenCommand, parseAccessToken } from '../../client/src/databricks/oauthToken';
import { neutralDirectory } from '../../client/src/databricks/workspaceAccess';
import { contractCli, openWorkspace } from './contractHarness';

const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => assert.fail('the command should fail'),
    (e: unknown) => e,
  );

test('401: a rejected token is a CliError the extension recognises as an authentication failure', async () => {
  const ws = await openWorkspace('repository');
  try {
    const e = await rejection(
      ws.run(cliCommands.validateBundle({ target: 'dev' }), { env: { ...ws.env, DATABRICKS_TOKEN: 'dapiWRONG0000000000' } }),
    );
    assert.ok(e instanceof CliError, String(e));
    assert.equal(e.exitCode, 1);
    assert.match(e.message, /Invalid access token/);
    assert.ok(looksLikeAuthFailure(e.stderr), e.stderr);
    assert.ok(!e.stderr.includes('dapiWRONG0000000000'), 'the CLI does not echo the token');
  } finally {
    await ws.close();
  }
});

test('403: a refused pipeline creation fails the deploy with the workspace message', async () => {
  const ws = await openWorkspace('repository');
  try {
    ws.standIn.faults.push({ method: 'POST', path: /^\/api\/2\.0\/pipelines$/, status: 403, times: 1 });
    const e = await rejection(ws.run(cliCommands.deployBundle({ target: 'dev' })));
    assert.ok(e instanceof CliError);
    assert.match(e.stderr, /does not have permission to perform this action/);
    assert.ok(looksLikeAuthFailure(e.stderr));
    assert.equal(ws.standIn.pipelines.size, 0);
  } finally {
    await ws.close();
  }
});

test('5xx: the CLI retries a 503 and the poll succeeds; a lasting 500 fails with the workspace message', async () => {
  const ws = await openWorkspace('repository');
  try {
    await ws.run(cliCommands.deployBundle({ target: 'dev' }));
    const [pipelineId] = ws.standIn.pipelines.keys();
    const started = await ws.run(cliCommands.runPipeline({ target: 'dev' }, 'iot_lakehouse', { kind: 'update' }));
    const updateId = /updates\/([0-9a-f-]+)/.exec(started.stderr)?.[1] ?? assert.fail(started.stderr);
    const updatePath = new RegExp(`/updates/${updateId}$`);
    ws.standIn.faults.push({ method: 'GET', path: updatePath, status: 503, times: 2 });
    const r = await ws.run(cliCommands.getUpdate(pipelineId, updateId), { cwd: neutralDirectory() });
    assert.equal(JSON.parse(r.stdout).update.update_id, updateId);
    assert.equal(ws.standIn.calls('GET', updatePath).length, 3, 'two 503s, then the answer');
    ws.standIn.faults.push({
      method: 'GET',
      path: updatePath,
      status: 500,
      times: 100,
      body: { error_code: 'INTERNAL_ERROR', message: 'Stand-in failure 42.' },
    });
    const e = await rejection(ws.run(cliCommands.getUpdate(pipelineId, updateId), { cwd: neutralDirectory() }));
    assert.ok(e instanceof CliError);
    assert.match(e.message, /Stand-in failure 42/);
  } finally {
    await ws.close();
  }
});

test('timeout: a workspace that does not answer ends in a cancelled command with no process left', async () => {
  const ws = await openWorkspace('repository');
  try {
    ws.standIn.faults.push({ path: /^\/api\/2\.0\/pipelines\/.+\/events$/, delayMs: 20_000, times: 1 });
    const signal = AbortSignal.timeout(1500);
    const e = await rejection(
      runCli(ws.cli, cliCommands.pipelineEvents('0f0e0d0c-0000-4000-8000-000000000001', { maxResults: 10 }), {
        cwd: neutralDirectory(),
        env: ws.env,
        signal,
        killGraceMs: 500,
      }),
    );
    assert.ok(e instanceof CliCancelledError, String(e));
    assert.ok(ws.standIn.calls('GET', /\/events$/).length > 0, 'the request reached the workspace before the timeout');
    const survivors = spawnSync('pgrep', ['-f', `${ws.cli} api get`], { encoding: 'utf8' }).stdout.trim();
    assert.equal(survivors, '', 'the CLI process is gone');
  } finally {
    await ws.close();
  }
});

test('missing binary: a clear CliError naming the path', async () => {
  const e = await rejection(
    runCli(join(neutralDirectory(), 'no-such-dir', 'databricks'), cliCommands.version(), { cwd: neutralDirectory(), env: {} }),
  );
  assert.ok(e instanceof CliError);
  assert.match(e.message, /^Databricks CLI not found at .*no-such-dir/);
});

test('version: the real `databricks version` output is read, accepted, and refused by a higher minimum', async () => {
  const r = await runCli(contractCli(), cliCommands.version(), { cwd: neutralDirectory(), env: { PATH: process.env.PATH } });
  const version = parseCliVersion(r.stdout);
  assert.ok(version, r.stdout);
  assert.equal(versionProblem(r.stdout), undefined, `accepted with the minimum ${MIN_CLI_VERSION}`);
  const [major, minor] = version.split('.').map(Number);
  assert.equal(
    versionProblem(r.stdout, `${major}.${minor + 1}.0`),
    `Databricks CLI ${version} is too old: Lakeflow needs ${major}.${minor + 1}.0 or newer.`,
  );
});

test('auth token: the access token of an OAuth profile, refreshed through the workspace token endpoint', async () => {
  const ws = await openWorkspace('repository');
  try {
    writeFileSync(join(ws.home, '.databrickscfg'), `[contract]\nhost = ${ws.standIn.url}\nauth_type = databricks-cli\n`);
    mkdirSync(join(ws.home, '.databricks'));
    const expired = {
      access_token: 'eyJ.contract-expired',
      token_type: 'Bearer',
      refresh_token: 'refresh-1',
      expiry: '2020-01-01T00:00:00Z',
    };
    writeFileSync(
      join(ws.home, '.databricks', 'token-cache.json'),
      JSON.stringify({ version: 1, tokens: { contract: expired, [ws.standIn.url]: expired } }),
    );
    const env = { PATH: process.env.PATH, HOME: ws.home, DATABRICKS_AUTH_STORAGE: 'plaintext' };
    const r = await runCli(ws.cli, authTokenCommand('contract'), { cwd: ws.home, env });
    const token = parseAccessToken(r.stdout);
    assert.equal(token?.token, 'eyJ.contract-refreshed');
    assert.ok((token?.expiresAt ?? 0) > Date.now());
    const refresh = ws.standIn.calls('POST', /^\/oidc\/v1\/token$/);
    assert.equal(refresh.length, 1);
    assert.match(String(refresh[0].body), /grant_type=refresh_token/);
  } finally {
    await ws.close();
  }
});
