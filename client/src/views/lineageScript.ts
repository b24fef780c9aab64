// The lineage page's script (run with the page's nonce, after `const DATA = ...`):
// zoom, pan and fit of the drawn SVG; a click selects a dataset (its upstream and
// downstream stay lit, the rest dims) and asks the extension to open its
// definition; the side panel lists its columns, and picking one asks the
// extension for that column's path back to bronze. Live run statuses arrive as
// messages. After drawing, the page reports the geometry it rendered (boxes,
// edge polylines, text wider than its box) so tests check what was drawn.
// Plain browser JavaScript without eval or new Function, so the policy needs no
// 'unsafe-eval'.
export const LINEAGE_SCRIPT = String.raw`
const vscode = acquireVsCodeApi();
const svg = document.getElementById('graph');
const scene = document.getElementById('scene');
const side = document.getElementById('side');
const hint = document.getElementById('hint');
const W = Number(svg.dataset.width), H = Number(svg.dataset.height);
const state = vscode.getState() || {};
// The state of an earlier graph in this panel does not apply to this one.
const saved = state.key === DATA.key ? state : {};
let view = saved.view || null;
let touched = !!saved.view;
let selected = null;
const boxOf = (id) => document.querySelector('.box[data-id="' + CSS.escape(id) + '"]');
const nodeOf = (id) => DATA.nodes.find((n) => n.id === id);

function apply() {
  scene.setAttribute('transform', 'translate(' + view.x + ',' + view.y + ') scale(' + view.k + ')');
  vscode.setState({ key: DATA.key, view, selected });
}
function fit() {
  const r = svg.getBoundingClientRect();
  const k = Math.min(r.width / W, r.height / H, 1.4);
  view = { k, x: (r.width - W * k) / 2, y: Math.max(0, (r.height - H * k) / 2) };
  apply();
}
function zoomAt(px, py, f) {
  touched = true;
  const k = Math.min(4, Math.max(0.15, view.k * f));
  view = { k, x: px - ((px - view.x) * k) / view.k, y: py - ((py - view.y) * k) / view.k };
  apply();
}
document.getElementById('fit').addEventListener('click', () => { touched = false; fit(); });
document.getElementById('zoomIn').addEventListener('click', () => { const r = svg.getBoundingClientRect(); zoomAt(r.width / 2, r.height / 2, 1.25); });
document.getElementById('zoomOut').addEventListener('click', () => { const r = svg.getBoundingClientRect(); zoomAt(r.width / 2, r.height / 2, 0.8); });
svg.addEventListener('wheel', (e) => { e.preventDefault(); zoomAt(e.offsetX, e.offsetY, Math.exp(-e.deltaY * 0.0015)); }, { passive: false });

let drag = null;
svg.addEventListener('pointerdown', (e) => {
  if (e.target.closest('.box')) return;
  drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  svg.setPointerCapture(e.pointerId);
  svg.classList.add('panning');
});
svg.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
  if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
  touched = true;
  view = { k: view.k, x: drag.vx + dx, y: drag.vy + dy };
  apply();
});
svg.addEventListener('pointerup', () => {
  if (drag && !drag.moved) select(null);
  drag = null;
  svg.classList.remove('panning');
});

/** Every dataset reachable from id along the edges, one direction. */
function reach(id, forward) {
  const seen = new Set([id]);
  const todo = [id];
  while (todo.length) {
    const at = todo.pop();
    for (const e of DATA.edges) {
      const next = forward ? (e.from === at ? e.to : null) : (e.to === at ? e.from : null);
      if (next && !seen.has(next)) { seen.add(next); todo.push(next); }
    }
  }
  return seen;
}

function clearPath() {
  for (const el of document.querySelectorAll('.onpath')) el.classList.remove('onpath');
  for (const t of document.querySelectorAll('.pathcol')) t.textContent = '';
}

function select(id) {
  selected = id;
  clearPath();
  const up = id ? reach(id, false) : null, down = id ? reach(id, true) : null;
  for (const b of document.querySelectorAll('.box')) {
    const bid = b.dataset.id;
    b.classList.toggle('selected', bid === id);
    b.classList.toggle('dim', !!id && !up.has(bid) && !down.has(bid));
  }
  for (const p of document.querySelectorAll('.edge')) {
    const lit = !!id && ((up.has(p.dataset.from) && up.has(p.dataset.to)) || (down.has(p.dataset.from) && down.has(p.dataset.to)));
    p.classList.toggle('lit', lit);
    p.classList.toggle('dim', !!id && !lit);
  }
  renderSide(id, up, down);
  vscode.setState({ key: DATA.key, view, selected });
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function renderSide(id, up, down) {
  side.replaceChildren();
  const n = id && nodeOf(id);
  side.hidden = !n;
  if (!n) return;
  side.append(el('h2', n.name), el('div', n.kind + (n.layer ? ' · ' + n.layer : ''), 'meta'));
  side.append(el('div', (up.size - 1) + ' upstream · ' + (down.size - 1) + ' downstream', 'meta'));
  const status = boxOf(id).querySelector('.status').textContent;
  if (status) side.append(el('div', status, 'meta'));
  if (n.columns.length) {
    side.append(el('h2', 'Columns'), el('div', 'Pick one to see its path back to bronze', 'meta'));
    const list = el('ul');
    for (const c of n.columns) {
      const li = el('li');
      const b = el('button');
      b.dataset.column = c.name;
      b.append(el('span', c.name), el('span', c.type, 'type'));
      b.addEventListener('click', () => {
        for (const x of side.querySelectorAll('button.picked')) x.classList.remove('picked');
        b.classList.add('picked');
        vscode.postMessage({ type: 'column', id, column: c.name });
      });
      li.append(b);
      list.append(li);
    }
    side.append(list);
  }
  side.append(el('ul', undefined, 'path'));
  side.lastChild.id = 'path';
}

function showPath(m) {
  clearPath();
  const onPath = new Set(m.steps.map((s) => s.dataset));
  for (const s of m.steps) {
    const b = boxOf(s.dataset);
    if (!b) continue;
    b.classList.add('onpath');
    const t = b.querySelector('.pathcol');
    t.textContent = t.textContent ? t.textContent + ', ' + s.column : s.column;
  }
  for (const p of document.querySelectorAll('.edge')) {
    const used = m.links.some((l) => l.from.dataset === p.dataset.from && l.to.dataset === p.dataset.to);
    p.classList.toggle('onpath', used);
    if (used) p.classList.remove('dim');
  }
  for (const b of document.querySelectorAll('.box')) if (onPath.has(b.dataset.id)) b.classList.remove('dim');
  const list = document.getElementById('path');
  if (!list) return;
  list.replaceChildren(el('li', m.steps.length > 1 ? 'Path back to bronze:' : 'No upstream column feeds it (computed here or read from files).', 'meta'));
  for (const s of m.steps) list.append(el('li', '  '.repeat(s.depth) + (s.depth ? '← ' : '') + s.dataset + '.' + s.column));
}

for (const b of document.querySelectorAll('.box')) {
  const open = () => { select(b.dataset.id); vscode.postMessage({ type: 'open', id: b.dataset.id }); };
  b.addEventListener('click', open);
  b.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
}

window.addEventListener('message', (event) => {
  const m = event.data;
  if (m.type === 'status') {
    for (const b of document.querySelectorAll('.box')) {
      const s = m.statuses[b.dataset.id];
      for (const c of [...b.classList]) if (c.startsWith('tone-')) b.classList.remove(c);
      if (s) b.classList.add('tone-' + s.tone);
      b.querySelector('.status').textContent = s ? s.text : (b.dataset.idle || '');
    }
    if (selected) select(selected);
  } else if (m.type === 'columnPath') {
    showPath(m);
  } else if (m.type === 'select') {
    select(m.id);
  } else if (m.type === 'report') {
    report();
  }
});

/** What the page drew, in graph coordinates, for the extension's tests. */
function report() {
  const inv = scene.getCTM().inverse();
  const boxes = [...document.querySelectorAll('.box')].map((b) => {
    const r = b.querySelector('.frame');
    const m = inv.multiply(r.getCTM());
    const bb = r.getBBox();
    return { id: b.dataset.id, x: m.e + bb.x * m.a, y: m.f + bb.y * m.d, width: bb.width * m.a, height: bb.height * m.d };
  });
  const edges = [...document.querySelectorAll('.edge')].map((p) => ({
    from: p.dataset.from, to: p.dataset.to, streaming: p.classList.contains('streaming'),
    points: [...p.getAttribute('d').matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((x) => ({ x: Number(x[1]), y: Number(x[2]) })),
  }));
  const overflow = [];
  for (const b of document.querySelectorAll('.box')) {
    const width = Number(b.querySelector('.frame').getAttribute('width'));
    for (const t of b.querySelectorAll('text:not(.pathcol)')) if (Number(t.getAttribute('x')) + t.getComputedTextLength() > width - 2) overflow.push(b.dataset.id + ': ' + t.textContent);
  }
  const statuses = {};
  for (const b of document.querySelectorAll('.box')) statuses[b.dataset.id] = b.querySelector('.status').textContent;
  const rect = svg.getBoundingClientRect();
  vscode.postMessage({ type: 'rendered', boxes, edges, overflow, statuses, viewport: { width: rect.width, height: rect.height }, background: getComputedStyle(document.body).backgroundColor, view });
}

if (view) apply(); else fit();
// Refit when the window or the side panel changes the graph's room, unless the user zoomed or panned.
new ResizeObserver(() => { if (!touched) fit(); }).observe(svg);
if (saved.selected && boxOf(saved.selected)) select(saved.selected);
else if (DATA.focus) select(DATA.focus);
requestAnimationFrame(report);
`;
