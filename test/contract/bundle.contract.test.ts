// Validate, deploy and destroy with the real CLI: the repository's bundle is
// clean for every target and deploys what each target promises; a broken
// fixture's problems are parsed by the extension with every location and the
// detail text, at the right YAML lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isProductionTarget, parseBundleFile } from '../../client/src/bundle/bundleConfig';
import { cliCommands } from '../../client/src/databricks/cliCommand';
import { parseCliDiagnostics } from '../../client/src/databricks/cliDiagnostics';
import { CliError } from '../../client/src/databricks/cliRunner';
import { openWorkspace } from './contractHarness';
import { CURRENT_USER, Json } from './workspaceStandIn';

const TARGETS = ['dev', 'staging', 'prod'];

test('validate: the repository bundle passes the real CLI with no error, warning or recommendation for dev, staging and prod', async () => {
  const ws = await openWorkspace('repository');
  try {
    for (const target of TARGETS) {
      const r = await ws.run(cliCommands.validateBundle({ target }));
      assert.deepEqual(parseCliDiagnostics(r.stderr), [], `${target}: ${r.stderr}`);
      assert.equal(r.stderr.trim(), '', `${target} prints nothing on stderr`);
      const config = JSON.parse(r.stdout) as {
        bundle: { target: string };
        resources: { jobs: Record<string, { schedule: { pause_status?: string } }> };
        workspace: { root_path: string };
      };
      assert.equal(config.bundle.target, target);
      const [job] = Object.values(config.resources.jobs);
      assert.equal(job.schedule.pause_status, target === 'dev' ? 'PAUSED' : 'UNPAUSED', `${target}: schedule`);
      assert.equal(config.workspace.root_path, `/Workspace/Users/${CURRENT_USER}/.bundle/iot_lakehouse/${target}`);
    }
    assert.deepEqual(
      ws.standIn.unknown.map((r) => `${r.method} ${r.path}`),
      [],
    );
  } finally {
    await ws.close();
  }
});

