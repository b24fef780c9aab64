import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldingRanges } from '../../../server/src/language/features/foldingRanges';
import { fixture } from './featureFixture';

test('statements, CTEs, subqueries and comment blocks fold; one-line pieces do not', () => {
  const text = [
    '-- Gold: totals per device,', // 0
    '-- for the dashboard.', // 1
    'CREATE MATERIALIZED VIEW t AS', // 2
    'WITH w AS (', // 3
    '  SELECT id', // 4
    '  FROM src', // 5
    ')', // 6
    'SELECT id FROM w', // 7
    'WHERE id IN (SELECT id FROM src);', // 8
    '/* a block', // 9
    '   comment */', // 10
    'CREATE MATERIALIZED VIEW u AS SELECT 1 AS x;', // 11
  ].join('\n');
  const f = fixture({ '/p/t.sql': text });
  assert.deepEqual(foldingRanges(f.docOf('/p/t.sql')), [
    { startLine: 0, endLine: 1, kind: 'comment' },
    { startLine: 2, endLine: 8 },
    { startLine: 3, endLine: 6 },
    { startLine: 4, endLine: 5 },
    { startLine: 9, endLine: 10, kind: 'comment' },
  ]);
});
