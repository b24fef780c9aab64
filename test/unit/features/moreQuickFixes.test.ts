// A fix for every diagnostic whose remedy is mechanical (docs/diagnostics.md
// lists them beside each code), and source.fixAll for the safe ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { codeActions, fixAll } from '../../../server/src/language/features/codeActions';
import { fileDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { applyEdits, fixture } from './featureFixture';

const B = { '/p/b.sql': 'CREATE STREAMING TABLE b AS SELECT * FROM STREAM(src);' };

function actionsFor(text: string, code: string, others: Record<string, string> = B, options = {}) {
  const f = fixture({ '/p/a.sql': text, ...others }, options);
  const diagnostics = fileDiagnostics(f.ctx.index, '/p/a.sql');
  const actions = codeActions(f.ctx, f.docOf('/p/a.sql'), { start: f.cursor, end: f.cursor }, diagnostics).filter((a) =>
    a.diagnosticCodes.includes(code),
  );
  return { f, actions, diagnostics };
}

function check(text: string, code: string, expected: string, others: Record<string, string> = B): void {
  const { f, actions, diagnostics } = actionsFor(text, code, others);
  assert.equal(actions.length, 1, `one fix for ${code}; diagnostics: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  assert.equal(applyEdits(f, actions[0].edit.changes)['/p/a.sql'], expected);
}

describe('more quick fixes', () => {
  test('LF303: a materialized view reading STREAM(x) reads x', () => {
    check('CREATE MATERIALIZED VIEW a AS SELECT * FROM |STREAM(b);', 'LF303', 'CREATE MATERIALIZED VIEW a AS SELECT * FROM b;');
  });

  test('LF303: STREAM before read_files is removed with its space', () => {
    check(
      "CREATE MATERIALIZED VIEW a AS SELECT * FROM |STREAM read_files('/x', format => 'json');",
      'LF303',
      "CREATE MATERIALIZED VIEW a AS SELECT * FROM read_files('/x', format => 'json');",
      {},
    );
  });

  test('LF304: an INSERT ONCE flow reads its source as a batch', () => {
    check(
      'CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS INSERT INTO ONCE t BY NAME SELECT * FROM |STREAM(b);',
      'LF304',
      'CREATE OR REFRESH STREAMING TABLE t;\nCREATE FLOW f AS INSERT INTO ONCE t BY NAME SELECT * FROM b;',
    );
  });

  test('LF404: the two valid actions, DROP ROW preferred', () => {
    const { f, actions } = actionsFor(
      'CREATE MATERIALIZED VIEW a (CONSTRAINT c EXPECT (x > 0) ON VIOLATION |DELETE ROW) AS SELECT 1 AS x;',
      'LF404',
      {},
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Use ON VIOLATION DROP ROW', 'Use ON VIOLATION FAIL UPDATE'],
    );
    assert.equal(actions[0].isPreferred, true);
    assert.match(applyEdits(f, actions[0].edit.changes)['/p/a.sql'], /ON VIOLATION DROP ROW\) AS/);
  });

  test('LF501: the missing key is added under the configuration, indented like its neighbours', () => {
    const f = fixture(
      { '/p/a.sql': "CREATE MATERIALIZED VIEW a AS SELECT * FROM read_files('${|landing}/x', format => 'json');" },
      {
        pipeline: { name: 't', configuration: new Map([['source_root', '/x']]) },
        configurationLocations: new Map([
          ['source_root', { file: '/b/databricks.yml', range: { start: { line: 9, character: 8 }, end: { line: 9, character: 19 } } }],
        ]),
      },
    );
    const diagnostics = fileDiagnostics(f.ctx.index, '/p/a.sql');
    const [action] = codeActions(f.ctx, f.docOf('/p/a.sql'), { start: f.cursor, end: f.cursor }, diagnostics).filter((a) =>
      a.diagnosticCodes.includes('LF501'),
    );
    assert.equal(action.title, "Add 'landing' to the pipeline configuration");
    assert.deepEqual(action.edit.changes['/b/databricks.yml'], [
      { range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, newText: '        landing: ""\n' },
    ]);
  });

  test('LF201: create the missing dataset as a stub file beside the reader (a streaming table for a stream)', () => {
    const mv = actionsFor('CREATE MATERIALIZED VIEW a AS SELECT * FROM |missing_one;', 'LF201', {}).actions.find((a) => a.edit.createFiles);
    assert.equal(mv?.title, "Create dataset 'missing_one' in missing_one.sql");
    assert.equal(mv?.edit.createFiles?.[0].file, '/p/missing_one.sql');
    assert.match(mv?.edit.createFiles?.[0].text ?? '', /CREATE OR REFRESH MATERIALIZED VIEW missing_one\nAS SELECT/);
    const st = actionsFor('CREATE STREAMING TABLE a AS SELECT * FROM STREAM(|missing_two);', 'LF201', {}).actions.find(
      (a) => a.edit.createFiles,
    );
    assert.match(st?.edit.createFiles?.[0].text ?? '', /CREATE OR REFRESH STREAMING TABLE missing_two;/);
    // The stub itself checks clean.
    const stub = fixture({ '/p/missing_one.sql': mv.edit.createFiles[0].text });
    assert.deepEqual(
      fileDiagnostics(stub.ctx.index, '/p/missing_one.sql').filter((d) => d.severity === 'error' || d.severity === 'warning'),
      [],
    );
  });

  test('source.fixAll applies the safe fixes only, in one edit', () => {
    const text = 'CREATE LIVE TABLE a AS SELECT * FROM LIVE.b JOIN STREAM(b) AS s USING (id) WHERE zz IN (SELECT 1);';
    const f = fixture({ '/p/a.sql': text, ...B });
    const diagnostics = fileDiagnostics(f.ctx.index, '/p/a.sql');
    const action = fixAll(f.ctx, f.docOf('/p/a.sql'), diagnostics);
    assert.equal(action?.kind, 'source.fixAll');
    const fixed = applyEdits(f, action.edit.changes)['/p/a.sql'];
    assert.equal(fixed, 'CREATE MATERIALIZED VIEW a AS SELECT * FROM b JOIN b AS s USING (id) WHERE zz IN (SELECT 1);');
    assert.equal(fixAll(f.ctx, f.docOf('/p/b.sql'), fileDiagnostics(f.ctx.index, '/p/b.sql')), undefined, 'nothing to fix: no action');
  });
});
