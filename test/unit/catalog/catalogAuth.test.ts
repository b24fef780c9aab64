import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogAuth, CatalogAuthInput, normalizeHost, resolveCatalogAuth } from '../../../server/src/catalog/catalogAuth';
import { createUnityCatalogProvider } from '../../../server/src/catalog/unityCatalogProvider';
import { UnityCatalogStandIn } from '../../support/unityCatalogStandIn';

const HOME = '/home/analyst';
const PROFILES = `
[DEFAULT]
host = https://default.cloud.databricks.com
token = dapi-default-token

[dev]
host = dev.cloud.databricks.com
token = dapi-dev-token

[m2m]
host = https://m2m.cloud.databricks.com
client_id = abc
client_secret = def

[u2m]
host = https://u2m.cloud.databricks.com
auth_type = databricks-cli

[pat-no-token]
host = https://nt.cloud.databricks.com
auth_type = pat

[no-host]
token = dapi-x

[host-only]
host = https://bare.example.net
`;

function input(over: Partial<CatalogAuthInput> & { files?: Record<string, string> } = {}): CatalogAuthInput {
  const files = over.files ?? { [`${HOME}/.databrickscfg`]: PROFILES };
  return {
    explicit: over.explicit ?? {},
    env: over.env ?? {},
    homeDir: HOME,
    readTextFile: async (path) => files[path],
  };
}

function summary(auth: CatalogAuth): string {
  if (auth.kind === 'ok') return `ok ${auth.source} ${auth.host} ${auth.token}${auth.profile ? ` (${auth.profile})` : ''}`;
  if (auth.kind === 'none') return 'none';
  return `${auth.reason}: ${auth.message}`;
}

const ENV = { DATABRICKS_HOST: 'https://env.cloud.databricks.com', DATABRICKS_TOKEN: 'dapi-env-token' };

const precedence: { name: string; input: CatalogAuthInput; expected: string | RegExp }[] = [
  {
    name: 'explicit host and token win over environment and profile',
    input: input({ explicit: { host: 'https://explicit.net', token: 'dapi-explicit' }, env: ENV }),
    expected: 'ok explicit https://explicit.net dapi-explicit',
  },
  {
    name: 'environment wins over the profiles file',
    input: input({ env: ENV }),
    expected: 'ok environment https://env.cloud.databricks.com dapi-env-token',
  },
  {
    name: 'the DEFAULT profile when nothing else is set',
    input: input(),
    expected: 'ok profile https://default.cloud.databricks.com dapi-default-token (DEFAULT)',
  },
  {
    name: 'a profile named by setting, host without scheme gets https',
    input: input({ explicit: { profile: 'dev' } }),
    expected: 'ok profile https://dev.cloud.databricks.com dapi-dev-token (dev)',
  },
  {
    name: 'a profile named by setting wins over environment credentials',
    input: input({ explicit: { profile: 'dev' }, env: ENV }),
    expected: 'ok profile https://dev.cloud.databricks.com dapi-dev-token (dev)',
  },
  {
    name: 'a profile named by DATABRICKS_CONFIG_PROFILE',
    input: input({ env: { DATABRICKS_CONFIG_PROFILE: 'dev' } }),
    expected: /^ok profile .* \(dev\)$/,
  },
  {
    name: 'the setting wins over DATABRICKS_CONFIG_PROFILE',
    input: input({ explicit: { profile: 'DEFAULT' }, env: { DATABRICKS_CONFIG_PROFILE: 'dev' } }),
    expected: /^ok profile .* \(DEFAULT\)$/,
  },
  {
    name: 'DATABRICKS_CONFIG_FILE points at another file',
    input: input({
      env: { DATABRICKS_CONFIG_FILE: '~/work/cfg' },
      files: { [`${HOME}/work/cfg`]: '[DEFAULT]\nhost=https://other.net\ntoken=dapi-other\n' },
    }),
    expected: 'ok profile https://other.net dapi-other (DEFAULT)',
  },
  {
    name: 'environment needs both host and token',
    input: input({ env: { DATABRICKS_TOKEN: 'dapi-env-token' } }),
    expected: /^ok profile https:\/\/default/,
  },
  {
    name: 'an explicit host without a token takes the profile for that host',
    input: input({ explicit: { host: 'https://default.cloud.databricks.com/' } }),
    expected: 'ok profile https://default.cloud.databricks.com dapi-default-token (DEFAULT)',
  },
  {
    name: "an explicit host never receives another host's token",
    input: input({ explicit: { host: 'https://mine.net' }, env: ENV }),
    expected: /^auth-config: no token for https:\/\/mine\.net: profile 'DEFAULT' is for https:\/\/default/,
  },
  {
    name: 'an OAuth U2M profile uses the access token the client got from `databricks auth token`',
    input: input({ explicit: { profile: 'u2m' }, env: { LAKEFLOW_OAUTH_PROFILE: 'u2m', LAKEFLOW_OAUTH_TOKEN: 'eyJ-oauth' } }),
    expected: 'ok profile https://u2m.cloud.databricks.com eyJ-oauth (u2m)',
  },
  {
    name: 'a PAT profile keeps its own token even when a CLI token is around',
    input: input({ explicit: { profile: 'dev' }, env: { LAKEFLOW_OAUTH_PROFILE: 'dev', LAKEFLOW_OAUTH_TOKEN: 'eyJ-oauth' } }),
    expected: 'ok profile https://dev.cloud.databricks.com dapi-dev-token (dev)',
  },
  {
    name: 'a token without a host is refused',
    input: input({ explicit: { token: 'dapi-explicit' } }),
    expected: /^auth-config: a token was given without a workspace host/,
  },
];

