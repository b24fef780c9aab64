// The real CLI runs the repository's pipeline on the workspace stand-in, and
// the extension's run monitor follows the update as Run Pipeline does: from a
// neutral working directory, events read through `databricks api get` with
// their details, paged. The expectation counts reach the same lens text a
// local run produces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliCommands, parseUpdateUrl, RunMode } from '../../client/src/databricks/cliCommand';
import { expectationCounts } from '../../client/src/databricks/pipelineUpdate';
import { followUpdate } from '../../client/src/databricks/runMonitor';
import { parseDatabricksConfig } from '../../client/src/databricks/databricksConfig';
import { neutralDirectory, outsideBundleEnvironment, workspaceAccess } from '../../client/src/databricks/workspaceAccess';
import { describeLocalEvent, expectationLensText, latestRunQuality } from '../../client/src/local/localEvents';
import { ContractWorkspace, openWorkspace } from './contractHarness';
import { flowProgress, STAND_IN_TOKEN } from './workspaceStandIn';

const PIPELINE = 'iot_lakehouse';

async function deployed(): Promise<ContractWorkspace> {
  const ws = await openWorkspace('repository');
  await ws.run(cliCommands.deployBundle({ target: 'dev' }));
  return ws;
}

/** `bundle run --no-wait` through the extension's command builder; the update as the extension parses it. */
async function startRun(ws: ContractWorkspace, mode: RunMode): Promise<{ url: string; pipelineId: string; updateId: string }> {
  const started = await ws.run(cliCommands.runPipeline({ target: 'dev' }, PIPELINE, mode));
  const update = parseUpdateUrl(`${started.stdout}\n${started.stderr}`);
  assert.ok(update, `no update URL in the CLI's output:\n${started.stdout}\n${started.stderr}`);
  return update;
}

/** How Run Pipeline reaches the workspace after `bundle run`: outside the bundle, the host of the update URL. */
function outside(ws: ContractWorkspace, updateUrl: string) {
  const access = workspaceAccess({ kind: 'none' }, { host: new URL(updateUrl).origin, profiles: [] });
  const env = outsideBundleEnvironment({ ...ws.env, DATABRICKS_HOST: undefined }, access);
  return {
    access,
    run: (cmd: Parameters<ContractWorkspace['run']>[0], signal?: AbortSignal) => ws.run(cmd, { cwd: neutralDirectory(), env, signal }),
  };
}

test('run: a workspace update is followed to COMPLETED with flow progress, row counts and every expectation count from the events details', async () => {
  const ws = await deployed();
  try {
    ws.standIn.nextUpdate = {
      states: ['WAITING_FOR_RESOURCES', 'RUNNING', 'COMPLETED'],
      events: [
        flowProgress('stg_iot_events', 9_850, [
          { name: 'valid_device_id', passed: 9_850, failed: 150 },
          { name: 'valid_reading', passed: 9_800, failed: 50 },
        ]),
        flowProgress('stg_devices', 120, [{ name: 'valid_device', passed: 120, failed: 0 }]),
        flowProgress('fct_iot_events', 9_800),
      ],
    };
    ws.standIn.pageCap = 2; // several pages per poll: the monitor must follow next_page_token
    const update = await startRun(ws, { kind: 'update' });
    const { access, run } = outside(ws, update.url);
    const lines: string[] = [];
    const followed = await followUpdate(run, {
      ...update,
      profile: access.profile,
      pollIntervalMs: 10,
      wait: (ms) => new Promise((r) => setTimeout(r, ms)),
      onEvent: (e) => lines.push(describeLocalEvent(e)),
    });
    assert.equal(followed.state, 'COMPLETED');
    assert.deepEqual(expectationCounts(followed.events), [
      { dataset: 'stg_iot_events', name: 'valid_device_id', passed: 9_850, failed: 150 },
      { dataset: 'stg_iot_events', name: 'valid_reading', passed: 9_800, failed: 50 },
      { dataset: 'stg_devices', name: 'valid_device', passed: 120, failed: 0 },
    ]);
    assert.ok(
      lines.includes(
        '[INFO] flow_progress stg_iot_events COMPLETED 9850 rows · valid_device_id 9,850/10,000 passed (150 failed) · valid_reading 9,800/9,850 passed (50 failed)',
      ),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => l.startsWith('[INFO] flow_progress fct_iot_events COMPLETED 9800 rows')));
    // The same lens text as after a local run.
    const quality = latestRunQuality(followed.events);
    assert.equal(
      expectationLensText(quality, 'stg_iot_events', 'valid_device_id', 'drop', 'workspace run'),
      '✓ 98.5% passed (9,850 / 10,000) · DROP ROW dropped 150',
    );
    assert.equal(expectationLensText(quality, 'stg_devices', 'valid_device', 'fail', 'workspace run'), '✓ 100.0% passed (120 / 120)');
    // What the real CLI sent: the query of the events API decoded intact, later pages by token alone.
    const eventCalls = ws.standIn.calls('GET', /^\/api\/2\.0\/pipelines\/[^/]+\/events$/);
    assert.ok(eventCalls.length >= 3, `${eventCalls.length} events requests`);
    const first = eventCalls[0].query;
    assert.equal(first.get('max_results'), '100');
    assert.match(first.get('filter') ?? '', /^timestamp >= '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z'$/);
    const paged = eventCalls.filter((c) => c.query.has('page_token'));
    assert.ok(paged.length > 0, 'no page_token request');
    assert.ok(
      paged.every((c) => !c.query.has('filter')),
      'a page token travels alone',
    );
    const unauthenticated = ws.standIn.requests.filter((r) => r.authorization !== `Bearer ${ws.env.DATABRICKS_TOKEN}`).map((r) => r.path);
    assert.deepEqual([...new Set(unauthenticated)], ['/.well-known/databricks-config'], 'only host discovery goes without the token');
    assert.deepEqual(
      ws.standIn.unknown.map((r) => `${r.method} ${r.path}`),
      [],
    );
  } finally {
    await ws.close();
  }
});

