import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineageColumns, renderLineageHtml } from '../../../client/src/views/lineageHtml';
import type { LineageGraph } from '../../../protocol/src/lineageGraph';

const GRAPH: LineageGraph = {
  nodes: [
    { id: 'gold_daily', name: 'gold_daily', kind: 'materializedView', layer: 'gold' },
    { id: 'landing', name: '/Volumes/x', kind: 'source' },
    { id: 'bronze_<b>', name: 'bronze_<b>', kind: 'streamingTable', layer: 'bronze' },
  ],
  edges: [{ from: 'landing', to: 'bronze_<b>', streaming: true }, { from: 'bronze_<b>', to: 'gold_daily', columns: [{ from: 'v', to: 'avg_v' }] }],
};

test('layers become columns in pipeline order, sources first', () => {
  assert.deepEqual(lineageColumns(GRAPH).map((c) => c.name), ['sources', 'bronze', 'gold']);
});

test('strict CSP with the nonce, no remote resources, names escaped', () => {
  const html = renderLineageHtml({ title: 'Lineage', graph: GRAPH, focus: 'gold_daily' }, 'N0nce', 'vscode-resource:');
  assert.match(html, /default-src 'none'/);
  assert.match(html, /script-src 'nonce-N0nce'/);
  assert.equal((html.match(/<script nonce="N0nce">/g) ?? []).length, 1);
  assert.doesNotMatch(html, /<script(?! nonce="N0nce")/);
  assert.doesNotMatch(html, /(src|href)=["']https?:/);
  assert.doesNotMatch(html, /bronze_<b>/);
  assert.match(html, /bronze_&lt;b&gt;/);
  assert.match(html, /class="node materializedView focus"/);
  assert.match(html, /bronze_&lt;b&gt;\.v → gold_daily\.avg_v/);
});

test('an error is shown instead of the graph', () => {
  const html = renderLineageHtml({ title: 'L', graph: { nodes: [], edges: [] }, error: 'server <down>' }, 'n', 'c');
  assert.match(html, /server &lt;down&gt;/);
  assert.doesNotMatch(html, /id="graph"/);
});
