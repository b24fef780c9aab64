import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectionRange } from '../../../server/src/language/features/selectionRanges';
import { fixture, textAt } from './featureFixture';

test('selection grows from a column through its expression, select item, query and statement', () => {
  const f = fixture({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT upper(na|me) AS n, 1 AS one FROM src;' });
  const steps: string[] = [];
  for (let r: ReturnType<typeof selectionRange> | undefined = selectionRange(f.doc, f.cursor); r; r = r.parent)
    steps.push(textAt(f, { file: f.doc.file, range: r.range }));
  assert.equal(steps[0], 'name');
  assert.ok(steps.includes('upper(name)'), steps.join(' | '));
  assert.ok(steps.includes('upper(name) AS n'), steps.join(' | '));
  assert.ok(steps.includes('SELECT upper(name) AS n, 1 AS one FROM src'), steps.join(' | '));
  assert.match(steps[steps.length - 1], /^CREATE MATERIALIZED VIEW a AS .*src;?$/);
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i].includes(steps[i - 1]) && steps[i] !== steps[i - 1], `step ${i} grows`);
});
