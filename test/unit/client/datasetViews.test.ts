// The pure parts behind the explorer and the lineage graph: run statuses from
// the event log, bundle substitutions in names, a column's path back to bronze.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveBundleText } from '../../../client/src/bundle/bundleNames';
import { parseBundleFile } from '../../../client/src/bundle/bundleConfig';
import { datasetRunStatuses, runStatusText } from '../../../client/src/local/datasetRunStatus';
import { parseEventLines } from '../../../client/src/local/localEvents';
import { columnPathBack } from '../../../client/src/views/columnPath';
import type { LineageEdge } from '../../../protocol/src/lineageGraph';

const event = (update: string, dataset: string, status: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: `${update}-${dataset}-${status}`,
    event_type: 'flow_progress',
    level: 'INFO',
    origin: { update_id: update, dataset_name: dataset },
    details: { flow_progress: { status, ...extra } },
  });

describe('dataset run statuses', () => {
  const quality = (passed: number, failed: number) => ({
    data_quality: {
      dropped_records: failed,
      expectations: [{ name: 'ok', dataset: 'Silver_A', passed_records: passed, failed_records: failed }],
    },
  });

  test('the latest run that processed a dataset wins; rows, pass rate and tone', () => {
    const log = [
      event('u1', 'bronze', 'RUNNING'),
      event('u1', 'bronze', 'COMPLETED', { metrics: { num_output_rows: 1200 } }),
      event('u1', 'Silver_A', 'COMPLETED', { metrics: { num_output_rows: 990 }, ...quality(990, 10) }),
      event('u1', 'gold', 'FAILED'),
      event('u2', 'gold', 'RUNNING'),
    ].join('\n');
    const s = datasetRunStatuses(parseEventLines(log));
    assert.deepEqual(s.get('bronze'), { status: 'COMPLETED', tone: 'ok', rows: 1200, passed: 0, failed: 0 });
    assert.equal(runStatusText(s.get('bronze')!), '✓ 1,200 rows');
    assert.equal(s.get('silver_a')?.tone, 'warning');
    assert.equal(runStatusText(s.get('silver_a')!), '⚠ 990 rows · 99.0% passed');
    assert.deepEqual([s.get('gold')?.status, s.get('gold')?.tone], ['RUNNING', 'running'], 'the run going on now, live');
    assert.equal(runStatusText(s.get('gold')!), '⟳ running');
  });

  test('a failed dataset reads failed; no events, no statuses', () => {
    const s = datasetRunStatuses(parseEventLines(event('u1', 'x', 'FAILED')));
    assert.equal(runStatusText(s.get('x')!), '✗ failed');
    assert.equal(datasetRunStatuses([]).size, 0);
  });
});

describe('bundle substitutions in names', () => {
  const yaml = `bundle: { name: iot }
variables:
  env: { default: dev }
  schema: { default: "s_\${bundle.target}" }
  who: { lookup: { user: x } }
targets:
  prod: { variables: { env: production } }
resources:
  pipelines:
    p: { name: "iot-lakehouse-\${bundle.target}" }
`;
  const file = parseBundleFile(yaml, 'databricks.yml');

  test('target, bundle name and plain variables resolve for the selected target; the rest stays', () => {
    const prod = file.targets.find((t) => t.name === 'prod');
    const ctx = { bundleName: 'iot', target: prod, variables: file.variables ?? {} };
    assert.equal(resolveBundleText(file.pipelines[0].name!, ctx), 'iot-lakehouse-prod');
    assert.equal(
      resolveBundleText('${bundle.name}/${var.env}/${var.schema}/${var.who}/${workspace.host}', ctx),
      'iot/production/s_prod/${var.who}/${workspace.host}',
    );
    assert.equal(resolveBundleText('${var.env}', { ...ctx, target: undefined }), 'dev');
    assert.equal(resolveBundleText('${bundle.target}', { ...ctx, target: undefined }), '${bundle.target}');
  });
});

describe('column path back to bronze', () => {
  const edges: Record<string, LineageEdge[]> = {
    gold: [
      {
        from: 'silver',
        to: 'gold',
        columns: [
          { from: 'temp_c', to: 'avg_temp' },
          { from: 'id', to: 'id' },
        ],
      },
      { from: 'dim', to: 'gold', columns: [{ from: 'offset', to: 'avg_temp' }] },
    ],
    silver: [
      { from: 'bronze', to: 'silver', columns: [{ from: 'temp_f', to: 'temp_c' }] },
      { from: 'silver', to: 'gold', columns: [] },
    ],
    dim: [],
    bronze: [],
  };

  test('follows every source column upstream, once each, with depths and links', async () => {
    const asked: string[] = [];
    const path = await columnPathBack({ dataset: 'gold', column: 'AVG_TEMP' }, async (d) => (asked.push(d), edges[d] ?? []));
    assert.deepEqual(
      path.steps.map((s) => `${s.depth}:${s.dataset}.${s.column}`),
      ['0:gold.AVG_TEMP', '1:silver.temp_c', '1:dim.offset', '2:bronze.temp_f'],
    );
    assert.deepEqual(
      path.links.map((l) => `${l.from.dataset}.${l.from.column}->${l.to.dataset}.${l.to.column}`),
      ['silver.temp_c->gold.AVG_TEMP', 'dim.offset->gold.AVG_TEMP', 'bronze.temp_f->silver.temp_c'],
    );
    assert.deepEqual(asked, ['gold', 'silver', 'dim', 'bronze']);
  });

  test('a cycle in an odd answer ends', async () => {
    const path = await columnPathBack({ dataset: 'a', column: 'x' }, async (d) => [
      { from: d === 'a' ? 'b' : 'a', to: d, columns: [{ from: 'x', to: 'x' }] },
    ]);
    assert.deepEqual(
      path.steps.map((s) => s.dataset),
      ['a', 'b'],
    );
  });
});
