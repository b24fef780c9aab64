import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundle } from '../../../server/src/language/model/bundleLoader';
import { memoryFileProvider } from '../../../server/src/language/model/fileProvider';
import { BundleContext } from '../../../server/src/language/model/bundleTypes';

const databricksYml = `bundle:
  name: iot
include:
  - resources/*.yml
variables:
  catalog:
    default: main
  schema:
    default: iot_dev
  landing:
    default: /Volumes/\${var.catalog}/landing/files
targets:
  dev:
    default: true
    mode: development
  prod:
    mode: production
    variables:
      catalog: prod
      schema: iot
    resources:
      pipelines:
        iot:
          configuration:
            extra: yes
`;
const pipelinesYml = `resources:
  pipelines:
    iot:
      name: iot-\${bundle.target}
      catalog: \${var.catalog}
      schema: \${var.schema}
      configuration:
        source_root: \${var.landing}
        user: \${workspace.current_user.userName}
      libraries:
        - glob:
            include: ../../pipelines/**
            exclude:
              - ../../pipelines/scratch/**
        - file:
            path: ../../extra/one.sql
`;

function files(extra: Record<string, string> = {}) {
  return memoryFileProvider({
    '/repo/bundle/databricks.yml': databricksYml,
    '/repo/bundle/resources/pipelines.yml': pipelinesYml,
    '/repo/pipelines/bronze/a.sql': 'select 1',
    '/repo/pipelines/silver/b.sql': 'select 1',
    '/repo/pipelines/README.md': '#',
    '/repo/pipelines/scratch/c.sql': 'select 1',
    '/repo/extra/one.sql': 'select 1',
    ...extra,
  });
}

function summary(b: BundleContext) {
  return b.pipelines.map((p) => ({
    key: p.key,
    name: p.name?.value,
    catalog: p.catalog?.value,
    schema: p.schema?.value,
    configuration: Object.fromEntries([...p.configuration].map(([k, v]) => [k, v.value])),
    files: p.files,
  }));
}

