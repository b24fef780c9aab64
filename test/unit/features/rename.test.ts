import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareRename, rename } from '../../../server/src/language/features/rename';
import { applyEdits, fixture } from './featureFixture';

/** Renaming at the cursor to `newName` turns the files into `expected`. */
function check(files: Record<string, string>, newName: string, expected: Record<string, string>): void {
  const f = fixture(files);
  const edit = rename(f.ctx, f.doc, f.cursor, newName);
  assert.ok(!('error' in edit), JSON.stringify(edit));
  assert.deepEqual(applyEdits(f, edit.changes), expected);
}

describe('rename', () => {
  test('a dataset is renamed in its definition, bare, LIVE. and qualified references and flow targets', () => {
    check(
      {
        '/p/a.sql': 'CREATE STREAMING TABLE |events;\nINSERT INTO events BY NAME SELECT * FROM STREAM(src);',
        '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT * FROM events e JOIN LIVE.events USING (id) JOIN main.iot.events USING (id);',
      },
      'readings',
      {
        '/p/a.sql': 'CREATE STREAMING TABLE readings;\nINSERT INTO readings BY NAME SELECT * FROM STREAM(src);',
        '/p/b.sql':
          'CREATE MATERIALIZED VIEW b AS SELECT * FROM readings e JOIN LIVE.readings USING (id) JOIN main.iot.readings USING (id);',
      },
    );
  });

  test('qualifiers naming an alias-less read follow the new name; an alias or a shadowing subquery keeps its own', () => {
    check(
      {
        '/p/a.sql': 'CREATE MATERIALIZED VIEW |events AS SELECT 1 AS id;',
        '/p/b.sql':
          'CREATE MATERIALIZED VIEW b AS SELECT events.id, events.* FROM events WHERE EXISTS (SELECT 1 FROM other.s.events WHERE events.id = 1);\nCREATE MATERIALIZED VIEW c AS SELECT events.id FROM events AS e JOIN x AS events USING (id);',
      },
      'readings',
      {
        '/p/a.sql': 'CREATE MATERIALIZED VIEW readings AS SELECT 1 AS id;',
        '/p/b.sql':
          'CREATE MATERIALIZED VIEW b AS SELECT readings.id, readings.* FROM readings WHERE EXISTS (SELECT 1 FROM other.s.events WHERE events.id = 1);\nCREATE MATERIALIZED VIEW c AS SELECT events.id FROM readings AS e JOIN x AS events USING (id);',
      },
    );
  });

  test('a CTE is renamed in its WITH clause and every read, in its statement only', () => {
    check(
      {
        '/p/a.sql':
          'CREATE MATERIALIZED VIEW a AS WITH w AS (SELECT 1 AS x) SELECT w.x FROM |w;\nCREATE MATERIALIZED VIEW b AS WITH w AS (SELECT 2 AS x) SELECT x FROM w;',
      },
      'latest',
      {
        '/p/a.sql':
          'CREATE MATERIALIZED VIEW a AS WITH latest AS (SELECT 1 AS x) SELECT latest.x FROM latest;\nCREATE MATERIALIZED VIEW b AS WITH w AS (SELECT 2 AS x) SELECT x FROM w;',
      },
    );
  });

  test('a name that needs quoting is back-quoted', () => {
    check({ '/p/a.sql': 'CREATE MATERIALIZED VIEW |a AS SELECT 1 AS x;' }, 'my table', {
      '/p/a.sql': 'CREATE MATERIALIZED VIEW `my table` AS SELECT 1 AS x;',
    });
  });

  for (const [what, text] of [
    ['a catalog table', 'CREATE MATERIALIZED VIEW a AS SELECT * FROM other.sales.|orders;'],
    ['a keyword', 'CREATE MATERIALIZED VIEW a AS SEL|ECT 1 AS x;'],
    ['a column', 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS |x;'],
  ]) {
    test(`prepareRename refuses ${what} with a reason`, () => {
      const f = fixture({ '/p/a.sql': text });
      const r = prepareRename(f.ctx, f.doc, f.cursor);
      assert.ok('error' in r && r.error.length > 10, JSON.stringify(r));
    });
  }

  test('prepareRename offers the last name part of a qualified reference', () => {
    const f = fixture({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT * FROM LIVE.|a;',
    });
    const r = prepareRename(f.ctx, f.doc, f.cursor);
    assert.deepEqual(r, { range: { start: { line: 0, character: 49 }, end: { line: 0, character: 50 } }, placeholder: 'a' });
  });
});
