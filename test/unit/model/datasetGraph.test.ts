import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatasetGraph } from '../../../server/src/language/model/datasetGraph';

test('edges are contributed per file and replaced as a whole', () => {
  const g = new DatasetGraph();
  g.setFileEdges('a.sql', [{ from: 'src', to: 'a', streaming: true }]);
  g.setFileEdges('b.sql', [
    { from: 'a', to: 'b', streaming: false },
    { from: 'src', to: 'b', streaming: false },
  ]);
  assert.deepEqual(g.upstream('b'), [
    { key: 'a', streaming: false },
    { key: 'src', streaming: false },
  ]);
  assert.deepEqual(g.downstream('src'), [
    { key: 'a', streaming: true },
    { key: 'b', streaming: false },
  ]);
  g.setFileEdges('b.sql', [{ from: 'a', to: 'b', streaming: true }]);
  assert.deepEqual(g.edges(), [
    { from: 'a', to: 'b', streaming: true },
    { from: 'src', to: 'a', streaming: true },
  ]);
  g.removeFile('a.sql');
  assert.deepEqual(g.edges(), [{ from: 'a', to: 'b', streaming: true }]);
});

test('cycles list their members; self-loops count; acyclic graphs have none', () => {
  const g = new DatasetGraph();
  g.setFileEdges('f', [
    { from: 'a', to: 'b', streaming: false },
    { from: 'b', to: 'c', streaming: false },
    { from: 'c', to: 'a', streaming: false },
    { from: 'c', to: 'd', streaming: false },
    { from: 'e', to: 'e', streaming: false },
  ]);
  assert.deepEqual(g.cycles(), [['a', 'b', 'c'], ['e']]);
  g.setFileEdges('f', [{ from: 'a', to: 'b', streaming: false }]);
  assert.deepEqual(g.cycles(), []);
});

test('a 100,000-deep chain does not overflow the cycle search', () => {
  const g = new DatasetGraph();
  const edges = Array.from({ length: 100_000 }, (_, i) => ({ from: `d${i}`, to: `d${i + 1}`, streaming: false }));
  g.setFileEdges('chain', edges);
  assert.deepEqual(g.cycles(), []);
});
