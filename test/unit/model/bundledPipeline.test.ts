// The pipeline shipped in pipelines/ is the model's reference: it must analyse
// with no diagnostics at all and give exactly this graph, as a directory and
// through the bundle.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { workspaceDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { bundleDiagnostics } from '../../../server/src/language/features/diagnostics/configDiagnostics';
import { loadWorkspace } from '../../../server/src/cli/pipelineLoader';

const root = resolve(__dirname, '../../../..');

const KINDS: Record<string, string> = {
  iot_events: 'streaming_table',
  cdc_customers: 'streaming_table',
  cdc_products: 'streaming_table',
  cdc_orders: 'streaming_table',
  cdc_devices: 'streaming_table',
  cdc_locations: 'streaming_table',
  cdc_alerts: 'streaming_table',
  cdc_alert_thresholds: 'streaming_table',
  stg_iot_events: 'materialized_view',
  stg_customers: 'materialized_view',
  stg_products: 'materialized_view',
  stg_orders: 'materialized_view',
  stg_devices: 'materialized_view',
  stg_locations: 'materialized_view',
  stg_alerts: 'materialized_view',
  stg_alert_thresholds: 'materialized_view',
  dim_customers: 'materialized_view',
  dim_devices: 'materialized_view',
  dim_locations: 'materialized_view',
  dim_date: 'materialized_view',
  fct_iot_events: 'materialized_view',
  fct_orders: 'materialized_view',
  fct_alerts: 'materialized_view',
  agg_daily_device_metrics: 'materialized_view',
  agg_hourly_device_metrics: 'materialized_view',
  agg_customer_summary: 'materialized_view',
};

// Every edge is a batch read: silver materialized views re-rank the bronze change feeds.
const EDGES = [
  ['agg_daily_device_metrics', 'agg_customer_summary'],
  ['cdc_alert_thresholds', 'stg_alert_thresholds'],
  ['cdc_alerts', 'stg_alerts'],
  ['cdc_customers', 'stg_customers'],
  ['cdc_devices', 'stg_devices'],
  ['cdc_locations', 'stg_locations'],
  ['cdc_orders', 'stg_orders'],
  ['cdc_products', 'stg_products'],
  ['dim_customers', 'agg_customer_summary'],
  ['dim_devices', 'agg_customer_summary'],
  ['dim_devices', 'fct_alerts'],
  ['dim_devices', 'fct_iot_events'],
  ['fct_alerts', 'agg_customer_summary'],
  ['fct_iot_events', 'agg_daily_device_metrics'],
  ['fct_iot_events', 'agg_hourly_device_metrics'],
  ['iot_events', 'stg_iot_events'],
  ['stg_alert_thresholds', 'fct_alerts'],
  ['stg_alert_thresholds', 'fct_iot_events'],
  ['stg_alerts', 'dim_devices'],
  ['stg_alerts', 'fct_alerts'],
  ['stg_customers', 'dim_customers'],
  ['stg_customers', 'dim_locations'],
  ['stg_devices', 'dim_customers'],
  ['stg_devices', 'dim_devices'],
  ['stg_devices', 'dim_locations'],
  ['stg_iot_events', 'dim_date'],
  ['stg_iot_events', 'dim_devices'],
  ['stg_iot_events', 'fct_iot_events'],
  ['stg_locations', 'dim_customers'],
  ['stg_locations', 'dim_locations'],
  ['stg_orders', 'dim_customers'],
  ['stg_orders', 'dim_date'],
  ['stg_orders', 'fct_orders'],
  ['stg_products', 'dim_devices'],
  ['stg_products', 'fct_orders'],
].map(([from, to]) => ({ from, to, streaming: false }));

for (const [label, paths, bundle] of [
  ['the pipelines/ directory', ['pipelines'], undefined],
  ['the bundle', [], 'bundle/databricks.yml'],
] as const) {
  describe(`bundled pipeline: ${label}`, () => {
    const ws = loadWorkspace(root, [...paths], { bundle });
    const { index } = ws.pipelines[0];

    test('one pipeline of 26 datasets, each in its own file with the expected kind', () => {
      assert.equal(ws.pipelines.length, 1);
      const datasets = index.datasets();
      assert.deepEqual(
        Object.fromEntries(datasets.map((d) => [d.name, d.kind])),
        Object.fromEntries(
          Object.keys(KINDS)
            .sort()
            .map((k) => [k, KINDS[k]]),
        ),
      );
      assert.equal(new Set(datasets.map((d) => d.file)).size, 26);
      for (const d of datasets) assert.match(d.file, new RegExp(`/${d.name.replace(/^(iot_events|cdc_\w+)$/, 'ingest_$1')}\\.sql$`));
    });

    test('exactly the expected edges, no cycle', () => {
      assert.deepEqual(index.edges(), EDGES);
      assert.deepEqual(index.graph.cycles(), []);
    });

    test('no diagnostics at all', () => {
      const all = [...(ws.bundle ? bundleDiagnostics(ws.bundle) : []), ...workspaceDiagnostics(index)];
      assert.deepEqual(
        all.map((d) => `${d.code} ${d.file}:${d.range.start.line + 1} ${d.message}`),
        [],
      );
    });

    test('column lineage reaches the landing files through CTEs and CASE', () => {
      const email = index.columnsOf('stg_customers').columns.find((c) => c.name === 'email')!;
      assert.equal(email.type, 'STRING');
      assert.deepEqual(email.sources, [{ dataset: 'cdc_customers', column: 'email', kind: 'dataset' }]);
      const bronze = index.columnsOf('cdc_customers').columns.find((c) => c.name === 'email')!;
      assert.deepEqual(
        bronze.sources.map((s) => s.column),
        ['op', 'before', 'after'],
      );
      assert.match(bronze.sources[0].dataset, /^read_files\('\$\{source_root\}\/cdc\/customers\/'\)$/);
      // Every dataset's output columns are known completely: the SELECT lists are explicit.
      for (const d of index.datasets()) assert.ok(index.columnsOf(d.key).complete, `${d.name} columns complete`);
    });
  });
}

test('through the bundle the pipeline has its catalog, schema and configuration', () => {
  const ws = loadWorkspace(root, [], { bundle: 'bundle/databricks.yml' });
  const p = ws.pipelines[0].index.pipeline;
  assert.equal(p.catalog, 'main');
  assert.match(p.schema ?? '', /^iot_lakehouse_dev_/);
  assert.deepEqual([...(p.configuration?.keys() ?? [])], ['source_root']);
});
