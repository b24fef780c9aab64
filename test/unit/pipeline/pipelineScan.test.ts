// The test-local helpers the pipeline and bundle tests stand on: if these are wrong,
// those tests could pass for the wrong reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp } from './repoFiles';
import { scanDataset, topologicalOrder, upstreamGraph } from './pipelineScan';

test('globToRegExp: * stays in one segment, ** crosses segments, ? is one character', () => {
  const cases: [string, string, boolean][] = [
    ['resources/*.yml', 'resources/jobs.yml', true],
    ['resources/*.yml', 'resources/sub/jobs.yml', false],
    ['resources/*.yml', 'resources/jobs.yaml', false],
    ['**', 'bronze/ingest_iot_events.sql', true],
    ['**/*.sql', 'gold/facts/fct_orders.sql', true],
    ['**/*.sql', 'top.sql', true],
    ['gold/**', 'gold/facts/fct_orders.sql', true],
    ['gold/**', 'silver/stg_orders.sql', false],
    ['v?.yml', 'v1.yml', true],
    ['v?.yml', 'v10.yml', false],
  ];
  for (const [pattern, path, expected] of cases) assert.equal(globToRegExp(pattern).test(path), expected, `${pattern} vs ${path}`);
});

test('scanDataset: header, CTEs, streaming references, read_files and strings', () => {
  const d = scanDataset(
    'silver/x.sql',
    `-- what x is for
CREATE OR REFRESH STREAMING TABLE x (
  CONSTRAINT a EXPECT (id IS NOT NULL) ON VIOLATION DROP ROW,
  CONSTRAINT b EXPECT (note <> 'FROM fake') ,
  CONSTRAINT c EXPECT (f(1) > 0) ON VIOLATION FAIL UPDATE
)
COMMENT 'It''s x'
AS WITH recent AS (SELECT id FROM STREAM(src_a)), other AS (SELECT id FROM src_b /* FROM hidden */)
SELECT r.id FROM recent r JOIN other o ON o.id = r.id
UNION ALL SELECT id FROM STREAM read_files('\${root}/a/', format => 'json')`,
  );
  assert.equal(d.name, 'x');
  assert.equal(d.kind, 'streaming table');
  assert.equal(d.comment, "It''s x");
  assert.deepEqual(d.expectations.map((e) => [e.name, e.action]), [['a', 'drop'], ['b', 'warn'], ['c', 'fail']]);
  assert.equal(d.expectations[1].expression, "note <> 'FROM fake'");
  assert.deepEqual(d.cteNames, ['recent', 'other']);
  assert.deepEqual(d.references, [
    { name: 'src_a', streaming: true },
    { name: 'src_b', streaming: false },
    { name: 'recent', streaming: false },
    { name: 'other', streaming: false },
  ]);
  assert.deepEqual(d.readFiles.map((r) => [r.streaming, r.path, r.options.get('format')]), [[true, '${root}/a/', 'json']]);
  assert.deepEqual(upstreamGraph([d]).get('x'), ['src_a', 'src_b']);
});

test('topologicalOrder orders dependencies first and reports the datasets on a cycle', () => {
  const acyclic = topologicalOrder(new Map([['c', ['b']], ['b', ['a']], ['a', []]]));
  assert.deepEqual(acyclic, { order: ['a', 'b', 'c'], cyclic: [] });
  const cyclic = topologicalOrder(new Map([['a', []], ['b', ['a', 'd']], ['c', ['b']], ['d', ['c']]]));
  assert.deepEqual(cyclic, { order: ['a'], cyclic: ['b', 'c', 'd'] });
});
