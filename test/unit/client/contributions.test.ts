// The static contributions and facts: the snippets completion serves and the
// databricks.yml schema shipped for the Red Hat YAML extension, checked
// against the constructs they must cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SNIPPETS } from '../../../server/src/language/facts/snippets';

const root = path.resolve(__dirname, '../../../..');
const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

test('snippets cover every construct issue 5 lists, each with prefixes, body, description and place', () => {
  const bodies = SNIPPETS.map((s) => s.body);
  for (const needle of [
    /STREAMING TABLE[\s\S]*STREAM read_files/,
    /MATERIALIZED VIEW/,
    /EXPECT \([^)]*\}\)\$\{0:,\}$/m,
    /ON VIOLATION DROP ROW/,
    /ON VIOLATION FAIL UPDATE/,
    /AUTO CDC INTO[\s\S]*SCD TYPE 1/,
    /AUTO CDC INTO[\s\S]*SCD TYPE 2/,
    /INSERT INTO[\s\S]*BY NAME/,
    /TEMPORARY VIEW/,
    /schemaHints =>/,
  ]) {
    assert.ok(
      bodies.some((b) => needle.test(b)),
      `no snippet matches ${needle}`,
    );
  }
  for (const s of SNIPPETS) {
    assert.ok(s.prefixes.length > 0 && s.body.length > 0 && s.description, s.label);
    assert.ok(['statement', 'tableElement', 'relation'].includes(s.place), s.label);
  }
});

interface SchemaNode {
  $ref?: string;
  oneOf?: SchemaNode[];
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode;
}

test('the databricks.yml schema (generated from the CLI) knows the top-level, target and pipeline keys', () => {
  const schema = json('schemas/databricks-bundle.schema.json') as unknown as SchemaNode & { $comment: string };
  assert.match(schema.$comment, /databricks bundle schema.*v\d+\.\d+\.\d+/);
  const at = (ref: string): SchemaNode =>
    ref
      .slice(2)
      .split('/')
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, schema as unknown as Record<string, unknown>);
  // A value is an object schema or a `${...}` reference string: follow $ref and the object branch of oneOf.
  const object = (node: SchemaNode | undefined): SchemaNode => {
    let n = node ?? {};
    for (let i = 0; i < 10 && (n.$ref || n.oneOf); i++)
      n = n.$ref ? at(n.$ref) : (n.oneOf?.find((x) => x.$ref || x.type === 'object') ?? {});
    return n;
  };
  const keys = (node: SchemaNode): string[] => Object.keys(node.properties ?? {});
  for (const key of [
    'bundle',
    'include',
    'variables',
    'workspace',
    'resources',
    'targets',
    'presets',
    'run_as',
    'permissions',
    'sync',
    'artifacts',
    'scripts',
  ])
    assert.ok(keys(schema).includes(key), key);
  const target = object(object(schema.properties?.targets).additionalProperties);
  for (const key of ['mode', 'default', 'workspace', 'variables', 'presets', 'run_as', 'resources'])
    assert.ok(keys(target).includes(key), key);
  const pipeline = object(object(object(schema.properties?.resources).properties?.pipelines).additionalProperties);
  for (const key of [
    'name',
    'catalog',
    'schema',
    'target',
    'configuration',
    'libraries',
    'serverless',
    'development',
    'continuous',
    'channel',
    'photon',
    'edition',
    'clusters',
    'root_path',
    'tags',
  ]) {
    assert.ok(keys(pipeline).includes(key), key);
  }
});

test('the manifest points the YAML extension and grammar at shipped files, and contributes no snippets', () => {
  const contributes = json('package.json').contributes as {
    yamlValidation: { url: string }[];
    grammars: { path: string }[];
  };
  for (const file of [...contributes.yamlValidation.map((y) => y.url), ...contributes.grammars.map((g) => g.path)]) {
    assert.doesNotThrow(() => json(file), file);
  }
  // VS Code would offer contributed snippets in every position, a WHERE clause too.
  assert.equal('snippets' in contributes, false);
});
