// The IoT lakehouse pipeline in pipelines/, read by the product (the bundle
// loader, the parser and the analyser, through the CLI's loader): every file
// defines the dataset its name says, the 26 datasets of issue 2 with the right
// kind per layer, references that resolve inside the pipeline, the dataset graph
// the analyser builds is the expected one and acyclic, the analyser reports no
// diagnostics, and the bronze/silver conventions the simulator's landing
// contract and the local engine rely on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { findRepoRoot } from './repoFiles';
import { EXPECTED_UPSTREAM } from './expectedGraph';
import { AnalysedDataset, analysePipeline, datasetNameFromPath } from './pipelineScan';

const pipeline = analysePipeline(findRepoRoot());
const datasets = pipeline.datasets;
const byName = new Map(datasets.map((d) => [d.name, d]));

const CDC_ENTITIES: Record<string, string> = {
  customers: 'customer_id',
  products: 'product_id',
  orders: 'order_id',
  devices: 'device_id',
  locations: 'location_id',
  alerts: 'alert_id',
  alert_thresholds: 'threshold_id',
};

const LAYERS: { folder: string; kind: string; names: string[] }[] = [
  { folder: 'bronze', kind: 'streaming table', names: ['iot_events', ...Object.keys(CDC_ENTITIES).map((e) => `cdc_${e}`)] },
  { folder: 'silver', kind: 'materialized view', names: ['stg_iot_events', ...Object.keys(CDC_ENTITIES).map((e) => `stg_${e}`)] },
  { folder: 'gold/dimensions', kind: 'materialized view', names: ['dim_customers', 'dim_devices', 'dim_locations', 'dim_date'] },
  { folder: 'gold/facts', kind: 'materialized view', names: ['fct_iot_events', 'fct_orders', 'fct_alerts'] },
  {
    folder: 'gold/analytics',
    kind: 'materialized view',
    names: ['agg_daily_device_metrics', 'agg_hourly_device_metrics', 'agg_customer_summary'],
  },
];

function dataset(name: string): AnalysedDataset {
  const d = byName.get(name);
  assert.ok(d, `dataset ${name} is not defined by any file under pipelines/`);
  return d;
}

