// A column's path back to bronze: from one dataset's column, follow the
// column-level edges upstream (the language server gives them per dataset with
// `lakeflow/lineageGraph` and `columns: true`) until no edge feeds the column.
// Pure: the caller fetches the edges into a dataset.
import type { LineageEdge } from '../../../protocol/src/lineageGraph';

export interface ColumnRef {
  dataset: string;
  column: string;
}

export interface ColumnStep extends ColumnRef {
  /** 0 for the picked column, 1 for the columns it reads directly, ... */
  depth: number;
}

export interface ColumnPath {
  steps: ColumnStep[];
  links: { from: ColumnRef; to: ColumnRef }[];
}

/** Datasets visited at most; a pipeline is far smaller, this only bounds a cyclic or odd answer. */
const MAX_DATASETS = 200;

export async function columnPathBack(start: ColumnRef, edgesInto: (dataset: string) => Promise<LineageEdge[]>): Promise<ColumnPath> {
  const key = (r: ColumnRef): string => `${r.dataset.toLowerCase()}\u0000${r.column.toLowerCase()}`;
  const steps: ColumnStep[] = [{ ...start, depth: 0 }];
  const links: ColumnPath['links'] = [];
  const seen = new Set([key(start)]);
  const cache = new Map<string, Promise<LineageEdge[]>>();
  for (let i = 0; i < steps.length && cache.size <= MAX_DATASETS; i++) {
    const at = steps[i];
    const dataset = at.dataset.toLowerCase();
    if (!cache.has(dataset)) cache.set(dataset, edgesInto(at.dataset));
    const edges = (await cache.get(dataset)!).filter((e) => e.to.toLowerCase() === dataset);
    for (const e of edges)
      for (const c of e.columns ?? []) {
        if (c.to.toLowerCase() !== at.column.toLowerCase()) continue;
        const from = { dataset: e.from, column: c.from };
        links.push({ from, to: { dataset: at.dataset, column: at.column } });
        if (seen.has(key(from))) continue;
        seen.add(key(from));
        steps.push({ ...from, depth: at.depth + 1 });
      }
  }
  return { steps, links };
}
