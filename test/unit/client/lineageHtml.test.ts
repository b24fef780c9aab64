import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderLineageHtml } from '../../../client/src/views/lineageHtml';
import { layoutLineage } from '../../../client/src/views/lineageLayout';
import { LINEAGE_SCRIPT } from '../../../client/src/views/lineageScript';
import type { LineageGraph } from '../../../protocol/src/lineageGraph';

const GRAPH: LineageGraph = {
  nodes: [
    { id: 'gold_daily', name: 'gold_daily', kind: 'materializedView', layer: 'gold', columns: [{ name: 'avg_v', type: 'DOUBLE' }] },
    {
      id: 'bronze_<b>',
      name: 'bronze_<b>',
      kind: 'streamingTable',
      layer: 'bronze',
      uri: 'file:///ws/pipelines/bronze/b.sql',
      expectations: [{ name: 'ok', action: 'drop' }],
    },
  ],
  edges: [{ from: 'bronze_<b>', to: 'gold_daily', columns: [{ from: 'v', to: 'avg_v' }] }],
};

async function page(statuses?: Record<string, { text: string; tone: 'ok' | 'failed' }>): Promise<string> {
  const layout = await layoutLineage(GRAPH, (n) => [n.name, n.kind, 'x'.repeat(20)]);
  return renderLineageHtml({ title: 'Lineage', graph: GRAPH, layout, focus: 'gold_daily', statuses }, 'N0nce', 'vscode-resource:');
}

test('strict CSP with the nonce, no remote resources, names escaped', async () => {
  const html = await page();
  assert.match(html, /default-src 'none'/);
  assert.match(html, /script-src 'nonce-N0nce'/);
  assert.doesNotMatch(html, /unsafe-eval|unsafe-inline/);
  assert.equal((html.match(/<script nonce="N0nce">/g) ?? []).length, 1);
  assert.doesNotMatch(html, /<script(?! nonce="N0nce")/);
  assert.doesNotMatch(html, /(src|href)=["']https?:/);
  assert.doesNotMatch(html, /style="/, 'no inline style attribute (the policy would block it)');
  assert.doesNotMatch(html, /bronze_<b>/);
  assert.match(html, /bronze_&lt;b&gt;/);
  assert.match(html, /class="box materializedView focus" data-id="gold_daily"/);
});

test('boxes show the kind in words and the idle text; bands per layer; one path per edge from the layout', async () => {
  const html = await page();
  assert.match(html, /<text class="kind"[^>]*>Streaming table<\/text>/);
  assert.match(html, /<text class="status"[^>]*>1 expectation<\/text>/);
  assert.deepEqual(
    [...html.matchAll(/<g class="band">.*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]),
    ['bronze', 'gold'],
  );
  const paths = [...html.matchAll(/<path class="edge" data-from="([^"]*)" data-to="([^"]*)" d="([^"]*)"/g)];
  assert.deepEqual(
    paths.map((m) => [m[1], m[2]]),
    [['bronze_&lt;b&gt;', 'gold_daily']],
  );
  assert.match(paths[0][3], /^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
});

test('a run status colours the box and replaces the idle text', async () => {
  const html = await page({ 'bronze_<b>': { text: '✗ failed', tone: 'failed' } });
  assert.match(html, /class="box streamingTable tone-failed" data-id="bronze_&lt;b&gt;"/);
  assert.match(html, /<text class="status"[^>]*>✗ failed<\/text>/);
  assert.match(html, /Latest local run: ✗ failed/);
});

test('the page data cannot close the script element; the script needs no eval', async () => {
  const html = await page();
  const script = /<script nonce="N0nce">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  assert.match(script, /"name":"bronze_\\u003cb>"/);
  assert.doesNotMatch(LINEAGE_SCRIPT, /\beval\(|new Function|setTimeout\(['"`]/);
});

test('an error is shown instead of the graph', () => {
  const html = renderLineageHtml({ title: 'L', graph: { nodes: [], edges: [] }, error: 'server <down>' }, 'n', 'c');
  assert.match(html, /server &lt;down&gt;/);
  assert.doesNotMatch(html, /id="graph"/);
  assert.doesNotMatch(html, /<script/);
});