for (const c of precedence) {
  test(`auth: ${c.name}`, async () => {
    const got = summary(await resolveCatalogAuth(c.input));
    if (typeof c.expected === 'string') assert.equal(got, c.expected);
    else assert.match(got, c.expected);
  });
}

const problems: { name: string; input: CatalogAuthInput; expected: string | RegExp }[] = [
  { name: 'no file and no profile named: nothing configured', input: input({ files: {} }), expected: 'none' },
  {
    name: 'no DEFAULT profile and none named: nothing configured',
    input: input({ files: { [`${HOME}/.databrickscfg`]: '[dev]\nhost=h\ntoken=t\n' } }),
    expected: 'none',
  },
  {
    name: 'a named profile in a missing file',
    input: input({ explicit: { profile: 'dev' }, files: {} }),
    expected: `auth-config: profile 'dev' was asked for but ${HOME}/.databrickscfg does not exist`,
  },
  {
    name: 'a missing named profile lists the known ones',
    input: input({ explicit: { profile: 'prod' } }),
    expected: `auth-config: no profile 'prod' in ${HOME}/.databrickscfg (profiles: DEFAULT, dev, m2m, u2m, pat-no-token, no-host, host-only)`,
  },
  {
    name: 'a profile without host',
    input: input({ explicit: { profile: 'no-host' } }),
    expected: /^auth-config: profile 'no-host' .* has no host$/,
  },
  {
    name: 'OAuth U2M without a CLI token',
    input: input({ explicit: { profile: 'u2m' } }),
    expected:
      /^unsupported-auth: OAuth profile without a CLI token for catalog completion \(profile 'u2m'\): sign in with `databricks auth login`/,
  },
  {
    name: 'a CLI token handed over for another profile is not used',
    input: input({ explicit: { profile: 'u2m' }, env: { LAKEFLOW_OAUTH_PROFILE: 'dev', LAKEFLOW_OAUTH_TOKEN: 'eyJ-oauth' } }),
    expected: /^unsupported-auth: OAuth profile without a CLI token/,
  },
  {
    name: 'OAuth M2M inferred from client_id/secret',
    input: input({ explicit: { profile: 'm2m' } }),
    expected: /^unsupported-auth: unsupported auth type oauth-m2m for catalog completion/,
  },
  {
    name: 'a profile with a host and nothing else says exactly what is missing (not "OAuth profile")',
    input: input({ explicit: { profile: 'host-only' } }),
    expected: `auth-config: profile 'host-only' in ${HOME}/.databrickscfg has a host (https://bare.example.net) but no token: add \`token = <personal access token>\`, sign in with \`databricks auth login\` (auth_type = databricks-cli), or, for a server with authorization off, set lakeflow.catalog.auth to "none"`,
  },
  {
    name: 'pat without a token',
    input: input({ explicit: { profile: 'pat-no-token' } }),
    expected: /^unsupported-auth: .*it has no token/,
  },
  {
    name: 'DATABRICKS_AUTH_TYPE other than pat',
    input: input({ env: { ...ENV, DATABRICKS_AUTH_TYPE: 'azure-cli' } }),
    expected: /^unsupported-auth: unsupported auth type azure-cli for catalog completion \(DATABRICKS_AUTH_TYPE\)/,
  },
  {
    name: 'an invalid host',
    input: input({ env: { DATABRICKS_HOST: 'ftp://x', DATABRICKS_TOKEN: 't' } }),
    expected: /^auth-config: DATABRICKS_HOST 'ftp:\/\/x' is not a valid URL/,
  },
  {
    name: 'an unreadable file',
    input: { ...input(), readTextFile: async () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) },
    expected: `auth-config: cannot read ${HOME}/.databrickscfg: EACCES`,
  },
];

