import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedEdges } from '../pipeline/expectedGraph';
import { repoRoot, runCli, tempProject } from './cliHarness';

const DATASET_KEYS = ['name', 'kind', 'file', 'range', 'columns', 'expectations', 'upstream', 'downstream'];
const BAD = {
  'a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT x FROM b;\n',
  'b.sql':
    'CREATE MATERIALIZED VIEW b AS SELECT x FROM a;\n-- trailing\nCREATE MATERIALIZED VIEW c (CONSTRAINT k EXPECT (x > 0) ON VIOLATION DROP ROW) AS SELECT 1 AS x FROM LIVE.a;\n',
};

function assertSpecShape(report: Record<string, unknown>): void {
  assert.deepEqual(Object.keys(report), ['datasets', 'edges', 'flows', 'diagnostics']);
  for (const d of report.datasets as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(d), DATASET_KEYS);
    assert.ok(['streaming_table', 'materialized_view', 'temporary_view', 'view', 'table'].includes(d.kind as string));
    for (const c of d.columns as Record<string, unknown>[]) assert.deepEqual(Object.keys(c), ['name', 'type']);
    for (const e of d.expectations as Record<string, unknown>[]) assert.deepEqual(Object.keys(e), ['name', 'expression', 'onViolation']);
  }
  for (const e of report.edges as Record<string, unknown>[]) assert.deepEqual(Object.keys(e), ['from', 'to', 'streaming']);
  for (const f of report.flows as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(f), ['name', 'target', 'kind', 'file', 'range']);
    assert.ok(['append', 'auto_cdc', 'auto_cdc_snapshot', 'insert_once', 'replace'].includes(f.kind as string));
  }
  for (const d of report.diagnostics as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(d), ['file', 'range', 'severity', 'code', 'message']);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity as string));
  }
}

