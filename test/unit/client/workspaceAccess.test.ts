import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outsideBundleEnvironment, sameHost, workspaceAccess } from '../../../client/src/databricks/workspaceAccess';

const profiles = [
  { name: 'work', host: 'https://adb-1.azuredatabricks.net/' },
  { name: 'other', host: 'https://dbc-2.cloud.databricks.com' },
];
const host = 'https://adb-1.azuredatabricks.net';

test('the profile setting wins; a stored token travels in the environment already', () => {
  assert.deepEqual(workspaceAccess({ kind: 'profile', profile: 'mine' }, { bundleProfile: 'b', host, profiles }), { profile: 'mine' });
  assert.deepEqual(workspaceAccess({ kind: 'token', host, token: 'dapi' }, { bundleProfile: 'b', host, profiles }), {});
});

test("without a setting: the bundle target's profile, else the one profile of the host, else the host", () => {
  assert.deepEqual(workspaceAccess({ kind: 'none' }, { bundleProfile: 'b', host, profiles }), { profile: 'b' });
  assert.deepEqual(workspaceAccess({ kind: 'none' }, { host, profiles }), { profile: 'work' });
  const twice = [...profiles, { name: 'work2', host }];
  assert.deepEqual(workspaceAccess({ kind: 'none' }, { host, profiles: twice }), { host }, 'two profiles for the host: the CLI chooses');
  assert.deepEqual(workspaceAccess({ kind: 'none' }, { host: 'http://127.0.0.1:4000', profiles }), { host: 'http://127.0.0.1:4000' });
  assert.deepEqual(workspaceAccess({ kind: 'none' }, { profiles }), {});
});

test('hosts compare without scheme, case and trailing slash differences', () => {
  assert.ok(sameHost('ADB-1.azuredatabricks.net', 'https://adb-1.azuredatabricks.net/'));
  assert.ok(!sameHost('http://127.0.0.1:1', 'http://127.0.0.1:2'));
});

test('outside the bundle: no bundle root; the host replaces an inherited profile', () => {
  const env = outsideBundleEnvironment({ PATH: '/bin', DATABRICKS_BUNDLE_ROOT: '/repo/bundle', DATABRICKS_CONFIG_PROFILE: 'x' }, { host });
  assert.deepEqual(env, { PATH: '/bin', DATABRICKS_HOST: host });
  assert.deepEqual(outsideBundleEnvironment({ DATABRICKS_CONFIG_PROFILE: 'x' }, { profile: 'p' }), { DATABRICKS_CONFIG_PROFILE: 'x' });
});
