import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childEnvironment, profileOf, redact } from '../../../client/src/databricks/cliEnvironment';
import { isOAuthU2mProfile, parseDatabricksConfig } from '../../../client/src/databricks/databricksConfig';
import { authTokenCommand, parseAccessToken, refreshDelayMs } from '../../../client/src/databricks/oauthToken';

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

test('redacts every occurrence of a secret, and token shapes nobody named', () => {
  assert.equal(redact('Bearer dapiSECRET and dapiSECRET', ['dapiSECRET']), 'Bearer [redacted] and [redacted]');
  assert.equal(redact('abc', ['']), 'abc');
  assert.equal(redact('token dapi0123456789abcdef was refused', []), 'token [redacted] was refused');
  assert.equal(redact('{"access_token": "opaque-value", "expiry": "2026"}', []), '{"access_token": "[redacted]", "expiry": "2026"}');
  assert.equal(redact('got eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl back', []), 'got [redacted] back');
});

test('reads profile names and hosts from ~/.databrickscfg', () => {
  const cfg =
    '; comment\n[DEFAULT]\nhost = https://a.cloud.databricks.com\ntoken = dapiX\n\n[work]\nhost=https://b\nauth_type = databricks-cli\n';
  assert.deepEqual(parseDatabricksConfig(cfg), [
    { name: 'DEFAULT', host: 'https://a.cloud.databricks.com', hasToken: true },
    { name: 'work', host: 'https://b', authType: 'databricks-cli' },
  ]);
});

test('OAuth user-to-machine profiles: databricks-cli, or no stored credential at all', () => {
  const cfg = [
    '[pat]\nhost=h\ntoken=dapiX',
    '[login]\nhost=h',
    '[u2m]\nhost=h\nauth_type=databricks-cli',
    '[m2m]\nhost=h\nclient_id=a\nclient_secret=b',
    '[azure]\nhost=h\nauth_type=azure-cli',
  ].join('\n');
  assert.deepEqual(
    parseDatabricksConfig(cfg).map((p) => `${p.name}:${isOAuthU2mProfile(p)}`),
    ['pat:false', 'login:true', 'u2m:true', 'm2m:false', 'azure:false'],
  );
});

test('databricks auth token: the command, its JSON, and when to renew', () => {
  assert.deepEqual(authTokenCommand('work'), { command: ['auth', 'token'], args: ['--profile', 'work'] });
  const t = parseAccessToken('{"access_token": "eyJ.abc", "token_type": "Bearer", "expiry": "2026-11-26T03:00:00.000Z"}');
  assert.deepEqual(t, { token: 'eyJ.abc', expiresAt: Date.parse('2026-11-26T03:00:00.000Z') });
  assert.equal(refreshDelayMs(t, Date.parse('2026-11-26T02:00:00.000Z')), 55 * 60 * 1000, 'five minutes before expiry');
  assert.equal(refreshDelayMs(t, Date.parse('2026-11-26T02:58:00.000Z')), 60 * 1000, 'never sooner than a minute');
  assert.equal(refreshDelayMs({ token: 'x' }, 0), 60 * 60 * 1000, 'an hour when the expiry is unknown');
  assert.equal(parseAccessToken('Error: not logged in'), undefined);
  assert.equal(parseAccessToken('{"token_type": "Bearer"}'), undefined);
});
