import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { codeActions } from '../../../server/src/language/features/codeActions';
import { fileDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { applyEdits, fixture } from './featureFixture';

/** The quick fix for `code` at the cursor turns the file into `expected`. */
function check(text: string, code: string, expected: string, others: Record<string, string> = {}): void {
  const f = fixture({ '/p/a.sql': text, ...others });
  const diagnostics = fileDiagnostics(f.ctx.index, '/p/a.sql');
  const actions = codeActions(f.ctx, f.docOf('/p/a.sql'), { start: f.cursor, end: f.cursor }, diagnostics).filter((a) =>
    a.diagnosticCodes.includes(code),
  );
  assert.equal(actions.length, 1, `one fix for ${code}; diagnostics: ${diagnostics.map((d) => d.code).join(',')}`);
  assert.equal(applyEdits(f, actions[0].edit.changes)['/p/a.sql'], expected);
}

describe('quick fixes', () => {
  test('drop the deprecated LIVE. prefix', () => {
    check('CREATE MATERIALIZED VIEW a AS SELECT * FROM LI|VE.b;', 'LF204', 'CREATE MATERIALIZED VIEW a AS SELECT * FROM b;', {
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT 1 AS x;',
    });
  });

  test('wrap the batch source of a streaming table in STREAM()', () => {
    check(
      'CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM |b;',
      'LF302',
      'CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM STREAM(b);',
      { '/p/b.sql': 'CREATE STREAMING TABLE b AS SELECT * FROM STREAM(src);' },
    );
  });

  test('STREAM before a table-valued function read as a batch by a streaming table', () => {
    check(
      "CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM |read_kafka(bootstrapServers => 'h:9092', subscribe => 't');",
      'LF302',
      "CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM STREAM read_kafka(bootstrapServers => 'h:9092', subscribe => 't');",
    );
  });

  test('wrap the batch source of an AUTO CDC flow in STREAM()', () => {
    check(
      'CREATE OR REFRESH STREAMING TABLE t;\nAUTO CDC INTO t FROM |b KEYS (id) SEQUENCE BY seq;',
      'LF309',
      'CREATE OR REFRESH STREAMING TABLE t;\nAUTO CDC INTO t FROM STREAM(b) KEYS (id) SEQUENCE BY seq;',
      { '/p/b.sql': 'CREATE STREAMING TABLE b AS SELECT * FROM STREAM(src);' },
    );
  });

  test('declare the missing target of a flow', () => {
    check(
      'CREATE FLOW f AS INSERT INTO |t BY NAME SELECT * FROM STREAM(b);',
      'LF307',
      'CREATE OR REFRESH STREAMING TABLE t;\n\nCREATE FLOW f AS INSERT INTO t BY NAME SELECT * FROM STREAM(b);',
      { '/p/b.sql': 'CREATE STREAMING TABLE b AS SELECT * FROM STREAM(src);' },
    );
  });

  test('did you mean: one action per nearest candidate, the first preferred', () => {
    const others = {
      '/p/b.sql': 'CREATE MATERIALIZED VIEW sales_us AS SELECT 1 AS id;\nCREATE MATERIALIZED VIEW sales_eu AS SELECT 1 AS id;',
    };
    const f = fixture({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT * FROM sal|es_u;', ...others });
    const actions = codeActions(
      f.ctx,
      f.docOf('/p/a.sql'),
      { start: f.cursor, end: f.cursor },
      fileDiagnostics(f.ctx.index, '/p/a.sql'),
    ).filter((a) => a.diagnosticCodes.includes('LF201'));
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ["Change to 'sales_eu'", true],
        ["Change to 'sales_us'", false],
        ["Create dataset 'sales_u' in sales_u.sql", false],
      ],
    );
    assert.equal(applyEdits(f, actions[1].edit.changes)['/p/a.sql'], 'CREATE MATERIALIZED VIEW a AS SELECT * FROM sales_us;');
  });

  test('a warn-only IS NOT NULL expectation on a NOT NULL column gets DROP ROW', () => {
    check(
      'CREATE MATERIALIZED VIEW a (x INT NOT NULL, CONSTRAINT ok EXPECT (|x IS NOT NULL)) AS SELECT 1 AS x;',
      'LF409',
      'CREATE MATERIALIZED VIEW a (x INT NOT NULL, CONSTRAINT ok EXPECT (x IS NOT NULL) ON VIOLATION DROP ROW) AS SELECT 1 AS x;',
    );
  });

  test('rename a duplicate expectation', () => {
    check(
      'CREATE MATERIALIZED VIEW a (CONSTRAINT ok EXPECT (x > 0), CONSTRAINT |ok EXPECT (x < 9)) AS SELECT 1 AS x;',
      'LF402',
      'CREATE MATERIALIZED VIEW a (CONSTRAINT ok EXPECT (x > 0), CONSTRAINT ok_2 EXPECT (x < 9)) AS SELECT 1 AS x;',
    );
  });

  test('no action away from a finding', () => {
    const f = fixture({
      '/p/a.sql': 'CREATE MATERIALIZED VIEW |a AS SELECT * FROM LIVE.b;',
      '/p/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT 1 AS x;',
    });
    assert.deepEqual(codeActions(f.ctx, f.doc, { start: f.cursor, end: f.cursor }, fileDiagnostics(f.ctx.index, '/p/a.sql')), []);
  });
});
