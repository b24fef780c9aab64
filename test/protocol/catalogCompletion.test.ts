// Unity Catalog through the language server: completion and hover against the
// stand-in server on a loopback port, once per recorded profile (Databricks,
// open-source v0.6.0); a server with authorization off reached with
// lakeflow.catalog.auth "none"; names compared as the server does; the
// pipeline-only fallback when the catalog is unreachable or refuses the token;
// and the token never appearing in the server's stderr or log messages.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { repositoryRoot } from '../support/serverProcess';
import { LspSession, openSession, positionOf } from '../support/lspSession';
import { TEST_TOKEN } from '../support/catalogProviderHarness';
import { STAND_IN_PROFILES, UnityCatalogStandIn, column, sampleWorkspace, table } from '../support/unityCatalogStandIn';

const scratch = join(repositoryRoot, 'pipelines/gold/scratch_catalog.sql');
const sessions: LspSession[] = [];
const standIns: UnityCatalogStandIn[] = [];

async function session(host: string, token: string): Promise<LspSession> {
  const home = mkdtempSync(join(tmpdir(), 'lsp-home-'));
  const s = await openSession({
    root: repositoryRoot,
    env: { HOME: home, DATABRICKS_HOST: host, DATABRICKS_TOKEN: token, DATABRICKS_CONFIG_PROFILE: '' },
  });
  sessions.push(s);
  await s.waitForStatus((p) => p.state === 'ready');
  return s;
}

/** Asks until the answer satisfies `ok`: the first answer starts the catalog fetch, later ones see the cache. */
async function completeUntil(
  s: LspSession,
  uri: string,
  text: string,
  needle: string,
  ok: (labels: string[]) => boolean,
): Promise<string[]> {
  let labels: string[] = [];
  for (let attempt = 0; attempt < 200; attempt++) {
    const list = await s.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, needle, needle.length),
    });
    labels = list.items.map((i) => i.label);
    if (ok(labels)) return labels;
    await new Promise((r) => setTimeout(r, 25));
  }
  return labels;
}

function assertNoToken(s: LspSession): void {
  assert.ok(!s.server.stderr().includes(TEST_TOKEN), 'token in stderr');
  assert.ok(!s.logs.some((l) => l.includes(TEST_TOKEN)), 'token in a log message');
  assert.ok(!JSON.stringify(s.statuses).includes(TEST_TOKEN), 'token in a status');
}

after(async () => {
  for (const s of sessions) await s.stop();
  for (const u of standIns) await u.close();
});

