// The lineage webview's HTML: an SVG drawn from the layout the extension host
// computed (lineageLayout.ts): layer bands, orthogonal edges, one box per
// dataset with its kind and latest run status. The page script (lineageScript.ts)
// only zooms, pans, selects and reports what it drew. Strict content security
// policy: nothing remote, only the nonce'd style and script. Theme colours come
// from VS Code's CSS variables, so light, dark and high contrast themes all
// apply. Pure (no vscode import).
import type { LineageGraph, LineageNode } from '../../../protocol/src/lineageGraph';
import type { RunTone } from '../local/datasetRunStatus';
import { kindLabel } from './datasetKinds';
import { BOX_HEIGHT, type LineageLayout } from './lineageLayout';
import { LINEAGE_SCRIPT } from './lineageScript';
import { escapeHtml, webviewPage } from './webviewPage';

/** What a box shows of the latest run: `✓ 1,204 rows · 99.2% passed`, coloured by tone. */
export interface BoxStatus {
  text: string;
  tone: RunTone;
}

export interface LineageView {
  title: string;
  graph: LineageGraph;
  layout?: LineageLayout;
  /** The dataset the view is centred on, selected when the page opens. */
  focus?: string;
  /** By node id. */
  statuses?: Record<string, BoxStatus>;
  /** Shown instead of the graph when it could not be built. */
  error?: string;
}

/** The text lines of a box; the layout sizes boxes by them. */
export function boxLines(n: LineageNode, status?: BoxStatus): string[] {
  return [n.name, kindLabel(n.kind), status?.text ?? idleText(n)];
}

/** Widest status text a box is sized for, so a run's status fits without a new layout. */
export const STATUS_WIDTH_SAMPLE = '✓ 9,999,999 rows · 99.9% passed';

function idleText(n: LineageNode): string {
  const x = n.expectations?.length ?? 0;
  return x ? `${x} expectation${x === 1 ? '' : 's'}` : '';
}

function tooltip(n: LineageNode, status?: BoxStatus): string {
  const file = n.uri
    ? decodeURIComponent(n.uri.replace(/^[a-z-]+:\/\/[^/]*/, ''))
        .split('/')
        .slice(-3)
        .join('/')
    : undefined;
  return [
    `${n.name} · ${kindLabel(n.kind)}${n.layer ? ` · ${n.layer}` : ''}`,
    ...(file ? [file] : []),
    ...(status ? [`Latest local run: ${status.text}`] : []),
    ...(n.expectations ?? []).map((x) => `expect ${x.name} (${x.action})`),
    ...(n.uri ? ['Click to select and open its definition'] : []),
  ].join('\n');
}

function renderBox(n: LineageNode, box: { x: number; y: number; width: number; height: number }, view: LineageView): string {
  const status = view.statuses?.[n.id];
  const [name, kind, third] = boxLines(n, status);
  const classes = [
    'box',
    n.kind,
    ...(status ? [`tone-${status.tone}`] : []),
    ...(n.id === view.focus || n.name === view.focus ? ['focus'] : []),
  ];
  return `<g class="${escapeHtml(classes.join(' '))}" data-id="${escapeHtml(n.id)}" data-idle="${escapeHtml(idleText(n))}" transform="translate(${box.x},${box.y})" tabindex="0" role="button" aria-label="${escapeHtml(`${n.name}, ${kind}`)}">
<title>${escapeHtml(tooltip(n, status))}</title>
<rect class="frame" width="${box.width}" height="${box.height}" rx="4"></rect><rect class="stripe" width="4" height="${box.height}"></rect>
<text class="name" x="12" y="19">${escapeHtml(name)}</text><text class="kind" x="12" y="35">${escapeHtml(kind)}</text><text class="status" x="12" y="${BOX_HEIGHT - 9}">${escapeHtml(third)}</text>
<text class="pathcol" x="0" y="-4"></text></g>`;
}

function pathData(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
}

const round = (v: number): number => Math.round(v * 10) / 10;

function renderGraph(view: LineageView, layout: LineageLayout): string {
  const nodes = new Map(view.graph.nodes.map((n) => [n.id, n]));
  const bands = layout.bands
    .map(
      (b) =>
        `<g class="band"><rect x="${round(b.x)}" y="${round(b.y)}" width="${round(b.width)}" height="${round(b.height)}" rx="6"></rect><text x="${round(b.x + 10)}" y="${round(b.y + 18)}">${escapeHtml(b.layer)}</text></g>`,
    )
    .join('');
  const edges = layout.edges
    .map(
      (e) =>
        `<path class="edge${e.streaming ? ' streaming' : ''}" data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}" d="${pathData(e.points)}" marker-end="url(#arrow)"></path>`,
    )
    .join('');
  const boxes = layout.boxes.map((b) => renderBox(nodes.get(b.id) ?? { id: b.id, name: b.id, kind: 'external' }, b, view)).join('');
  return `<svg id="graph" data-width="${round(layout.width)}" data-height="${round(layout.height)}" aria-label="Lineage graph">
<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z"></path></marker></defs>
<g id="scene"><g id="bands">${bands}</g><g id="edges">${edges}</g><g id="boxes">${boxes}</g></g></svg>`;
}

/** Data the page script needs: edges for focus, columns for the column picker; `<` escaped so it cannot close the script element. */
function pageData(view: LineageView): string {
  const data = {
    key: view.title,
    focus: view.graph.nodes.find((n) => n.id === view.focus || n.name === view.focus)?.id ?? null,
    edges: view.graph.edges.map((e) => ({ from: e.from, to: e.to })),
    nodes: view.graph.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      kind: kindLabel(n.kind),
      layer: n.layer ?? '',
      columns: (n.columns ?? []).map((c) => ({ name: c.name, type: c.type ?? '' })),
    })),
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

