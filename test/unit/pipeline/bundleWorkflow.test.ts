// The bundle's CI/CD workflow (bundle/.github/workflows/): the triggers map to the right
// targets, every job installs the Databricks CLI with the official action, and the
// workspace credentials come only from repository secrets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot, listFilesRecursively } from './repoFiles';
import { allStrings, isMap, listAt, loadYaml, mapAt, YamlMap } from './yamlFiles';

const workflowFiles = listFilesRecursively(join(findRepoRoot(), 'bundle', '.github', 'workflows')).filter((f) => /\.ya?ml$/.test(f));
const workflows = workflowFiles.map(loadYaml);
const triggers = (): YamlMap[] => workflows.map((w) => mapAt(w.value, 'on'));
const jobs = (): YamlMap[] => workflows.flatMap((w) => Object.values(mapAt(w.value, 'jobs')).map((j) => mapAt(j)));

/** Steps of every job, flattened. */
const steps = (): YamlMap[] => jobs().flatMap((j) => listAt(j, 'steps').map((s) => mapAt(s)));

describe('bundle CI/CD workflow', () => {
  test('the workflow files parse', () => {
    assert.ok(workflows.length > 0, 'no workflow under bundle/.github/workflows/');
    for (const w of workflows) assert.deepEqual(w.errors, [], `YAML errors in ${w.path}`);
  });

  test('it triggers on pull requests to main, pushes to develop and main, v* tags and manual dispatch with a target choice', () => {
    const on = triggers();
    assert.ok(on.some((t) => listAt(t, 'pull_request', 'branches').includes('main')));
    const pushBranches = on.flatMap((t) => listAt(t, 'push', 'branches'));
    assert.ok(pushBranches.includes('develop') && pushBranches.includes('main'));
    assert.ok(on.some((t) => listAt(t, 'push', 'tags').includes('v*')));
    const input = on.map((t) => mapAt(t, 'workflow_dispatch', 'inputs', 'target')).find((i) => Object.keys(i).length > 0);
    assert.ok(input, 'workflow_dispatch needs a target input');
    assert.equal(input.type, 'choice');
    assert.deepEqual(listAt(input, 'options'), ['dev', 'staging', 'prod']);
  });

  test('pull requests only validate; everything else deploys', () => {
    const runs = (cond: (j: YamlMap) => boolean) =>
      jobs()
        .filter(cond)
        .flatMap((j) => listAt(j, 'steps').map((s) => String(mapAt(s).run ?? '')))
        .join('\n');
    const prJobs = (j: YamlMap) => String(j.if ?? '').includes("github.event_name == 'pull_request'");
    assert.match(runs(prJobs), /databricks bundle validate/);
    assert.doesNotMatch(runs(prJobs), /bundle deploy/);
    assert.match(
      runs((j) => !prJobs(j)),
      /databricks bundle deploy -t "\$TARGET"/,
    );
  });

  test('every job installs the CLI with databricks/setup-cli@main', () => {
    for (const job of jobs()) assert.ok(listAt(job, 'steps').some((s) => mapAt(s).uses === 'databricks/setup-cli@main'));
  });

  test('credentials come only from the DATABRICKS_HOST and DATABRICKS_TOKEN secrets', () => {
    for (const w of workflows) {
      const env = mapAt(w.value, 'env');
      assert.equal(env.DATABRICKS_HOST, '${{ secrets.DATABRICKS_HOST }}');
      assert.equal(env.DATABRICKS_TOKEN, '${{ secrets.DATABRICKS_TOKEN }}');
      // No token, host URL or other credential written into the file itself.
      assert.doesNotMatch(w.text, /dapi[0-9a-f]{16,}/i);
      assert.doesNotMatch(w.text, /https?:\/\/[\w.-]*(databricks|azuredatabricks)\.(com|net)/i);
      for (const s of allStrings(w.value))
        assert.doesNotMatch(s, /--token|DATABRICKS_(TOKEN|HOST)\s*=/, `inline credential in ${JSON.stringify(s)}`);
      const credentialKeys = [...w.text.matchAll(/^\s*(DATABRICKS_\w+|BUNDLE_VAR_\w*token\w*):\s*(.*)$/gim)];
      for (const [, key, value] of credentialKeys) assert.match(value, /^\$\{\{ secrets\.\w+ \}\}$/, `${key} must come from a secret`);
    }
  });

  test('the target chooser maps each event to its target', () => {
    const chooser = steps().find((s) => s.id === 'target');
    assert.ok(chooser && typeof chooser.run === 'string', 'no step with id "target"');
    const out = mkdtempSync(join(tmpdir(), 'bundle-ci-'));
    try {
      const choose = (event: string, ref: string, input = '') => {
        const file = join(out, `${event}-${ref.replace(/\W/g, '_')}`);
        execFileSync('bash', ['-eo', 'pipefail', '-c', chooser.run as string], {
          env: { PATH: process.env.PATH ?? '', EVENT: event, REF: ref, INPUT_TARGET: input, GITHUB_OUTPUT: file },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        return readFileSync(file, 'utf8').trim();
      };
      assert.equal(choose('push', 'refs/heads/develop'), 'name=dev');
      assert.equal(choose('push', 'refs/heads/main'), 'name=staging');
      assert.equal(choose('push', 'refs/tags/v1.2.0'), 'name=prod');
      assert.equal(choose('workflow_dispatch', 'refs/heads/feature', 'staging'), 'name=staging');
      assert.throws(() => choose('push', 'refs/heads/feature'), /no deployment for push on refs\/heads\/feature/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // The step reads its inputs from env, never by expanding expressions into the script.
    assert.ok(isMap(chooser.env));
    assert.doesNotMatch(chooser.run, /\$\{\{/);
  });
});
