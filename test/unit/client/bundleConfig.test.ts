import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTarget, isProductionTarget, librarySqlPatterns, parseBundleFile } from '../../../client/src/bundle/bundleConfig';

const MAIN = `
bundle:
  name: iot
include:
  - resources/*.yml
targets:
  dev:
    mode: development
    default: true
  prod:
    mode: production
resources:
  pipelines:
    direct:
      name: direct
      schema: s
      libraries:
        - file: { path: pipelines/one.sql }
        - notebook: { path: notebooks/nb }
`;

const RESOURCE = `
resources:
  pipelines:
    iot_pipeline:
      catalog: c
      target: legacy_schema
      libraries:
        - glob:
            include: ../../pipelines/**
`;

test('reads name, includes, targets and pipelines of databricks.yml', () => {
  const b = parseBundleFile(MAIN, 'databricks.yml');
  assert.equal(b.name, 'iot');
  assert.deepEqual(b.include, ['resources/*.yml']);
  assert.deepEqual(b.targets, [
    { name: 'dev', mode: 'development', isDefault: true },
    { name: 'prod', mode: 'production', isDefault: false },
  ]);
  assert.deepEqual(b.pipelines[0].libraries, [
    { kind: 'file', path: 'pipelines/one.sql' },
    { kind: 'notebook', path: 'notebooks/nb' },
  ]);
});

test('library paths are relative to the YAML file that holds them', () => {
  const b = parseBundleFile(RESOURCE, 'bundle/resources/iot.yml');
  assert.deepEqual(b.pipelines[0].libraries, [{ kind: 'glob', path: 'pipelines/**' }]);
  assert.equal(b.pipelines[0].schema, 'legacy_schema');
  assert.equal(b.pipelines[0].declaredIn, 'bundle/resources/iot.yml');
});

test('SQL patterns of the pipelines: globs become **/*.sql, SQL files stay, notebooks go', () => {
  const pipelines = [
    ...parseBundleFile(MAIN, 'databricks.yml').pipelines,
    ...parseBundleFile(RESOURCE, 'bundle/resources/iot.yml').pipelines,
  ];
  assert.deepEqual(librarySqlPatterns(pipelines), ['pipelines/one.sql', 'pipelines/**/*.sql']);
});

test('broken YAML yields an empty bundle, not an exception', () => {
  assert.deepEqual(parseBundleFile('bundle: [unclosed', 'databricks.yml'), { include: [], targets: [], pipelines: [] });
  assert.deepEqual(parseBundleFile('just text', 'databricks.yml').targets, []);
});

test('target choice: setting, then last choice, then default, then development', () => {
  const targets = [
    { name: 'staging', isDefault: false },
    { name: 'dev', mode: 'development', isDefault: false },
    { name: 'prod', mode: 'production', isDefault: true },
  ];
  assert.equal(chooseTarget(targets, 'staging', 'dev')?.name, 'staging');
  assert.equal(chooseTarget(targets, 'missing', 'dev')?.name, 'dev');
  assert.equal(chooseTarget(targets)?.name, 'prod');
  assert.equal(chooseTarget(targets.slice(0, 2))?.name, 'dev');
  assert.equal(chooseTarget([]), undefined);
});

test('production targets need confirmation', () => {
  assert.ok(isProductionTarget({ name: 'live', mode: 'production', isDefault: false }));
  assert.ok(isProductionTarget({ name: 'prod', isDefault: false }));
  assert.ok(!isProductionTarget({ name: 'dev', mode: 'development', isDefault: true }));
});

test("a target's workspace.profile, else the bundle's, when literal", () => {
  const yml = [
    'workspace:',
    '  profile: shared',
    'targets:',
    '  dev:',
    '    default: true',
    '  prod:',
    '    workspace:',
    '      profile: prod-sp',
    '  qa:',
    '    workspace:',
    '      profile: ${var.p}',
  ].join('\n');
  assert.deepEqual(
    parseBundleFile(yml, 'databricks.yml').targets.map((t) => [t.name, t.profile]),
    [
      ['dev', 'shared'],
      ['prod', 'prod-sp'],
      ['qa', 'shared'],
    ],
  );
});
