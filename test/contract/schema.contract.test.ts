// The real CLI's `bundle schema`: the extension ships it unchanged
// (schemas/databricks-bundle.schema.json, written by scripts/bundle-schema.mjs),
// and the repository's bundle YAML validates against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { contractCli, repoRoot } from './contractHarness';

async function generated(): Promise<string> {
  const script = (await import(pathToFileURL(join(repoRoot, 'scripts', 'bundle-schema.mjs')).href)) as {
    generateBundleSchema(cli: string): string;
  };
  return script.generateBundleSchema(contractCli());
}

function bundleYamlFiles(): string[] {
  const dir = join(repoRoot, 'bundle');
  return [
    'databricks.yml',
    ...readdirSync(join(dir, 'resources'))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => `resources/${f}`),
  ].map((f) => join(dir, f));
}

test('schema: the committed databricks.yml schema is what the pinned CLI prints (scripts/bundle-schema.mjs)', async () => {
  const committed = readFileSync(join(repoRoot, 'schemas', 'databricks-bundle.schema.json'), 'utf8');
  assert.ok(committed === (await generated()), 'schemas/databricks-bundle.schema.json is stale: run node scripts/bundle-schema.mjs');
});

test('schema: every bundle/*.yml file validates against the CLI schema, and a wrong value does not', async () => {
  const schema = JSON.parse(await generated()) as Record<string, unknown>;
  // Not strict: the schema carries editor keywords (markdownDescription, deprecationMessage, ...).
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  for (const file of bundleYamlFiles()) {
    const ok = validate(parse(readFileSync(file, 'utf8')));
    assert.ok(ok, `${file}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
  }
  assert.equal(validate({ resources: { pipelines: { p: { continuous: 'sometimes' } } } }), false, 'a non-boolean continuous is refused');
  assert.equal(validate({ resources: { pipelines: { p: { serverles: true } } } }), false, 'a misspelt pipeline key is refused');
  assert.equal(
    validate({ resources: { pipelines: { p: { continuous: '${var.continuous}' } } } }),
    true,
    'a variable reference is accepted anywhere',
  );
});
