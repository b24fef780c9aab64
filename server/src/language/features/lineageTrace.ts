// Walks lineage from one dataset or one column: everything upstream (what
// feeds it) and downstream (what it feeds), as a small graph of nodes and
// edges that the CLI renders and a lineage view can draw.
import { datasetDisplayName } from '../model/datasetTypes';
import { WorkspaceIndex } from '../model/workspaceIndex';

export interface TraceNode {
  /** `dataset` or `dataset.column`. */
  id: string;
  dataset: string;
  column?: string;
  /** Dataset kind, or `table` (catalog) / `files` (read_files) for sources outside the pipeline. */
  kind: string;
  type?: string;
  expression?: string;
}

export interface TraceEdge {
  from: string;
  to: string;
  streaming?: boolean;
}

export interface LineageTrace {
  root?: string;
  nodes: TraceNode[];
  edges: TraceEdge[];
  upstream: string[];
  downstream: string[];
}

function datasetNode(index: WorkspaceIndex, key: string): TraceNode {
  const d = index.definition(key);
  const name = d ? datasetDisplayName(d) : key;
  return { id: name, dataset: name, kind: d?.kind ?? 'table' };
}

/** The whole pipeline graph. */
export function pipelineTrace(index: WorkspaceIndex): LineageTrace {
  const nameOf = (k: string) => index.displayName(k);
  return {
    nodes: index.datasets().map((d) => datasetNode(index, d.key)),
    edges: index.edges().map((e) => ({ from: nameOf(e.from), to: nameOf(e.to), streaming: e.streaming })),
    upstream: [],
    downstream: [],
  };
}

/** A dataset with all its ancestors and descendants; undefined when it is not in the pipeline. */
export function datasetTrace(index: WorkspaceIndex, name: string): LineageTrace | undefined {
  const root = index.definition(name.toLowerCase());
  if (!root) return undefined;
  const walkFrom = (next: (k: string) => { key: string }[]) => {
    const seen = new Set<string>();
    const queue = [root.key];
    while (queue.length > 0) {
      for (const n of next(queue.shift()!)) {
        if (seen.has(n.key) || n.key === root.key) continue;
        seen.add(n.key);
        queue.push(n.key);
      }
    }
    return seen;
  };
  const up = walkFrom((k) => index.upstream(k));
  const down = walkFrom((k) => index.downstream(k));
  const members = new Set([root.key, ...up, ...down]);
  const isAncestry = (k: string) => k === root.key || up.has(k);
  const isDescent = (k: string) => k === root.key || down.has(k);
  const nameOf = (k: string) => index.displayName(k);
  return {
    root: datasetDisplayName(root),
    nodes: [...members].sort().map((k) => datasetNode(index, k)),
    edges: index
      .edges()
      // Edges among the ancestors (into the root) and among the descendants (out of it); not side branches.
      .filter((e) => (isAncestry(e.from) && isAncestry(e.to)) || (isDescent(e.from) && down.has(e.to)))
      .map((e) => ({ from: nameOf(e.from), to: nameOf(e.to), streaming: e.streaming })),
    upstream: [...up].map(nameOf).sort(),
    downstream: [...down].map(nameOf).sort(),
  };
}

/** `dataset.column`: the columns feeding it (to the sources) and the columns it feeds. */
export function columnTrace(index: WorkspaceIndex, datasetName: string, columnName: string): LineageTrace | undefined {
  const root = index.definition(datasetName.toLowerCase());
  if (!root) return undefined;
  const rootCol = index.columnsOf(root.key).columns.find((c) => c.name.toLowerCase() === columnName.toLowerCase());
  if (!rootCol) return undefined;
  const nodes = new Map<string, TraceNode>();
  const edges: TraceEdge[] = [];
  const nameOf = (k: string) => index.displayName(k);
  const addColumnNode = (datasetKey: string, column: string): string | undefined => {
    const col = index.columnsOf(datasetKey).columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
    const id = `${nameOf(datasetKey)}.${col?.name ?? column}`;
    if (nodes.has(id)) return undefined;
    nodes.set(id, {
      id,
      dataset: nameOf(datasetKey),
      column: col?.name ?? column,
      kind: index.definition(datasetKey)?.kind ?? 'table',
      ...(col?.type ? { type: col.type } : {}),
      ...(col?.expression ? { expression: col.expression } : {}),
    });
    return id;
  };
  const rootId = addColumnNode(root.key, rootCol.name)!;
  const upstream: string[] = [];
  const queue: [string, string][] = [[root.key, rootCol.name]];
  while (queue.length > 0) {
    const [dk, cn] = queue.shift()!;
    const col = index.columnsOf(dk).columns.find((c) => c.name.toLowerCase() === cn.toLowerCase());
    const to = `${nameOf(dk)}.${col?.name ?? cn}`;
    for (const s of col?.sources ?? []) {
      const id = s.kind === 'dataset' ? `${nameOf(s.dataset)}.${s.column}` : `${s.dataset}.${s.column}`;
      if (!edges.some((e) => e.from === id && e.to === to)) edges.push({ from: id, to });
      if (nodes.has(id)) continue;
      upstream.push(id);
      if (s.kind === 'dataset') {
        addColumnNode(s.dataset, s.column);
        queue.push([s.dataset, s.column]);
      } else nodes.set(id, { id, dataset: s.dataset, column: s.column, kind: s.kind });
    }
  }
  const downstream: string[] = [];
  const down: [string, string][] = [[root.key, rootCol.name.toLowerCase()]];
  while (down.length > 0) {
    const [dk, cn] = down.shift()!;
    const from = `${nameOf(dk)}.${index.columnsOf(dk).columns.find((c) => c.name.toLowerCase() === cn)?.name ?? cn}`;
    for (const d of index.downstream(dk)) {
      for (const c of index.columnsOf(d.key).columns) {
        if (!c.sources.some((s) => s.kind === 'dataset' && s.dataset === dk && s.column.toLowerCase() === cn)) continue;
        const id = `${nameOf(d.key)}.${c.name}`;
        if (!edges.some((e) => e.from === from && e.to === id)) edges.push({ from, to: id });
        if (addColumnNode(d.key, c.name) === undefined) continue;
        downstream.push(id);
        down.push([d.key, c.name.toLowerCase()]);
      }
    }
  }
  return { root: rootId, nodes: [...nodes.values()], edges, upstream: upstream.sort(), downstream: downstream.sort() };
}
