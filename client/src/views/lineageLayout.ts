// Where the lineage webview draws each dataset and edge. Datasets are ranked by
// dependency depth, left to right, each layer (sources, bronze, silver, gold,
// others) starting after the previous one's last rank so the layers show as
// bands (`bandedRanks`); the Eclipse Layout Kernel (elkjs, layered algorithm)
// takes those ranks as its layers, orders and places the boxes in them and
// routes edges orthogonally between the ranks so that no edge runs through a
// box. (ELK's own partitioning gives the same bands but measured 5-7 times
// slower on a 300-dataset pipeline: test/bench/lineageLayout.bench.ts.) The layout runs
// here in the extension host and the webview only draws the numbers it gets, so
// the page needs no layout script and its policy stays strict. Pure (no vscode
// import), so the geometry is unit tested (`layoutProblems`).
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { LineageGraph, LineageNode } from '../../../protocol/src/lineageGraph';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgePath {
  from: string;
  to: string;
  streaming: boolean;
  /** The polyline from the border of `from`'s box to the border of `to`'s box. */
  points: Point[];
}

export interface Band {
  layer: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LineageLayout {
  width: number;
  height: number;
  boxes: Box[];
  edges: EdgePath[];
  bands: Band[];
}

/** Layers in pipeline order; any other layer name comes after gold, by name. */
const LAYER_ORDER = ['sources', 'bronze', 'silver', 'gold'];
export const BOX_HEIGHT = 58;
const BAND_PADDING = 14;
const BAND_LABEL = 22;
const MARGIN = 12;

export function bandOf(n: Pick<LineageNode, 'kind' | 'layer'>): string {
  if (n.kind === 'source' || n.kind === 'external') return 'sources';
  return n.layer ?? 'other';
}

export function layerRanks(names: Iterable<string>): Map<string, number> {
  const others = [...new Set(names)].filter((l) => !LAYER_ORDER.includes(l)).sort();
  const order = [...LAYER_ORDER, ...others];
  return new Map(order.map((l, i) => [l, i]));
}

/** A box wide enough for its longest line (name, kind, run status) at the page's 12-13px font. */
export function boxWidth(lines: string[]): number {
  const longest = Math.max(...lines.map((l) => l.length));
  return Math.max(170, Math.ceil(longest * 7.4) + 28);
}

/**
 * Lays out the graph. `linesOf` gives the text lines a box will show, for its
 * width. Edges whose ends are not nodes of the graph get a box of their own
 * (an external dataset), so every edge of the model is drawn.
 */
export async function layoutLineage(graph: LineageGraph, linesOf: (n: LineageNode) => string[]): Promise<LineageLayout> {
  const nodes = [...graph.nodes];
  const known = new Set(nodes.map((n) => n.id));
  for (const e of graph.edges)
    for (const id of [e.from, e.to])
      if (!known.has(id)) {
        known.add(id);
        nodes.push({ id, name: id, kind: 'external' });
      }
  nodes.sort((a, b) => a.id.localeCompare(b.id));
  const ranks = layerRanks(nodes.map(bandOf));
  const edges = graph.edges.filter((e) => e.from !== e.to);
  const depth = bandedRanks(nodes, edges, (n) => ranks.get(bandOf(n)) ?? 0);
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      // Layers from the x of each node: its banded rank.
      'elk.layered.layering.strategy': 'INTERACTIVE',
      'elk.spacing.nodeNode': '22',
      'elk.spacing.edgeNode': '14',
      'elk.spacing.edgeEdge': '8',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.layered.spacing.edgeNodeBetweenLayers': '18',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'false',
    },
    children: nodes.map((n) => ({
      id: n.id,
      x: (depth.get(n.id) ?? 0) * RANK_STRIDE,
      y: 0,
      width: boxWidth(linesOf(n)),
      height: BOX_HEIGHT,
    })),
    edges: edges.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
  const laid = await new ELK().layout(root);
  // Room above every band for its label, and a margin around everything.
  const dx = MARGIN + BAND_PADDING;
  const dy = MARGIN + BAND_PADDING + BAND_LABEL;
  const boxes: Box[] = (laid.children ?? []).map((c) => ({
    id: c.id,
    x: (c.x ?? 0) + dx,
    y: (c.y ?? 0) + dy,
    width: c.width ?? 0,
    height: c.height ?? 0,
  }));
  const paths: EdgePath[] = edges.map((e, i) => {
    const section = laid.edges?.find((x) => x.id === `e${i}`)?.sections?.[0];
    const raw = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    return { from: e.from, to: e.to, streaming: !!e.streaming, points: raw.map((p) => ({ x: p.x + dx, y: p.y + dy })) };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const bands = layerBands(boxes, (id) => bandOf(byId.get(id) ?? { kind: 'external' }), ranks);
  const right = Math.max(0, ...boxes.map((b) => b.x + b.width), ...bands.map((b) => b.x + b.width));
  const bottom = Math.max(0, ...boxes.map((b) => b.y + b.height), ...bands.map((b) => b.y + b.height));
  return { width: right + MARGIN, height: bottom + MARGIN, boxes, edges: paths, bands };
}

/** Far wider than any box, so ranks given as x never overlap. */
const RANK_STRIDE = 10_000;

/**
 * Each dataset's rank: one more than its deepest upstream in the same or an
 * earlier band, and never before its band's first rank, which follows the
 * previous band's last. An edge back to an earlier band does not count (ELK
 * draws it backwards); a cycle is cut where it closes.
 */
export function bandedRanks<N extends { id: string }>(
  nodes: readonly N[],
  edges: readonly { from: string; to: string }[],
  bandRank: (n: N) => number,
): Map<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const preds = new Map<string, string[]>();
  for (const e of edges) preds.set(e.to, [...(preds.get(e.to) ?? []), e.from]);
  const rank = new Map<string, number>();
  let start = 0;
  for (const band of [...new Set(nodes.map(bandRank))].sort((a, b) => a - b)) {
    const members = nodes.filter((n) => bandRank(n) === band);
    const visiting = new Set<string>();
    const visit = (id: string): number => {
      const known = rank.get(id);
      if (known !== undefined) return known;
      visiting.add(id);
      let r = start;
      for (const p of preds.get(id) ?? []) {
        const pred = byId.get(p);
        if (!pred || bandRank(pred) > band || visiting.has(p)) continue;
        r = Math.max(r, (bandRank(pred) === band ? visit(p) : (rank.get(p) ?? start - 1)) + 1);
      }
      visiting.delete(id);
      rank.set(id, r);
      return r;
    };
    for (const m of members) visit(m.id);
    start = Math.max(...members.map((m) => rank.get(m.id) ?? start)) + 1;
  }
  return rank;
}

/** One band per layer around its boxes, all as tall as the tallest, in layer order. */
function layerBands(boxes: Box[], layerOf: (id: string) => string, ranks: Map<string, number>): Band[] {
  const groups = new Map<string, Box[]>();
  for (const b of boxes) groups.set(layerOf(b.id), [...(groups.get(layerOf(b.id)) ?? []), b]);
  const top = MARGIN;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + BAND_PADDING;
  return [...groups.entries()]
    .sort(([a], [b]) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0))
    .map(([layer, list]) => {
      const left = Math.min(...list.map((b) => b.x)) - BAND_PADDING;
      const right = Math.max(...list.map((b) => b.x + b.width)) + BAND_PADDING;
      return { layer, x: left, y: top, width: right - left, height: bottom - top };
    });
}

