// Databricks notebook source files (what a workspace export of a SQL notebook
// looks like): a `-- Databricks notebook source` first line, cells split by
// `-- COMMAND ----------` lines, and cells in other languages written as
// `-- MAGIC %python` / `-- MAGIC %md` lines. The parser reads such a file
// through a mask of the same length (offsets unchanged): the marker lines and
// every non-SQL cell become blanks, a `%sql` cell written with `-- MAGIC`
// prefixes loses the prefixes, and each cell start ends any statement.
import type { Span } from './ast';

export interface ForeignCell {
  /** The magic's language as written after `%`, lower-case (`python`, `md`, `scala`, `r`, `sh`, `run` ...). */
  language: string;
  /** The cell's first line (its `%language` magic). */
  span: Span;
}

export interface NotebookLayout {
  /** The text with markers and non-SQL cells blanked: same length, same line breaks. */
  masked: string;
  /** Offset where each cell after the first begins: no statement continues across one. */
  cellStarts: number[];
  foreignCells: ForeignCell[];
}

const HEADER = /^--\s*Databricks notebook source\s*$/i;
const SEPARATOR = /^--\s*COMMAND\s*-{3,}\s*$/i;
const MAGIC = /^--\s*MAGIC ?/i;
const LANGUAGE = /^%(\w+)/;

interface Line {
  start: number;
  /** Without the line break. */
  text: string;
}

/** The layout of a notebook source file, or undefined for a plain SQL file. */
export function notebookLayout(text: string): NotebookLayout | undefined {
  const lines = splitLines(text);
  const first = lines.findIndex((l) => l.text.trim() !== '');
  if (first < 0 || !HEADER.test(lines[first].text.trim())) return undefined;
  const chars = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  const layout: NotebookLayout = { masked: '', cellStarts: [], foreignCells: [] };
  blank(lines[first].start, lines[first].start + lines[first].text.length);
  let cell: Line[] = [];
  const endCell = () => {
    maskCell(cell, blank, layout);
    cell = [];
  };
  for (const line of lines.slice(first + 1)) {
    if (SEPARATOR.test(line.text.trim())) {
      endCell();
      blank(line.start, line.start + line.text.length);
      layout.cellStarts.push(line.start);
      continue;
    }
    cell.push(line);
  }
  endCell();
  layout.masked = chars.join('');
  return layout;
}

function maskCell(cell: Line[], blank: (from: number, to: number) => void, layout: NotebookLayout): void {
  const head = cell.find((l) => l.text.trim() !== '');
  if (!head) return;
  const headText = head.text.trimStart();
  const magic = MAGIC.exec(headText);
  const body = magic ? headText.slice(magic[0].length) : headText;
  const language = LANGUAGE.exec(body)?.[1]?.toLowerCase();
  if (!language) return; // a plain SQL cell
  const lineSpan = (l: Line) => ({ start: l.start, end: l.start + l.text.length });
  if (language !== 'sql') {
    layout.foreignCells.push({ language, span: lineSpan(head) });
    for (const l of cell) blank(l.start, l.start + l.text.length);
    return;
  }
  // A `%sql` cell: drop the magic and the `-- MAGIC` prefixes, keep the SQL.
  for (const l of cell) {
    const indent = l.text.length - l.text.trimStart().length;
    const m = MAGIC.exec(l.text.trimStart());
    if (m) blank(l.start, l.start + indent + m[0].length);
  }
  const at = head.start + head.text.indexOf('%');
  blank(at, at + 1 + language.length);
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    out.push({ start, text: text.slice(start, lineEnd) });
    if (nl < 0) return out;
    start = nl + 1;
  }
}