describe('pipeline files and datasets', () => {
  test('every SQL file defines exactly one dataset, the one its file name says', () => {
    assert.equal(pipeline.index.files().length, 26, 'the bundle libraries select 26 SQL files');
    assert.equal(datasets.length, 26);
    for (const d of datasets) {
      assert.equal(d.datasetsInFile, 1, `${d.file}: expected one dataset, found ${d.datasetsInFile}`);
      assert.equal(d.name, datasetNameFromPath(d.file), `${d.file}: defines ${d.name}`);
    }
  });

  test('the analyser finds nothing to report on the pipeline', () => {
    assert.deepEqual(
      workspaceDiagnostics(pipeline.index).map((d) => `${d.file} ${d.code} ${d.message}`),
      [],
    );
  });

  test('the pipeline has exactly the 26 datasets of issue 2, in their layer folders, with their kinds', () => {
    const expected = LAYERS.flatMap((l) => l.names.map((n) => `${l.folder}/${l.folder === 'bronze' ? `ingest_${n}` : n}.sql`)).sort();
    assert.equal(expected.length, 26);
    assert.deepEqual(datasets.map((d) => d.file).sort(), expected);
    for (const layer of LAYERS) {
      for (const name of layer.names) assert.equal(dataset(name).kind, layer.kind, `${name} should be a ${layer.kind}`);
    }
  });

  test('every file opens with a -- comment saying what the dataset is for, and has a COMMENT', () => {
    for (const d of datasets) {
      assert.match(d.text, /^--\s*\S/, `${d.file}: first line should be a -- comment`);
      assert.ok(d.comment && d.comment.length >= 20, `${d.file}: needs COMMENT '...' describing the dataset`);
    }
  });

  test('every reference after FROM/JOIN is a dataset of the pipeline, bare, never LIVE. or catalog-qualified', () => {
    const names = new Set(byName.keys());
    for (const d of datasets) {
      for (const ref of d.references) {
        assert.doesNotMatch(ref.name, /[.`]/, `${d.file}: reference ${ref.name} should be a bare dataset name`);
        assert.ok(names.has(ref.name), `${d.file}: ${ref.name} is not a dataset of the pipeline`);
      }
    }
  });

  test('the dataset graph is exactly the expected one and acyclic', () => {
    const upstream = Object.fromEntries(
      datasets
        .map((d) => [
          d.name,
          pipeline.index
            .upstream(d.name)
            .map((u) => u.key)
            .sort(),
        ])
        .sort(),
    );
    assert.deepEqual(
      upstream,
      Object.fromEntries(
        Object.entries(EXPECTED_UPSTREAM)
          .map(([k, v]) => [k, [...v].sort()])
          .sort(),
      ),
    );
    assert.deepEqual(pipeline.index.graph.cycles(), []);
  });

  test('materialized views read only in batch; streaming tables read only streams', () => {
    for (const d of datasets) {
      if (d.kind === 'materialized view') {
        assert.doesNotMatch(d.code, /\bSTREAM\b/i, `${d.file}: a materialized view must not read a stream`);
      } else {
        assert.ok(
          d.readFiles.length > 0 && d.readFiles.every((r) => r.streaming),
          `${d.file}: bronze reads landing files with STREAM read_files`,
        );
        assert.ok(
          d.references.every((r) => r.streaming),
          `${d.file}: a streaming table must read streams only`,
        );
      }
    }
  });

  test('silver and gold list their columns instead of SELECT *', () => {
    for (const d of datasets.filter((x) => !x.file.startsWith('bronze/'))) {
      assert.doesNotMatch(d.code, /\bSELECT\s+(?:DISTINCT\s+)?(?:\w+\.)?\*/i, `${d.file}: select explicit columns`);
    }
  });
});

describe('expectations', () => {
  test('every bronze dataset drops rows that cannot be used', () => {
    for (const d of datasets.filter((x) => x.file.startsWith('bronze/'))) {
      assert.ok(
        d.expectations.some((e) => e.action === 'drop'),
        `${d.file}: needs an ON VIOLATION DROP ROW expectation`,
      );
    }
  });

  test('iot_events drops null ids and unknown sensor types and only warns on out-of-range values', () => {
    const e = new Map(dataset('iot_events').expectations.map((x) => [x.name, x]));
    assert.deepEqual([...e.keys()].sort(), ['valid_device_id', 'valid_event_id', 'valid_sensor_type', 'value_in_range']);
    assert.match(e.get('valid_event_id')!.expression, /^event_id IS NOT NULL$/);
    assert.match(e.get('valid_device_id')!.expression, /^device_id IS NOT NULL$/);
    assert.match(e.get('valid_sensor_type')!.expression, /sensor_type IN \('temperature', 'humidity', 'pressure', 'motion'\)/);
    assert.equal(e.get('valid_sensor_type')!.action, 'drop');
    assert.equal(e.get('value_in_range')!.action, 'warn');
  });

  test('CDC bronze drops null keys except on deletes, whose key comes from before', () => {
    for (const [entity, key] of Object.entries(CDC_ENTITIES)) {
      const d = dataset(`cdc_${entity}`);
      const keyCheck = d.expectations.find((x) => x.name === `valid_${key}`);
      assert.ok(keyCheck, `${d.file}: needs expectation valid_${key}`);
      assert.equal(keyCheck.action, 'drop');
      assert.match(keyCheck.expression, new RegExp(`\\b${key} IS NOT NULL\\b`));
      assert.match(d.code, new RegExp(`CASE WHEN op = 'd' THEN before\\.${key} ELSE after\\.${key} END AS ${key}\\b`));
    }
  });

  test('the one FAIL UPDATE guards alert threshold ranges in silver; at least one warn-only expectation exists', () => {
    const failing = datasets.flatMap((d) =>
      d.expectations.filter((e) => e.action === 'fail').map((e) => `${d.name}.${e.name}: ${e.expression}`),
    );
    assert.deepEqual(failing, ['stg_alert_thresholds.valid_threshold_range: min_value <= max_value']);
    assert.ok(datasets.some((d) => d.expectations.some((e) => e.action === 'warn')));
  });

  test('expectation names are unique within each dataset', () => {
    for (const d of datasets) {
      const names = d.expectations.map((e) => e.name);
      assert.deepEqual(names, [...new Set(names)], `${d.file}: duplicate expectation name`);
    }
  });
});

describe('bronze ingestion follows the landing contract in docs/landing-data.md', () => {
  const readme = readFileSync(join(findRepoRoot(), 'docs/landing-data.md'), 'utf8');

  /** Field names of the contract: IoT event table rows, or one entity's row-field list. */
  function contractFields(entity: string | undefined): string[] {
    if (!entity) {
      const section = readme.slice(readme.indexOf('### IoT event'), readme.indexOf('Valid value ranges'));
      return [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    }
    const row = new RegExp(`^\\| ${entity} \\| (.*) \\|$`, 'm').exec(readme);
    assert.ok(row, `docs/landing-data.md lists no fields for ${entity}`);
    // Parentheses hold allowed values (`segment` (`consumer`/...)), not fields.
    return [...row[1].replace(/\([^)]*\)/g, '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
  }

  function hintedFields(hints: string, struct?: string): string[] {
    const body = struct ? (new RegExp(`\\b${struct} STRUCT<([^>]*)>`).exec(hints)?.[1] ?? '') : hints.replace(/STRUCT<[^>]*>/g, '');
    return body
      .split(',')
      .map((f) => f.trim().split(/[\s:]+/)[0])
      .filter(Boolean);
  }

  const sources: [string, string, string | undefined][] = [
    ['iot_events', '${source_root}/iot_events/', undefined],
    ...Object.keys(CDC_ENTITIES).map((e): [string, string, string] => [`cdc_${e}`, `\${source_root}/cdc/${e}/`, e]),
  ];

  for (const [name, path, entity] of sources) {
    test(`${name} reads ${path} as JSON with schema hints for every contract field`, () => {
      const d = dataset(name);
      assert.equal(d.readFiles.length, 1);
      const [call] = d.readFiles;
      assert.equal(call.path, path);
      assert.equal(call.options.get('format'), 'json');
      assert.equal(call.options.get('schemaEvolutionMode'), 'addNewColumns');
      const hints = call.options.get('schemaHints') ?? '';
      const fields = contractFields(entity);
      if (entity) {
        assert.deepEqual(hintedFields(hints).sort(), ['after', 'before', 'op', 'source', 'ts_ms']);
        assert.deepEqual(hintedFields(hints, 'after'), fields);
        assert.deepEqual(hintedFields(hints, 'before'), fields);
        assert.match(hints, /source STRUCT<[^>]*\blsn: BIGINT/);
      } else {
        assert.deepEqual(hintedFields(hints), fields);
      }
    });

    test(`${name} carries ingestion metadata, is partitioned by ingestion date and auto-optimized`, () => {
      const d = dataset(name);
      assert.match(d.code, /current_timestamp\(\) AS _ingested_at\b/);
      assert.match(d.code, /\bAS _ingestion_date\b/);
      assert.match(d.code, /_metadata\.file_path AS _source_file\b/);
      assert.match(d.code, /PARTITIONED BY \(_ingestion_date\)/);
      assert.match(d.code, /'delta\.autoOptimize\.optimizeWrite' = 'true'/);
      assert.match(d.code, /'delta\.autoOptimize\.autoCompact' = 'true'/);
      assert.match(d.code, /'quality' = 'bronze'/);
      if (entity) {
        assert.match(d.code, /\bop AS _cdc_op\b/);
        assert.match(d.code, /\bsource\.lsn AS _cdc_lsn\b/);
        assert.match(d.code, /\bts_ms AS _cdc_ts_ms\b/);
      }
    });
  }
});

describe('silver current state from CDC', () => {
  for (const [entity, key] of Object.entries(CDC_ENTITIES)) {
    test(`stg_${entity} keeps the greatest lsn per ${key} and flags deletes`, () => {
      const d = dataset(`stg_${entity}`);
      assert.match(
        d.code,
        new RegExp(`ROW_NUMBER\\(\\) OVER \\(PARTITION BY ${key} ORDER BY _cdc_lsn DESC\\) AS (\\w+)[\\s\\S]*WHERE \\1 = 1`),
      );
      assert.match(d.code, /_cdc_op = 'd' AS _is_deleted\b/);
    });
  }

  test('stg_iot_events keeps one row per event_id and flags out-of-range readings', () => {
    const d = dataset('stg_iot_events');
    assert.match(d.code, /ROW_NUMBER\(\) OVER \(PARTITION BY event_id ORDER BY [^)]*\) AS (\w+)[\s\S]*WHERE \1 = 1/);
    assert.match(d.code, /\bAS is_out_of_range\b/);
    assert.match(d.code, /CAST\(event_ts AS TIMESTAMP\) AS event_ts/);
  });
});
