import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { definition, documentHighlights, references } from '../../../server/src/language/features/navigation';
import type { Location } from '../../../server/src/language/model/location';
import { Fixture, fixture, FixtureOptions, LAYERS, textAt } from './featureFixture';

const show = (f: Fixture, list: Location[]) => list.map((l) => `${l.file}:${textAt(f, l)}`).sort();

/** Definition at the cursor is exactly the marked ranges. */
function checkDefinition(files: Record<string, string>, options?: FixtureOptions): void {
  const f = fixture(files, options);
  assert.deepEqual(show(f, definition(f.ctx, f.doc, f.cursor)), show(f, f.marked));
}

/** References (with the declaration) at the cursor are exactly the marked ranges. */
function checkReferences(files: Record<string, string>): void {
  const f = fixture(files);
  const found = references(f.ctx, f.doc, f.cursor, true);
  assert.deepEqual(
    found.map((l) => `${l.file}:${l.range.start.line}:${l.range.start.character}`).sort(),
    f.marked.map((l) => `${l.file}:${l.range.start.line}:${l.range.start.character}`).sort(),
  );
}

describe('definition', () => {
  test('a bare reference goes to the defining statement in another file', () => {
    checkDefinition({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW [[a]] AS SELECT 1 AS x;',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT x FROM |a;',
    });
  });

  test('LIVE. and catalog.schema. qualified references of this pipeline resolve too', () => {
    checkDefinition({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW [[a]] AS SELECT 1 AS x;',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT x FROM LIVE.|a;',
    });
    checkDefinition({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW [[a]] AS SELECT 1 AS x;',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT x FROM main.iot.|a;',
    });
  });

  test('a table of another schema is not ours', () => {
    checkDefinition({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT x FROM other.sales.|a;',
    });
  });

  test('a column through an alias goes to the select item that defines it upstream', () => {
    checkDefinition({
      ...LAYERS,
      '/p/silver/clean_events.sql':
        'CREATE OR REFRESH MATERIALIZED VIEW clean_events\nAS SELECT event_id, device_id, [[reading * 2 AS doubled]], ts FROM raw_events;',
      '/p/gold/device_totals.sql': LAYERS['/p/gold/device_totals.sql'].replace('sum(c.doubled)', 'sum(c.doub|led)'),
    });
  });

  test('a column through a CTE goes to the CTE select item', () => {
    checkDefinition({
      ...LAYERS,
      '/p/gold/t.sql': 'CREATE MATERIALIZED VIEW t AS WITH w AS (SELECT [[device_id AS dev]] FROM clean_events) SELECT de|v FROM w;',
    });
  });

  test('a column passed through SELECT * goes to where it is computed', () => {
    checkDefinition({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT [[1 AS x]];',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT * FROM a;',
      '/p/c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT |x FROM b;',
    });
  });

  test('a CTE read goes to its name in the WITH clause', () => {
    checkDefinition({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS WITH [[recent]] AS (SELECT 1 AS x) SELECT x FROM rec|ent;' });
  });

  test('an inner WITH shadows an outer CTE of the same name', () => {
    checkDefinition({
      '/p/a.sql':
        'CREATE MATERIALIZED VIEW a AS WITH w AS (SELECT 1 AS x) SELECT * FROM (WITH [[w]] AS (SELECT 2 AS x) SELECT x FROM |w) s;',
    });
  });

  test('a CTE is not visible to the CTEs written before it: that name is a dataset', () => {
    checkDefinition({
      '/p/w.sql': 'CREATE MATERIALIZED VIEW [[w]] AS SELECT 1 AS x;',
      '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS WITH v AS (SELECT x FROM |w), w AS (SELECT x FROM v) SELECT x FROM w;',
    });
  });

  test('${key} goes to its value in the bundle YAML', () => {
    const at = { file: '/b/databricks.yml', range: { start: { line: 3, character: 20 }, end: { line: 3, character: 30 } } };
    const f = fixture(
      { '/p/a.sql': "CREATE MATERIALIZED VIEW a AS SELECT * FROM read_files('${sou|rce_root}/x');" },
      { configurationLocations: new Map([['source_root', at]]) },
    );
    assert.deepEqual(definition(f.ctx, f.doc, f.cursor), [at]);
  });
});

describe('references', () => {
  test('a dataset: its definition, every read and flow target across files', () => {
    checkReferences({
      '/p/a.sql': 'CREATE STREAMING TABLE [[|a]];\nCREATE FLOW f AS INSERT INTO [[a]] BY NAME SELECT * FROM STREAM(src);',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT * FROM [[a]] JOIN LIVE.[[a]] USING (id);',
      '/p/c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT * FROM other.sales.a;',
    });
  });

  test('from a flow target: the definition and every flow into it, whatever its form', () => {
    checkReferences({
      '/p/a.sql': 'CREATE STREAMING TABLE [[once]];\nCREATE FLOW f1 AS INSERT INTO [[|once]] BY NAME SELECT * FROM STREAM(src);',
      '/p/b.sql':
        'CREATE FLOW f2 AS INSERT INTO ONCE [[once]] BY NAME REPLACE WHERE d = 1 SELECT * FROM hist;\nAUTO CDC ONCE INTO [[once]] FROM (SELECT * FROM hist) KEYS (id) SEQUENCE BY ts;',
      '/p/c.sql': 'CREATE MATERIALIZED VIEW c AS FROM [[once]] |> WHERE id > 0;',
    });
  });

  test('datasets of one name in two schemas: each has its own references', () => {
    checkReferences({
      '/p/a.sql':
        'CREATE MATERIALIZED VIEW bronze.[[|policy]] AS SELECT 1 AS id;\nCREATE MATERIALIZED VIEW silver.policy AS SELECT id FROM [[bronze.policy]];',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW report AS SELECT id FROM silver.policy JOIN [[bronze.policy]] USING (id);',
    });
  });

  test('a CTE: its name and every read of it in the statement, not a same-named CTE elsewhere', () => {
    checkReferences({
      '/p/a.sql':
        'CREATE MATERIALIZED VIEW a AS WITH [[|w]] AS (SELECT 1 AS x), v AS (SELECT x FROM [[w]]) SELECT * FROM [[w]] JOIN v USING (x);',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS WITH w AS (SELECT 1 AS x) SELECT x FROM w;',
    });
  });

  test('a column: its select item and every downstream reference that reads it', () => {
    checkReferences({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT [[1 AS |x]], 2 AS y;',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT [[x]], y FROM a WHERE [[x]] > 0;',
      '/p/c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT t.[[x]] AS z FROM a AS t;',
      '/p/d.sql': 'CREATE MATERIALIZED VIEW d AS SELECT x FROM other_table;',
    });
  });
});

describe('document highlights', () => {
  test('a dataset: its definition is a write, reads in the same file are reads, other files are left out', () => {
    const f = fixture({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW [[|a]] AS SELECT 1 AS x;\nCREATE MATERIALIZED VIEW b AS SELECT x FROM [[a]];',
      '/p/c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT x FROM a;',
    });
    const found = documentHighlights(f.ctx, f.doc, f.cursor).map(
      (h) => `${textAt(f, { file: f.doc.file, range: h.range })}@${h.range.start.line}:${h.kind}`,
    );
    assert.deepEqual(found, ['a@0:3', 'a@1:2']);
  });
});
