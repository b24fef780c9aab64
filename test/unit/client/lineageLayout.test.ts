import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bandedRanks, layoutLineage, layoutProblems, segmentCrossesBox } from '../../../client/src/views/lineageLayout';
import type { LineageGraph } from '../../../protocol/src/lineageGraph';
import { lineageGraph } from '../../../server/src/lsp/lineageGraphAnswer';
import { fixture } from '../features/featureFixture';
import { findRepoRoot, listFilesRecursively } from '../pipeline/repoFiles';

/** The repository's bundled pipeline as the language server answers `lakeflow/lineageGraph` for it. */
function bundledGraph(): LineageGraph {
  const root = findRepoRoot();
  const files = Object.fromEntries(
    listFilesRecursively(join(root, 'pipelines'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => ['/' + relative(root, f), readFileSync(f, 'utf8').replace(/\|/g, ' ')]),
  );
  return lineageGraph(fixture(files).ctx, { uriOf: (f) => 'file://' + f });
}

const lines = (n: { name: string; kind: string }): string[] => [n.name, n.kind, '✓ 1,234,567 rows · 100.0% passed'];

describe('lineage layout', () => {
  test('segments crossing a box, touching it, and passing by', () => {
    const box = { id: 'b', x: 10, y: 10, width: 20, height: 10 };
    assert.equal(segmentCrossesBox({ x: 0, y: 15 }, { x: 40, y: 15 }, box), true, 'through');
    assert.equal(segmentCrossesBox({ x: 0, y: 10 }, { x: 40, y: 10 }, box), false, 'along the top border');
    assert.equal(segmentCrossesBox({ x: 0, y: 5 }, { x: 40, y: 5 }, box), false, 'above');
    assert.equal(segmentCrossesBox({ x: 0, y: 15 }, { x: 10, y: 15 }, box), false, 'ends on the left border');
    assert.equal(segmentCrossesBox({ x: 20, y: 0 }, { x: 20, y: 12 }, box), true, 'ends inside');
    assert.equal(segmentCrossesBox({ x: 0, y: 0 }, { x: 40, y: 30 }, box), true, 'diagonal');
  });

  test('the bundled pipeline: every edge drawn between its own boxes, no segment through another box, layers as bands in order', async () => {
    const graph = bundledGraph();
    assert.ok(graph.nodes.length >= 26 && graph.edges.length >= 30, `${graph.nodes.length} nodes, ${graph.edges.length} edges`);
    const layout = await layoutLineage(graph, lines);
    assert.deepEqual(layoutProblems(graph, layout), []);
    assert.equal(layout.edges.length, graph.edges.length);
    assert.deepEqual(
      layout.bands.map((b) => b.layer),
      ['bronze', 'silver', 'gold'],
    );
    for (let i = 1; i < layout.bands.length; i++)
      assert.ok(layout.bands[i - 1].x + layout.bands[i - 1].width <= layout.bands[i].x, 'bands side by side');
    // Ranked by depth: gold datasets fed by gold ones sit to their right.
    const x = new Map(layout.boxes.map((b) => [b.id, b.x]));
    for (const e of graph.edges) assert.ok((x.get(e.from) ?? 0) < (x.get(e.to) ?? 0), `${e.from} left of ${e.to}`);
  });

  test('a broken layout is reported: a box across an edge, a missing edge, overlapping boxes', async () => {
    const graph: LineageGraph = {
      nodes: [
        { id: 'a', name: 'a', kind: 'streamingTable', layer: 'bronze' },
        { id: 'b', name: 'b', kind: 'materializedView', layer: 'silver' },
        { id: 'c', name: 'c', kind: 'materializedView', layer: 'gold' },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'a', to: 'c' },
      ],
    };
    const layout = await layoutLineage(graph, lines);
    assert.deepEqual(layoutProblems(graph, layout), []);
    const b = layout.boxes.find((x) => x.id === 'b')!;
    const ac = layout.edges.find((e) => e.from === 'a' && e.to === 'c')!;
    // b moved onto the middle of the longest segment of a -> c.
    const segments = ac.points.slice(1).map((q, i) => [ac.points[i], q] as const);
    const [p, q] = segments.reduce((best, seg) =>
      Math.hypot(seg[1].x - seg[0].x, seg[1].y - seg[0].y) > Math.hypot(best[1].x - best[0].x, best[1].y - best[0].y) ? seg : best,
    );
    const moved = {
      ...layout,
      boxes: layout.boxes.map((x) => (x.id === 'b' ? { ...x, x: (p.x + q.x) / 2 - x.width / 2, y: (p.y + q.y) / 2 - x.height / 2 } : x)),
    };
    assert.ok(
      layoutProblems(graph, moved).some((p) => p === 'edge a -> c crosses b'),
      layoutProblems(graph, moved).join('; '),
    );
    const missing = { ...layout, edges: layout.edges.filter((e) => e.to !== 'b') };
    assert.ok(layoutProblems(graph, missing).includes('edge a -> b is not drawn'));
    const stacked = { ...layout, boxes: layout.boxes.map((x) => (x.id === 'c' ? { ...x, x: b.x, y: b.y } : x)) };
    assert.ok(layoutProblems(graph, stacked).includes('boxes b and c overlap'));
  });

  test('ranks: depth within a band, each band after the previous one; edges back and cycles do not loop', () => {
    const n = (id: string, band: number) => ({ id, band });
    const nodes = [n('b1', 0), n('b2', 0), n('s1', 1), n('s2', 1), n('g1', 2), n('g2', 2), n('g3', 2)];
    const edges = [
      { from: 'b1', to: 's1' },
      { from: 's1', to: 's2' },
      { from: 'b2', to: 'g1' }, // skips silver: still after silver's last rank
      { from: 'g1', to: 'g2' },
      { from: 'g2', to: 'g3' },
      { from: 'g3', to: 'g2' }, // a cycle
      { from: 'g3', to: 's1' }, // back to an earlier band
    ];
    const r = bandedRanks(nodes, edges, (x) => x.band);
    // g2 is reached first (from g1); walking its upstream, g3's edge back to g2 closes the cycle and is cut.
    assert.deepEqual(Object.fromEntries(r), { b1: 0, b2: 0, s1: 1, s2: 2, g1: 3, g2: 4, g3: 3 });
  });

  test('an edge to a dataset outside the graph gets a box of its own', async () => {
    const graph: LineageGraph = {
      nodes: [{ id: 'a', name: 'a', kind: 'materializedView', layer: 'silver' }],
      edges: [{ from: 'main.raw.orders', to: 'a' }],
    };
    const layout = await layoutLineage(graph, lines);
    assert.deepEqual(layout.boxes.map((b) => b.id).sort(), ['a', 'main.raw.orders']);
    assert.deepEqual(
      layout.bands.map((b) => b.layer),
      ['sources', 'silver'],
    );
    assert.equal(layout.edges[0].points.length >= 2, true);
  });
});
