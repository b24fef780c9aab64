// Volume paths against the real provider and the stand-in, once per recorded
// profile: completion of the /Volumes/<catalog>/<schema>/<volume>/ segments in
// read_files / cloud_files / LIST strings, hover with type, storage location and
// comment, LF206 after ${key} substitution, and volumes listed, paged and cached
// like tables.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogHarness, openCatalogHarness } from '../../support/catalogProviderHarness';
import { Raw, STAND_IN_PROFILES, StandInOptions, sampleWorkspace, volume } from '../../support/unityCatalogStandIn';
import { fixture } from '../features/featureFixture';
import { volumePathCompletion, volumePathDiagnostics, volumePathHover } from '../../../server/src/language/features/volumePaths';
import { completion } from '../../../server/src/language/features/completion';
import { hover } from '../../../server/src/language/features/hover';
import { fileDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { WorkspaceIndex } from '../../../server/src/language/model/workspaceIndex';
import { volumeLookupFrom } from '../../../server/src/language/model/volumeLookup';
import { parse } from '../../../server/src/language/syntax/parser';
import type { CompletionList } from '../../../server/src/language/features/lspShapes';

let harness: CatalogHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const pipeline = {
  name: 'iot',
  catalog: 'main',
  schema: 'iot',
  configuration: new Map([
    ['source_catalog', 'main'],
    ['bad_catalog', 'archive'],
    ['landing_root', '/Volumes/main/iot/landing'],
    ['gone_root', '/Volumes/main/iot/gone_volume'],
    ['catalog_root', '/Volumes/main'],
  ]),
};

function labels(list: CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => i.label).sort();
}

