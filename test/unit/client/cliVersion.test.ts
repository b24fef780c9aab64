import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, parseCliVersion, versionProblem } from '../../../client/src/databricks/cliVersion';

test('reads the version from `databricks version` output', () => {
  assert.equal(parseCliVersion('Databricks CLI v0.262.0\n'), '0.262.0');
  assert.equal(parseCliVersion('0.240.1'), '0.240.1');
  assert.equal(parseCliVersion('garbage'), undefined);
});

test('compares numerically, not as text', () => {
  assert.equal(compareVersions('0.240.0', '0.99.0'), 1);
  assert.equal(compareVersions('0.240.0', '0.240.0'), 0);
  assert.equal(compareVersions('0.18.0', '0.240.0'), -1);
});

test('explains an old or unreadable version', () => {
  assert.equal(versionProblem('Databricks CLI v0.262.0'), undefined);
  assert.match(versionProblem('Databricks CLI v0.18.0') ?? '', /0\.18\.0 is too old: Lakeflow needs 0\.240\.0/);
  assert.match(versionProblem('Databricks CLI') ?? '', /Could not read/);
});
