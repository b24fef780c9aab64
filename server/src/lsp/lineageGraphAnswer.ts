// The `lakeflow/lineageGraph` and `lakeflow/datasetAt` answers in the protocol's shape:
// the pipeline's datasets and edges (or one dataset's neighbourhood), with
// column-level edges on request. Built here, in the one layer that knows
// protocol/, from the pure lineage trace and symbol lookup of the language core.
import type { DatasetAtResult } from '../../../protocol/src/datasetAt';
import type { LineageEdge, LineageGraph, LineageNode } from '../../../protocol/src/lineageGraph';
import { Dataset, datasetDisplayName } from '../language/model/datasetTypes';
import type { Position } from '../language/model/location';
import type { FeatureContext, SyntaxDocument } from '../language/features/featureContext';
import { lineageNode } from '../language/features/lineageNode';
import { datasetTrace } from '../language/features/lineageTrace';
import { datasetContaining, symbolAt } from '../language/features/symbolAt';

export interface GraphOptions {
  /** Restrict to this dataset's ancestors and descendants. */
  dataset?: string;
  columns?: boolean;
  /** File id -> URI for the answer. */
  uriOf: (file: string) => string;
}

/** A node in the protocol's shape (the compiler checks the core's plain data against it). */
function protocolNode(ctx: FeatureContext, d: Dataset, uriOf: (file: string) => string): LineageNode {
  return lineageNode(ctx, d, uriOf);
}

export function lineageGraph(ctx: FeatureContext, options: GraphOptions): LineageGraph {
  const index = ctx.index;
  const nameOf = (k: string) => index.displayName(k);
  let keys: Set<string>;
  let edges: LineageEdge[];
  if (options.dataset) {
    const trace = datasetTrace(index, options.dataset);
    if (!trace) return { nodes: [], edges: [] };
    keys = new Set(trace.nodes.map((n) => n.dataset.toLowerCase()));
    edges = trace.edges.map((e) => ({ from: e.from, to: e.to, ...(e.streaming ? { streaming: true } : {}) }));
  } else {
    keys = new Set(index.datasets().map((d) => d.key));
    edges = index.edges().map((e) => ({ from: nameOf(e.from), to: nameOf(e.to), ...(e.streaming ? { streaming: true } : {}) }));
  }
  const nodes = [...keys].flatMap((k) => {
    const d = index.definition(k);
    return d ? [protocolNode(ctx, d, options.uriOf)] : [];
  });
  if (options.columns && options.dataset) {
    const root = index.definition(options.dataset.toLowerCase());
    for (const e of edges) {
      const fromKey = e.from.toLowerCase();
      const toKey = e.to.toLowerCase();
      if (root && fromKey !== root.key && toKey !== root.key) continue;
      const cols: { from: string; to: string }[] = [];
      for (const c of index.columnsOf(toKey).columns)
        for (const s of c.sources) if (s.kind === 'dataset' && s.dataset === fromKey) cols.push({ from: s.column, to: c.name });
      e.columns = cols;
    }
  }
  return { nodes: nodes.sort((a, b) => a.id.localeCompare(b.id)), edges };
}

export function datasetAt(ctx: FeatureContext, doc: SyntaxDocument, position: Position, uriOf: (file: string) => string): DatasetAtResult {
  const s = symbolAt(ctx, doc, position);
  let d: Dataset | undefined;
  if (s?.kind === 'dataset' && !s.external) d = ctx.index.definition(s.key);
  else if (s?.kind === 'column' && s.target.kind === 'dataset') d = ctx.index.definition(s.target.key);
  d ??= datasetContaining(ctx, doc.file, position);
  return d ? { name: datasetDisplayName(d), uri: uriOf(d.file), range: d.nameRange } : null;
}