const withoutAuthorization: { name: string; input: CatalogAuthInput; expected: string | RegExp }[] = [
  {
    name: 'the host of the settings',
    input: { ...input({ explicit: { host: 'http://127.0.0.1:8080' } }), authorization: 'none' },
    expected: 'ok explicit http://127.0.0.1:8080 undefined',
  },
  {
    name: 'DATABRICKS_HOST, and its token is not sent',
    input: { ...input({ env: ENV }), authorization: 'none' },
    expected: 'ok environment https://env.cloud.databricks.com undefined',
  },
  {
    name: "a profile's host, and its token is not sent",
    input: { ...input({ explicit: { profile: 'dev' } }), authorization: 'none' },
    expected: 'ok profile https://dev.cloud.databricks.com undefined (dev)',
  },
  {
    name: 'a host-only profile',
    input: { ...input({ explicit: { profile: 'host-only' } }), authorization: 'none' },
    expected: 'ok profile https://bare.example.net undefined (host-only)',
  },
  {
    name: 'no host anywhere is an error, not silence',
    input: { ...input({ files: {} }), authorization: 'none' },
    expected: /^auth-config: lakeflow.catalog.auth is "none" but no host is configured/,
  },
];

for (const c of withoutAuthorization) {
  test(`auth "none": ${c.name}`, async () => {
    const got = summary(await resolveCatalogAuth(c.input));
    if (typeof c.expected === 'string') assert.equal(got, c.expected);
    else assert.match(got, c.expected);
  });
}

for (const c of problems) {
  test(`auth problem: ${c.name}`, async () => {
    const got = summary(await resolveCatalogAuth(c.input));
    if (typeof c.expected === 'string') assert.equal(got, c.expected);
    else assert.match(got, c.expected);
  });
}

test('host normalisation keeps scheme and port, drops path, refuses non-HTTP', () => {
  assert.equal(normalizeHost('adb-1.azuredatabricks.net'), 'https://adb-1.azuredatabricks.net');
  assert.equal(normalizeHost('http://127.0.0.1:8080/'), 'http://127.0.0.1:8080');
  assert.equal(normalizeHost('https://x.net/some/path?o=1'), 'https://x.net');
  assert.equal(normalizeHost('ftp://x.net'), null);
});

