// The Databricks bundle in bundle/: it parses, its includes and library paths resolve to
// files a deploy would upload, every variable it uses is declared, the targets have the
// modes a team relies on, and the pipeline and job carry the settings issue 2 asks for.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { diskFiles } from '../../../server/src/files/diskFiles';
import { loadBundle } from '../../../server/src/language/model/bundleLoader';
import { findRepoRoot, isInside, listFilesRecursively, matchGlob, toPosix } from './repoFiles';
import { allStrings, isMap, listAt, loadYaml, LoadedYaml, mapAt, YamlValue } from './yamlFiles';

const root = findRepoRoot();
const bundleDir = join(root, 'bundle');
const main = loadYaml(join(bundleDir, 'databricks.yml'));
const includePatterns = listAt(main.value, 'include').filter((p): p is string => typeof p === 'string');
const included = includePatterns.flatMap((p) => matchGlob(bundleDir, p)).map(loadYaml);
const all: LoadedYaml[] = [main, ...included];
const syncRoots = listAt(main.value, 'sync', 'paths')
  .filter((p): p is string => typeof p === 'string')
  .map((p) => join(bundleDir, p));
const pipelineSql = listFilesRecursively(join(root, 'pipelines')).filter((f) => f.endsWith('.sql'));

/** A resource map (pipelines, jobs, ...) merged over all bundle files, with the file holding each. */
function resources(kind: string): Map<string, { file: LoadedYaml; value: YamlValue }> {
  const found = new Map<string, { file: LoadedYaml; value: YamlValue }>();
  for (const file of all) {
    for (const [key, value] of Object.entries(mapAt(file.value, 'resources', kind))) found.set(key, { file, value });
  }
  return found;
}

function assertSynced(path: string, what: string): void {
  assert.ok(
    syncRoots.some((r) => isInside(path, r)),
    `${what} ${toPosix(relative(root, path))} lies outside sync.paths, so a deploy would not upload it`,
  );
}

describe('bundle files', () => {
  test('databricks.yml and every included file parse without errors', () => {
    assert.ok(included.length > 0, 'include matched no files');
    for (const file of all) assert.deepEqual(file.errors, [], `YAML errors in ${file.path}`);
  });

  test('every include glob matches at least one file', () => {
    assert.deepEqual(includePatterns, ['resources/*.yml']);
    for (const pattern of includePatterns) assert.ok(matchGlob(bundleDir, pattern).length > 0, `include ${pattern} matches nothing`);
  });

  test('the bundle is named and syncs only what the workspace runs: its src/ and ../pipelines (not .github/)', () => {
    assert.match(String(mapAt(main.value, 'bundle').name ?? ''), /^\w+$/);
    assert.deepEqual(
      syncRoots.map((r) => toPosix(relative(root, r)) || '.'),
      ['bundle/src', 'pipelines'],
    );
  });

  test('every ${var.name} used anywhere is declared, and every declared variable is used', () => {
    const declared = new Set(Object.keys(mapAt(main.value, 'variables')));
    const used = new Set(all.flatMap((f) => allStrings(f.value)).flatMap((s) => [...s.matchAll(/\$\{var\.([\w-]+)\}/g)].map((m) => m[1])));
    for (const name of used) assert.ok(declared.has(name), `\${var.${name}} is used but not declared in databricks.yml`);
    for (const name of declared) assert.ok(used.has(name), `variable ${name} is declared but never used`);
    for (const name of ['catalog', 'schema', 'source_root', 'node_type_id', 'warehouse_id'])
      assert.ok(declared.has(name), `missing variable ${name}`);
  });

  test('every variable a target sets is declared at the top level', () => {
    const declared = new Set(Object.keys(mapAt(main.value, 'variables')));
    for (const [target, config] of Object.entries(mapAt(main.value, 'targets'))) {
      for (const name of Object.keys(mapAt(config, 'variables')))
        assert.ok(declared.has(name), `target ${target} sets undeclared variable ${name}`);
    }
  });

  test('every ${resources.<kind>.<key>...} reference names a defined resource', () => {
    for (const s of all.flatMap((f) => allStrings(f.value))) {
      for (const m of s.matchAll(/\$\{resources\.(\w+)\.([\w-]+)\.\w+\}/g))
        assert.ok(resources(m[1]).has(m[2]), `${m[0]} names no resource`);
    }
  });
});