const STYLE = `
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; }
body { font-family: var(--vscode-font-family); font-size: 13px; color: var(--vscode-foreground); background: var(--vscode-editor-background); }
#bar { display: flex; align-items: center; gap: .4em; padding: .35em .6em; border-bottom: 1px solid var(--vscode-panel-border); }
#bar h1 { font-size: 1em; font-weight: 600; margin: 0 1em 0 0; white-space: nowrap; }
#bar .hint { color: var(--vscode-descriptionForeground); margin-left: auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: .15em .6em; cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
button:focus-visible, .box:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
#main { position: absolute; top: 2.3em; left: 0; right: 0; bottom: 0; display: flex; }
#graph { flex: 1; height: 100%; cursor: grab; user-select: none; }
#graph.panning { cursor: grabbing; }
.band rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, var(--vscode-panel-border)); stroke-dasharray: 3 3; }
.band text { fill: var(--vscode-descriptionForeground); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .08em; }
.edge { fill: none; stroke: var(--vscode-editorLineNumber-foreground, var(--vscode-descriptionForeground)); stroke-width: 1.3; }
.edge.streaming { stroke-dasharray: 5 3; }
marker path { fill: var(--vscode-editorLineNumber-foreground, var(--vscode-descriptionForeground)); }
.box { cursor: pointer; }
.box .frame { fill: var(--vscode-editor-background); stroke: var(--vscode-panel-border, var(--vscode-descriptionForeground)); stroke-width: 1; }
.box:hover .frame { stroke: var(--vscode-focusBorder); }
.box .stripe { fill: var(--vscode-descriptionForeground); }
.box.streamingTable .stripe { fill: var(--vscode-charts-blue); }
.box.materializedView .stripe { fill: var(--vscode-charts-green); }
.box.view .stripe, .box.temporaryView .stripe { fill: var(--vscode-charts-purple); }
.box.external .frame, .box.source .frame { stroke-dasharray: 4 3; }
.box text { fill: var(--vscode-foreground); }
.box .name { font-weight: 600; font-size: 13px; }
.box .kind, .box .status { font-size: 11.5px; fill: var(--vscode-descriptionForeground); }
.box.tone-ok .status { fill: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.box.tone-warning .status { fill: var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow)); }
.box.tone-failed .status { fill: var(--vscode-errorForeground); }
.box.tone-failed .frame { stroke: var(--vscode-errorForeground); stroke-width: 2; }
.box.tone-running .status { fill: var(--vscode-charts-blue); }
.box.tone-skipped .status { fill: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.box.selected .frame, .box.focus .frame { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
.box .pathcol { font-size: 11.5px; font-weight: 600; fill: var(--vscode-textLink-foreground); }
.dim { opacity: .25; }
.edge.lit { stroke: var(--vscode-focusBorder); stroke-width: 2.2; opacity: 1; }
.edge.onpath { stroke: var(--vscode-textLink-foreground); stroke-width: 2.6; }
.box.onpath .frame { stroke: var(--vscode-textLink-foreground); stroke-width: 2.5; }
body.vscode-high-contrast .box .frame, body.vscode-high-contrast-light .box .frame { stroke: var(--vscode-contrastBorder); stroke-width: 1.5; }
body.vscode-high-contrast .edge, body.vscode-high-contrast-light .edge { stroke: var(--vscode-contrastBorder); }
body.vscode-high-contrast .box.selected .frame, body.vscode-high-contrast-light .box.selected .frame { stroke: var(--vscode-focusBorder); stroke-width: 3; }
body.vscode-high-contrast .box.onpath .frame, body.vscode-high-contrast-light .box.onpath .frame, body.vscode-high-contrast .edge.onpath, body.vscode-high-contrast-light .edge.onpath { stroke: var(--vscode-textLink-foreground); stroke-width: 3; }
#side { width: 19em; overflow: auto; border-left: 1px solid var(--vscode-panel-border); padding: .6em .8em; background: var(--vscode-sideBar-background, var(--vscode-editor-background)); }
#side[hidden] { display: none; }
#side h2 { font-size: 1.05em; margin: .2em 0; word-break: break-all; }
#side .meta, #side .type { color: var(--vscode-descriptionForeground); }
#side ul { list-style: none; padding: 0; margin: .4em 0; }
#side li button { width: 100%; text-align: left; display: flex; justify-content: space-between; gap: .5em; margin: 1px 0; }
#side li button.picked { outline: 1px solid var(--vscode-textLink-foreground); }
#path li { padding: .15em 0; }
.error { color: var(--vscode-errorForeground); padding: 1em; }
`;

export function renderLineageHtml(view: LineageView, nonce: string, cspSource: string): string {
  const toolbar = `<div id="bar"><h1>${escapeHtml(view.title)}</h1>${
    view.error
      ? ''
      : '<button id="fit" title="Fit the graph to the window">Fit</button><button id="zoomIn" title="Zoom in">+</button><button id="zoomOut" title="Zoom out">−</button><span class="hint" id="hint">Click a dataset to focus its lineage and open it · drag to pan · wheel to zoom</span>'
  }</div>`;
  const main =
    view.error || !view.layout
      ? `<p class="error">${escapeHtml(view.error ?? 'No layout')}</p>`
      : `<div id="main">${renderGraph(view, view.layout)}<aside id="side" hidden></aside></div>`;
  return webviewPage({
    title: view.title,
    nonce,
    extraPolicy: [`img-src ${cspSource} data:`],
    style: STYLE,
    body: toolbar + main,
    ...(view.error || !view.layout ? {} : { script: `const DATA = ${pageData(view)};\n${LINEAGE_SCRIPT}` }),
  });
}
