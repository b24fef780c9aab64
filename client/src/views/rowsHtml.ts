// The "Preview Local Rows" webview's HTML: a static table, no script at all.
// Strict content security policy: nothing but the nonce'd style. Every value
// is escaped. Pure (no vscode import).
import type { DatasetRows } from '../../../protocol/src/datasetRows';
import { escapeHtml, webviewPage } from './webviewPage';

const MAX_CELL = 200;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '<td class="null">NULL</td>';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  const shown = text.length > MAX_CELL ? text.slice(0, MAX_CELL - 1) + '…' : text;
  const numeric = typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));
  return `<td${numeric ? ' class="num"' : ''} title="${escapeHtml(text.slice(0, 2000))}">${escapeHtml(shown)}</td>`;
}

export function renderRowsHtml(view: { rows?: DatasetRows; error?: string; title: string }, nonce: string): string {
  let body: string;
  if (view.error || !view.rows) body = `<p class="error">${escapeHtml(view.error ?? 'No rows.')}</p>`;
  else {
    const r = view.rows;
    const head = r.columns
      .map((c) => `<th title="${escapeHtml(c.type)}">${escapeHtml(c.name)}<span class="type">${escapeHtml(c.type)}</span></th>`)
      .join('');
    const rows = r.rows.map((row) => `<tr>${r.columns.map((c) => cell(row[c.name])).join('')}</tr>`).join('\n');
    body =
      `<p class="meta">${r.rows.length} of ${r.totalRows} rows of <code>${escapeHtml(r.table)}</code> in the latest local run</p>` +
      `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  }
  return webviewPage({
    title: view.title,
    nonce,
    style: `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
th, td { border: 1px solid var(--vscode-panel-border); padding: .2em .6em; text-align: left; white-space: nowrap; max-width: 40em; overflow: hidden; text-overflow: ellipsis; }
th { position: sticky; top: 0; background: var(--vscode-editor-background); }
.type { display: block; font-weight: normal; opacity: .7; font-size: .85em; }
.num { text-align: right; }
.null { opacity: .5; font-style: italic; }
.error { color: var(--vscode-errorForeground); }
`,
    body,
  });
}
