import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completion } from '../../../server/src/language/features/completion';
import type { CatalogProvider, CatalogState } from '../../../server/src/language/model/catalogProvider';
import { fixture, FixtureOptions, LAYERS } from './featureFixture';

/** Completion at the cursor offers every `includes` label and none of `excludes`. */
function check(files: Record<string, string>, includes: string[], excludes: string[] = [], options?: FixtureOptions): string[] {
  const f = fixture(files, options);
  const labels = completion(f.ctx, f.doc, f.cursor).items.map((i) => i.label);
  for (const l of includes) assert.ok(labels.includes(l), `missing ${l} in ${labels.slice(0, 40).join(', ')}`);
  for (const l of excludes) assert.ok(!labels.includes(l), `unexpected ${l}`);
  return labels;
}

/** A catalog provider with a fixed cache: what a warm Unity Catalog cache answers synchronously. */
function cachedCatalog(): CatalogProvider & { asked: string[] } {
  const asked: string[] = [];
  const state: CatalogState = { kind: 'connected', host: 'https://example', message: 'connected' };
  const fresh = <T>(value: T) => ({ value, fresh: true });
  const table = {
    name: 'sites',
    catalogName: 'reference',
    schemaName: 'plants',
    fullName: 'reference.plants.sites',
    tableType: 'MANAGED',
    columns: [{ name: 'site_id', typeText: 'string', typeName: 'STRING', position: 0, nullable: false }],
  };
  return {
    asked,
    state,
    onDidChangeState: () => ({ dispose() {} }),
    listCatalogs: async () => (asked.push('catalogs'), undefined),
    listSchemas: async (c) => (asked.push(`schemas ${c}`), undefined),
    listTables: async (c, s) => (asked.push(`tables ${c}.${s}`), undefined),
    getTable: async (n) => (asked.push(`table ${n}`), undefined),
    peekCatalogs: () => fresh([{ name: 'main' }, { name: 'reference' }]),
    peekSchemas: (c) =>
      c === 'reference' ? fresh([{ name: 'plants', catalogName: 'reference', fullName: 'reference.plants' }]) : undefined,
    peekTables: (c, s) => (c === 'reference' && s === 'plants' ? fresh([table]) : undefined),
    peekTable: (n) => (n.toLowerCase() === 'reference.plants.sites' ? fresh(table) : undefined),
  };
}