test('run: --refresh, --full-refresh, --full-refresh-all and --validate-only reach the workspace as the update request', async () => {
  const ws = await deployed();
  try {
    const cases: [RunMode, Record<string, unknown>][] = [
      [{ kind: 'refresh', tables: ['stg_devices', 'dim_devices'] }, { refresh_selection: ['stg_devices', 'dim_devices'] }],
      [{ kind: 'fullRefresh', tables: ['stg_devices'] }, { full_refresh_selection: ['stg_devices'] }],
      [{ kind: 'fullRefreshAll' }, { full_refresh: true }],
      [{ kind: 'validateOnly' }, { validate_only: true }],
      [{ kind: 'update' }, {}],
    ];
    for (const [mode, expected] of cases) {
      const before = ws.standIn.calls('POST', /\/updates$/).length;
      await startRun(ws, mode);
      const posts = ws.standIn.calls('POST', /^\/api\/2\.0\/pipelines\/[^/]+\/updates$/);
      assert.equal(posts.length, before + 1);
      const body = posts.at(-1)?.body as Record<string, unknown>;
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(body[k], v, `${mode.kind}: ${k} in ${JSON.stringify(body)}`);
      if (mode.kind === 'update') assert.ok(!body.full_refresh && !body.refresh_selection && !body.validate_only, JSON.stringify(body));
    }
  } finally {
    await ws.close();
  }
});

test('cancel: stopping a running update through the CLI ends it as CANCELED', async () => {
  const ws = await deployed();
  try {
    ws.standIn.nextUpdate = { states: ['RUNNING'], events: [] };
    const update = await startRun(ws, { kind: 'update' });
    const { access, run } = outside(ws, update.url);
    const controller = new AbortController();
    let polls = 0;
    const following = followUpdate((cmd) => run(cmd, controller.signal), {
      ...update,
      profile: access.profile,
      pollIntervalMs: 10,
      onState: () => ++polls >= 2 && controller.abort(),
      wait: (ms) => new Promise((resolve, reject) => (controller.signal.aborted ? reject(new Error('aborted')) : setTimeout(resolve, ms))),
    });
    await assert.rejects(following, /aborted|cancelled/);
    await run(cliCommands.stopPipeline(update.pipelineId, access.profile));
    assert.equal(ws.standIn.calls('POST', /\/stop$/).length, 1);
    const after = await run(cliCommands.getUpdate(update.pipelineId, update.updateId, access.profile));
    assert.equal(JSON.parse(after.stdout).update.state, 'CANCELED');
  } finally {
    await ws.close();
  }
});

test('hygiene: from a neutral folder the run is followed even when a bundle YAML file is broken', async () => {
  const ws = await deployed();
  try {
    const update = await startRun(ws, { kind: 'update' });
    writeFileSync(join(ws.bundleRoot, 'resources', 'jobs.yml'), 'resources: [unclosed\n');
    const { access, run } = outside(ws, update.url);
    const followed = await followUpdate(run, {
      ...update,
      profile: access.profile,
      pollIntervalMs: 10,
      wait: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    assert.equal(followed.state, 'COMPLETED');
    // Inside the bundle folder the same command loads the bundle first, and fails on the broken file.
    await assert.rejects(ws.run(cliCommands.getUpdate(update.pipelineId, update.updateId)), /failed to load .*jobs\.yml: yaml/);
  } finally {
    await ws.close();
  }
});

test('profiles: with credentials in ~/.databrickscfg only, the update is followed from a neutral folder with the profile of its host', async () => {
  const ws = await openWorkspace('repository');
  try {
    const config = `${ws.home}/.databrickscfg`;
    writeFileSync(
      config,
      `[DEFAULT]\nhost = ${ws.standIn.url}\ntoken = ${STAND_IN_TOKEN}\n\n[elsewhere]\nhost = https://other.cloud.databricks.com\ntoken = dapiOTHER000000\n`,
    );
    // No host or token in the environment: the CLI finds the credentials itself, as for most users.
    const env = { PATH: process.env.PATH, HOME: ws.home };
    await ws.run(cliCommands.deployBundle({ target: 'dev' }), { env });
    const started = await ws.run(cliCommands.runPipeline({ target: 'dev' }, PIPELINE, { kind: 'update' }), { env });
    const update = parseUpdateUrl(started.stderr) ?? assert.fail(started.stderr);
    const access = workspaceAccess(
      { kind: 'none' },
      { host: new URL(update.url).origin, profiles: parseDatabricksConfig(readFileSync(config, 'utf8')) },
    );
    assert.deepEqual(access, { profile: 'DEFAULT' }, 'the one profile of the update host');
    const run = (cmd: Parameters<ContractWorkspace['run']>[0]) =>
      ws.run(cmd, { cwd: neutralDirectory(), env: outsideBundleEnvironment(env, access) });
    const followed = await followUpdate(run, {
      ...update,
      profile: access.profile,
      pollIntervalMs: 10,
      wait: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    assert.equal(followed.state, 'COMPLETED');
    const polls = ws.standIn.calls('GET', /\/updates\/[^/]+$/);
    assert.ok(
      polls.length >= 2 && polls.every((r) => r.authorization === `Bearer ${STAND_IN_TOKEN}`),
      "the profile's token reached the workspace",
    );
  } finally {
    await ws.close();
  }
});
