// The provider end to end against the Unity Catalog stand-in, once per recorded
// server profile (Databricks, open-source v0.6.0): answers, paging, laziness,
// caching (memory, disk, time-to-live, refresh), coalescing, names compared as
// the server compares them, volumes and functions, and how outages become
// exactly one state transition while cached knowledge stays served.
import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CatalogHarness, TEST_TOKEN, closedPortUrl, openCatalogHarness, stateLabel } from '../../support/catalogProviderHarness';
import { Raw, STAND_IN_PROFILES, StandInOptions, StandInProfileName, sampleWorkspace } from '../../support/unityCatalogStandIn';
import { UnityCatalogProviderOptions } from '../../../server/src/catalog/unityCatalogProvider';

const HOUR = 60 * 60 * 1000;
let harness: CatalogHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

for (const profile of STAND_IN_PROFILES) describe(`against the ${profile} profile`, () => suite(profile));

function suite(profile: StandInProfileName): void {
  async function open(standIn: StandInOptions = {}, provider: Partial<UnityCatalogProviderOptions> = {}): Promise<CatalogHarness> {
    harness = await openCatalogHarness({ profile, ...standIn }, provider);
    return harness;
  }

  describe('answers and paging', () => {
    test('lists catalogs, schemas and tables, and a table with its columns in position order', async () => {
      const h = await open();
      assert.deepEqual(h.provider.state.kind, 'connecting');
      assert.equal(h.standIn.count(), 0, 'nothing is asked before it is needed');

      assert.deepEqual(await h.provider.listCatalogs(), [
        { name: 'main', comment: 'Main catalog' },
        { name: 'reference', comment: 'Shared reference data' },
        { name: 'samples' },
        { name: 'system', comment: 'System catalog' },
      ]);
      assert.deepEqual(
        (await h.provider.listSchemas('reference'))?.map((s) => s.fullName),
        ['reference.plants'],
      );
      assert.deepEqual(await h.provider.listTables('reference', 'plants'), [
        {
          name: 'sites',
          catalogName: 'reference',
          schemaName: 'plants',
          fullName: 'reference.plants.sites',
          tableType: 'MANAGED',
          comment: 'One row per plant site',
        },
        {
          name: 'device_models',
          catalogName: 'reference',
          schemaName: 'plants',
          fullName: 'reference.plants.device_models',
          tableType: 'EXTERNAL',
        },
        {
          name: 'calibrations',
          catalogName: 'reference',
          schemaName: 'plants',
          fullName: 'reference.plants.calibrations',
          tableType: 'VIEW',
        },
      ]);
      const tableQuery = h.standIn.requests.find((r) => r.path === '/tables')?.query;
      assert.equal(tableQuery?.get('omit_columns'), 'true', 'listings leave columns to getTable');

      const table = await h.provider.getTable('main.iot.device_registry');
      assert.deepEqual(table?.columns, [
        { name: 'device_id', typeText: 'string', typeName: 'STRING', position: 0, nullable: false, comment: 'Device serial' },
        { name: 'site_id', typeText: 'string', typeName: 'STRING', position: 1, nullable: true },
        { name: 'installed_at', typeText: 'timestamp', typeName: 'TIMESTAMP', position: 2, nullable: true },
      ]);
      assert.equal(table?.tableType, 'STREAMING_TABLE');
      assert.equal(
        (await h.provider.getTable('reference.plants.device_models'))?.columns[2].typeText,
        'struct<voltage:double,ip_rating:string>',
      );
      assert.deepEqual(h.states.map(stateLabel), ['connected']);
    });

    if (profile === 'oss')
      test('pages of at most 100 whose token is the last name; a full last page is followed by an empty one', async () => {
        const many = (n: number) => ({
          ...sampleWorkspace(),
          catalogs: Array.from({ length: n }, (_, i): Raw => ({ name: `cat_${String(i).padStart(3, '0')}` })),
        });
        const h = await open({ workspace: many(200) });
        assert.equal((await h.provider.listCatalogs())?.length, 200);
        assert.deepEqual(
          h.standIn.requests.map((r) => r.query.get('page_token')),
          [null, 'cat_099', 'cat_199'],
        );
        await h.close();
        const odd = await open({ workspace: many(205) });
        assert.equal((await odd.provider.listCatalogs())?.at(-1)?.name, 'cat_204');
        assert.equal(odd.standIn.count('/catalogs'), 3);
      });

    if (profile === 'databricks')
      test('follows next_page_token through empty pages until it is absent, always with max_results=0', async () => {
        const h = await open({ pageSize: 1, emptyPagesBetween: 2 });
        assert.deepEqual(
          (await h.provider.listCatalogs())?.map((c) => c.name),
          ['main', 'reference', 'samples', 'system'],
        );
        // 4 data pages, each preceded by 2 empty pages that carry a token.
        assert.equal(h.standIn.count('/catalogs'), 12);
        assert.ok(h.standIn.requests.every((r) => r.query.get('max_results') === '0'));
        assert.equal(h.standIn.requests[0].query.get('page_token'), null);
        assert.ok(h.standIn.requests.slice(1).every((r) => r.query.get('page_token')));
      });

    test('an endless listing stops at the page cap, keeps what it read and says so', async () => {
      const h = await open({}, { maxPages: 7 });
      h.standIn.fault('/catalogs', { endlessPages: true }, 1000);
      const catalogs = await h.provider.listCatalogs();
      assert.equal(catalogs?.length, 7);
      assert.equal(h.standIn.count('/catalogs'), 7);
      assert.ok(h.logs.some((l) => /listing stopped after 7 pages and 7 items \(7 pages\)/.test(l)));
      assert.equal(h.provider.state.kind, 'connected');
    });

    test('the item cap and a repeated page token also stop a listing', async () => {
      const capped = await open({}, { maxItems: 3 });
      capped.standIn.fault('/catalogs', { endlessPages: true }, 1000);
      assert.equal((await capped.provider.listCatalogs())?.length, 3);
      assert.equal(capped.standIn.count('/catalogs'), 3);
      await capped.close();

      const looping = await open();
      looping.standIn.fault('/catalogs', { endlessPages: true, sameToken: true }, 1000);
      assert.equal((await looping.provider.listCatalogs())?.length, 2);
      assert.equal(looping.standIn.count('/catalogs'), 2);
      assert.ok(looping.logs.some((l) => l.includes('a repeated page token')));
    });

    test('a table that does not exist is undefined, remembered, and not an outage', async () => {
      const h = await open();
      assert.equal(await h.provider.getTable('main.iot.no_such_table'), undefined);
      assert.equal(await h.provider.getTable('main.iot.no_such_table'), undefined);
      assert.equal(h.standIn.count('/tables/'), 1);
      assert.equal(await h.provider.getTable('MAIN.iot.No_Such_Table'), undefined);
      assert.equal(
        h.standIn.count('/tables/'),
        2,
        'a "no" for one spelling is not reused for another before the server has shown it ignores case',
      );
      assert.deepEqual(h.provider.peekTable('main.iot.no_such_table'), { value: null, fresh: true });
      assert.deepEqual(await h.provider.listSchemas('no_such_catalog'), []);
      assert.equal(h.provider.state.kind, 'connected');
      assert.equal(await h.provider.getTable('not_three_parts'), undefined);
      assert.equal(h.standIn.count('/tables/'), 2, 'a name that cannot be a table is not asked for');
    });
  });

  describe('caching', () => {
    test('a cached answer costs no request; peek answers synchronously, other spellings as the server compares names', async () => {
      const h = await open();
      assert.equal(h.provider.peekSchemas('main'), undefined);
      await h.provider.listSchemas('main');
      const after = h.standIn.count();
      assert.equal((await h.provider.listSchemas('main'))?.length, 3);
      assert.equal(h.standIn.count(), after);
      assert.equal(
        h.provider.peekSchemas('Main'),
        undefined,
        'no other spelling is answered before the server has shown how it compares names',
      );
      const upper = await h.provider.listSchemas('MAIN');
      assert.equal(h.standIn.count(), after + (profile === 'databricks' ? h.standIn.pagesFor(3) : 1), 'asked for that spelling');
      if (profile === 'databricks') {
        assert.deepEqual(
          upper?.map((s) => s.name),
          ['default', 'iot', 'information_schema'],
        );
        assert.equal(h.provider.nameCase(), 'insensitive');
        assert.equal(h.provider.peekSchemas('Main')?.value.length, 3, 'now every spelling shares the answer');
      } else {
        assert.deepEqual(upper, [], 'CATALOG_NOT_FOUND: the open-source server compares names exactly');
        assert.equal(h.provider.nameCase(), 'unknown');
        assert.equal(h.provider.peekSchemas('main')?.value.length, 3, "the other spelling's 404 leaves this one alone");
      }
    });

    test('onDidLearn is called once per burst of answers (so diagnostics from the cache are published again), never for a failure', async () => {
      const h = await open({}, { learnDebounceMs: 300 });
      let calls = 0;
      const learnt = new Promise<void>((resolve) => h.provider.onDidLearn(() => (calls++, resolve())));
      await Promise.all([h.provider.listCatalogs(), h.provider.listSchemas('main'), h.provider.getTable('main.iot.no_such_table')]);
      await learnt;
      assert.equal(calls, 1);
      h.standIn.fault('/', { status: 500 }, 99);
      await h.provider.listSchemas('reference');
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(calls, 1, 'an outage teaches nothing');
    });

    test('identical concurrent requests share one walk of the listing', async () => {
      const h = await open();
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => h.provider.listCatalogs()));
      assert.ok(answers.every((a) => a?.length === 4));
      assert.equal(h.standIn.count('/catalogs'), h.standIn.pagesFor(4), 'one walk of the pages');
    });

    test('the disk cache survives a new provider and holds no token', async () => {
      const h = await open();
      await h.provider.listCatalogs();
      await h.provider.getTable('samples.nyctaxi.trips');
      await h.provider.dispose();
      const requests = h.standIn.count();

      const restarted = await h.reopen();
      assert.equal(restarted.peekCatalogs()?.value.length, 4, 'known at once after a restart');
      assert.equal((await restarted.getTable('samples.nyctaxi.trips'))?.columns.length, 3);
      assert.equal(h.standIn.count(), requests);

      const files = await readdir(join(h.storageDir, 'unity-catalog'));
      assert.equal(files.length, 1);
      assert.match(files[0], /^http_127\.0\.0\.1_\d+\.json$/);
      const text = await readFile(join(h.storageDir, 'unity-catalog', files[0]), 'utf8');
      assert.ok(text.includes('tpep_pickup_datetime'));
      assert.ok(!text.includes(TEST_TOKEN));
      assert.ok(!/dapi/.test(text));
    });

    test('the time-to-live: stale entries are refetched, served while the refetch fails', async () => {
      const h = await open({}, { cacheTtlMs: HOUR });
      await h.provider.listSchemas('samples');
      h.clock.now += HOUR - 1;
      assert.equal(h.provider.peekSchemas('samples')?.fresh, true);
      await h.provider.listSchemas('samples');
      assert.equal(h.standIn.count('/schemas'), 1);

      h.clock.now += 2;
      assert.equal(h.provider.peekSchemas('samples')?.fresh, false);
      await h.provider.dispose();
      const restarted = await h.reopen();
      assert.equal(restarted.peekSchemas('samples')?.fresh, false, 'the disk entry keeps its age');
      await restarted.listSchemas('samples');
      assert.equal(h.standIn.count('/schemas'), 2);
      assert.equal(restarted.peekSchemas('samples')?.fresh, true);

      h.clock.now += HOUR;
      h.standIn.fault('/schemas', { status: 503 }, 99);
      assert.deepEqual(
        (await restarted.listSchemas('samples'))?.map((s) => s.name),
        ['nyctaxi'],
        'stale knowledge beats none',
      );
      assert.equal(stateLabel(restarted.state), 'offline:server-error');
    });

    test('refresh() drops memory and disk and asks again', async () => {
      const h = await open();
      await h.provider.listCatalogs();
      await h.provider.refresh();
      assert.equal(h.provider.peekCatalogs(), undefined);
      assert.deepEqual(await readdir(join(h.storageDir, 'unity-catalog')), []);
      await h.provider.listCatalogs();
      assert.equal(h.standIn.count('/catalogs'), 2 * h.standIn.pagesFor(4));
    });

    test('a damaged cache file is ignored, not trusted', async () => {
      const h = await open();
      await h.provider.listCatalogs();
      await h.provider.dispose();
      const dir = join(h.storageDir, 'unity-catalog');
      const [file] = await readdir(dir);
      const parsed = JSON.parse(await readFile(join(dir, file), 'utf8'));
      parsed.entries['schemas/main'] = { fetchedAt: h.clock.now, value: [{ nome: 'typo' }] };
      await writeFile(join(dir, file), JSON.stringify(parsed));
      const restarted = await h.reopen();
      assert.equal(restarted.peekCatalogs()?.value.length, 4);
      assert.equal(restarted.peekSchemas('main'), undefined);
      assert.ok(h.logs.some((l) => /1 unreadable entries ignored/.test(l)));

      await writeFile(join(dir, file), '{"format":1,"host":');
      const again = await h.reopen();
      assert.equal(again.peekCatalogs(), undefined);
    });
  });

  describe('outages', () => {
    test('a timeout is one offline transition, serves the cache, and recovers after the pause', async () => {
      const h = await open({}, { timeoutMs: 500, offlineRetryMs: 30_000 });
      await h.provider.listCatalogs();
      h.standIn.fault('/', { delayMs: 3000 }, 99);
      assert.equal(await h.provider.listSchemas('main'), undefined);
      assert.equal(h.provider.state.kind, 'offline');
      assert.equal(stateLabel(h.provider.state), 'offline:timeout');

      const asked = h.standIn.count();
      assert.equal((await h.provider.listCatalogs())?.length, 4, 'cached answers keep coming');
      await Promise.all([
        h.provider.listSchemas('main'),
        h.provider.listTables('main', 'iot'),
        h.provider.getTable('main.iot.device_registry'),
      ]);
      assert.equal(h.standIn.count(), asked, 'no requests during the pause');

      h.standIn.clearFaults();
      h.clock.now += 30_000;
      assert.equal((await h.provider.listSchemas('main'))?.length, 3);
      assert.deepEqual(h.states.map(stateLabel), ['connected', 'offline:timeout', 'connected']);
    });

    test('many failing requests of one episode are one transition', async () => {
      const h = await open({}, { offlineRetryMs: 0 });
      h.standIn.fault('/', { status: 500 }, 1000);
      await Promise.all(['main', 'reference', 'samples', 'system'].map((c) => h.provider.listSchemas(c)));
      await h.provider.listCatalogs();
      await h.provider.getTable('main.iot.device_registry');
      assert.deepEqual(h.states.map(stateLabel), ['offline:server-error']);
      assert.equal(h.standIn.count('/schemas'), 16, 'each of 4 listings tried 1 + 3 retries');
    });

    const credentialFaults: [string, number, string][] = [
      ['401 is unauthorized', 401, 'offline:unauthorized'],
      ['403 is forbidden', 403, 'offline:forbidden'],
    ];
    for (const [name, status, label] of credentialFaults) {
      test(`${name}, and the network is left alone until refresh()`, async () => {
        const h = await open();
        h.standIn.fault('/', { status }, 1);
        assert.equal(await h.provider.listCatalogs(), undefined);
        assert.equal(stateLabel(h.provider.state), label);
        h.clock.now += 10 * HOUR;
        assert.equal(await h.provider.listCatalogs(), undefined);
        assert.equal(h.standIn.count(), 1);
        await h.provider.refresh();
        assert.equal((await h.provider.listCatalogs())?.length, 4);
        assert.deepEqual(h.states.map(stateLabel), [label, 'connecting', 'connected']);
      });
    }

    test("403 on one table is that table's grant: the catalog stays connected and the table is not asked again until the TTL passes", async () => {
      const h = await open();
      assert.equal((await h.provider.listCatalogs())?.length, 4);
      h.standIn.fault(
        '/tables/main.iot.device_registry',
        { status: 403, body: { error_code: 'PERMISSION_DENIED', message: 'User does not have SELECT on Table' } },
        1,
      );
      assert.equal(await h.provider.getTable('main.iot.device_registry'), undefined);
      assert.equal(stateLabel(h.provider.state), 'connected');
      assert.equal(h.provider.isRefused('main.iot.device_registry'), true);
      assert.equal(h.provider.isRefused('reference.plants.device_models'), false);
      assert.ok(await h.provider.getTable('reference.plants.device_models'), 'other tables still answer');
      assert.equal(await h.provider.getTable('main.iot.device_registry'), undefined);
      assert.equal(h.standIn.count('/tables/main.iot.device_registry'), 1, 'the refused table is not asked on every keystroke');
      h.clock.now += 2 * HOUR;
      assert.ok(await h.provider.getTable('main.iot.device_registry'), 'asked again once the time-to-live has passed');
      assert.deepEqual(h.states.map(stateLabel), ['connected']);
    });

    test('a wrong token is refused by the server: unauthorized', async () => {
      const h = await open({}, { token: 'dapi00000000000000000000000000000000-1' });
      assert.equal(await h.provider.listCatalogs(), undefined);
      assert.equal(stateLabel(h.provider.state), 'offline:unauthorized');
      assert.match(h.provider.state.message, /HTTP 401 UNAUTHENTICATED/);
    });

    const answerFaults: [string, Parameters<CatalogHarness['standIn']['fault']>[1], string][] = [
      ['malformed JSON', { rawBody: '{"catalogs": [' }, 'offline:malformed'],
      ['a wrong shape', { rawBody: '{"catalogs": {"name": "main"}}' }, 'offline:malformed'],
      ['an item without a name', { rawBody: '{"catalogs": [{"comment": "x"}]}' }, 'offline:malformed'],
      ['a huge answer', { hugeBytes: 2 * 1024 * 1024, declareLength: false }, 'offline:too-large'],
      ['a 429 that asks for a long wait', { status: 429, retryAfter: '3600' }, 'offline:rate-limited'],
    ];
    for (const [name, fault, label] of answerFaults) {
      test(`${name} is reported, never thrown`, async () => {
        const h = await open({}, { maxResponseBytes: 1024 * 1024 });
        h.standIn.fault('/catalogs', fault, 1);
        assert.equal(await h.provider.listCatalogs(), undefined);
        assert.equal(stateLabel(h.provider.state), label);
      });
    }

    test('a table answer of the wrong shape is malformed', async () => {
      const h = await open();
      h.standIn.fault('/tables/', {
        rawBody: '{"name": "t", "catalog_name": "main", "schema_name": "iot", "columns": [{"name": "a", "position": "first"}]}',
      });
      assert.equal(await h.provider.getTable('main.iot.t'), undefined);
      assert.equal(stateLabel(h.provider.state), 'offline:malformed');
      assert.match(h.provider.state.message, /ColumnInfo.position is not an integer/);
    });

    test('a refused connection is unreachable', async () => {
      const h = await open({}, { host: await closedPortUrl() });
      assert.equal(await h.provider.listCatalogs(), undefined);
      assert.equal(stateLabel(h.provider.state), 'offline:unreachable');
      assert.deepEqual(h.sleeps.length, 3);
    });

    test('a listener that throws does not break the provider', async () => {
      const h = await open();
      h.provider.onDidChangeState(() => {
        throw new Error('listener bug');
      });
      assert.equal((await h.provider.listCatalogs())?.length, 4);
      assert.ok(h.logs.some((l) => l.includes('a state listener failed: listener bug')));
    });
  });
}
