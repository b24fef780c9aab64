import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../../../server/src/language/features/hover';
import type { CatalogProvider } from '../../../server/src/language/model/catalogProvider';
import { fixture, LAYERS } from './featureFixture';

/** Hover at the cursor contains every expected fragment (and none of the excluded). */
function check(files: Record<string, string>, expected: string[], excluded: string[] = []): void {
  const f = fixture(files);
  const h = hover(f.ctx, f.doc, f.cursor);
  assert.ok(h, 'expected a hover');
  for (const e of expected) assert.ok(h.contents.value.includes(e), `hover lacks ${JSON.stringify(e)}:\n${h.contents.value}`);
  for (const e of excluded) assert.ok(!h.contents.value.includes(e), `hover should not hold ${JSON.stringify(e)}`);
}

describe('hover', () => {
  test('relation columns follow the model, as diagnostics see them: subquery column aliases, implicit file columns, PIVOT output', () => {
    check({ '/p/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT t.a| FROM (SELECT 1 AS x) AS t(a)' }, ['**a** · column of subquery'], ['source unknown']);
    check({ '/p/x.sql': "CREATE STREAMING TABLE x AS SELECT _rescued_data| FROM STREAM read_files('/a', format => 'json', schemaHints => 'id INT')" }, ['**_rescued_data**: `STRING`']);
    check({ '/p/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT id|, s1 FROM (SELECT 1 AS id, 2 AS seq, 3 AS v) PIVOT (sum(v) FOR seq IN (1 AS s1))' }, ['**id**'], ['source unknown']);
  });

  test('a dataset reference shows kind, layer, columns with types, expectations and neighbours', () => {
    check({ ...LAYERS, '/p/silver/clean_events.sql': LAYERS['/p/silver/clean_events.sql'].replace('FROM raw_events', 'FROM raw_|events') }, [
      '**raw_events** · streaming table · bronze',
      'Raw events',
      '| reading | DOUBLE |',
      '`valid_id`: `event_id IS NOT NULL` → drop row',
      'Downstream: [clean_events]',
    ]);
  });

  test('a dataset definition lists its upstream and downstream as links', () => {
    check({ ...LAYERS, '/p/silver/clean_events.sql': LAYERS['/p/silver/clean_events.sql'].replace('VIEW clean_events', 'VIEW clean_ev|ents') }, ['Upstream: [raw_events](file:///p/bronze/raw_events.sql#L1)', 'Downstream: [device_totals]']);
  });

  test('a flow target lists the flows that write it, with their kinds', () => {
    check(
      {
        '/p/t.sql': 'CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW live_feed AS INSERT INTO |t BY NAME SELECT * FROM STREAM(src);',
        '/p/backfill.sql': 'CREATE FLOW backfill AS INSERT INTO ONCE t BY NAME SELECT * FROM hist;\nAUTO CDC INTO t FROM STREAM(changes) KEYS (id) SEQUENCE BY ts;',
      },
      ['Flows:', '`live_feed` (append) in [t.sql](file:///p/t.sql#L2)', '`backfill` (insert once) in [backfill.sql](file:///p/backfill.sql#L1)', '`t` (auto cdc) in [backfill.sql](file:///p/backfill.sql#L2)'],
    );
  });

  test('a column computed in a pipe step shows its expression and sources', () => {
    check(
      {
        '/p/a.sql': 'CREATE MATERIALIZED VIEW a (id INT, v DOUBLE) AS SELECT 1 AS id, 2.0 AS v;',
        '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS FROM a |> WHERE id > 0 |> EXTEND v * 2 AS doubled |> DROP v;',
        '/p/c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT dou|bled FROM b;',
      },
      ['**doubled** · column of [b]', 'v * 2', '`a.v`'],
    );
  });

  test('a column shows its type, the expression that computes it and its sources to bronze', () => {
    check({ ...LAYERS, '/p/gold/device_totals.sql': LAYERS['/p/gold/device_totals.sql'].replace('sum(c.doubled)', 'sum(c.dou|bled)') }, [
      '**doubled** · column of [clean_events]',
      'reading * 2',
      '`raw_events.reading`',
    ]);
  });

  test('a dataset shows the comment block written above its statement', () => {
    check({ '/p/a.sql': '-- Daily totals per device,\n-- for the operations dashboard.\nCREATE MATERIALIZED VIEW |a AS SELECT 1 AS x;' }, ['Daily totals per device,\nfor the operations dashboard.']);
    check({ '/p/a.sql': '-- Separated by a blank line: not a doc comment.\n\nCREATE MATERIALIZED VIEW |a AS SELECT 1 AS x;' }, ['**a**'], ['Separated']);
  });

  test('a CTE shows its columns with the types it infers', () => {
    check({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS WITH w AS (SELECT CAST(1 AS BIGINT) AS id, \'x\' AS label) SELECT id FROM |w;' }, [
      '**w** · common table expression',
      '| id | BIGINT |',
      '| label |',
    ]);
  });

  test('a catalog table the workspace refused (403) says so instead of "columns unknown"', () => {
    const refused: CatalogProvider = {
      state: { kind: 'connected', host: 'https://example', message: 'connected' },
      onDidChangeState: () => ({ dispose() {} }),
      listCatalogs: async () => undefined,
      listSchemas: async () => undefined,
      listTables: async () => undefined,
      getTable: async () => undefined,
      peekCatalogs: () => undefined,
      peekSchemas: () => undefined,
      peekTables: () => undefined,
      peekTable: () => undefined,
      isRefused: (n) => n === 'secret.hr.salaries',
    };
    const f = fixture({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT * FROM secret.hr.sal|aries;' }, { catalog: refused });
    const h = hover(f.ctx, f.doc, f.cursor);
    assert.match(h?.contents.value ?? '', /refused to describe this table to your credentials \(HTTP 403\)/);
  });

  test('a pipeline parameter shows its configured value', () => {
    const f = fixture({ '/p/a.sql': "CREATE MATERIALIZED VIEW a AS SELECT * FROM read_files('${sou|rce_root}/x', format => 'json');" }, { pipeline: { configuration: new Map([['source_root', '/Volumes/main/raw']]) } });
    assert.match(hover(f.ctx, f.doc, f.cursor)!.contents.value, /Value: `\/Volumes\/main\/raw`/);
  });

  test('a function shows its signature and summary', () => {
    check({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT date_tr|unc(\'hour\', ts) AS h FROM b;' }, ['date_trunc(unit, expr)', 'Truncate']);
  });

  test('nothing on a keyword', () => {
    const f = fixture({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SEL|ECT 1 AS x;' });
    assert.equal(hover(f.ctx, f.doc, f.cursor), undefined);
  });
});
