// The dataset graph: edges from a read dataset to the dataset its query feeds,
// contributed per file so that re-analysing one file swaps only that file's
// edges. An edge is streaming when any contributing read is a STREAM read.
export interface GraphEdge {
  from: string;
  to: string;
  streaming: boolean;
}

interface EdgeCount {
  streaming: number;
  batch: number;
}

export class DatasetGraph {
  private readonly byFile = new Map<string, GraphEdge[]>();
  private readonly out = new Map<string, Map<string, EdgeCount>>();
  private readonly in = new Map<string, Map<string, EdgeCount>>();
  private version = 0;
  private cycleCache?: { version: number; cycles: string[][] };

  /** Replaces the edges `file` contributes. */
  setFileEdges(file: string, edges: GraphEdge[]): void {
    const old = this.byFile.get(file) ?? [];
    if (sameEdges(old, edges)) return;
    for (const e of old) this.adjust(e, -1);
    for (const e of edges) this.adjust(e, +1);
    if (edges.length > 0) this.byFile.set(file, edges);
    else this.byFile.delete(file);
    this.version++;
  }

  removeFile(file: string): void {
    this.setFileEdges(file, []);
  }

  private adjust(e: GraphEdge, delta: number): void {
    for (const [map, a, b] of [
      [this.out, e.from, e.to],
      [this.in, e.to, e.from],
    ] as const) {
      let targets = map.get(a);
      if (!targets) map.set(a, (targets = new Map<string, EdgeCount>()));
      const c = targets.get(b) ?? { streaming: 0, batch: 0 };
      if (e.streaming) c.streaming += delta;
      else c.batch += delta;
      if (c.streaming + c.batch <= 0) targets.delete(b);
      else targets.set(b, c);
      if (targets.size === 0) map.delete(a);
    }
  }

  /** Datasets `key` reads, with whether any read is streaming. */
  upstream(key: string): { key: string; streaming: boolean }[] {
    return [...(this.in.get(key) ?? [])].map(([k, c]) => ({ key: k, streaming: c.streaming > 0 }));
  }

  downstream(key: string): { key: string; streaming: boolean }[] {
    return [...(this.out.get(key) ?? [])].map(([k, c]) => ({ key: k, streaming: c.streaming > 0 }));
  }

  edges(): GraphEdge[] {
    const all: GraphEdge[] = [];
    for (const [from, targets] of this.out) for (const [to, c] of targets) all.push({ from, to, streaming: c.streaming > 0 });
    return all.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  }

  /** Strongly connected components that form cycles (size > 1, or a self-loop), members sorted. */
  cycles(): string[][] {
    if (this.cycleCache?.version === this.version) return this.cycleCache.cycles;
    const cycles = findCycles(this.out);
    this.cycleCache = { version: this.version, cycles };
    return cycles;
  }
}

function sameEdges(a: GraphEdge[], b: GraphEdge[]): boolean {
  return a.length === b.length && a.every((e, i) => e.from === b[i].from && e.to === b[i].to && e.streaming === b[i].streaming);
}

/** Tarjan's algorithm, iterative so deep pipelines cannot overflow the stack. */
function findCycles(out: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let next = 0;
  for (const start of out.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; it: Iterator<string> }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, it: (out.get(node)?.keys() ?? [][Symbol.iterator]()) as Iterator<string> });
    };
    enter(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const step = top.it.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        const selfLoop = component.length === 1 && out.get(top.node)?.has(top.node);
        if (component.length > 1 || selfLoop) result.push(component.sort());
      }
    }
  }
  return result.sort((a, b) => a[0].localeCompare(b[0]));
}
