import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childEnvironment, profileOf, redact } from '../../../client/src/databricks/cliEnvironment';
import { parseDatabricksConfig } from '../../../client/src/databricks/databricksConfig';

test('a token travels in the environment, never as a profile flag', () => {
  const env = childEnvironment({ PATH: '/bin', DATABRICKS_CONFIG_PROFILE: 'x' }, { kind: 'token', host: 'https://h', token: 'dapiSECRET' });
  assert.equal(env.DATABRICKS_TOKEN, 'dapiSECRET');
  assert.equal(env.DATABRICKS_HOST, 'https://h');
  assert.equal(env.DATABRICKS_CONFIG_PROFILE, undefined);
  assert.equal(env.PATH, '/bin');
  assert.equal(profileOf({ kind: 'token', host: 'https://h', token: 'dapiSECRET' }), undefined);
});

test('a profile leaves the environment alone and becomes --profile', () => {
  const base = { PATH: '/bin' };
  assert.deepEqual(childEnvironment(base, { kind: 'profile', profile: 'work' }), base);
  assert.equal(profileOf({ kind: 'profile', profile: 'work' }), 'work');
});

test('redacts every occurrence of a secret', () => {
  assert.equal(redact('Bearer dapiSECRET and dapiSECRET', ['dapiSECRET']), 'Bearer *** and ***');
  assert.equal(redact('abc', ['']), 'abc');
});

test('reads profile names and hosts from ~/.databrickscfg', () => {
  const cfg = '; comment\n[DEFAULT]\nhost = https://a.cloud.databricks.com\ntoken = dapiX\n\n[work]\nhost=https://b\nauth_type = databricks-cli\n';
  assert.deepEqual(parseDatabricksConfig(cfg), [
    { name: 'DEFAULT', host: 'https://a.cloud.databricks.com' },
    { name: 'work', host: 'https://b', authType: 'databricks-cli' },
  ]);
});
