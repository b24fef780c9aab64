// Lineage graph layout benchmark: how long the extension host spends laying out
// a pipeline's graph with the Eclipse Layout Kernel (lineageLayout.ts) before
// the webview can draw it, for the repository's pipeline (26 datasets) and for
// generated layered pipelines of 100 and 300 datasets; also the geometry check
// (layoutProblems) and how many problems it finds (expected 0).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { layoutLineage, layoutProblems } from '../../client/src/views/lineageLayout';
import type { LineageGraph } from '../../protocol/src/lineageGraph';
import { lineageGraph } from '../../server/src/lsp/lineageGraphAnswer';
import { fixture } from '../unit/features/featureFixture';
import { findRepoRoot, listFilesRecursively } from '../unit/pipeline/repoFiles';
import { generateWorkspace } from './index.bench';
import { printTable, time } from './measure';

function graphOf(files: Record<string, string>): LineageGraph {
  return lineageGraph(fixture(files).ctx, { uriOf: (f) => 'file://' + f });
}

function bundled(): Record<string, string> {
  const root = findRepoRoot();
  return Object.fromEntries(
    listFilesRecursively(join(root, 'pipelines'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => ['/' + relative(root, f), readFileSync(f, 'utf8').replace(/\|/g, ' ')]),
  );
}

const lines = (n: { name: string; kind: string }): string[] => [n.name, n.kind, '✓ 9,999,999 rows · 99.9% passed'];

export async function run(): Promise<void> {
  const cases: [string, LineageGraph][] = [
    ['bundled pipeline', graphOf(bundled())],
    ['generated, 100 datasets', graphOf(Object.fromEntries(generateWorkspace(100)))],
    ['generated, 300 datasets', graphOf(Object.fromEntries(generateWorkspace(300)))],
  ];
  const rows: Record<string, string | number>[] = [];
  for (const [name, graph] of cases) {
    const runs = graph.nodes.length > 200 ? 3 : 10;
    const layout = await layoutLineage(graph, lines);
    const t = await time(() => layoutLineage(graph, lines), runs);
    const check = await time(() => layoutProblems(graph, layout), runs);
    rows.push({
      graph: name,
      datasets: graph.nodes.length,
      edges: graph.edges.length,
      'layout median ms': t.median.toFixed(1),
      'layout p95 ms': t.p95.toFixed(1),
      'check median ms': check.median.toFixed(1),
      problems: layoutProblems(graph, layout).length,
    });
  }
  printTable(rows);
}
