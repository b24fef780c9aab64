import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticMessage, looksLikeAuthFailure, parseCliDiagnostics } from '../../../client/src/databricks/cliDiagnostics';

const STDERR = [
  "Recommendation: target with 'mode: production' should set 'workspace.root_path' to make sure only one copy is deployed. A common practice is to use a username or principal name in this path, i.e. use",
  '  root_path: /Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}',
  '  at targets.prod',
  '  in databricks.yml:21:5',
  '',
  'Error: multiple resources or scripts have been defined with the same key: fixture_pipeline',
  '  at resources.pipelines.fixture_pipeline.libraries[0].glob.include',
  '  in resources/fixture_pipeline.yml:10:22',
  '',
  'Warning: unknown field: serverles',
  '  at resources.pipelines.p',
  '  in resources/p.yml:6:7',
  '  in resources/p.yml:16:7',
  '',
  'Name: fixture',
].join('\n');

test('parses errors, warnings and recommendations with their positions', () => {
  const d = parseCliDiagnostics(STDERR);
  assert.equal(d.length, 3);
  assert.deepEqual(
    d.map((x) => [x.severity, x.locations.map((l) => `${l.file}:${l.line}:${l.column}`)]),
    [
      ['info', ['databricks.yml:21:5']],
      ['error', ['resources/fixture_pipeline.yml:10:22']],
      ['warning', ['resources/p.yml:6:7', 'resources/p.yml:16:7']],
    ],
  );
  assert.equal(d[1].summary, 'multiple resources or scripts have been defined with the same key: fixture_pipeline');
  assert.deepEqual(d[1].paths, ['resources.pipelines.fixture_pipeline.libraries[0].glob.include']);
  assert.deepEqual(d[0].detail, ['root_path: /Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}']);
});

test('ignores lines outside diagnostics and diagnostics without a position keep none', () => {
  const d = parseCliDiagnostics('Name: x\nTarget: dev\n\nError: failed to load databricks.yml\n\nValidation failed');
  assert.equal(d.length, 1);
  assert.deepEqual(d[0].locations, []);
  assert.deepEqual(d[0].detail, []);
});

test('handles CRLF output and a file path with a colon (Windows drive)', () => {
  const d = parseCliDiagnostics('Error: bad\r\n  in C:\\b\\databricks.yml:3:1\r\n');
  assert.deepEqual(d[0].locations, [{ file: 'C:\\b\\databricks.yml', line: 3, column: 1 }]);
});

test('recognises authentication failures', () => {
  for (const s of [
    'Error: default auth: cannot configure default credentials, please check https://docs.databricks.com/en/dev-tools/auth.html',
    'Error: Invalid access token. [ReqId: 1]',
    'Error: cannot resolve profile: no such profile "work"',
  ]) {
    assert.ok(looksLikeAuthFailure(s), s);
  }
  assert.ok(!looksLikeAuthFailure('Error: multiple resources or scripts have been defined with the same key: fixture_pipeline'));
});

// As libs/cmdio/render.go of the CLI prints them: further paths and locations
// indented by five spaces, the detail after a blank line.
const RENDERED = [
  'Warning: expected a file for "resources.pipelines.p.libraries[0].glob.include" but got a notebook',
  '  at resources.pipelines.p.libraries[0]',
  '     resources.pipelines.q.libraries[0]',
  '  in resources/p.yml:6:11',
  '     resources/q.yml:8:11',
  '',
  'A notebook is not a file; use a notebook library.',
  'See the documentation of pipeline libraries.',
  '',
  'Error: no such target: qa',
  '',
  "Recommendation: target with 'mode: production' should set 'workspace.root_path'",
  '  at targets.prod',
  '  in databricks.yml:21:5',
  '',
  'Name: iot_lakehouse',
  'Target: prod',
  '',
  'Name: fixture',
].join('\n');

test('every location and path of the rendered format, and the detail after the blank line', () => {
  const [w, e, r] = parseCliDiagnostics(RENDERED);
  assert.deepEqual(w.paths, ['resources.pipelines.p.libraries[0]', 'resources.pipelines.q.libraries[0]']);
  assert.deepEqual(w.locations, [
    { file: 'resources/p.yml', line: 6, column: 11 },
    { file: 'resources/q.yml', line: 8, column: 11 },
  ]);
  assert.deepEqual(w.detail, ['A notebook is not a file; use a notebook library.', 'See the documentation of pipeline libraries.']);
  assert.equal(e.summary, 'no such target: qa');
  assert.deepEqual([e.paths, e.locations, e.detail], [[], [], []]);
  assert.deepEqual(r.locations, [{ file: 'databricks.yml', line: 21, column: 5 }]);
  assert.deepEqual(r.detail, [], 'the summary lines after the last diagnostic are not its detail');
  assert.equal(
    diagnosticMessage(w),
    [w.summary, ...w.detail, 'at resources.pipelines.p.libraries[0]', 'at resources.pipelines.q.libraries[0]'].join('\n'),
  );
});

test('a summary wrapped onto the next line, and a detail with a blank line inside (real CLI 1.12.1 output)', () => {
  const [notebook, rec] = parseCliDiagnostics(
    [
      'Error: notebook "nowhere" not found. Local notebook references are expected',
      'to contain one of the following file extensions: [.py, .r, .scala, .sql, .ipynb]',
      '',
      "Recommendation: target with 'mode: production' should set 'workspace.root_path' to make sure only one copy is deployed",
      '',
      'A common practice is to use a username or principal name in this path, i.e. use',
      '',
      '  root_path: /Workspace/Users/u@example.com/.bundle/${bundle.name}/${bundle.target}',
      '',
      '',
    ].join('\n'),
  );
  assert.equal(
    notebook.summary,
    'notebook "nowhere" not found. Local notebook references are expected to contain one of the following file extensions: [.py, .r, .scala, .sql, .ipynb]',
  );
  assert.deepEqual(rec.detail, [
    'A common practice is to use a username or principal name in this path, i.e. use',
    '',
    '  root_path: /Workspace/Users/u@example.com/.bundle/${bundle.name}/${bundle.target}',
  ]);
});
