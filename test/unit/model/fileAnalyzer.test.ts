// The per-file facts: datasets with their declared parts, flows, references
// (with `[[...]]`-marked ranges) and `${key}` uses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFunctionCatalogue } from '../../../server/src/language/facts/databricksFunctions';
import { analyzeFile } from '../../../server/src/language/model/fileAnalyzer';
import { parse } from '../../../server/src/language/syntax/parser';
import { extractRanges } from '../support/markerRanges';

const functions = createFunctionCatalogue();
const analyze = (text: string) => analyzeFile('/p/a.sql', 1, text, parse(text), functions);

/** Every reference of the marked text, in order: parts, streaming flag, LIVE prefix, and the marked range. */
function checkReferences(marked: string, expected: [parts: string, streaming: boolean, consumer: string | undefined][]): void {
  const { text, ranges } = extractRanges(marked);
  const a = analyze(text);
  assert.deepEqual(
    a.references.map((r) => [r.parts.join('.'), r.streaming, r.consumer]),
    expected,
  );
  assert.deepEqual(
    a.references.map((r) => r.range),
    ranges,
  );
}

describe('file analysis', () => {
  test('a dataset with columns, constraints, comment and properties', () => {
    const a = analyze(`-- doc
CREATE OR REFRESH PRIVATE MATERIALIZED VIEW \`Sales Daily\` (
  day DATE NOT NULL COMMENT 'the day',
  amount DECIMAL(10,2),
  CONSTRAINT positive EXPECT (amount > 0) ON VIOLATION DROP ROW,
  CONSTRAINT has_day EXPECT (day IS NOT NULL) ON VIOLATION FAIL UPDATE,
  CONSTRAINT soft EXPECT (amount < 1e6)
)
COMMENT 'Daily sales'
TBLPROPERTIES ('quality' = 'gold', delta.enableChangeDataFeed = true)
AS SELECT day, amount FROM orders;`);
    assert.equal(a.datasets.length, 1);
    const d = a.datasets[0];
    assert.equal(d.name, 'Sales Daily');
    assert.equal(d.key, 'sales daily');
    assert.equal(d.kind, 'materialized_view');
    assert.deepEqual(d.range.start, { line: 1, character: 0 });
    assert.deepEqual(d.nameRange, { start: { line: 1, character: 44 }, end: { line: 1, character: 57 } });
    assert.deepEqual(
      d.columns.map((c) => [c.name, c.type, c.notNull, c.comment]),
      [
        ['day', 'DATE', true, 'the day'],
        ['amount', 'DECIMAL(10,2)', false, undefined],
      ],
    );
    assert.deepEqual(
      d.expectations.map((e) => [e.name, e.expression, e.onViolation]),
      [
        ['positive', 'amount > 0', 'drop'],
        ['has_day', 'day IS NOT NULL', 'fail'],
        ['soft', 'amount < 1e6', 'warn'],
      ],
    );
    assert.equal(d.comment, 'Daily sales');
    assert.deepEqual(d.properties, { quality: 'gold', 'delta.enableChangeDataFeed': 'true' });
  });

  test('kinds, legacy spellings and flows', () => {
    const a = analyze(`CREATE OR REFRESH STREAMING LIVE TABLE s AS SELECT * FROM STREAM read_files('/x');
CREATE TEMPORARY VIEW tv AS SELECT 1 AS x;
CREATE VIEW v AS SELECT 1 AS x;
CREATE OR REFRESH STREAMING TABLE target;
CREATE FLOW backfill AS INSERT INTO ONCE target BY NAME SELECT * FROM s;
APPLY CHANGES INTO target FROM STREAM(s) KEYS (id) SEQUENCE BY seq STORED AS SCD TYPE 2;
CREATE OR REFRESH STREAMING TABLE t2 FLOW AUTO CDC FROM STREAM s KEYS (id) SEQUENCE BY seq COLUMNS * EXCEPT (op);`);
    assert.deepEqual(
      a.datasets.map((d) => [d.name, d.kind, d.legacySpelling?.replacement]),
      [
        ['s', 'streaming_table', 'STREAMING TABLE'],
        ['tv', 'temporary_view', undefined],
        ['v', 'view', undefined],
        ['target', 'streaming_table', undefined],
        ['t2', 'streaming_table', undefined],
      ],
    );
    assert.deepEqual(
      a.flows.map((f) => [f.name, f.target, f.kind, f.once, f.scdType, f.sequenceBy, f.cdcColumns]),
      [
        ['backfill', 'target', 'insert', true, undefined, undefined, undefined],
        [undefined, 'target', 'cdc', false, 2, 'seq', undefined],
        [undefined, 't2', 'cdc', false, 1, 'seq', { star: true, columns: [], except: ['op'] }],
      ],
    );
  });

  test('references: bare, LIVE., qualified, STREAM forms, subqueries; CTE names are not references', () => {
    checkReferences(
      `CREATE OR REFRESH STREAMING TABLE a AS
WITH w AS (SELECT * FROM [[b]])
SELECT * FROM STREAM([[c]]) x
JOIN LIVE.[[d]] ON TRUE
JOIN [[main.sch.e]] ON TRUE
JOIN w ON TRUE
WHERE x.id IN (SELECT id FROM [[f]]) AND EXISTS (SELECT 1 FROM STREAM [[g]]);
CREATE FLOW fl AS INSERT INTO a BY NAME SELECT * FROM STREAM([[\${catalog}.\${schema}.h]]);`,
      [
        ['b', false, 'a'],
        ['c', true, 'a'],
        ['d', false, 'a'],
        ['main.sch.e', false, 'a'],
        ['f', false, 'a'],
        ['g', true, 'a'],
        ['${catalog}.${schema}.h', true, 'a'],
      ],
    );
  });

  test('the LIVE prefix range covers LIVE and the dot', () => {
    const { text, ranges } = extractRanges('CREATE MATERIALIZED VIEW a AS SELECT * FROM [[LIVE.]]b;');
    assert.deepEqual(analyze(text).references[0].livePrefix, ranges[0]);
  });

  test('parameters in strings, names and expressions', () => {
    const { text, ranges } = extractRanges(
      `CREATE OR REFRESH STREAMING TABLE a AS SELECT [[\${n}]] AS n FROM STREAM read_files('[[\${root}]]/x/[[\${sub}]]');\nCREATE MATERIALIZED VIEW b AS SELECT * FROM [[\${cat}]].s.a;`,
    );
    assert.deepEqual(
      analyze(text).parameters.map((p) => [p.key, p.range]),
      [
        ['n', ranges[0]],
        ['root', ranges[1]],
        ['sub', ranges[2]],
        ['cat', ranges[3]],
      ],
    );
  });

  test('reads record streaming and file sources per dataset', () => {
    const a = analyze(`CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM STREAM read_files('/x') JOIN dim ON TRUE;`);
    assert.deepEqual(
      a.datasets[0].reads.map((r) => [r.files, r.streaming, r.reference]),
      [
        [true, true, undefined],
        [false, false, 0],
      ],
    );
  });

  test('expectation facts: columns, forbidden constructs, constants, null tests', () => {
    const a = analyze(`CREATE MATERIALIZED VIEW m (
  CONSTRAINT c1 EXPECT (a > 0 AND transform(xs, x -> x + b) IS NOT NULL),
  CONSTRAINT c2 EXPECT (sum(a) > 0),
  CONSTRAINT c3 EXPECT (NOT (1 = 1)),
  CONSTRAINT c4 EXPECT (a IS NULL),
  CONSTRAINT c5 EXPECT (raw:k.j = 'v')
) AS SELECT 1 AS a;`);
    const f = a.datasets[0].expectations.map((e) => e.facts);
    assert.deepEqual(
      f[0].columns.map((c) => c.name),
      ['a', 'xs', 'b'],
    );
    assert.deepEqual(
      f[1].forbidden.map((x) => x.what),
      ['the aggregate function sum'],
    );
    assert.equal(f[2].constantValue, false);
    assert.equal(f[3].isNullOf, 'a');
    assert.deepEqual(
      f[4].columns.map((c) => c.name),
      ['raw'],
    );
  });

  test('half-typed statements still yield the dataset and its references', () => {
    const a = analyze('CREATE OR REFRESH MATERIALIZED VIEW half AS SELECT x, FROM src WHERE');
    assert.deepEqual(
      a.datasets.map((d) => d.name),
      ['half'],
    );
    assert.deepEqual(
      a.references.map((r) => r.key),
      ['src'],
    );
    assert.ok(a.syntaxErrors.length > 0);
  });
});
