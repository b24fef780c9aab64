import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localRunInvocation, unmappedPrefix } from '../../../client/src/local/localRunCommand';
import { unmappedMessage } from '../../../server/src/engine/pathMap';

const base = { cliScript: '/ext/server/out/lakeflow.js', bundleFile: '/ws/bundle/databricks.yml', cwd: '/ws', events: 0, baseEnv: {} };

describe('Run / Check Locally with lakeflow.localRun.pathMap', () => {
  test('each mapping becomes one --map argument, never a shell string', () => {
    const inv = localRunInvocation({ ...base, pathMap: { '/Volumes/main/raw/files': 'landing', 's3://bucket': '/data/s3' } });
    assert.deepEqual(inv.command.args, [
      '--bundle',
      'bundle/databricks.yml',
      '--format',
      'json',
      '--map',
      '/Volumes/main/raw/files=landing',
      '--map',
      's3://bucket=/data/s3',
    ]);
  });

  test('the dry run asks for JSON and neither simulates nor refreshes', () => {
    const inv = localRunInvocation({ ...base, events: 5000, dryRun: true, fullRefresh: true, pipeline: 'p2' });
    assert.deepEqual(inv.command.args, ['--bundle', 'bundle/databricks.yml', '--format', 'json', '--dry-run', '--pipeline', 'p2']);
    assert.equal(inv.env.ELECTRON_RUN_AS_NODE, '1');
  });

  test('the prefix to offer is read from the engine message itself', () => {
    assert.equal(unmappedPrefix(unmappedMessage('/Volumes/c/s/v/cdc/orders/')), '/Volumes/c/s/v');
    assert.equal(unmappedPrefix(`customers_raw.sql:3:1: ${unmappedMessage('s3://bucket/raw/x')}`), 's3://bucket');
    assert.equal(unmappedPrefix('Binder Error: something else'), undefined);
    assert.equal(unmappedPrefix(undefined), undefined);
  });
});
