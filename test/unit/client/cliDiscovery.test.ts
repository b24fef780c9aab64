import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverCli } from '../../../client/src/databricks/cliDiscovery';

const executables =
  (...files: string[]) =>
  (f: string) =>
    files.includes(f);

test('the lakeflow.cliPath setting wins, even over an installed Databricks extension', () => {
  const found = discoverCli({
    settingPath: ' /opt/db/databricks ',
    databricksExtensionPath: '/ext/db',
    pathEnv: '/usr/bin',
    platform: 'linux',
    isExecutable: executables('/ext/db/bin/databricks', '/usr/bin/databricks'),
  });
  assert.deepEqual(found, { path: '/opt/db/databricks', source: 'setting' });
});

test("then the Databricks extension's bundled CLI", () => {
  const found = discoverCli({
    databricksExtensionPath: '/ext/db',
    pathEnv: '/usr/bin',
    platform: 'linux',
    isExecutable: executables('/ext/db/bin/databricks', '/usr/bin/databricks'),
  });
  assert.deepEqual(found, { path: '/ext/db/bin/databricks', source: 'databricksExtension' });
});

test('then the first databricks on PATH', () => {
  const found = discoverCli({
    databricksExtensionPath: '/ext/db',
    pathEnv: '/a::/usr/local/bin:/usr/bin',
    platform: 'linux',
    isExecutable: executables('/usr/local/bin/databricks', '/usr/bin/databricks'),
  });
  assert.deepEqual(found, { path: '/usr/local/bin/databricks', source: 'path' });
});

test('databricks.exe with Windows paths', () => {
  const found = discoverCli({
    databricksExtensionPath: 'C:\\ext\\db',
    pathEnv: 'C:\\tools',
    platform: 'win32',
    isExecutable: executables('C:\\ext\\db\\bin\\databricks.exe'),
  });
  assert.deepEqual(found, { path: 'C:\\ext\\db\\bin\\databricks.exe', source: 'databricksExtension' });
});

test('nothing found', () => {
  assert.equal(discoverCli({ pathEnv: '/usr/bin', platform: 'linux', isExecutable: () => false }), undefined);
});