for (const profile of STAND_IN_PROFILES) {
  describe(`volume paths against the ${profile} profile`, () => {
    async function open(standIn: StandInOptions = {}): Promise<CatalogHarness> {
      harness = await openCatalogHarness({ profile, ...standIn });
      return harness;
    }

    const complete = (h: CatalogHarness, sql: string) => {
      const f = fixture({ '/p/bronze/raw.sql': sql }, { pipeline, catalog: h.provider });
      return completion(f.ctx, f.doc, f.cursor);
    };

    test('completes catalog, schema and volume segments, then asks for the next one', async () => {
      const h = await open();
      const first = complete(h, "CREATE STREAMING TABLE raw AS SELECT * FROM STREAM read_files('/Volumes/|', format => 'json');");
      assert.equal(first.isIncomplete, true, 'nothing cached yet: the listing is asked for');
      await h.provider.listCatalogs();
      const catalogs = complete(h, "CREATE STREAMING TABLE raw AS SELECT * FROM STREAM read_files('/Volumes/|', format => 'json');");
      assert.deepEqual(labels(catalogs), ['main', 'reference', 'samples', 'system']);
      const main = catalogs.items.find((i) => i.label === 'main');
      assert.equal(main?.textEdit?.newText, 'main/');
      assert.equal(main?.command?.command, 'editor.action.triggerSuggest');

      await h.provider.listSchemas('main');
      assert.deepEqual(labels(complete(h, "SELECT * FROM read_files('/Volumes/main/i|')")), ['default', 'information_schema', 'iot']);

      await h.provider.listVolumes('main', 'iot');
      const volumes = complete(h, "SELECT * FROM cloud_files('/Volumes/main/iot/la|', 'json')");
      assert.deepEqual(labels(volumes), ['checkpoints', 'landing']);
      const landing = volumes.items.find((i) => i.label === 'landing');
      assert.equal(landing?.detail, 'external volume');
      assert.match(landing?.documentation?.value ?? '', /Files from the plant gateways[\s\S]*s3:\/\/plant-gateways\/landing/);
      assert.deepEqual(
        landing?.textEdit?.range,
        { start: { line: 0, character: 45 }, end: { line: 0, character: 47 } },
        'replaces the typed part of the segment only',
      );

      assert.deepEqual(labels(complete(h, "LIST '/Volumes/main/iot/|'")), ['checkpoints', 'landing'], 'LIST paths too');
      assert.deepEqual(
        labels(complete(h, "SELECT * FROM read_files('/Volumes/${source_catalog}/iot/|')")),
        ['checkpoints', 'landing'],
        '${key} takes the target value',
      );
      assert.deepEqual(labels(complete(h, "SELECT * FROM read_files('/Vo|')")), ['/Volumes/']);
      const schemasViaRoot = complete(h, "SELECT * FROM read_files('${catalog_root}/i|')");
      assert.deepEqual(labels(schemasViaRoot), ['default', 'information_schema', 'iot'], 'a ${key} value holding /Volumes/<catalog>');
      assert.equal(schemasViaRoot.items[0].textEdit?.range.start.character, 42, 'replacing only what is typed after the last slash');
      const viaRoot = complete(h, "SELECT * FROM read_files('${landing_root}/|')");
      assert.deepEqual(labels(viaRoot), [], 'below a volume named by a ${key} value: files, not listed');
      assert.deepEqual(
        labels(complete(h, "SELECT * FROM read_files('/Volumes/main/iot/landing/|')")),
        [],
        'no file listing below a volume',
      );
      assert.deepEqual(labels(complete(h, "SELECT * FROM t WHERE path = '/Volumes/|'")), [], 'only where files are read');
      assert.equal(h.standIn.count('/volumes'), h.standIn.pagesFor(2), 'one walk of the listing, then the cache');
    });

    test('hover shows the volume type, storage location and comment; a missing volume says so', async () => {
      const h = await open();
      const sql = "CREATE STREAMING TABLE raw AS SELECT * FROM STREAM read_files('/Volumes/main/iot/landing/devices/|*.json');";
      const f = fixture({ '/p/bronze/raw.sql': sql }, { pipeline, catalog: h.provider });
      assert.match(volumePathHover(f.ctx, f.doc, f.cursor)?.contents.value ?? '', /volume details unknown/);
      await h.provider.getVolume('main.iot.landing');
      const shown = hover(f.ctx, f.doc, f.cursor)?.contents.value ?? '';
      assert.match(shown, /\*\*main\.iot\.landing\*\* · Unity Catalog volume \(external\)/);
      assert.match(shown, /Files from the plant gateways/);
      assert.match(shown, /Storage location: `s3:\/\/plant-gateways\/landing`/);

      const missing = fixture(
        { '/p/bronze/raw.sql': "SELECT * FROM read_files('/Volumes/main/iot/nope/|x.csv')" },
        { pipeline, catalog: h.provider },
      );
      await h.provider.getVolume('main.iot.nope');
      assert.match(hover(missing.ctx, missing.doc, missing.cursor)?.contents.value ?? '', /the catalog has no volume `main\.iot\.nope`/);
    });

    test('LF206 for a missing catalog, schema or volume, after ${key} substitution; nothing while unknown', async () => {
      const h = await open();
      const file = '/p/bronze/raw.sql';
      const text = [
        "CREATE STREAMING TABLE a AS SELECT * FROM STREAM read_files('/Volumes/main/iot/landing/devices/', format => 'json');",
        "CREATE STREAMING TABLE b AS SELECT * FROM STREAM read_files('/Volumes/lost/iot/landing/');",
        "CREATE STREAMING TABLE c AS SELECT * FROM STREAM read_files('/Volumes/main/gone/landing/');",
        "CREATE STREAMING TABLE d AS SELECT * FROM STREAM read_files('/Volumes/main/iot/nope/x.csv');",
        "CREATE STREAMING TABLE e AS SELECT * FROM STREAM read_files('/Volumes/${source_catalog}/iot/landing/');",
        "CREATE STREAMING TABLE f AS SELECT * FROM STREAM read_files('/Volumes/${bad_catalog}/iot/landing/');",
        "CREATE STREAMING TABLE g AS SELECT * FROM STREAM read_files('/Volumes/${unset}/iot/landing/');",
        "CREATE STREAMING TABLE h AS SELECT * FROM STREAM read_files('/Volumes/main/iot/land*/');",
        "CREATE STREAMING TABLE i AS SELECT * FROM STREAM read_files('/landing/events/');",
        "CREATE STREAMING TABLE j AS SELECT * FROM STREAM read_files('${landing_root}/devices/');",
        "CREATE STREAMING TABLE k AS SELECT * FROM STREAM read_files('${gone_root}/devices/');",
      ].join('\n');
      const index = new WorkspaceIndex({ parse, pipeline, volumes: volumeLookupFrom(() => h.provider) });
      index.updateFile(file, text, 1);
      const analysis = index.analysis(file)!;
      assert.deepEqual(volumePathDiagnostics(index, analysis), [], 'nothing is reported before the listings are known');
      await h.provider.listCatalogs();
      await Promise.all([h.provider.listSchemas('main'), h.provider.listVolumes('main', 'iot')]);
      const found = fileDiagnostics(index, file).filter((d) => d.code === 'LF206');
      assert.deepEqual(
        found.map((d) => [
          d.range.start.line,
          text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character),
          d.severity,
          d.message,
        ]),
        [
          [1, 'lost', 'warning', "Unity Catalog has no catalog 'lost' (or does not show it to these credentials)"],
          [2, 'gone', 'warning', "Unity Catalog has no schema 'main.gone' (or does not show it to these credentials)"],
          [3, 'nope', 'warning', "Unity Catalog has no volume 'main.iot.nope' (or does not show it to these credentials)"],
          [
            5,
            '${bad_catalog}',
            'warning',
            "Unity Catalog has no catalog 'archive' (or does not show it to these credentials): the path reads /Volumes/archive/iot/landing with this target's values",
          ],
          [
            10,
            '${gone_root}/devices/',
            'warning',
            "Unity Catalog has no volume 'main.iot.gone_volume' (or does not show it to these credentials): the path reads /Volumes/main/iot/gone_volume with this target's values",
          ],
        ],
      );
      const asked = h.standIn.count();
      fileDiagnostics(index, file);
      assert.equal(h.standIn.count(), asked, 'answered from the cache');
    });

    test('volumes are paged like tables', async () => {
      const base = sampleWorkspace();
      const many: Raw[] = Array.from({ length: 150 }, (_, i) =>
        volume('main', 'iot', `v_${String(i).padStart(3, '0')}`, 'MANAGED', `s3://b/v${i}`),
      );
      const h = await open({ workspace: { ...base, volumes: many } });
      assert.equal((await h.provider.listVolumes('main', 'iot'))?.length, 150);
      assert.equal(h.standIn.count('/volumes'), h.standIn.pagesFor(150));
      assert.ok(h.standIn.count('/volumes') > 1);
      assert.deepEqual(await h.provider.listVolumes('main', 'no_such_schema'), [], 'a 404 is an empty listing');
      assert.equal(await h.provider.getVolume('main.iot.none'), undefined);
      assert.deepEqual(h.provider.peekVolume('main.iot.none'), { value: null, fresh: true });
    });
  });
}

test('completion outside volume paths is unchanged', () => {
  const f = fixture({ '/p/bronze/raw.sql': "SELECT * FROM read_files('/landing/|')" }, { pipeline });
  assert.deepEqual(volumePathCompletion(f.ctx, f.doc, f.doc.lines.offsetAt(f.cursor))?.items, []);
});
