// Renders a lineage trace as JSON, Graphviz dot or a Mermaid flowchart.
// Streaming edges are drawn bold, batch edges plain.
import { LineageTrace } from '../language/features/lineageTrace';

export function formatTraceJson(trace: LineageTrace): string {
  return JSON.stringify(trace, null, 2) + '\n';
}

const DOT_SHAPE: Record<string, string> = {
  streaming_table: 'box',
  materialized_view: 'box3d',
  temporary_view: 'ellipse',
  view: 'ellipse',
  table: 'cylinder',
  files: 'folder',
};

function quote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

export function formatDot(trace: LineageTrace): string {
  const lines = ['digraph lineage {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const n of trace.nodes) {
    const label = n.column ? `${n.dataset}.${n.column}${n.type ? `\\n${n.type}` : ''}` : `${n.dataset}\\n${n.kind}`;
    lines.push(
      `  ${quote(n.id)} [shape=${DOT_SHAPE[n.kind] ?? 'box'}, label=${quote(label).replace(/\\\\n/g, '\\n')}${n.id === trace.root ? ', style=bold' : ''}];`,
    );
  }
  for (const e of trace.edges) lines.push(`  ${quote(e.from)} -> ${quote(e.to)}${e.streaming ? ' [style=bold]' : ''};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function formatMermaid(trace: LineageTrace): string {
  const ids = new Map<string, string>();
  const idOf = (s: string) => ids.get(s) ?? (ids.set(s, `n${ids.size}`), ids.get(s)!);
  const lines = ['flowchart LR'];
  const text = (s: string) => s.replace(/"/g, '#quot;');
  for (const n of trace.nodes) {
    const label = n.column ? `${n.dataset}.${n.column}` : `${n.dataset}<br/><small>${n.kind}</small>`;
    const [open, close] =
      n.kind === 'streaming_table'
        ? ['[', ']']
        : n.kind === 'materialized_view'
          ? ['[[', ']]']
          : n.kind === 'table' || n.kind === 'files'
            ? ['[(', ')]']
            : ['(', ')'];
    lines.push(`  ${idOf(n.id)}${open}"${text(label)}"${close}`);
  }
  for (const e of trace.edges) lines.push(`  ${idOf(e.from)} ${e.streaming ? '==>' : '-->'} ${idOf(e.to)}`);
  return lines.join('\n') + '\n';
}