/** Whether the segment p-q passes through the inside of the box (touching its border does not count). */
export function segmentCrossesBox(p: Point, q: Point, box: Box, tolerance = 0.5): boolean {
  const minX = box.x + tolerance;
  const maxX = box.x + box.width - tolerance;
  const minY = box.y + tolerance;
  const maxY = box.y + box.height - tolerance;
  // Liang-Barsky clipping of the segment against the shrunk box.
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const clips: [number, number][] = [
    [-dx, p.x - minX],
    [dx, maxX - p.x],
    [-dy, p.y - minY],
    [dy, maxY - p.y],
  ];
  for (const [pk, qk] of clips) {
    if (pk === 0) {
      if (qk < 0) return false;
      continue;
    }
    const t = qk / pk;
    if (pk < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

function onBorder(p: Point, b: Box, tolerance = 1): boolean {
  const inX = p.x >= b.x - tolerance && p.x <= b.x + b.width + tolerance;
  const inY = p.y >= b.y - tolerance && p.y <= b.y + b.height + tolerance;
  const nearX = Math.abs(p.x - b.x) <= tolerance || Math.abs(p.x - b.x - b.width) <= tolerance;
  const nearY = Math.abs(p.y - b.y) <= tolerance || Math.abs(p.y - b.y - b.height) <= tolerance;
  return (inX && nearY) || (inY && nearX);
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * What is wrong with a drawn layout, as readable lines (empty when nothing):
 * an edge of the model not drawn or not joining its two boxes, an edge segment
 * through a box other than its ends, overlapping boxes, a box outside its band.
 */
export function layoutProblems(graph: LineageGraph, layout: LineageLayout): string[] {
  const problems: string[] = [];
  const boxes = new Map(layout.boxes.map((b) => [b.id, b]));
  for (const n of graph.nodes) if (!boxes.has(n.id)) problems.push(`dataset ${n.id} has no box`);
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    const drawn = layout.edges.find((p) => p.from === e.from && p.to === e.to);
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (!drawn || drawn.points.length < 2 || !a || !b) {
      problems.push(`edge ${e.from} -> ${e.to} is not drawn`);
      continue;
    }
    if (!onBorder(drawn.points[0], a)) problems.push(`edge ${e.from} -> ${e.to} does not start on ${e.from}`);
    if (!onBorder(drawn.points[drawn.points.length - 1], b)) problems.push(`edge ${e.from} -> ${e.to} does not end on ${e.to}`);
  }
  for (const path of layout.edges)
    for (let i = 1; i < path.points.length; i++)
      for (const box of layout.boxes) {
        if (box.id === path.from || box.id === path.to) continue;
        if (segmentCrossesBox(path.points[i - 1], path.points[i], box)) problems.push(`edge ${path.from} -> ${path.to} crosses ${box.id}`);
      }
  for (let i = 0; i < layout.boxes.length; i++)
    for (let j = i + 1; j < layout.boxes.length; j++)
      if (overlaps(layout.boxes[i], layout.boxes[j])) problems.push(`boxes ${layout.boxes[i].id} and ${layout.boxes[j].id} overlap`);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const box of layout.boxes) {
    const band = layout.bands.find((b) => b.layer === bandOf(byId.get(box.id) ?? { kind: 'external' }));
    if (!band || box.x < band.x || box.x + box.width > band.x + band.width) problems.push(`box ${box.id} is outside its layer band`);
  }
  return problems;
}