describe('bundle targets', () => {
  const targets = mapAt(main.value, 'targets');

  test('dev is the only default and runs in development mode', () => {
    assert.deepEqual(Object.keys(targets).sort(), ['dev', 'prod', 'staging']);
    assert.deepEqual(
      Object.entries(targets)
        .filter(([, t]) => isMap(t) && t.default === true)
        .map(([k]) => k),
      ['dev'],
    );
    assert.equal(mapAt(targets, 'dev').mode, 'development');
  });

  test("staging and prod deploy to the deploying identity's folder (the CLI warns that /Workspace/Shared is writable by all users)", () => {
    assert.notEqual(mapAt(targets, 'staging').mode, 'development');
    for (const t of ['staging', 'prod'])
      assert.equal(
        mapAt(targets, t, 'workspace').root_path,
        '/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}',
      );
  });

  test('schedules: paused in dev (development mode), running in staging and prod', () => {
    for (const t of ['staging', 'prod']) assert.equal(mapAt(targets, t, 'presets').trigger_pause_status, 'UNPAUSED');
    for (const { value } of resources('jobs').values())
      assert.equal(mapAt(value, 'schedule').pause_status, undefined, 'an explicit pause_status would override the dev preset');
  });

  test('prod runs in production mode as a service principal', () => {
    const prod = mapAt(targets, 'prod');
    assert.equal(prod.mode, 'production');
    assert.equal(mapAt(prod, 'run_as').service_principal_name, '${var.service_principal_name}');
    assert.ok(isMap(mapAt(prod, 'variables').service_principal_name), 'prod resolves the service principal (lookup)');
  });
});

describe('bundle pipeline resource', () => {
  const pipelines = resources('pipelines');

  test('there is one triggered pipeline with catalog, schema and source_root from variables', () => {
    assert.equal(pipelines.size, 1);
    const [p] = [...pipelines.values()].map((x) => mapAt(x.value));
    assert.equal(p.catalog, '${var.catalog}');
    assert.equal(p.schema, '${var.schema}');
    assert.equal(p.target, undefined, 'schema and the legacy target exclude each other');
    assert.deepEqual(mapAt(p, 'configuration'), { source_root: '${var.source_root}' });
    assert.equal(p.continuous, false);
    assert.equal(p.channel, 'CURRENT');
    assert.equal(p.edition, 'ADVANCED');
  });

  test('compute is the cost-minimal default: classic, no Photon, one single-node spot cluster', () => {
    const [p] = [...pipelines.values()].map((x) => mapAt(x.value));
    assert.equal(p.serverless, false);
    assert.equal(p.photon, false);
    const clusters = listAt(p, 'clusters');
    assert.equal(clusters.length, 1);
    const cluster = mapAt(clusters[0]);
    assert.equal(cluster.label, 'default');
    assert.equal(cluster.node_type_id, '${var.node_type_id}');
    assert.equal(cluster.num_workers, 0);
    assert.equal(mapAt(cluster, 'spark_conf')['spark.databricks.cluster.profile'], 'singleNode');
    assert.equal(mapAt(cluster, 'aws_attributes').availability, 'SPOT_WITH_FALLBACK');
  });

  test('library paths, relative to the YAML file holding them, resolve to every pipeline SQL file inside the synced paths', () => {
    for (const { file, value } of pipelines.values()) {
      const libraries = listAt(value, 'libraries');
      assert.ok(libraries.length > 0, 'pipeline has no libraries');
      const matched = new Set<string>();
      for (const library of libraries) {
        const lib = mapAt(library);
        const pattern = mapAt(lib, 'glob').include ?? mapAt(lib, 'file').path ?? mapAt(lib, 'notebook').path;
        assert.equal(typeof pattern, 'string', `library ${JSON.stringify(library)} has no path`);
        assert.ok(!(isMap(lib.glob) && (lib.file || lib.notebook)), 'glob cannot be combined with file/notebook');
        const files = matchGlob(dirname(file.path), pattern as string).filter((f) => f.endsWith('.sql'));
        assert.ok(files.length > 0, `library ${pattern} (relative to ${toPosix(relative(root, file.path))}) matches no SQL file`);
        for (const f of files) {
          assertSynced(f, 'library file');
          matched.add(f);
        }
      }
      assert.deepEqual([...matched].sort(), [...pipelineSql].sort());
    }
  });

  test('the product bundle loader reads the same bundle without problems: same files, same pipeline, same SQL files', () => {
    const bundle = loadBundle(toPosix(join(bundleDir, 'databricks.yml')), diskFiles());
    assert.deepEqual(
      bundle.problems.map((p) => `${p.kind}: ${p.message}`),
      [],
    );
    assert.deepEqual([...bundle.yamlFiles].sort(), all.map((f) => toPosix(f.path)).sort());
    assert.deepEqual(
      bundle.pipelines.map((p) => p.key),
      [...pipelines.keys()],
    );
    assert.deepEqual([...bundle.pipelines[0].files].sort(), pipelineSql.map(toPosix).sort());
    assert.equal(bundle.target, 'dev', 'the default target');
  });
});

