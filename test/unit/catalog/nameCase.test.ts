// Names compared as the server compares them (issue: a lookup in the wrong case
// hid a real table on the open-source server). Both orders of lookup, against
// both recorded profiles: the open-source server keeps `LAKECAT.SALES.ORDERS`
// and `lakecat.sales.orders` apart, Databricks answers both with one table.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogHarness, openCatalogHarness } from '../../support/catalogProviderHarness';
import { Raw, StandInProfileName, StandInWorkspace, column, sampleWorkspace, table } from '../../support/unityCatalogStandIn';
import { catalogLookupFrom } from '../../../server/src/language/model/catalogLookup';

let harness: CatalogHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The sample workspace plus `lakecat.sales.orders` (and, when asked, a schema spelled with capitals). */
function lakecat(extra: { mixedCase?: boolean } = {}): StandInWorkspace {
  const base = sampleWorkspace();
  const schemas: Raw[] = [{ name: 'sales', catalog_name: 'lakecat', full_name: 'lakecat.sales' }];
  const tables: Raw[] = [
    table('lakecat', 'sales', 'orders', 'MANAGED', [
      column('order_id', 'bigint', 'LONG', 0),
      column('amount', 'decimal(10,2)', 'DECIMAL', 1),
    ]),
  ];
  if (extra.mixedCase) {
    schemas.push({ name: 'Finance', catalog_name: 'lakecat', full_name: 'lakecat.Finance' });
    tables.push(table('lakecat', 'Finance', 'Ledger', 'MANAGED', [column('entry_id', 'bigint', 'LONG', 0)]));
  }
  return {
    ...base,
    catalogs: [...base.catalogs, { name: 'lakecat' }],
    schemas: [...base.schemas, ...schemas],
    tables: [...base.tables, ...tables],
  };
}

async function open(profile: StandInProfileName, workspace: StandInWorkspace): Promise<CatalogHarness> {
  harness = await openCatalogHarness({ profile, workspace });
  return harness;
}

describe('the open-source server (case-sensitive)', () => {
  test('LAKECAT.SALES.ORDERS then lakecat.sales.orders: the 404 of the first never hides the second', async () => {
    const h = await open('oss', lakecat());
    const lookup = catalogLookupFrom(h.provider);
    assert.equal(await h.provider.getTable('LAKECAT.SALES.ORDERS'), undefined);
    assert.equal(lookup('LAKECAT.SALES.ORDERS'), undefined, 'LF202 is right for this spelling');
    assert.equal(lookup('lakecat.sales.orders'), 'unknown', 'nothing known yet for the other spelling');
    const found = await h.provider.getTable('lakecat.sales.orders');
    assert.deepEqual(
      found?.columns.map((c) => c.name),
      ['order_id', 'amount'],
    );
    assert.deepEqual(lookup('lakecat.sales.orders'), {
      fullName: 'lakecat.sales.orders',
      columns: [
        { name: 'order_id', type: 'BIGINT' },
        { name: 'amount', type: 'DECIMAL(10,2)' },
      ],
    });
    assert.equal(lookup('LAKECAT.SALES.ORDERS'), undefined, 'and the first is still missing');
    assert.equal(h.standIn.count('/tables/'), 2);
  });

  test("lakecat.sales.orders then LAKECAT.SALES.ORDERS: one table's columns never answer for a name that does not exist", async () => {
    const h = await open('oss', lakecat());
    const lookup = catalogLookupFrom(h.provider);
    assert.ok(await h.provider.getTable('lakecat.sales.orders'));
    assert.equal(lookup('LAKECAT.SALES.ORDERS'), 'unknown');
    assert.equal(await h.provider.getTable('LAKECAT.SALES.ORDERS'), undefined);
    assert.equal(lookup('LAKECAT.SALES.ORDERS'), undefined);
    assert.equal(lookup('lakecat.sales.orders') !== undefined && lookup('lakecat.sales.orders') !== 'unknown', true);
  });

  test('a name answered with capitals shows the server keeps case: it is marked case-sensitive, and a lower-case spelling stays its own question', async () => {
    const h = await open('oss', lakecat({ mixedCase: true }));
    assert.deepEqual(
      (await h.provider.listSchemas('lakecat'))?.map((s) => s.name),
      ['sales', 'Finance'],
    );
    assert.equal(h.provider.nameCase(), 'sensitive');
    assert.ok(h.logs.some((l) => /compares names exactly/.test(l)));
    assert.ok(await h.provider.getTable('lakecat.Finance.Ledger'));
    assert.equal(await h.provider.getTable('lakecat.finance.ledger'), undefined);
    assert.equal(h.provider.peekTable('lakecat.finance.ledger')?.value, null);
    assert.ok(h.provider.peekTable('lakecat.Finance.Ledger')?.value);
  });
});

describe('Databricks (case-insensitive, names stored in lower case)', () => {
  for (const [first, second] of [
    ['LAKECAT.SALES.ORDERS', 'lakecat.sales.orders'],
    ['lakecat.sales.orders', 'LAKECAT.SALES.ORDERS'],
  ]) {
    test(`${first} then ${second}: one table for both spellings`, async () => {
      const h = await open('databricks', lakecat());
      const lookup = catalogLookupFrom(h.provider);
      assert.equal((await h.provider.getTable(first))?.fullName, 'lakecat.sales.orders');
      const asked = h.standIn.count('/tables/');
      const again = await h.provider.getTable(second);
      assert.equal(again?.fullName, 'lakecat.sales.orders');
      assert.equal(h.provider.nameCase(), 'insensitive', 'an answer in another case than asked shows the server ignores case');
      assert.equal(
        h.standIn.count('/tables/'),
        first === 'LAKECAT.SALES.ORDERS' ? asked : asked + 1,
        'asked again only while the server had not shown it',
      );
      assert.equal(
        (lookup('Lakecat.Sales.Orders') as { fullName: string }).fullName,
        'lakecat.sales.orders',
        'now any spelling is answered from the cache',
      );
      await h.provider.getTable('lakecat.sales.NOPE');
      assert.equal(lookup('LAKECAT.SALES.nope'), undefined, 'and a "no" holds for every spelling too');
    });
  }

  test('what the host showed about names is kept across a restart', async () => {
    const h = await open('databricks', lakecat());
    await h.provider.listSchemas('LAKECAT');
    assert.equal(h.provider.nameCase(), 'insensitive');
    await h.provider.dispose();
    const restarted = await h.reopen();
    assert.equal(restarted.nameCase(), 'insensitive');
    assert.equal(restarted.peekSchemas('lakecat')?.value.length, 1);
  });
});