test('the provider reads a real profiles file from the home folder and reports its state', async () => {
  const home = await mkdtemp(join(tmpdir(), 'uc-home-'));
  try {
    await writeFile(
      join(home, '.databrickscfg'),
      '[DEFAULT]\nhost = http://127.0.0.1:9\ntoken = dapi-file\n[oauth]\nhost = https://o.net\nauth_type = oauth-m2m\n',
    );
    const viaDefault = await createUnityCatalogProvider({ env: {}, homeDir: home });
    assert.deepEqual(viaDefault.state, {
      kind: 'connecting',
      host: 'http://127.0.0.1:9',
      message: "Unity Catalog at http://127.0.0.1:9 (credentials from profile 'DEFAULT')",
    });
    const viaOauth = await createUnityCatalogProvider({ env: {}, homeDir: home, profile: 'oauth' });
    assert.equal(viaOauth.state.kind, 'offline');
    assert.match(viaOauth.state.message, /unsupported auth type oauth-m2m for catalog completion/);
    const nothing = await createUnityCatalogProvider({ env: {}, homeDir: join(home, 'nowhere') });
    assert.equal(nothing.state.kind, 'disabled');
    assert.equal(await nothing.listCatalogs(), undefined);
    const off = await createUnityCatalogProvider({ enabled: false, env: {}, homeDir: home });
    assert.deepEqual(off.state, { kind: 'disabled', message: 'Unity Catalog completion is turned off' });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test('a server with authorization off: without the setting the catalog says what is missing; with it, it answers and no token is ever sent', async () => {
  const standIn = await UnityCatalogStandIn.start({ profile: 'oss' });
  const home = await mkdtemp(join(tmpdir(), 'uc-home-'));
  try {
    await writeFile(
      join(home, '.databrickscfg'),
      `[local]\nhost = ${standIn.url}\ntoken = dapi-not-for-this-server\n[bare]\nhost = ${standIn.url}\n`,
    );
    const refused = await createUnityCatalogProvider({ env: {}, homeDir: home, profile: 'bare' });
    assert.equal(refused.state.kind, 'offline');
    assert.match(refused.state.message, /has a host \(http:\/\/127\.0\.0\.1:\d+\) but no token/);
    assert.equal(await refused.listCatalogs(), undefined);
    assert.equal(standIn.requests.length, 0, 'never asked silently without a token');

    for (const profile of ['bare', 'local']) {
      const open = await createUnityCatalogProvider({ env: {}, homeDir: home, profile, authorization: 'none' });
      assert.match(open.state.message, /without a token \(lakeflow\.catalog\.auth is "none"/);
      assert.equal((await open.listCatalogs())?.length, 4);
      assert.equal(open.state.kind, 'connected');
      assert.match(open.state.message, /without a token/);
      await open.dispose();
    }
    assert.ok(
      standIn.requests.length >= 2 && standIn.requests.every((r) => r.authorization === undefined),
      "no Authorization header, not even the profile's token",
    );
  } finally {
    await standIn.close();
    await rm(home, { recursive: true, force: true });
  }
});

test('authorization "none" against a server that wants a token: unauthorized, and the message names the setting', async () => {
  const standIn = await UnityCatalogStandIn.start({ profile: 'databricks', token: 'dapi0123456789abcdef0123456789abcdef-1' });
  try {
    const provider = await createUnityCatalogProvider({
      env: { DATABRICKS_HOST: standIn.url },
      homeDir: '/nonexistent',
      authorization: 'none',
    });
    assert.equal(await provider.listCatalogs(), undefined);
    assert.equal(provider.state.kind, 'offline');
    assert.match(provider.state.message, /HTTP 401 UNAUTHENTICATED.*the server wants a token: lakeflow\.catalog\.auth is "none"/);
    await provider.dispose();
  } finally {
    await standIn.close();
  }
});
