// node-sql-parser as an oracle: for every query we can cut out of the fixture
// SQL (plus a set of plain-SQL queries) that node-sql-parser accepts, the
// table names our tree references equal its tableList, and the column names
// equal its columnList. Its table names are normalised
// (`select::cat.sch::t` -> `cat.sch.t`, lower case); ours are the TableRef
// names (CTE references included, as node-sql-parser includes them). Columns
// compare by name only (the last part of each ColumnRef; `(.*)` stars left
// out), because node-sql-parser lists `t.b` both with and without its table
// and replaces aliases by table names.
// Queries with streaming reads or `:` JSON paths are left out: node-sql-parser
// does not know them and silently misreads them (`STREAM x` as table `stream`).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'node-sql-parser';
import type { Query } from '../../../server/src/language/syntax/ast';
import { parse } from '../../../server/src/language/syntax/parser';
import { walk } from '../../../server/src/language/syntax/visit';
import { fixtureSql } from './fixtures';

const PLAIN_QUERIES = [
  'SELECT a, b FROM t',
  'SELECT t.a FROM cat.sch.t AS t WHERE t.b > 1',
  'SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c ON c.id = b.id',
  'SELECT * FROM a CROSS JOIN b',
  'SELECT x FROM (SELECT x FROM inner_t) s',
  'SELECT x FROM t WHERE x IN (SELECT y FROM u)',
  'SELECT x FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.x = t.x)',
  'WITH c AS (SELECT * FROM base) SELECT * FROM c JOIN other o ON c.k = o.k',
  'SELECT a FROM x UNION ALL SELECT a FROM y',
  'SELECT a, count(*) AS n FROM t GROUP BY a HAVING count(*) > 1 ORDER BY n DESC LIMIT 10',
  'SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END AS pos FROM sch.t',
  'SELECT (SELECT max(v) FROM m) AS mx, a FROM t',
  'SELECT a FROM t1, t2 WHERE t1.id = t2.id',
  'SELECT row_number() OVER (PARTITION BY a ORDER BY b) AS rn FROM t',
  "SELECT a FROM t WHERE b BETWEEN 1 AND 2 AND c LIKE 'x%'",
  'SELECT coalesce(a, b) FROM s.t x RIGHT JOIN s.u y ON x.k = y.k',
  'SELECT DISTINCT a FROM t WHERE a IS NOT NULL',
  'SELECT a FROM t FULL OUTER JOIN u USING (a)',
];

interface References {
  tables: string[];
  columns: string[];
}

function sortedSet(names: string[]): string[] {
  return [...new Set(names.map((n) => n.toLowerCase()))].sort();
}

function oracleReferences(parser: Parser, sql: string): References | undefined {
  for (const database of ['bigquery', 'hive']) {
    try {
      const tables = parser.tableList(sql, { database }).map((entry) => {
        const [, schema, table] = entry.split('::');
        return schema === 'null' ? table : `${schema}.${table}`;
      });
      const columns = parser
        .columnList(sql, { database })
        .map((entry) => entry.split('::')[2])
        .filter((c) => c !== '(.*)');
      return { tables: sortedSet(tables), columns: sortedSet(columns) };
    } catch {
      // not accepted in this dialect: try the next one
    }
  }
  return undefined;
}

function ourReferences(query: Query): References {
  const tables: string[] = [];
  const columns: string[] = [];
  walk(query, (n) => {
    if (n.kind === 'TableRef') tables.push(n.name.parts.map((p) => p.name).join('.'));
    if (n.kind === 'ColumnRef') columns.push(n.parts[n.parts.length - 1].name);
  });
  return { tables: sortedSet(tables), columns: sortedSet(columns) };
}

function usesDatabricksOnlyReads(query: Query): boolean {
  let found = false;
  walk(query, (n) => {
    if ((n.kind === 'TableRef' || n.kind === 'TableFunction') && n.stream) found = true;
    if (n.kind === 'JsonPath') found = true;
  });
  return found;
}

/** Top-level queries: standalone ones and the bodies of CREATE / INSERT. */
function topQueries(text: string): { sql: string; query: Query }[] {
  const out: { sql: string; query: Query }[] = [];
  walk(parse(text).statements, (n, parent) => {
    if (n.kind === 'Query' && (!parent || parent.kind === 'CreateDataset' || parent.kind === 'InsertInto')) {
      out.push({ sql: text.slice(n.span.start, n.span.end), query: n });
      return false;
    }
    return true;
  });
  return out;
}

describe('node-sql-parser oracle: referenced tables and columns', () => {
  const parser = new Parser();
  const queries = [...fixtureSql().flatMap((f) => topQueries(f.text)), ...PLAIN_QUERIES.flatMap((q) => topQueries(q))];
  let compared = 0;
  for (const { sql, query } of queries) {
    if (usesDatabricksOnlyReads(query)) continue;
    const theirs = oracleReferences(parser, sql);
    if (!theirs) continue;
    compared++;
    test(sql.replace(/\s+/g, ' ').slice(0, 90), () => assert.deepEqual(ourReferences(query), theirs));
  }
  test('the oracle accepted enough queries to mean something', () => assert.ok(compared >= PLAIN_QUERIES.length, `compared ${compared}`));
});
