import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './cliHarness';

describe('lakeflow lineage', () => {
  test('--dataset: ancestors and descendants as JSON', async () => {
    const r = await runCli(['lineage', 'pipelines', '--dataset', 'fct_orders']);
    assert.equal(r.code, 0);
    const t = JSON.parse(r.stdout);
    assert.equal(t.root, 'fct_orders');
    assert.deepEqual(t.upstream, ['cdc_orders', 'cdc_products', 'stg_orders', 'stg_products']);
    assert.deepEqual(t.downstream, []);
    assert.deepEqual(t.edges.map((e: { from: string; to: string }) => `${e.from}>${e.to}`).sort(), [
      'cdc_orders>stg_orders',
      'cdc_products>stg_products',
      'stg_orders>fct_orders',
      'stg_products>fct_orders',
    ]);
  });

  test('--column: sources to the landing files and consumers downstream', async () => {
    const r = await runCli(['lineage', 'pipelines', '--column', 'stg_customers.email']);
    assert.equal(r.code, 0);
    const t = JSON.parse(r.stdout);
    assert.equal(t.root, 'stg_customers.email');
    assert.ok(t.upstream.includes('cdc_customers.email'));
    assert.ok(t.upstream.some((u: string) => u.startsWith("read_files('${source_root}/cdc/customers/')")));
    assert.ok(t.downstream.includes('dim_customers.email'));
  });

  test('dot and mermaid render the same graph', async () => {
    const dot = await runCli(['lineage', 'pipelines', '--dataset', 'stg_orders', '--format', 'dot']);
    assert.match(dot.stdout, /^digraph lineage \{/);
    assert.match(dot.stdout, /"cdc_orders" -> "stg_orders";/);
    const mermaid = await runCli(['lineage', 'pipelines', '--format', 'mermaid']);
    assert.match(mermaid.stdout, /^flowchart LR\n/);
    assert.equal(mermaid.stdout.match(/-->|==>/g)?.length, 35);
  });

  test('unknown dataset or column exits 1; bad options exit 2', async () => {
    assert.equal((await runCli(['lineage', 'pipelines', '--dataset', 'nope'])).code, 1);
    assert.equal((await runCli(['lineage', 'pipelines', '--column', 'stg_orders.nope'])).code, 1);
    assert.equal((await runCli(['lineage', 'pipelines', '--column', 'nodot'])).code, 2);
    assert.equal((await runCli(['lineage', 'pipelines', '--dataset', 'a', '--column', 'a.b'])).code, 2);
  });
});