describe('Unity Catalog in the language server', () => {
  for (const profile of STAND_IN_PROFILES)
    test(`${profile}: completion offers catalogs, schemas, tables and table columns; hover shows a catalog table`, async () => {
      const standIn = await UnityCatalogStandIn.start({ profile, token: TEST_TOKEN });
      standIns.push(standIn);
      const s = await session(standIn.url, TEST_TOKEN);
      const text =
        'CREATE MATERIALIZED VIEW scratch_catalog AS\nSELECT s.site_id FROM reference.plants.sites s\nJOIN stg_devices d ON d.device_id = s.site_id;\n';
      const { uri } = await s.open(scratch, text);
      const afterFrom = await completeUntil(s, uri, text, 'FROM ', (l) => l.includes('reference'));
      assert.ok(afterFrom.includes('main') && afterFrom.includes('reference') && afterFrom.includes('stg_devices'), afterFrom.join());
      const edited = text.replace('FROM reference.plants.sites s', 'FROM reference.plants.');
      await s.change(uri, 2, edited);
      const tables = await completeUntil(s, uri, edited, 'FROM reference.plants.', (l) => l.includes('sites'));
      assert.deepEqual(tables.sort(), ['calibrations', 'device_models', 'sites']);
      const schemas = await completeUntil(s, uri, edited, 'FROM reference.', (l) => l.includes('plants'));
      assert.deepEqual(schemas, ['plants']);
      await s.change(uri, 3, text);
      const columns = await completeUntil(s, uri, text, 'SELECT s.', (l) => l.includes('site_id'));
      assert.deepEqual(columns.sort(), ['site_id', 'site_name', 'timezone']);
      const h = await s.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'plants.sites', 8) });
      assert.match(
        (h.contents as { value: string }).value,
        /reference\.plants\.sites[\s\S]*One row per plant site[\s\S]*\| site_id \| string \|/,
      );
      const connected = await s.waitForStatus((p) => p.catalog === 'connected');
      assert.match(connected.message ?? '', /Unity Catalog/);
      assert.ok(standIn.requests.every((r) => r.authorization === `Bearer ${TEST_TOKEN}`));
      assertNoToken(s);
    });

  test('an OAuth (databricks auth login) profile uses the access token the client got from the CLI, for that host only', async () => {
    const accessToken = 'eyJhbGciOiJSUzI1NiJ9.oauth-access-token-for-tests';
    const standIn = await UnityCatalogStandIn.start({ token: accessToken });
    standIns.push(standIn);
    const home = mkdtempSync(join(tmpdir(), 'lsp-home-'));
    writeFileSync(join(home, '.databrickscfg'), `[work]\nhost = ${standIn.url}\nauth_type = databricks-cli\n`);
    const s = await openSession({
      root: repositoryRoot,
      env: {
        HOME: home,
        DATABRICKS_HOST: '',
        DATABRICKS_TOKEN: '',
        DATABRICKS_CONFIG_PROFILE: '',
        LAKEFLOW_OAUTH_PROFILE: 'work',
        LAKEFLOW_OAUTH_TOKEN: accessToken,
      },
      initializationOptions: { profile: 'work' },
    });
    sessions.push(s);
    await s.waitForStatus((p) => p.state === 'ready');
    const text = 'CREATE MATERIALIZED VIEW scratch_catalog AS\nSELECT * FROM \n';
    const { uri } = await s.open(scratch, text);
    const labels = await completeUntil(s, uri, text, 'FROM ', (l) => l.includes('reference'));
    assert.ok(labels.includes('main') && labels.includes('reference'), labels.join());
    assert.ok(standIn.requests.length > 0 && standIn.requests.every((r) => r.authorization === `Bearer ${accessToken}`));
    assert.ok(!s.server.stderr().includes(accessToken) && !s.logs.some((l) => l.includes(accessToken)));
  });

  test('unreachable catalog: one offline status, the pipeline alone answers, the server stays up', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const s = await session(`http://127.0.0.1:${port}`, TEST_TOKEN);
    const text = 'CREATE MATERIALIZED VIEW scratch_catalog AS\nSELECT * FROM \n';
    const { uri } = await s.open(scratch, text);
    const first = await s.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, 'FROM ', 5),
    });
    assert.equal(first.items.filter((i) => i.detail?.includes('·')).length >= 26, true);
    const offline = await s.waitForStatus((p) => p.catalog === 'offline');
    assert.ok(offline.message && offline.message.length > 10);
    const again = await s.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, 'FROM ', 5),
    });
    assert.ok(again.items.some((i) => i.label === 'stg_alerts'));
    const hover = await s.request<Hover>('textDocument/hover', {
      textDocument: { uri: s.uri(join(repositoryRoot, 'pipelines/gold/facts/fct_alerts.sql')) },
      position: { line: 24, character: 8 },
    });
    assert.match((hover.contents as { value: string }).value, /stg_alerts/);
    assert.equal(s.server.process.exitCode, null);
    assertNoToken(s);
  });

  for (const profile of STAND_IN_PROFILES)
    test(`${profile}: a refused token gives an unauthorized status and never shows the token`, async () => {
      const standIn = await UnityCatalogStandIn.start({ profile, token: 'dapi0000000000000000000000000000000-1' });
      standIns.push(standIn);
      const s = await session(standIn.url, TEST_TOKEN);
      const text = 'CREATE MATERIALIZED VIEW scratch_catalog AS\nSELECT * FROM \n';
      const { uri } = await s.open(scratch, text);
      await s.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'FROM ', 5) });
      const status = await s.waitForStatus((p) => p.catalog === 'unauthorized');
      assert.ok(status.message);
      assert.ok(standIn.requests.length > 0);
      assertNoToken(s);
    });

  test('open-source server with authorization off: lakeflow.catalog.auth "none" completes with no token, and names are compared exactly', async () => {
    const base = sampleWorkspace();
    const workspace = {
      ...base,
      catalogs: [...base.catalogs, { name: 'lakecat' }],
      schemas: [...base.schemas, { name: 'sales', catalog_name: 'lakecat', full_name: 'lakecat.sales' }],
      tables: [
        ...base.tables,
        table('lakecat', 'sales', 'orders', 'MANAGED', [
          column('order_id', 'bigint', 'LONG', 0),
          column('amount', 'decimal(10,2)', 'DECIMAL', 1),
        ]),
      ],
    };
    const standIn = await UnityCatalogStandIn.start({ profile: 'oss', workspace });
    standIns.push(standIn);
    const home = mkdtempSync(join(tmpdir(), 'lsp-home-'));
    const s = await openSession({
      root: repositoryRoot,
      env: { HOME: home, DATABRICKS_HOST: standIn.url, DATABRICKS_TOKEN: '', DATABRICKS_CONFIG_PROFILE: '' },
      initializationOptions: { catalog: { enabled: true, ttlSeconds: 600, timeoutMs: 5000, auth: 'none' } },
    });
    sessions.push(s);
    await s.waitForStatus((p) => p.state === 'ready');
    const text = 'CREATE MATERIALIZED VIEW scratch_catalog AS\nSELECT * FROM LAKECAT.SALES.ORDERS JOIN lakecat.sales.orders o;\n';
    const { uri } = await s.open(scratch, text);
    const upper = await hoverUntil(s, uri, text, 'SALES.ORDERS', (v) => /the catalog has no table/.test(v));
    const lower = await hoverUntil(s, uri, text, 'sales.orders o', (v) => /\| order_id \|/.test(v));
    assert.match(lower, /lakecat\.sales\.orders[\s\S]*\| order_id \| BIGINT \|/i, lower);
    assert.match(upper, /the catalog has no table `LAKECAT\.SALES\.ORDERS`/, upper);
    assert.doesNotMatch(upper, /order_id/, 'the other spelling does not exist on a case-sensitive server');
    const connected = await s.waitForStatus((p) => p.catalog === 'connected' && /without a token/.test(p.message ?? ''));
    assert.match(connected.message ?? '', /lakeflow\.catalog\.auth is "none"/);
    assert.ok(standIn.requests.length > 0 && standIn.requests.every((r) => r.authorization === undefined));
    assert.ok(
      standIn.requests.some((r) => r.path === '/tables/LAKECAT.SALES.ORDERS') &&
        standIn.requests.some((r) => r.path === '/tables/lakecat.sales.orders'),
    );
  });
  for (const profile of STAND_IN_PROFILES)
    test(`${profile}: volume paths complete segment by segment, hover shows the volume, and LF206 marks a missing one without another edit`, async () => {
      const standIn = await UnityCatalogStandIn.start({ profile, token: TEST_TOKEN });
      standIns.push(standIn);
      const s = await session(standIn.url, TEST_TOKEN);
      const text =
        "CREATE STREAMING TABLE scratch_catalog AS SELECT * FROM STREAM read_files('/Volumes/main/iot/', format => 'json')\nUNION ALL SELECT * FROM STREAM read_files('/Volumes/main/iot/missing_volume/x/');\n";
      const { uri } = await s.open(scratch, text);
      const labels = await completeUntil(s, uri, text, "'/Volumes/main/iot/", (l) => l.includes('landing'));
      assert.deepEqual(labels.sort(), ['checkpoints', 'landing']);
      const list = await s.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: positionOf(text, "'/Volumes/main/iot/", 19),
      });
      const landing = list.items.find((i) => i.label === 'landing');
      assert.equal(landing?.textEdit && 'newText' in landing.textEdit ? landing.textEdit.newText : undefined, 'landing/');
      assert.equal(landing?.command?.command, 'editor.action.triggerSuggest', 'the next segment is asked for after the insert');
      const diagnostics = await s.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'LF206'));
      const lf206 = diagnostics.filter((d) => d.code === 'LF206');
      assert.equal(lf206.length, 1);
      assert.match(String(lf206[0].message), /no volume 'main\.iot\.missing_volume'/);
      assert.equal(lf206[0].range.start.line, 1);
      const hover = await s.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: positionOf(text, '/Volumes/main/iot/missing_volume', 5),
      });
      assert.match((hover.contents as { value: string }).value, /main\.iot\.missing_volume/);
      assertNoToken(s);
    });
});

/** Hovers until the text satisfies `ok` (the first hover starts the catalog fetch). */
async function hoverUntil(s: LspSession, uri: string, text: string, needle: string, ok: (value: string) => boolean): Promise<string> {
  let value = '';
  for (let attempt = 0; attempt < 200; attempt++) {
    const h = await s.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, needle, needle.length - 2),
    });
    value = (h?.contents as { value: string } | undefined)?.value ?? '';
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  return value;
}
