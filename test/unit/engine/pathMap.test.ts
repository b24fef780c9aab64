import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isCloudPath, mapPath, parseMapping, suggestPrefix, unmappedMessage } from '../../../server/src/engine/pathMap';

describe('path mapping for a local run', () => {
  const maps = [
    { prefix: '/Volumes/main/landing/vol01', dir: '/data/vol01' },
    { prefix: '/Volumes/main/landing/vol01/cdc/', dir: '/data/cdc' },
    { prefix: 's3://bucket', dir: 'rel/s3' },
  ];
  const cases: [string, ReturnType<typeof mapPath>['kind'], string?][] = [
    ['/Volumes/main/landing/vol01/iot/', 'mapped', '/data/vol01/iot/'],
    ['/Volumes/main/landing/vol01/cdc/orders/', 'mapped', '/data/cdc/orders/'],
    ['/Volumes/main/landing/vol01', 'mapped', '/data/vol01'],
    ['/Volumes/main/landing/vol012/x', 'unmapped'],
    ['s3://bucket/raw/*.json', 'mapped', 'rel/s3/raw/*.json'],
    ['s3://bucket2/raw', 'unmapped'],
    ['abfss://c@acct.dfs.core.windows.net/raw', 'unmapped'],
    ['gs://b/raw', 'unmapped'],
    ['dbfs:/mnt/raw', 'unmapped'],
    ['/tmp/landing/orders', 'local', '/tmp/landing/orders'],
    ['landing/orders', 'local', 'landing/orders'],
  ];
  for (const [path, kind, local] of cases) {
    test(`${path} -> ${kind}${local ? ` ${local}` : ''}`, () => {
      const m = mapPath(path, maps);
      assert.equal(m.kind, kind);
      if (local) assert.equal((m as { path: string }).path, local);
    });
  }

  test('the longest prefix wins whatever the order', () => {
    const m = mapPath('/Volumes/main/landing/vol01/cdc/x', [...maps].reverse());
    assert.deepEqual(m.kind === 'mapped' && m.path, '/data/cdc/x');
  });

  test('--map values', () => {
    assert.deepEqual(parseMapping('/Volumes/a/b/c=./landing'), { prefix: '/Volumes/a/b/c', dir: './landing' });
    assert.deepEqual(parseMapping('s3://b=x=y'), { prefix: 's3://b=x', dir: 'y' });
    assert.ok('error' in parseMapping('/Volumes/a'));
    assert.ok('error' in parseMapping('=dir'));
    assert.ok('error' in parseMapping('/Volumes/a='));
  });

  test('messages name a useful prefix and both ways to map it', () => {
    assert.equal(suggestPrefix('/Volumes/c/s/v/cdc/orders/'), '/Volumes/c/s/v');
    assert.equal(suggestPrefix('s3://bucket/raw/x'), 's3://bucket');
    assert.equal(suggestPrefix('dbfs:/mnt/raw/x'), 'dbfs:/mnt');
    const m = unmappedMessage('/Volumes/c/s/v/x/');
    assert.match(m, /--map \/Volumes\/c\/s\/v=DIR/);
    assert.match(m, /lakeflow\.localRun\.pathMap/);
    assert.ok(isCloudPath('/Volumes/x') && isCloudPath('S3://b') && !isCloudPath('/tmp/x'));
  });
});
