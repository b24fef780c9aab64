// Queries: WITH, SELECT items and stars, every FROM form, joins of every kind,
// the clauses after FROM, set operations. Each row: SQL -> shape of the only statement.
import { describe, test } from 'node:test';
import { assertShape } from '../support/shape';
import { onlyStatement, parseOk } from './parseHelpers';

const sel = (select: object) => ({ kind: 'Query', body: { kind: 'Select', ...select } });
const from = (...relations: object[]) => sel({ from: { relations } });

const cases: [string, string, object][] = [
  [
    'select items with and without AS',
    'SELECT a, b AS x, c y, `d e` AS `f g`',
    sel({
      items: [
        { expr: 'a', alias: undefined },
        { expr: 'b', alias: { name: 'x' } },
        { expr: 'c', alias: { name: 'y' } },
        { expr: '`d e`', alias: { name: 'f g', quoted: true } },
      ],
    }),
  ],
  ['DISTINCT and ALL', 'SELECT DISTINCT a FROM t', sel({ quantifier: 'DISTINCT' })],
  ['SELECT ALL', 'SELECT ALL a FROM t', sel({ quantifier: 'ALL' })],
  [
    'stars',
    'SELECT *, t.*, payload.*, * EXCEPT (a, b.c), t.* EXCEPT (x) FROM t',
    sel({
      items: [
        { expr: { kind: 'Star', qualifier: undefined, except: undefined } },
        { expr: { kind: 'Star', qualifier: ['t'] } },
        { expr: { kind: 'Star', qualifier: ['payload'] } },
        { expr: { kind: 'Star', except: ['a', 'b.c'] } },
        { expr: { kind: 'Star', qualifier: ['t'], except: ['x'] } },
      ],
    }),
  ],
  ['generator aliases AS (a, b)', 'SELECT explode(m) AS (k, v) FROM t', sel({ items: [{ aliases: ['k', 'v'] }] })],
  [
    'WITH and CTE column lists',
    'WITH a AS (SELECT 1), b (x, y) AS (SELECT 1, 2) SELECT * FROM a, b',
    {
      with: {
        recursive: false,
        ctes: [
          { name: 'a', columns: undefined, query: 'SELECT 1' },
          { name: 'b', columns: ['x', 'y'], query: 'SELECT 1, 2' },
        ],
      },
      body: { from: { relations: [{ name: 'a' }, { name: 'b' }] } },
    },
  ],
  [
    'WITH RECURSIVE',
    'WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r',
    { with: { recursive: true, ctes: [{ name: 'r' }] } },
  ],
  [
    'qualified table with alias and column aliases',
    'SELECT * FROM cat.sch.t AS x (a, b)',
    from({ kind: 'TableRef', name: { parts: ['cat', 'sch', 't'] }, alias: { name: 'x', columns: ['a', 'b'] } }),
  ],
  ['implicit table alias', 'SELECT * FROM t x', from({ kind: 'TableRef', name: 't', alias: { name: 'x' } })],
  [
    'STREAM(x)',
    'SELECT * FROM STREAM(LIVE.src) s',
    from({ kind: 'TableRef', stream: true, streamSpan: { start: 14, end: 20 }, name: 'LIVE.src', alias: { name: 's' } }),
  ],
  ['STREAM x', 'SELECT * FROM STREAM src', from({ kind: 'TableRef', stream: true, name: 'src' })],
  [
    'STREAM read_files(...)',
    "SELECT * FROM STREAM read_files('/p', format => 'json')",
    from({
      kind: 'TableFunction',
      stream: true,
      call: { name: 'read_files', args: ["'/p'", { kind: 'NamedArgument', name: 'format', value: "'json'" }] },
    }),
  ],
  [
    'STREAM(read_files(...))',
    "SELECT * FROM STREAM(read_files('/p'))",
    from({ kind: 'TableFunction', stream: true, call: { name: 'read_files' } }),
  ],
  [
    'WATERMARK on a streaming source',
    'SELECT * FROM STREAM(events) AS e WATERMARK e.ts DELAY OF INTERVAL 10 MINUTES',
    from({
      kind: 'TableRef',
      stream: true,
      alias: { name: 'e' },
      watermark: { column: 'e.ts', delay: 'INTERVAL 10 MINUTES' },
    }),
  ],
  [
    'WATERMARK before the alias',
    "SELECT * FROM STREAM read_files('/x') WATERMARK ts DELAY OF INTERVAL 1 HOUR r",
    from({ kind: 'TableFunction', alias: { name: 'r' }, watermark: { column: 'ts' } }),
  ],
  ['a table named stream', 'SELECT * FROM stream', from({ kind: 'TableRef', stream: false, name: 'stream' })],
  [
    'batch read_files with alias',
    "SELECT * FROM read_files('/p', schemaHints => 'a INT') AS f",
    from({ kind: 'TableFunction', stream: false, alias: { name: 'f' } }),
  ],
  [
    'table-valued function with positional args',
    'SELECT * FROM range(0, 10) r (id)',
    from({ kind: 'TableFunction', call: { args: ['0', '10'] }, alias: { name: 'r', columns: ['id'] } }),
  ],
  [
    'subquery in FROM',
    'SELECT * FROM (SELECT a FROM t) AS s',
    from({ kind: 'SubqueryRelation', lateral: false, query: 'SELECT a FROM t', alias: { name: 's' } }),
  ],
  [
    'LATERAL subquery',
    'SELECT * FROM t, LATERAL (SELECT t.a) l',
    from({ kind: 'TableRef' }, { kind: 'SubqueryRelation', lateral: true, alias: { name: 'l' } }),
  ],
  [
    'VALUES in FROM',
    "SELECT * FROM VALUES (1, 'a'), (2, 'b') AS v(n, s)",
    from({
      kind: 'ValuesRelation',
      rows: [
        ['1', "'a'"],
        ['2', "'b'"],
      ],
      alias: { name: 'v', columns: ['n', 's'] },
    }),
  ],
  [
    'Delta time travel by version and by timestamp, before the alias',
    "SELECT * FROM t VERSION AS OF 3 JOIN u TIMESTAMP AS OF '2024-01-01' AS x ON true",
    from({
      kind: 'Join',
      left: { kind: 'TableRef', name: 't', timeTravel: { by: 'VERSION', value: '3' }, alias: undefined },
      right: { kind: 'TableRef', name: 'u', timeTravel: { by: 'TIMESTAMP', value: "'2024-01-01'" }, alias: { name: 'x' } },
    }),
  ],
  [
    'Delta time travel with @',
    'SELECT * FROM cat.s.t@v12 AS a JOIN u@20240101000000000 ON true',
    from({
      kind: 'Join',
      left: { kind: 'TableRef', name: 'cat.s.t', timeTravel: { by: 'VERSION', value: '12' }, alias: { name: 'a' } },
      right: { kind: 'TableRef', name: 'u', timeTravel: { by: 'TIMESTAMP', value: '20240101000000000' } },
    }),
  ],
  [
    'TABLESAMPLE with percent, rows, buckets and REPEATABLE',
    'SELECT * FROM a TABLESAMPLE (10 PERCENT) REPEATABLE (7) x, b TABLESAMPLE (5 ROWS), c TABLESAMPLE (BUCKET 1 OUT OF 4)',
    from(
      { kind: 'TableRef', name: 'a', sample: { args: ['10'], repeatable: '7' }, alias: { name: 'x' } },
      { kind: 'TableRef', name: 'b', sample: { args: ['5'] } },
      { kind: 'TableRef', name: 'c', sample: { args: ['1', '4'], bucket: true } },
    ),
  ],
  [
    'PIVOT with aliased aggregates and values',
    "SELECT * FROM (SELECT d, k, v FROM t) PIVOT (avg(v) AS a, max(v) FOR k IN ('x' AS kx, 'y')) AS p",
    from({
      kind: 'PivotRelation',
      unpivot: false,
      source: { kind: 'SubqueryRelation' },
      values: [{ expr: 'avg(v)', alias: { name: 'a' } }, { expr: 'max(v)' }],
      forColumns: 'k',
      in: [{ expr: "'x'", alias: { name: 'kx' } }, { expr: "'y'" }],
      alias: { name: 'p' },
    }),
  ],
  [
    'PIVOT over several columns',
    "SELECT * FROM t PIVOT (sum(v) FOR (k, j) IN (('a', 1) AS a1))",
    from({
      kind: 'PivotRelation',
      forColumns: { kind: 'Tuple', items: ['k', 'j'] },
      in: [{ expr: { kind: 'Tuple' }, alias: { name: 'a1' } }],
    }),
  ],
  [
    'UNPIVOT with INCLUDE NULLS and the multi-value form',
    'SELECT * FROM w UNPIVOT INCLUDE NULLS (v FOR m IN (a AS x, b)) u JOIN w2 UNPIVOT ((v1, v2) FOR m IN ((a, b) AS ab)) ON true',
    from({
      kind: 'Join',
      left: {
        kind: 'PivotRelation',
        unpivot: true,
        nulls: 'INCLUDE',
        values: [{ expr: 'v' }],
        forColumns: 'm',
        in: [{ expr: 'a', alias: { name: 'x' } }, { expr: 'b' }],
        alias: { name: 'u' },
      },
      right: { kind: 'PivotRelation', unpivot: true, values: [{ expr: { kind: 'Tuple' } }], in: [{ alias: { name: 'ab' } }] },
    }),
  ],
  [
    'parenthesised join',
    'SELECT * FROM (a JOIN b ON a.id = b.id) j',
    from({ kind: 'ParenRelation', relation: { kind: 'Join' }, alias: { name: 'j' } }),
  ],
  [
    'LATERAL VIEW [OUTER]',
    'SELECT * FROM t LATERAL VIEW explode(arr) e AS x LATERAL VIEW OUTER posexplode(m) p AS i, v',
    sel({
      from: {
        relations: [{ name: 't' }],
        lateralViews: [
          { outer: false, call: 'explode(arr)', tableAlias: 'e', columnAliases: ['x'] },
          { outer: true, call: { name: 'posexplode' }, tableAlias: 'p', columnAliases: ['i', 'v'] },
        ],
      },
    }),
  ],
  [
    'joins of every kind',
    'SELECT * FROM a JOIN b ON a.x = b.x INNER JOIN c USING (x) LEFT JOIN d ON true LEFT OUTER JOIN e ON true RIGHT JOIN f ON true RIGHT OUTER JOIN g ON true FULL JOIN h ON true FULL OUTER JOIN i ON true CROSS JOIN j SEMI JOIN k ON true ANTI JOIN l ON true LEFT SEMI JOIN m ON true LEFT ANTI JOIN n ON true NATURAL JOIN o',
    (() => {
      const types = [
        ['INNER', 'b'],
        ['INNER', 'c'],
        ['LEFT', 'd'],
        ['LEFT', 'e'],
        ['RIGHT', 'f'],
        ['RIGHT', 'g'],
        ['FULL', 'h'],
        ['FULL', 'i'],
        ['CROSS', 'j'],
        ['SEMI', 'k'],
        ['ANTI', 'l'],
        ['LEFT SEMI', 'm'],
        ['LEFT ANTI', 'n'],
        ['INNER', 'o'],
      ];
      let rel: object = { kind: 'TableRef', name: 'a' };
      types.forEach(([joinType, right], i) => {
        rel = { kind: 'Join', joinType, natural: i === types.length - 1, left: rel, right: { name: right } };
      });
      return from(rel);
    })(),
  ],
  [
    'join conditions',
    'SELECT * FROM a LEFT JOIN b ON a.id = b.id AND b.ok WHERE c',
    sel({ from: { relations: [{ kind: 'Join', on: 'a.id = b.id AND b.ok', right: { alias: undefined } }] }, where: { condition: 'c' } }),
  ],
  ['USING columns', 'SELECT * FROM a JOIN b USING (id, region)', from({ kind: 'Join', using: ['id', 'region'] })],
  [
    'WHERE, GROUP BY, HAVING, QUALIFY, WINDOW',
    'SELECT a, count(*) FROM t WHERE b > 1 GROUP BY a HAVING count(*) > 1 QUALIFY rank() OVER w = 1 WINDOW w AS (PARTITION BY a ORDER BY b)',
    sel({
      where: { kind: 'WhereClause', condition: 'b > 1' },
      groupBy: { all: false, items: ['a'] },
      having: { kind: 'HavingClause', condition: 'count(*) > 1' },
      qualify: { kind: 'QualifyClause', condition: 'rank() OVER w = 1' },
      window: { windows: [{ name: 'w', spec: { partitionBy: ['a'], orderBy: [{ expr: 'b' }] } }] },
    }),
  ],
  ['GROUP BY ALL', 'SELECT a, sum(b) FROM t GROUP BY ALL', sel({ groupBy: { all: true, items: [] } })],
  [
    'GROUP BY ROLLUP / CUBE / GROUPING SETS',
    'SELECT 1 FROM t GROUP BY ROLLUP (a, b), CUBE (c), GROUPING SETS ((a, b), (a), ())',
    sel({
      groupBy: {
        items: [
          { kind: 'Rollup', items: ['a', 'b'] },
          { kind: 'Cube', items: ['c'] },
          { kind: 'GroupingSets', sets: [['a', 'b'], ['a'], []] },
        ],
      },
    }),
  ],
  ['GROUP BY ... WITH ROLLUP', 'SELECT 1 FROM t GROUP BY a, b WITH ROLLUP', sel({ groupBy: { items: ['a', 'b'], modifier: 'ROLLUP' } })],
  [
    'ORDER BY, LIMIT, OFFSET',
    'SELECT a FROM t ORDER BY a DESC NULLS LAST, b LIMIT 10 OFFSET 5',
    {
      orderBy: {
        items: [
          { expr: 'a', direction: 'DESC', nulls: 'LAST' },
          { expr: 'b', direction: undefined },
        ],
      },
      limit: { value: '10' },
      offset: { value: '5' },
    },
  ],
  [
    'SORT / CLUSTER / DISTRIBUTE BY',
    'SELECT a FROM t DISTRIBUTE BY a SORT BY b',
    { distributeBy: { items: ['a'] }, sortBy: { items: [{ expr: 'b' }] } },
  ],
  ['CLUSTER BY in a query', 'SELECT a FROM t CLUSTER BY a', { clusterBy: { items: ['a'] } }],
  ['LIMIT ALL', 'SELECT a FROM t LIMIT ALL', { limit: { value: undefined } }],
  [
    'UNION ALL / DISTINCT',
    'SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3',
    {
      body: {
        kind: 'SetOperation',
        op: 'UNION',
        quantifier: 'DISTINCT',
        left: { kind: 'SetOperation', op: 'UNION', quantifier: 'ALL', left: 'SELECT 1', right: 'SELECT 2' },
        right: 'SELECT 3',
      },
    },
  ],
  [
    'INTERSECT binds tighter than UNION',
    'SELECT 1 UNION SELECT 2 INTERSECT SELECT 3',
    {
      body: {
        op: 'UNION',
        quantifier: undefined,
        left: 'SELECT 1',
        right: { kind: 'SetOperation', op: 'INTERSECT', left: 'SELECT 2', right: 'SELECT 3' },
      },
    },
  ],
  ['EXCEPT and MINUS', 'SELECT a FROM x EXCEPT SELECT a FROM y MINUS SELECT a FROM z', { body: { op: 'MINUS', left: { op: 'EXCEPT' } } }],
  [
    'parenthesised set operations with ORDER BY',
    '(SELECT a FROM x) UNION (SELECT a FROM y) ORDER BY a LIMIT 3',
    {
      body: { kind: 'SetOperation', left: { kind: 'ParenQuery', query: 'SELECT a FROM x' }, right: { kind: 'ParenQuery' } },
      orderBy: { items: [{ expr: 'a' }] },
      limit: { value: '3' },
    },
  ],
  ['UNION BY NAME', 'SELECT a FROM x UNION ALL BY NAME SELECT a FROM y', { body: { op: 'UNION', quantifier: 'ALL', byName: true } }],
  [
    'VALUES as a query',
    'VALUES (1, 2), (3, 4)',
    {
      body: {
        kind: 'Values',
        rows: [
          ['1', '2'],
          ['3', '4'],
        ],
      },
    },
  ],
  ['TABLE as a query', 'TABLE cat.s.t', { body: { kind: 'TableBody', name: 'cat.s.t' } }],
  ['FROM-first query', 'FROM t SELECT a', { body: { kind: 'Select', from: { relations: [{ name: 't' }] }, items: [{ expr: 'a' }] } }],
  [
    'subqueries in IN, EXISTS and scalar positions',
    'SELECT (SELECT max(x) FROM m) AS mx FROM t WHERE a IN (SELECT a FROM u) AND EXISTS (SELECT 1 FROM v WHERE v.a = t.a)',
    sel({
      items: [{ expr: { kind: 'Subquery', query: { body: { from: { relations: [{ name: 'm' }] } } } }, alias: 'mx' }],
      where: { condition: { kind: 'Binary', left: { kind: 'In', values: [{ kind: 'Subquery' }] }, right: { kind: 'Exists' } } },
    }),
  ],
  [
    'window column of a streaming aggregate',
    "SELECT window.start, count(*) FROM STREAM s GROUP BY window(ts, '1 hour')",
    sel({
      items: [{ expr: { kind: 'ColumnRef', parts: ['window', 'start'] } }, {}],
      groupBy: { items: [{ kind: 'FunctionCall', name: 'window' }] },
    }),
  ],
  [
    'keywords usable as column names',
    'SELECT date, comment, keys, value, offset, `from` FROM t',
    sel({ items: ['date', 'comment', 'keys', 'value', 'offset', '`from`'].map((e) => ({ expr: e })) }),
  ],
];

describe('queries', () => {
  for (const [name, sql, expected] of cases) {
    test(name, () => assertShape(sql, onlyStatement(parseOk(sql)), expected));
  }
});