describe('bundle loading', () => {
  test('default target: includes, variables, libraries relative to the YAML file', () => {
    const b = loadBundle('/repo/bundle/databricks.yml', files());
    assert.equal(b.target, 'dev');
    assert.deepEqual(b.yamlFiles, ['/repo/bundle/databricks.yml', '/repo/bundle/resources/pipelines.yml']);
    assert.deepEqual(b.problems, []);
    assert.deepEqual(summary(b), [
      {
        key: 'iot',
        name: 'iot-dev',
        catalog: 'main',
        schema: 'iot_dev',
        configuration: { source_root: '/Volumes/main/landing/files', user: '${workspace.current_user.userName}' },
        files: ['/repo/extra/one.sql', '/repo/pipelines/bronze/a.sql', '/repo/pipelines/silver/b.sql'],
      },
    ]);
  });

  test('a named target overrides variables and merges pipeline settings', () => {
    const b = loadBundle('/repo/bundle/databricks.yml', files(), { target: 'prod' });
    const [p] = summary(b);
    assert.equal(p.catalog, 'prod');
    assert.equal(p.schema, 'iot');
    assert.equal(p.configuration.source_root, '/Volumes/prod/landing/files');
    assert.equal(p.configuration.extra, 'yes');
  });

  test('values keep their YAML position (0-based)', () => {
    const b = loadBundle('/repo/bundle/databricks.yml', files());
    const root = b.pipelines[0].configuration.get('source_root')!;
    assert.deepEqual(root.location, {
      file: '/repo/bundle/resources/pipelines.yml',
      range: { start: { line: 7, character: 21 }, end: { line: 7, character: 35 } },
    });
    assert.equal(b.pipelines[0].configuration.get('user')!.dynamic, true);
  });

  const problemCases: [string, Record<string, string>, { kind: string; file: string; line: number }[]][] = [
    [
      'unknown variable',
      { '/repo/bundle/resources/pipelines.yml': pipelinesYml.replace('${var.schema}', '${var.nope}') },
      [{ kind: 'unknownVariable', file: '/repo/bundle/resources/pipelines.yml', line: 5 }],
    ],
    [
      'library matching nothing',
      { '/repo/bundle/resources/pipelines.yml': pipelinesYml.replace('../../extra/one.sql', '../../extra/two.sql') },
      [{ kind: 'libraryMatchesNothing', file: '/repo/bundle/resources/pipelines.yml', line: 15 }],
    ],
    [
      'YAML syntax error',
      { '/repo/bundle/resources/pipelines.yml': pipelinesYml + '    bad: [unclosed\n' },
      [{ kind: 'yamlSyntax', file: '/repo/bundle/resources/pipelines.yml', line: 17 }],
    ],
    [
      'schema and target both',
      {
        '/repo/bundle/resources/pipelines.yml': pipelinesYml.replace(
          '      schema: ${var.schema}',
          '      schema: ${var.schema}\n      target: old',
        ),
      },
      [{ kind: 'schemaAndTarget', file: '/repo/bundle/resources/pipelines.yml', line: 6 }],
    ],
    [
      'glob with file',
      {
        '/repo/bundle/resources/pipelines.yml': pipelinesYml.replace(
          '              - ../../pipelines/scratch/**',
          '              - ../../pipelines/scratch/**\n          file:\n            path: x.sql',
        ),
      },
      [{ kind: 'libraryInvalid', file: '/repo/bundle/resources/pipelines.yml', line: 10 }],
    ],
    [
      'Spark session settings Spark refuses (a zone offset with minutes is valid: only the local run refuses it)',
      {
        '/repo/bundle/resources/pipelines.yml': pipelinesYml.replace(
          '        user: ${workspace.current_user.userName}',
          '        user: ${workspace.current_user.userName}\n        spark.sql.session.timeZone: Mars/Olympus\n        spark.sql.ansi.enabled: yes',
        ),
      },
      [
        { kind: 'sessionSetting', file: '/repo/bundle/resources/pipelines.yml', line: 9 },
        { kind: 'sessionSetting', file: '/repo/bundle/resources/pipelines.yml', line: 10 },
      ],
    ],
    [
      'Spark session settings Spark accepts',
      {
        '/repo/bundle/resources/pipelines.yml': pipelinesYml.replace(
          '        user: ${workspace.current_user.userName}',
          '        user: ${workspace.current_user.userName}\n        spark.sql.session.timeZone: "+05:30"\n        spark.sql.ansi.enabled: "TRUE"',
        ),
      },
      [],
    ],
  ];
  for (const [name, extra, expected] of problemCases) {
    test(`problem: ${name}`, () => {
      const b = loadBundle('/repo/bundle/databricks.yml', files(extra));
      assert.deepEqual(
        b.problems.map((p) => ({ kind: p.kind, file: p.location.file, line: p.location.range.start.line })),
        expected,
      );
    });
  }

  test('an include matching nothing and a missing bundle file are problems, not exceptions', () => {
    const b = loadBundle(
      '/repo/bundle/databricks.yml',
      memoryFileProvider({ '/repo/bundle/databricks.yml': 'include:\n  - nothing/*.yml\n' }),
    );
    assert.deepEqual(
      b.problems.map((p) => p.kind),
      ['includeMatchesNothing'],
    );
    assert.deepEqual(
      loadBundle('/nope/databricks.yml', memoryFileProvider({})).problems.map((p) => p.kind),
      ['includeMissing'],
    );
  });

  test('the legacy target key stands in for schema', () => {
    const b = loadBundle(
      '/r/databricks.yml',
      memoryFileProvider({ '/r/databricks.yml': 'resources:\n  pipelines:\n    p:\n      target: legacy\n' }),
    );
    assert.equal(b.pipelines[0].schema?.value, 'legacy');
  });
});
