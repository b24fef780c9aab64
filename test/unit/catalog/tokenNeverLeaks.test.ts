// Runs every fault scenario of the catalog provider, including a server that
// echoes the token back in its error messages, and proves the token appears in
// no log line, no state message, no answer and no cache file: the only place it
// may go is the Authorization header of a request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogState } from '../../../server/src/language/model/catalogProvider';
import { createUnityCatalogProvider } from '../../../server/src/catalog/unityCatalogProvider';
import { createCatalogHttpClient } from '../../../server/src/catalog/catalogHttpClient';
import { closedPortUrl, openCatalogHarness } from '../../support/catalogProviderHarness';
import { StandInFault } from '../../support/unityCatalogStandIn';

// One token shaped like a PAT (also caught by the pattern), one that only the
// exact-secret redaction can catch.
const TOKENS = ['dapi9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b-2', 'plain-secret-without-prefix-7731'];

function scenarios(token: string): [string, StandInFault, number][] {
  return [
    ['401 echoing the token', { status: 401, body: { error_code: 'UNAUTHENTICATED', message: `Invalid access token ${token}` } }, 1],
    [
      '403 echoing the header',
      { status: 403, body: { error_code: 'PERMISSION_DENIED', message: `request had Authorization: Bearer ${token}` } },
      1,
    ],
    ['404', { status: 404, body: { error_code: 'TABLE_DOES_NOT_EXIST', message: `no table for ${token}` } }, 1],
    [
      '429 with Retry-After',
      { status: 429, retryAfter: '1', body: { error_code: 'REQUEST_LIMIT_EXCEEDED', message: `slow down ${token}` } },
      2,
    ],
    ['500 then success', { status: 500, body: { error_code: 'INTERNAL_ERROR', message: `trace: token=${token}` } }, 1],
    ['500 for good', { status: 500, body: { error_code: 'INTERNAL_ERROR', message: token } }, 99],
    ['slow past the timeout', { delayMs: 2000 }, 99],
    ['malformed JSON', { rawBody: `{"catalogs": ["${token}"` }, 1],
    ['wrong shape', { rawBody: `{"catalogs": [{"comment": "${token}"}]}` }, 1],
    ['huge answer', { hugeBytes: 2 * 1024 * 1024, declareLength: true }, 1],
    ['endless paging', { endlessPages: true }, 1000],
  ];
}

for (const token of TOKENS) {
  test(`the token never leaks (${token.startsWith('dapi') ? 'PAT-shaped' : 'opaque'} token)`, async () => {
    const seen: string[] = [];
    const record = (state: CatalogState) => seen.push(`state ${state.kind} ${state.message}`);
    let echoed = 0;

    for (const [name, fault, times] of scenarios(token)) {
      const h = await openCatalogHarness({ token }, { token, timeoutMs: 400, maxResponseBytes: 1024 * 1024, maxPages: 20 });
      try {
        h.provider.onDidChangeState(record);
        h.standIn.fault('/', fault, times);
        const answers = await Promise.all([
          h.provider.listCatalogs(),
          h.provider.listSchemas('main'),
          h.provider.listTables('main', 'iot'),
          h.provider.getTable('main.iot.device_registry'),
          h.provider.getTable('main.iot.missing'),
        ]);
        h.clock.now += 60 * 60 * 1000;
        await h.provider.refresh();
        await h.provider.listCatalogs();
        await h.provider.dispose();
        seen.push(`scenario ${name}`, ...h.logs, `state ${h.provider.state.message}`, JSON.stringify(answers));
        for (const file of await readdir(h.storageDir, { recursive: true })) {
          if (file.endsWith('.json')) seen.push(await readFile(join(h.storageDir, file), 'utf8'));
        }
        assert.ok(
          h.standIn.requests.every((r) => r.authorization === `Bearer ${token}`),
          `${name}: the token is sent where it belongs`,
        );
        echoed += h.logs.filter((l) => l.includes('[redacted]')).length;
      } finally {
        await h.close();
      }
    }

    // Refused connections and credential problems from the profiles file.
    const refused = await createUnityCatalogProvider({
      host: await closedPortUrl(),
      token,
      env: {},
      sleep: async () => undefined,
      log: (l) => seen.push(l),
    });
    refused.onDidChangeState(record);
    await refused.listCatalogs();
    seen.push(refused.state.message);

    const home = await mkdtemp(join(tmpdir(), 'uc-leak-'));
    try {
      await writeFile(
        join(home, '.databrickscfg'),
        `[DEFAULT]\nhost = https://x.net\ntoken = ${token}\nauth_type = oauth-m2m\n[bad]\nhost = ::nope\ntoken = ${token}\n`,
      );
      for (const profile of [undefined, 'bad', 'missing']) {
        const p = await createUnityCatalogProvider({ env: {}, homeDir: home, profile, log: (l) => seen.push(l) });
        seen.push(p.state.message);
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }

    // The client's own failure texts, straight from the source.
    const failure = await createCatalogHttpClient({
      host: await closedPortUrl(),
      token,
      timeoutMs: 100,
      maxResponseBytes: 1024,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      sleep: async () => undefined,
      random: Math.random,
      now: Date.now,
      log: (l) => seen.push(l),
      signal: new AbortController().signal,
    }).getJson('/catalogs');
    seen.push(JSON.stringify(failure));

    assert.ok(seen.length > 100, `enough material was captured (${seen.length} texts)`);
    const leaks = seen.filter((text) => text.includes(token));
    assert.deepEqual(leaks, []);
    assert.ok(echoed >= 5, `the stand-in really echoed the token back (${echoed} redactions)`);
  });
}
