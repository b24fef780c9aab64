// The lineage webview's HTML: layers as columns, datasets as buttons, edges
// drawn by a small inline script. Strict content security policy: nothing
// remote, only the nonce'd style and script. Pure (no vscode import).
import type { LineageGraph, LineageNode } from '../../../protocol/src/lineageGraph';
import { escapeHtml, webviewPage } from './webviewPage';

const LAYER_ORDER = ['sources', 'bronze', 'silver', 'gold'];

function columnOf(n: LineageNode): string {
  if (n.kind === 'source' || n.kind === 'external') return 'sources';
  return n.layer ?? 'other';
}

export function lineageColumns(graph: LineageGraph): { name: string; nodes: LineageNode[] }[] {
  const columns = new Map<string, LineageNode[]>();
  for (const n of graph.nodes) columns.set(columnOf(n), [...(columns.get(columnOf(n)) ?? []), n]);
  const rank = (c: string): number => (LAYER_ORDER.includes(c) ? LAYER_ORDER.indexOf(c) : LAYER_ORDER.length);
  return [...columns.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([name, nodes]) => ({ name, nodes }));
}

export interface LineageView {
  title: string;
  graph: LineageGraph;
  /** The dataset the view is centred on, highlighted. */
  focus?: string;
  /** Shown instead of the graph when it could not be built. */
  error?: string;
}

export function renderLineageHtml(view: LineageView, nonce: string, cspSource: string): string {
  const columns = lineageColumns(view.graph)
    .map(
      (c) => `<section class="col"><h2>${escapeHtml(c.name)}</h2>${c.nodes
        .map(
          (n) =>
            `<button class="node ${escapeHtml(n.kind)}${n.id === view.focus || n.name === view.focus ? ' focus' : ''}" data-id="${escapeHtml(n.id)}" title="${escapeHtml(n.kind)}${n.uri ? ' — click to open' : ''}">${escapeHtml(n.name)}</button>`,
        )
        .join('')}</section>`,
    )
    .join('');
  const columnEdges = view.graph.edges.flatMap((e) => (e.columns ?? []).map((c) => `<li>${escapeHtml(e.from)}.${escapeHtml(c.from)} → ${escapeHtml(e.to)}.${escapeHtml(c.to)}</li>`));
  const body = view.error
    ? `<p class="error">${escapeHtml(view.error)}</p>`
    : `<div id="graph"><svg id="edges"></svg>${columns}</div>${columnEdges.length ? `<h2>Columns</h2><ul>${columnEdges.join('')}</ul>` : ''}`;
  // Edges as data for the script; `<` escaped so the JSON cannot close the script element.
  const edges = JSON.stringify(view.graph.edges.map((e) => ({ from: e.from, to: e.to, streaming: !!e.streaming }))).replace(/</g, '\\u003c');
  return webviewPage({
    title: view.title,
    nonce,
    extraPolicy: [`img-src ${cspSource} data:`],
    style: `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
#graph { position: relative; display: flex; gap: 4em; align-items: flex-start; padding: 1em; }
#edges { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; overflow: visible; }
.col { display: flex; flex-direction: column; gap: .6em; min-width: 10em; z-index: 1; }
h2 { font-size: 1em; text-transform: uppercase; opacity: .7; }
.node { text-align: left; padding: .4em .7em; border-radius: 4px; cursor: pointer; border: 1px solid var(--vscode-panel-border);
  background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.node.streamingTable { border-left: 4px solid var(--vscode-charts-blue); }
.node.materializedView { border-left: 4px solid var(--vscode-charts-green); }
.node.source, .node.external { border-style: dashed; }
.node.focus { outline: 2px solid var(--vscode-focusBorder); }
path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.2; }
path.streaming { stroke-dasharray: 4 3; }
.error { color: var(--vscode-errorForeground); }
`,
    body: `<h1>${escapeHtml(view.title)}</h1>${body}`,
    script: `
const vscode = acquireVsCodeApi();
const edges = ${edges};
for (const b of document.querySelectorAll('.node')) {
  b.addEventListener('click', () => vscode.postMessage({ type: 'open', id: b.dataset.id }));
  b.addEventListener('dblclick', () => vscode.postMessage({ type: 'columns', id: b.dataset.id }));
}
function draw() {
  const svg = document.getElementById('edges');
  if (!svg) return;
  const box = svg.getBoundingClientRect();
  const at = (id) => document.querySelector('.node[data-id="' + CSS.escape(id) + '"]');
  svg.innerHTML = '';
  for (const e of edges) {
    const a = at(e.from), b = at(e.to);
    if (!a || !b) continue;
    const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
    const x1 = ra.right - box.left, y1 = ra.top + ra.height / 2 - box.top, x2 = rb.left - box.left, y2 = rb.top + rb.height / 2 - box.top;
    const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    p.setAttribute('d', 'M' + x1 + ',' + y1 + ' C' + (x1 + 40) + ',' + y1 + ' ' + (x2 - 40) + ',' + y2 + ' ' + x2 + ',' + y2);
    if (e.streaming) p.setAttribute('class', 'streaming');
    svg.appendChild(p);
  }
}
window.addEventListener('resize', draw);
draw();
`,
  });
}
