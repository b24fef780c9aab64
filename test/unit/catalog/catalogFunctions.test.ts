// Unity Catalog SQL functions next to the built-ins, against the real provider
// and the stand-in, once per recorded profile: listing (paged and cached like
// tables), completion after `catalog.schema.` and by bare name for the
// pipeline's own schema, and signature help inside `catalog.schema.fn(`.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogHarness, openCatalogHarness } from '../../support/catalogProviderHarness';
import { STAND_IN_PROFILES } from '../../support/unityCatalogStandIn';
import { fixture } from '../features/featureFixture';
import { completion } from '../../../server/src/language/features/completion';
import { signatureHelp } from '../../../server/src/language/features/signatureHelp';

let harness: CatalogHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const pipeline = { name: 'iot', catalog: 'main', schema: 'iot', configuration: new Map<string, string>() };
const DATASET = 'CREATE MATERIALIZED VIEW readings AS SELECT 1 AS device_id, 70.0 AS temp_f;\n';

for (const profile of STAND_IN_PROFILES) {
  describe(`catalog functions against the ${profile} profile`, () => {
    const at = (h: CatalogHarness, sql: string) =>
      fixture({ '/p/silver/readings.sql': DATASET, '/p/gold/x.sql': sql }, { pipeline, catalog: h.provider });

    test("lists a schema's functions with their parameters in order, defaults and return types", async () => {
      harness = await openCatalogHarness({ profile });
      const functions = await harness.provider.listFunctions('main', 'iot');
      assert.deepEqual(functions, [
        {
          name: 'to_celsius',
          catalogName: 'main',
          schemaName: 'iot',
          fullName: 'main.iot.to_celsius',
          parameters: [{ name: 'fahrenheit', typeText: 'double', comment: 'Temperature in °F' }],
          returns: 'double',
          comment: 'Fahrenheit to Celsius',
        },
        {
          name: 'mask_serial',
          catalogName: 'main',
          schemaName: 'iot',
          fullName: 'main.iot.mask_serial',
          parameters: [
            { name: 'serial', typeText: 'string' },
            { name: 'keep', typeText: 'int', defaultValue: '4' },
          ],
          returns: 'string',
          comment: 'Masks all but the last characters of a serial',
        },
      ]);
      assert.deepEqual(await harness.provider.listFunctions('main', 'no_such_schema'), []);
      await harness.provider.listFunctions('main', 'iot');
      assert.equal(harness.standIn.count('/functions'), harness.standIn.pagesFor(2) + 1, 'cached after the first walk');
    });

    test("completion after catalog.schema. offers its functions; bare names of the pipeline's schema sit next to the built-ins", async () => {
      const h = (harness = await openCatalogHarness({ profile }));
      const qualified = 'CREATE MATERIALIZED VIEW x AS SELECT main.iot.| FROM readings;';
      const first = completion(at(h, qualified).ctx, at(h, qualified).doc, at(h, qualified).cursor);
      assert.equal(first.isIncomplete, true, 'the listing is being fetched');
      await h.provider.listFunctions('main', 'iot');
      const f = at(h, qualified);
      const items = completion(f.ctx, f.doc, f.cursor).items;
      const celsius = items.find((i) => i.label === 'to_celsius');
      assert.equal(celsius?.detail, 'main.iot.to_celsius(fahrenheit double) -> double · Unity Catalog');
      assert.match(celsius?.documentation?.value ?? '', /Fahrenheit to Celsius[\s\S]*`fahrenheit`: Temperature in °F/);
      assert.ok(items.some((i) => i.label === 'mask_serial'));
      assert.ok(!items.some((i) => i.label === 'upper'), 'built-ins are not qualified by a schema');

      const bare = at(h, 'CREATE MATERIALIZED VIEW x AS SELECT | FROM readings;');
      const labels = completion(bare.ctx, bare.doc, bare.cursor).items.map((i) => i.label);
      assert.ok(
        labels.includes('to_celsius') && labels.includes('upper') && labels.includes('device_id'),
        'catalog functions, built-ins and columns together',
      );

      const other = at(h, 'CREATE MATERIALIZED VIEW x AS SELECT reference.plants.| FROM readings;');
      await h.provider.listFunctions('reference', 'plants');
      assert.deepEqual(
        completion(other.ctx, other.doc, other.cursor).items.filter((i) => i.detail?.endsWith('Unity Catalog')),
        [],
        'a schema without functions offers none',
      );
    });

    test('signature help inside catalog.schema.fn( shows its parameters; built-ins keep theirs', async () => {
      const h = (harness = await openCatalogHarness({ profile }));
      await h.provider.listFunctions('main', 'iot');
      const f = at(h, 'CREATE MATERIALIZED VIEW x AS SELECT main.iot.mask_serial(CAST(device_id AS STRING), | FROM readings;');
      const help = signatureHelp(f.ctx, f.doc, f.cursor);
      assert.equal(help?.signatures[0].label, 'main.iot.mask_serial(serial string, keep int DEFAULT 4)');
      assert.equal(help?.activeParameter, 1);
      assert.deepEqual(
        help?.signatures[0].parameters?.map((p) => p.label.map((n) => n)),
        [
          [21, 34],
          [36, 54],
        ],
      );
      assert.match(
        (help?.signatures[0].documentation as { value: string }).value,
        /Masks all but the last characters[\s\S]*Returns `string`/,
      );

      const bare = at(h, 'CREATE MATERIALIZED VIEW x AS SELECT to_celsius(| FROM readings;');
      assert.equal(signatureHelp(bare.ctx, bare.doc, bare.cursor)?.signatures[0].label, 'to_celsius(fahrenheit double)');
      const builtIn = at(h, 'CREATE MATERIALIZED VIEW x AS SELECT upper(| FROM readings;');
      assert.match(signatureHelp(builtIn.ctx, builtIn.doc, builtIn.cursor)?.signatures[0].label ?? '', /^upper\(/);
    });
  });
}
