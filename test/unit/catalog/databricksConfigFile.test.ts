import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatabricksConfig } from '../../../server/src/catalog/databricksConfigFile';

const cases: { name: string; text: string; expected: Record<string, Record<string, string>> }[] = [
  {
    name: 'DEFAULT and a named profile, comments ignored',
    text: '; a comment\n[DEFAULT]\nhost = https://adb-1.azuredatabricks.net\ntoken = dapi111\n\n# another\n[dev]\nhost=https://dev.cloud.databricks.com/\ntoken=dapi222\n',
    expected: {
      DEFAULT: { host: 'https://adb-1.azuredatabricks.net', token: 'dapi111' },
      dev: { host: 'https://dev.cloud.databricks.com/', token: 'dapi222' },
    },
  },
  {
    name: 'keys before any section belong to DEFAULT',
    text: 'host = https://a.net\n[DEFAULT]\ntoken = dapi1\n',
    expected: { DEFAULT: { host: 'https://a.net', token: 'dapi1' } },
  },
  {
    name: 'dotted profile names stay flat, their prefix is not a profile',
    text: '[team.eu]\nhost = https://eu.net\n[team.us]\nhost = https://us.net\nauth_type = databricks-cli\n',
    expected: { 'team.eu': { host: 'https://eu.net' }, 'team.us': { host: 'https://us.net', auth_type: 'databricks-cli' } },
  },
  {
    name: 'boolean-looking values come back as text, empty sections exist',
    text: '[empty]\n[x]\nhost = h\nexperimental_is_unified_host = true\n',
    expected: { empty: {}, x: { host: 'h', experimental_is_unified_host: 'true' } },
  },
];

for (const c of cases) {
  test(`profiles file: ${c.name}`, () => {
    const parsed = parseDatabricksConfig(c.text);
    assert.deepEqual(Object.fromEntries([...parsed].map(([k, v]) => [k, { ...v }])), c.expected);
  });
}