describe('completion', () => {
  test('in a pipe step: the columns of the step before it, as each step changes them', () => {
    const a = { '/p/a.sql': "CREATE MATERIALIZED VIEW a (id INT, v DOUBLE, k STRING) AS SELECT 1 AS id, 2.0 AS v, 'x' AS k;" };
    check({ ...a, '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS FROM a |> EXTEND v * 2 AS dbl |> WHERE |' }, ['id', 'v', 'k', 'dbl']);
    check(
      { ...a, '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS FROM a |> AGGREGATE sum(v) AS s GROUP BY id |> SELECT |' },
      ['id', 's'],
      ['v', 'k'],
    );
    check({ ...a, '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS FROM a |> DROP k |> SELECT id, |' }, ['id', 'v'], ['k']);
    check({ ...a, '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS FROM a |> SELECT | |> WHERE id > 0' }, ['id', 'v', 'k']);
  });

  test('after FROM: the pipeline datasets, with kind and layer', () => {
    const f = fixture({ ...LAYERS, '/p/gold/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT * FROM |' });
    const items = completion(f.ctx, f.doc, f.cursor).items;
    const raw = items.find((i) => i.label === 'raw_events');
    assert.equal(raw?.detail, 'streaming table · bronze');
    assert.ok(items.some((i) => i.label === 'clean_events'));
    assert.ok(!items.some((i) => i.label === 'sum'), 'no functions after FROM');
  });

  test('after JOIN and inside STREAM(', () => {
    check({ ...LAYERS, '/p/gold/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT * FROM clean_events c JOIN |' }, [
      'raw_events',
      'device_totals',
    ]);
    check({ ...LAYERS, '/p/gold/x.sql': 'CREATE STREAMING TABLE x AS SELECT * FROM STREAM(|' }, ['raw_events']);
  });

  test('Unity Catalog: catalogs, then schemas, then tables as dots are typed', () => {
    const options = { catalog: cachedCatalog() };
    check({ '/p/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT * FROM |' }, ['main', 'reference'], [], options);
    check({ '/p/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT * FROM reference.|' }, ['plants'], ['main'], options);
    check({ '/p/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT * FROM reference.plants.|' }, ['sites'], ['plants'], options);
  });

  test('a missing listing is asked for and the list marked incomplete', () => {
    const catalog = cachedCatalog();
    const f = fixture({ '/p/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT * FROM samples.|' }, { catalog });
    const list = completion(f.ctx, f.doc, f.cursor);
    assert.equal(list.isIncomplete, true);
    assert.deepEqual(catalog.asked, ['schemas samples']);
  });

  test('in the select list: columns of exactly the tables in scope, then functions', () => {
    const labels = check(
      { ...LAYERS, '/p/gold/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT | FROM clean_events' },
      ['doubled', 'device_id', 'sum', 'coalesce'],
      ['total', 'reading'],
    );
    assert.ok(labels.indexOf('doubled') < labels.indexOf('sum'));
  });

  test('alias. narrows to that table, with CTEs and joins resolved', () => {
    const text =
      'CREATE MATERIALIZED VIEW x AS WITH w AS (SELECT device_id AS dev, 1 AS one FROM clean_events) SELECT t.| FROM device_totals t JOIN w ON w.dev = t.device_id';
    check({ ...LAYERS, '/p/gold/x.sql': text }, ['device_id', 'total'], ['dev', 'one', 'doubled', 'sum']);
    check({ ...LAYERS, '/p/gold/x.sql': text.replace('t.|', 'w.|') }, ['dev', 'one'], ['total']);
  });

  test('a subquery offers its output as the model computes it: SELECT * expanded, aliases kept', () => {
    check(
      {
        ...LAYERS,
        '/p/gold/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT t.| FROM (SELECT *, doubled * 2 AS quadrupled FROM clean_events) t',
      },
      ['doubled', 'device_id', 'quadrupled'],
      ['total', 'sum'],
    );
  });

  test('inside PIVOT (...) the source columns; after it, the pivot output named as Spark names it', () => {
    const pivot =
      "CREATE MATERIALIZED VIEW x AS SELECT | FROM clean_events PIVOT (sum(doubled) AS s, max(doubled) AS m FOR device_id IN ('d1' AS first, 'd2')) p";
    check({ ...LAYERS, '/p/gold/x.sql': pivot }, ['event_id', 'ts', 'first_s', 'first_m', 'd2_s', 'd2_m'], ['doubled', 'device_id']);
    check(
      { ...LAYERS, '/p/gold/x.sql': pivot.replace('SELECT |', 'SELECT *').replace('sum(doubled)', 'sum(|)') },
      ['doubled', 'device_id', 'ts'],
      ['first_s'],
    );
    const unpivot = 'CREATE MATERIALIZED VIEW y AS SELECT u.| FROM device_totals UNPIVOT (val FOR metric IN (total)) u';
    check({ ...LAYERS, '/p/gold/y.sql': unpivot }, ['device_id', 'metric', 'val'], ['total']);
  });

  test('inside TBLPROPERTIES (...) the pipeline and Delta table properties, bare or within the quotes being typed', () => {
    const header = 'CREATE OR REFRESH STREAMING TABLE t\nTBLPROPERTIES (|)\nAS SELECT * FROM STREAM(raw_events);';
    check(
      { ...LAYERS, '/p/gold/t.sql': header },
      ['pipelines.reset.allowed', 'pipelines.autoOptimize.managed', 'delta.enableChangeDataFeed'],
      ['SELECT', 'event_id'],
    );
    check({ ...LAYERS, '/p/gold/t.sql': header.replace('(|)', "('quality' = 'gold', |)") }, ['pipelines.reset.allowed']);
    const f = fixture({ ...LAYERS, '/p/gold/t.sql': header.replace('(|)', "('pipe|')") });
    const items = completion(f.ctx, f.doc, f.cursor).items;
    const reset = items.find((i) => i.label === 'pipelines.reset.allowed');
    assert.ok(reset, items.map((i) => i.label).join());
    assert.equal(reset.textEdit?.newText, 'pipelines.reset.allowed');
    assert.deepEqual(reset.textEdit?.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 20 } });
    check({ ...LAYERS, '/p/gold/t.sql': header.replace('(|)', "('quality' = 'go|ld')") }, [], ['pipelines.reset.allowed']);
  });

  test('WHERE, ON and GROUP BY see the same scope; a catalog table brings its columns', () => {
    check({ ...LAYERS, '/p/gold/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT 1 FROM clean_events WHERE | ' }, ['ts', 'doubled']);
    check(
      { ...LAYERS, '/p/gold/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT 1 FROM clean_events c JOIN device_totals d ON d.|' },
      ['total'],
      ['ts'],
    );
    check({ '/p/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT s.| FROM reference.plants.sites s' }, ['site_id'], [], {
      catalog: cachedCatalog(),
    });
  });

  test('expectation expressions see the dataset output columns', () => {
    check(
      { ...LAYERS, '/p/gold/x.sql': 'CREATE MATERIALIZED VIEW x (CONSTRAINT ok EXPECT (|)) AS SELECT device_id, total FROM device_totals' },
      ['device_id', 'total'],
    );
  });

  test('read_files option names after a comma in the call', () => {
    check(
      { '/p/x.sql': "CREATE STREAMING TABLE x AS SELECT * FROM STREAM read_files('/a', |" },
      ['format', 'schemaHints', 'inferColumnTypes'],
      ['sum'],
    );
  });

  test('${ offers the configuration keys', () => {
    const f = fixture(
      { '/p/x.sql': "CREATE STREAMING TABLE x AS SELECT * FROM STREAM read_files('${|" },
      { pipeline: { configuration: new Map([['source_root', '/Volumes/x']]) } },
    );
    const items = completion(f.ctx, f.doc, f.cursor).items;
    assert.deepEqual(
      items.map((i) => [i.label, i.textEdit?.newText]),
      [['source_root', 'source_root}']],
    );
  });

  test('clause keywords after a CREATE header', () => {
    check({ '/p/x.sql': 'CREATE OR REFRESH STREAMING TABLE x\n|' }, ['CONSTRAINT', 'COMMENT', 'TBLPROPERTIES', 'AS'], ['sum']);
    check({ '/p/x.sql': "CREATE OR REFRESH MATERIALIZED VIEW x COMMENT 'c'\n|\nAS SELECT 1 AS a" }, ['TBLPROPERTIES', 'AS']);
  });

  test('half-typed statements still complete', () => {
    check({ ...LAYERS, '/p/gold/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT c.dev| FROM clean_events c WHERE' }, ['device_id']);
    check(
      {
        ...LAYERS,
        '/p/gold/x.sql':
          'CREATE MATERIALIZED VIEW x AS SELECT c.device_id, | FROM clean_events c\nCREATE MATERIALIZED VIEW y AS SELECT 1 AS b',
      },
      ['doubled'],
    );
  });

  test('nothing inside a comment or a string', () => {
    check({ '/p/x.sql': "-- FROM |\nCREATE MATERIALIZED VIEW x AS SELECT 'a |' AS b" }, [], ['sum', 'x']);
  });
});