describe('lakeflow check', () => {
  for (const args of [['pipelines'], ['--bundle', 'bundle/databricks.yml']]) {
    test(`${args.join(' ')}: exit 0, JSON as specified, the whole pipeline`, async () => {
      const r = await runCli(['check', ...args, '--format', 'json']);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      const report = JSON.parse(r.stdout);
      assertSpecShape(report);
      assert.equal(report.datasets.length, 26);
      // The graph written by hand from the pipeline's SQL (35 edges today), edge for edge.
      assert.deepEqual(report.edges.map((e: { from: string; to: string }) => `${e.from} -> ${e.to}`).sort(), expectedEdges());
      assert.deepEqual(report.diagnostics, []);
      const iot = report.datasets.find((d: { name: string }) => d.name === 'iot_events');
      assert.equal(iot.file, 'pipelines/bronze/ingest_iot_events.sql');
      // The statement starts after four comment lines: ranges are 0-based like LSP.
      assert.deepEqual(iot.range.start, { line: 4, character: 0 });
      assert.deepEqual(iot.expectations[0], { name: 'valid_event_id', expression: 'event_id IS NOT NULL', onViolation: 'drop' });
      assert.deepEqual(iot.downstream, ['stg_iot_events']);
      assert.deepEqual(
        iot.columns.find((c: { name: string }) => c.name === 'value'),
        { name: 'value', type: 'DOUBLE' },
      );
    });
  }

  test('text format: one line per finding with 1-based positions, a summary, exit 1 on errors', async () => {
    const dir = tempProject(BAD);
    const r = await runCli(['check', '.'], dir);
    assert.equal(r.code, 1);
    // 1-based line:column of each finding, found in the inputs: the defined name, and the LIVE. prefix.
    const at = (file: keyof typeof BAD, line: number, needle: string) =>
      `${file}:${line}:${BAD[file].split('\n')[line - 1].indexOf(needle) + 1}`;
    assert.deepEqual(r.stdout.trim().split('\n'), [
      `${at('a.sql', 1, 'a AS')}: error LF301: dataset graph cycle: 'a' is part of a cycle with 'b'`,
      `${at('b.sql', 1, 'b AS')}: error LF301: dataset graph cycle: 'b' is part of a cycle with 'a'`,
      `${at('b.sql', 3, 'LIVE.a')}: hint LF204: the LIVE. prefix is deprecated: 'a' resolves to the pipeline's own dataset without it`,
      '3 datasets, 3 edges: 2 errors, 0 warnings, 1 hint',
    ]);
  });

  test('flows: every kind, named or named after the target, and each target has its edges', async () => {
    const dir = tempProject({
      'flows.sql': [
        "CREATE OR REFRESH STREAMING TABLE src AS SELECT * FROM STREAM read_files('/v/src', format => 'json');",
        'CREATE OR REFRESH STREAMING TABLE t;',
        'CREATE FLOW f_append AS INSERT INTO t BY NAME SELECT * FROM STREAM(src);',
        'CREATE FLOW f_once AS INSERT INTO ONCE t BY NAME SELECT * FROM src;',
        'CREATE FLOW f_replace AS INSERT INTO t BY NAME REPLACE USING (id) SEQUENCE BY seq SELECT * FROM STREAM(src);',
        'CREATE OR REFRESH STREAMING TABLE c;',
        'AUTO CDC INTO c FROM STREAM(src) KEYS (id) SEQUENCE BY seq;',
        'CREATE OR REFRESH STREAMING TABLE s;',
        'CREATE FLOW f_snap AS AUTO CDC INTO s FROM SNAPSHOT (SELECT * FROM src) KEYS (id);',
        '',
      ].join('\n'),
    });
    const r = await runCli(['check', dir, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assertSpecShape(report);
    assert.deepEqual(
      report.flows.map((f: { name: string; target: string; kind: string; range: { start: { line: number } } }) => [
        f.name,
        f.target,
        f.kind,
        f.range.start.line,
      ]),
      [
        ['f_append', 't', 'append', 2],
        ['f_once', 't', 'insert_once', 3],
        ['f_replace', 't', 'replace', 4],
        ['c', 'c', 'auto_cdc', 6],
        ['f_snap', 's', 'auto_cdc_snapshot', 8],
      ],
    );
    assert.ok(report.flows.every((f: { file: string }) => f.file.endsWith('flows.sql')));
    for (const target of ['t', 'c', 's'])
      assert.ok(
        report.edges.some((e: { from: string; to: string }) => e.from === 'src' && e.to === target),
        `edge src -> ${target}`,
      );
    assert.deepEqual(
      report.diagnostics.filter((d: { severity: string }) => d.severity === 'error' || d.severity === 'warning'),
      [],
    );
  });

  test('warnings alone exit 0', async () => {
    const dir = tempProject({ 'a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT * FROM elsewhere;\n' });
    const r = await runCli(['check', dir, '--format', 'json']);
    assert.equal(r.code, 0);
    assert.deepEqual(
      JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code),
      ['LF201'],
    );
  });

  test('SARIF 2.1.0: structurally valid, rules for every code, results pointing into the files', async () => {
    const dir = tempProject(BAD);
    const r = await runCli(['check', dir, '--format', 'sarif'], repoRoot);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(sarif.runs.length, 1);
    const { tool, results } = sarif.runs[0];
    assert.equal(tool.driver.name, 'lakeflow');
    const ids = tool.driver.rules.map((x: { id: string }) => x.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of tool.driver.rules) {
      assert.match(rule.id, /^LF\d{3}$/);
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.equal(results.length, 3);
    for (const res of results) {
      assert.equal(ids[res.ruleIndex], res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.equal(typeof res.message.text, 'string');
      const { artifactLocation, region } = res.locations[0].physicalLocation;
      assert.match(artifactLocation.uri, /\.sql$/);
      assert.ok(region.startLine >= 1 && region.startColumn >= 1);
      assert.ok(region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn > region.startColumn));
    }
    assert.deepEqual(
      results.map((x: { ruleId: string; level: string }) => `${x.ruleId}:${x.level}`),
      ['LF301:error', 'LF301:error', 'LF204:note'],
    );
  });

  test('bundle problems are reported with their YAML position', async () => {
    const dir = tempProject({
      'databricks.yml':
        'bundle:\n  name: x\nresources:\n  pipelines:\n    p:\n      catalog: ${var.nope}\n      libraries:\n        - glob:\n            include: sql/**\n',
      'sql/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;\n',
    });
    const r = await runCli(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(
      report.diagnostics.map(
        (d: { file: string; code: string; range: { start: { line: number } } }) => `${d.file}:${d.range.start.line} ${d.code}`,
      ),
      ['databricks.yml:5 LF504'],
    );
    assert.deepEqual(
      report.datasets.map((d: { name: string }) => d.name),
      ['a'],
    );
  });

  test('with --bundle, PATHs narrow the reported SQL diagnostics', async () => {
    const dir = tempProject({
      'databricks.yml': 'resources:\n  pipelines:\n    p:\n      libraries:\n        - glob:\n            include: sql/**\n',
      'sql/a/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT * FROM nope_a;\n',
      'sql/b/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT * FROM nope_b;\n',
    });
    const all = JSON.parse((await runCli(['check', '--bundle', 'databricks.yml', '--format', 'json'], dir)).stdout);
    assert.deepEqual(
      all.diagnostics.map((d: { file: string }) => d.file),
      ['sql/a/a.sql', 'sql/b/b.sql'],
    );
    const some = JSON.parse((await runCli(['check', 'sql/b', '--bundle', 'databricks.yml', '--format', 'json'], dir)).stdout);
    assert.deepEqual(
      some.diagnostics.map((d: { file: string }) => d.file),
      ['sql/b/b.sql'],
    );
    assert.equal(some.datasets.length, 2);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await runCli(['check', '--format', 'xml'])).code, 2);
    assert.equal((await runCli(['check', '--nope'])).code, 2);
    assert.equal((await runCli(['check', 'no/such/dir'])).code, 2);
  });
});
