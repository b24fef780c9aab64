// The static contributions: snippets and the databricks.yml schema shipped for
// the Red Hat YAML extension, checked against the facts they must cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

test('snippets cover every construct issue 5 lists, each with prefix, body and description', () => {
  const snippets = json('snippets/lakeflow-sql.json') as Record<string, Snippet>;
  const bodies = Object.values(snippets).map((s) => s.body.join('\n'));
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
    assert.ok(bodies.some((b) => needle.test(b)), `no snippet matches ${needle}`);
  }
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(s.prefix.length > 0 && s.body.length > 0 && s.description, name);
  }
});

test('the databricks.yml schema knows the top-level, target and pipeline keys', () => {
  const schema = json('schemas/databricks-bundle.schema.json') as {
    properties: Record<string, unknown>;
    definitions: Record<string, { properties: Record<string, unknown> }>;
  };
  for (const key of ['bundle', 'include', 'variables', 'workspace', 'resources', 'targets', 'presets', 'run_as', 'permissions', 'sync', 'artifacts', 'scripts']) {
    assert.ok(key in schema.properties, key);
  }
  for (const key of ['mode', 'default', 'workspace', 'variables', 'presets', 'run_as', 'resources']) assert.ok(key in schema.definitions.target.properties, key);
  for (const key of ['name', 'catalog', 'schema', 'target', 'configuration', 'libraries', 'serverless', 'development', 'continuous', 'channel', 'photon', 'edition', 'clusters', 'root_path', 'tags']) {
    assert.ok(key in schema.definitions.pipeline.properties, key);
  }
});

test('the manifest points the YAML extension, snippets and grammar at shipped files', () => {
  const contributes = json('package.json').contributes as {
    yamlValidation: { url: string }[];
    snippets: { path: string }[];
    grammars: { path: string }[];
  };
  for (const file of [...contributes.yamlValidation.map((y) => y.url), ...contributes.snippets.map((s) => s.path), ...contributes.grammars.map((g) => g.path)]) {
    assert.doesNotThrow(() => json(file), file);
  }
});