test('validate with errors: one problem per location with the detail text, at the YAML lines the CLI names', async () => {
  const ws = await openWorkspace('fixture');
  try {
    const failed = await ws.run(cliCommands.validateBundle({ target: 'dev' })).then(
      () => assert.fail('validate should fail'),
      (e: unknown) => e as CliError,
    );
    assert.ok(failed instanceof CliError);
    assert.equal(failed.exitCode, 1);
    assert.doesNotMatch(failed.stdout + failed.stderr, /Found \d+ error/, 'no summary line in JSON mode');
    const [duplicate, ...others] = parseCliDiagnostics(failed.stderr);
    assert.deepEqual(others, []);
    assert.equal(duplicate.severity, 'error');
    assert.match(duplicate.summary, /same key: readings/);
    assert.deepEqual(duplicate.paths, ['resources.pipelines.readings']);
    assert.deepEqual(
      duplicate.locations.map((l) => l.file),
      ['resources/first.yml', 'resources/second.yml'],
    );
    for (const l of duplicate.locations) {
      const line = readFileSync(join(ws.bundleRoot, l.file), 'utf8').split('\n')[l.line - 1];
      assert.equal(
        line.slice(l.column - 1),
        'name: ' + (l.file.includes('first') ? 'readings' : 'readings_again'),
        `${l.file}:${l.line}:${l.column}`,
      );
    }
    // Without the duplicate, a target under /Workspace/Shared draws a warning whose detail follows a blank line.
    rmSync(join(ws.bundleRoot, 'resources', 'second.yml'));
    const shared = await ws.run(cliCommands.validateBundle({ target: 'shared' }));
    const [warning, ...rest] = parseCliDiagnostics(shared.stderr);
    assert.deepEqual(rest, []);
    assert.equal(warning.severity, 'warning');
    assert.match(warning.summary, /is writable by all workspace users/);
    assert.equal(warning.detail.length, 1, shared.stderr);
    assert.match(warning.detail[0], /add CAN_MANAGE for 'group_name: users'.*\/Workspace\/Users\//);
  } finally {
    await ws.close();
  }
});

function deployedFiles(files: Map<string, unknown>, target: string): string[] {
  const prefix = `/Workspace/Users/${CURRENT_USER}/.bundle/iot_lakehouse/${target}/files/`;
  return [...files.entries()]
    .filter(([p, o]) => p.startsWith(prefix) && (o as { type: string }).type === 'FILE')
    .map(([p]) => p.slice(prefix.length))
    .sort();
}

test('deploy dev, staging and prod: names, development mode, schedules, run_as and uploaded files as each target promises', async () => {
  const ws = await openWorkspace('repository');
  try {
    const targets = parseBundleFile(readFileSync(join(ws.bundleRoot, 'databricks.yml'), 'utf8'), 'databricks.yml').targets;
    assert.deepEqual(
      targets.filter(isProductionTarget).map((t) => t.name),
      ['prod'],
      'only prod asks before deploy and run',
    );
    for (const target of TARGETS) {
      const r = await ws.run(cliCommands.deployBundle({ target }));
      assert.match(r.stderr, /Deployment complete!/);
      assert.deepEqual(parseCliDiagnostics(r.stderr), [], `${target}: ${r.stderr}`);
    }
    const pipelines = [...ws.standIn.pipelines.values()].map((p) => p.spec);
    const byName = (n: string): Json | undefined => pipelines.find((p) => p.name === n);
    assert.equal(byName('[dev contract_user] iot_lakehouse')?.development, true);
    assert.equal(byName('[staging] iot_lakehouse')?.development ?? false, false);
    assert.equal(byName('iot_lakehouse')?.development ?? false, false);
    assert.equal(byName('[dev contract_user] iot_lakehouse')?.schema, 'iot_lakehouse_dev_contract_user');
    const jobs = [...ws.standIn.jobs.values()];
    const job = (n: string): Json => jobs.find((j) => j.name === n) ?? assert.fail(`no job ${n} in ${jobs.map((j) => j.name).join(', ')}`);
    assert.equal((job('[dev contract_user] iot_lakehouse_refresh').schedule as Json).pause_status, 'PAUSED');
    assert.equal((job('[staging] iot_lakehouse_refresh').schedule as Json).pause_status, 'UNPAUSED');
    const prodJob = job('iot_lakehouse_refresh');
    assert.equal((prodJob.schedule as Json).pause_status, 'UNPAUSED');
    assert.deepEqual(prodJob.run_as, { service_principal_name: '00000000-0000-4000-8000-00000000sp01' });
    for (const target of TARGETS) {
      const files = deployedFiles(ws.standIn.files, target);
      assert.ok(
        files.includes('pipelines/silver/stg_iot_events.sql') && files.includes('bundle/src/check_expectation_pass_rates.sql'),
        files.join('\n'),
      );
      assert.deepEqual(
        files.filter((f) => !/^(pipelines\/.*\.sql|bundle\/src\/.*\.sql)$/.test(f)),
        [],
        `${target} uploads only SQL the workspace runs`,
      );
    }
    assert.deepEqual(
      ws.standIn.unknown.map((r) => `${r.method} ${r.path}`),
      [],
    );
  } finally {
    await ws.close();
  }
});

test('destroy: removes the pipeline, the job and the deployed folder of the target only', async () => {
  const ws = await openWorkspace('repository');
  try {
    await ws.run(cliCommands.deployBundle({ target: 'dev' }));
    await ws.run(cliCommands.deployBundle({ target: 'staging' }));
    assert.equal(ws.standIn.pipelines.size, 2);
    const r = await ws.run(cliCommands.destroyBundle({ target: 'dev' }));
    assert.match(r.stderr, /Destroy complete!/);
    assert.deepEqual(
      [...ws.standIn.pipelines.values()].map((p) => p.spec.name),
      ['[staging] iot_lakehouse'],
    );
    assert.deepEqual(
      [...ws.standIn.jobs.values()].map((j) => j.name),
      ['[staging] iot_lakehouse_refresh'],
    );
    assert.deepEqual(deployedFiles(ws.standIn.files, 'dev'), []);
    assert.ok(deployedFiles(ws.standIn.files, 'staging').length > 20);
  } finally {
    await ws.close();
  }
});
