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
    check(
      { '/p/x.sql': 'CREATE MATERIALIZED VIEW x AS SELECT t.a| FROM (SELECT 1 AS x) AS t(a)' },
      ['**a** · column of subquery'],
      ['source unknown'],
    );
    check(
      {
        '/p/x.sql':
          "CREATE STREAMING TABLE x AS SELECT _rescued_data| FROM STREAM read_files('/a', format => 'json', schemaHints => 'id INT')",
      },
      ['**_rescued_data**: `STRING`'],
    );
    check(
      {
        '/p/x.sql':
          'CREATE MATERIALIZED VIEW x AS SELECT id|, s1 FROM (SELECT 1 AS id, 2 AS seq, 3 AS v) PIVOT (sum(v) FOR seq IN (1 AS s1))',
      },
      ['**id**'],
      ['source unknown'],
    );
  });

  test('a dataset reference shows kind, layer, file, neighbours, comment, expectations, then columns with types, in that order', () => {
    const f = fixture({
      ...LAYERS,
      '/p/silver/clean_events.sql': LAYERS['/p/silver/clean_events.sql'].replace('FROM raw_events', 'FROM raw_|events'),
    });
    const text = hover(f.ctx, f.doc, f.cursor)?.contents.value ?? '';
    const order = [
      '**raw_events** · streaming table · bronze · [raw_events.sql](file:///p/bronze/raw_events.sql#L1)',
      'Upstream: —',
      'Downstream: [clean_events](file:///p/silver/clean_events.sql#L1)',
      'Raw events',
      'Expectations:',
      '`valid_id`: `event_id IS NOT NULL` → drop row',
      '| column | type |',
      '| reading | DOUBLE |',
    ];
    assert.ok(text.startsWith(order[0] + '\n'), text);
    const at = order.map((part) => text.indexOf(part));
    assert.ok(
      at.every((i) => i >= 0),
      `missing ${order[at.findIndex((i) => i < 0)]}:\n${text}`,
    );
    assert.deepEqual(
      [...at].sort((a, b) => a - b),
      at,
      `out of order:\n${text}`,
    );
  });

  test('a dataset definition lists its upstream and downstream as links', () => {
    check(
      { ...LAYERS, '/p/silver/clean_events.sql': LAYERS['/p/silver/clean_events.sql'].replace('VIEW clean_events', 'VIEW clean_ev|ents') },
      ['Upstream: [raw_events](file:///p/bronze/raw_events.sql#L1)', 'Downstream: [device_totals]'],
    );
  });

  test('a flow target lists the flows that write it, with their kinds', () => {
    check(
      {
        '/p/t.sql': 'CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW live_feed AS INSERT INTO |t BY NAME SELECT * FROM STREAM(src);',
        '/p/backfill.sql':
          'CREATE FLOW backfill AS INSERT INTO ONCE t BY NAME SELECT * FROM hist;\nAUTO CDC INTO t FROM STREAM(changes) KEYS (id) SEQUENCE BY ts;',
      },
      [
        'Flows:',
        '`live_feed` (append) in [t.sql](file:///p/t.sql#L2)',
        '`backfill` (insert once) in [backfill.sql](file:///p/backfill.sql#L1)',
        '`t` (auto cdc) in [backfill.sql](file:///p/backfill.sql#L2)',
      ],
    );
  });

  test('a column computed in a pipe step shows its expression and sources', () => {
    check(
      {
        '/p/a.sql': 'CREATE MATERIALIZED VIEW a (id INT, v DOUBLE) AS SELECT 1 AS id, 2.0 AS v;',
        '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS FROM a |> WHERE id > 0 |> EXTEND v * 2 AS doubled |> DROP v;',
        '/p/c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT dou|bled FROM b;',
      },
      ['**doubled**: `DOUBLE` · column of [b]', 'v * 2', '`a.v`'],
    );
  });

  test('at most 5 neighbours each way and 12 columns, the rest counted', () => {
    const files: Record<string, string> = {
      '/p/silver/hub.sql': `CREATE MATERIALIZED VIEW h|ub AS SELECT ${Array.from({ length: 15 }, (_, i) => `${i} AS c${i}`).join(', ')} FROM ${Array.from({ length: 7 }, (_, i) => `u${i}`).join(', ')};`,
    };
    for (let i = 0; i < 7; i++) files[`/p/bronze/u${i}.sql`] = `CREATE MATERIALIZED VIEW u${i} AS SELECT 1 AS x${i};`;
    for (let i = 0; i < 6; i++) files[`/p/gold/d${i}.sql`] = `CREATE MATERIALIZED VIEW d${i} AS SELECT * FROM hub;`;
    const f = fixture(files);
    const text = hover(f.ctx, f.doc, f.cursor)?.contents.value ?? '';
    assert.match(text, /Upstream: (\[u\d\]\([^)]*\), ){4}\[u\d\]\([^)]*\) and 2 more\n/);
    assert.match(text, /Downstream: (\[d\d\]\([^)]*\), ){4}\[d\d\]\([^)]*\) and 1 more\n/);
    assert.equal(text.match(/^\| c\d+ \| INT \|$/gm)?.length, 12);
    assert.match(text, /\| … and 3 more \| \|/);
  });

  test('a column shows its type, the expression that computes it and its sources back to bronze', () => {
    check({ ...LAYERS, '/p/gold/device_totals.sql': LAYERS['/p/gold/device_totals.sql'].replace('sum(c.doubled)', 'sum(c.dou|bled)') }, [
      '**doubled**: `DOUBLE` · column of [clean_events]',
      'reading * 2',
      "Lineage back to the inputs:\n- ← `raw_events.reading`: `DOUBLE`\n  - ← `read_files('/landing/events').reading`",
    ]);
  });

  test('column types the SQL determines: comparisons, arithmetic, CASE, casts, same-as-input functions, generators', () => {
    const f = fixture({
      '/p/a.sql': `CREATE MATERIALIZED VIEW a AS SELECT
        op = 'd' AS is_deleted, year(d) * 10000 + month(d) * 100 AS date_key, x / 2 AS half, CAST(x AS DECIMAL(10,2)) AS amount,
        coalesce(v < 20, FALSE) AS low, CASE WHEN v > 1 THEN 'hi' ELSE 'lo' END AS band, greatest(v - w, 0.5D) AS gap,
        round(v, 1) AS rounded, 2.5 * 2 AS dec
      FROM read_files('/x', format => 'json', schema => 'op STRING, d DATE, x INT, v DOUBLE, w DOUBLE');
      CREATE MATERIALIZED VIEW days AS SELECT explode(sequence(min(d), max(d), INTERVAL 1 DAY)) AS day FROM read_files('/y', format => 'json', schema => 'd DATE');`,
    });
    const types = (key: string) => Object.fromEntries(f.ctx.index.columnsOf(key).columns.map((c) => [c.name, c.type]));
    assert.deepEqual(types('a'), {
      is_deleted: 'BOOLEAN',
      date_key: 'INT',
      half: 'DOUBLE',
      amount: 'DECIMAL(10,2)',
      low: 'BOOLEAN',
      band: 'STRING',
      gap: 'DOUBLE',
      rounded: 'DOUBLE',
      dec: 'DECIMAL',
    });
    assert.deepEqual(types('days'), { day: 'DATE' });
  });

  test('a dataset shows the comment block written above its statement', () => {
    check({ '/p/a.sql': '-- Daily totals per device,\n-- for the operations dashboard.\nCREATE MATERIALIZED VIEW |a AS SELECT 1 AS x;' }, [
      'Daily totals per device,\nfor the operations dashboard.',
    ]);
    check(
      { '/p/a.sql': '-- Separated by a blank line: not a doc comment.\n\nCREATE MATERIALIZED VIEW |a AS SELECT 1 AS x;' },
      ['**a**'],
      ['Separated'],
    );
  });

  test('a CTE shows its columns with the types it infers', () => {
    check({ '/p/a.sql': "CREATE MATERIALIZED VIEW a AS WITH w AS (SELECT CAST(1 AS BIGINT) AS id, 'x' AS label) SELECT id FROM |w;" }, [
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
    const f = fixture(
      { '/p/a.sql': "CREATE MATERIALIZED VIEW a AS SELECT * FROM read_files('${sou|rce_root}/x', format => 'json');" },
      { pipeline: { configuration: new Map([['source_root', '/Volumes/main/raw']]) } },
    );
    assert.match(hover(f.ctx, f.doc, f.cursor)!.contents.value, /Value: `\/Volumes\/main\/raw`/);
  });

  test('a function shows its signature and summary', () => {
    check({ '/p/a.sql': "CREATE MATERIALIZED VIEW a AS SELECT date_tr|unc('hour', ts) AS h FROM b;" }, [
      'date_trunc(unit, expr)',
      'Truncate',
    ]);
  });

  test('nothing on a keyword', () => {
    const f = fixture({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SEL|ECT 1 AS x;' });
    assert.equal(hover(f.ctx, f.doc, f.cursor), undefined);
  });
});
