// Settings defaults are declared once, in the extension manifest: the server
// reads them from package.json (protocol's manifestDefaults) and fills in what
// a client leaves out with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestDefaults } from '../../../protocol/src/settings';
import { mergeSettings } from '../../../server/src/lsp/serverSettings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
const declared = (key: string) => manifest.contributes.configuration.properties[`lakeflow.${key}`].default;

test('the defaults are the manifest declarations, key for key', () => {
  assert.deepEqual(manifestDefaults(manifest), {
    sqlFilePatterns: declared('sqlFilePatterns'),
    catalog: {
      enabled: declared('catalog.enabled'),
      ttlSeconds: declared('catalog.cacheTtlSeconds'),
      timeoutMs: declared('catalog.timeoutMs'),
    },
  });
  assert.equal(manifestDefaults({ name: 'another-package' }), undefined);
});

test('what a client leaves out or sends malformed takes the default; what it sends wins', () => {
  const defaults = manifestDefaults(manifest)!;
  assert.deepEqual(mergeSettings({}, defaults), defaults);
  assert.deepEqual(mergeSettings({ sqlFilePatterns: ['', 3], catalog: { ttlSeconds: -1, enabled: 'yes' } }, defaults), defaults);
  const chosen = mergeSettings(
    { sqlFilePatterns: ['etl/**/*.sql'], catalog: { enabled: false, ttlSeconds: 5, timeoutMs: 100 }, profile: 'work', target: 'dev' },
    defaults,
  );
  assert.deepEqual(chosen, {
    sqlFilePatterns: ['etl/**/*.sql'],
    catalog: { enabled: false, ttlSeconds: 5, timeoutMs: 100 },
    profile: 'work',
    target: 'dev',
  });
});