describe('bundle job resource', () => {
  const jobs = resources('jobs');

  test('a scheduled job refreshes the pipeline, then runs a data-quality gate from a synced SQL file', () => {
    assert.equal(jobs.size, 1);
    const [{ file, value }] = [...jobs.values()];
    assert.match(String(mapAt(value, 'schedule').quartz_cron_expression ?? ''), /\S/);
    const tasks = listAt(value, 'tasks').map((t) => mapAt(t));
    const refresh = tasks.find((t) => isMap(t.pipeline_task));
    assert.ok(refresh, 'no pipeline_task');
    const pipelineKey = [...resources('pipelines').keys()][0];
    assert.equal(mapAt(refresh, 'pipeline_task').pipeline_id, `\${resources.pipelines.${pipelineKey}.id}`);
    const gate = tasks.find((t) => isMap(t.sql_task));
    assert.ok(gate, 'no sql_task');
    assert.deepEqual(
      listAt(gate, 'depends_on').map((d) => mapAt(d).task_key),
      [refresh.task_key],
    );
    const sql = mapAt(gate, 'sql_task');
    assert.equal(sql.warehouse_id, '${var.warehouse_id}');
    const path = mapAt(sql, 'file').path;
    assert.equal(typeof path, 'string');
    const [gateFile] = matchGlob(dirname(file.path), path as string);
    assert.ok(gateFile, `sql_task file ${path} does not exist relative to ${toPosix(relative(root, file.path))}`);
    assertSynced(gateFile, 'sql_task file');
    const parameters = Object.keys(mapAt(sql, 'parameters')).sort();
    const gateSql = readFileSync(gateFile, 'utf8');
    const markers = [...new Set([...gateSql.matchAll(/(?<![:\w]):([A-Za-z_]\w*)/g)].map((m) => m[1]))].sort();
    assert.deepEqual(markers, parameters, 'parameter markers in the gate SQL and sql_task.parameters differ');
    assert.ok(parameters.includes('min_pass_rate'), 'the gate needs its threshold as a parameter');
    assert.match(gateSql, /\bevent_log\(/);
    assert.match(gateSql, /data_quality:expectations/);
    assert.match(gateSql, /\braise_error\(/);
  });
});
