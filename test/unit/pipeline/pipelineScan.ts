// A deliberately small, test-local scan of the pipeline's SQL files: the dataset each
// file defines, the datasets it reads, its expectations and read_files sources. It relies
// on the pipeline's own style (one CREATE per file, upper-case keywords are not required);
// the real tolerant parser lives in the language core and is tested there.
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { listFilesRecursively, toPosix } from './repoFiles';

export type DatasetKind = 'streaming table' | 'materialized view';
export type ViolationAction = 'warn' | 'drop' | 'fail';

export interface Expectation {
  name: string;
  expression: string;
  action: ViolationAction;
}

export interface DatasetReference {
  name: string;
  streaming: boolean;
}

export interface ReadFilesCall {
  streaming: boolean;
  path: string;
  options: Map<string, string>;
}

export interface ScannedDataset {
  file: string; // posix path relative to pipelines/
  text: string;
  code: string; // comments removed, string contents kept
  name: string | undefined;
  kind: DatasetKind | undefined;
  comment: string | undefined;
  expectations: Expectation[];
  references: DatasetReference[];
  cteNames: string[];
  readFiles: ReadFilesCall[];
}

/** Comments replaced by spaces (offsets kept), string literals untouched. */
export function stripComments(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; ) {
    const c = sql[i];
    if (c === "'") {
      const end = endOfString(sql, i);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i) === -1 ? sql.length : sql.indexOf('\n', i);
      out += ' '.repeat(end - i);
      i = end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close === -1 ? sql.length : close + 2;
      out += sql.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** String literal contents blanked (quotes kept), so keywords inside strings are not seen. */
export function blankStrings(code: string): string {
  let out = '';
  for (let i = 0; i < code.length; ) {
    if (code[i] === "'") {
      const end = endOfString(code, i);
      out += "'" + ' '.repeat(Math.max(end - i - 2, 0)) + (end - i >= 2 ? "'" : '');
      i = end;
    } else out += code[i++];
  }
  return out;
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") {
      if (text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return text.length;
}

/** Index just after the parenthesis closing the one at openIndex (strings skipped). */
export function closingParen(code: string, openIndex: number): number {
  let depth = 0;
  for (let i = openIndex; i < code.length; i++) {
    const c = code[i];
    if (c === "'") i = endOfString(code, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return code.length;
}

const HEADER = /^\s*CREATE\s+(?:OR\s+REFRESH\s+)?(?:PRIVATE\s+|TEMPORARY\s+)?(STREAMING\s+TABLE|MATERIALIZED\s+VIEW)\s+([A-Za-z_][\w.`]*)/i;

export function scanDataset(file: string, text: string): ScannedDataset {
  const code = stripComments(text);
  const blanked = blankStrings(code);
  const header = HEADER.exec(code);
  const kind = header ? (/^STREAMING/i.test(header[1]) ? 'streaming table' : 'materialized view') : undefined;
  return {
    file,
    text,
    code,
    name: header?.[2],
    kind,
    comment: /\bCOMMENT\s+'((?:[^']|'')*)'/i.exec(code)?.[1],
    expectations: scanExpectations(code, blanked),
    references: scanReferences(blanked),
    cteNames: scanCteNames(blanked),
    readFiles: scanReadFiles(code, blanked),
  };
}

function scanExpectations(code: string, blanked: string): Expectation[] {
  const found: Expectation[] = [];
  const pattern = /\bCONSTRAINT\s+([A-Za-z_]\w*)\s+EXPECT\s*\(/gi;
  for (let m = pattern.exec(blanked); m; m = pattern.exec(blanked)) {
    const open = m.index + m[0].length - 1;
    const close = closingParen(blanked, open);
    const after = /^\s*ON\s+VIOLATION\s+(DROP\s+ROW|FAIL\s+UPDATE)/i.exec(blanked.slice(close));
    const action: ViolationAction = !after ? 'warn' : /^DROP/i.test(after[1]) ? 'drop' : 'fail';
    found.push({ name: m[1], expression: code.slice(open + 1, close - 1).trim(), action });
  }
  return found;
}

function scanCteNames(blanked: string): string[] {
  const names: string[] = [];
  const pattern = /(?:\bWITH|,)\s*([A-Za-z_]\w*)\s+AS\s*\(/gi;
  for (let m = pattern.exec(blanked); m; m = pattern.exec(blanked)) names.push(m[1]);
  return names;
}

function scanReferences(blanked: string): DatasetReference[] {
  const refs: DatasetReference[] = [];
  const pattern = /\b(?:FROM|JOIN)\s+(STREAM\s*\(\s*|STREAM\s+)?([A-Za-z_][\w.`]*)(\s*\()?/gi;
  for (let m = pattern.exec(blanked); m; m = pattern.exec(blanked)) {
    if (m[3]) continue; // a table-valued function such as read_files(...)
    refs.push({ name: m[2], streaming: Boolean(m[1]) });
  }
  return refs;
}

function scanReadFiles(code: string, blanked: string): ReadFilesCall[] {
  const calls: ReadFilesCall[] = [];
  const pattern = /\b(STREAM\s+)?read_files\s*\(/gi;
  for (let m = pattern.exec(blanked); m; m = pattern.exec(blanked)) {
    const open = m.index + m[0].length - 1;
    const args = code.slice(open + 1, closingParen(blanked, open) - 1);
    const options = new Map<string, string>();
    for (const o of args.matchAll(/([A-Za-z_]\w*)\s*=>\s*'((?:[^']|'')*)'/g)) options.set(o[1], o[2]);
    calls.push({ streaming: Boolean(m[1]), path: /^\s*'((?:[^']|'')*)'/.exec(args)?.[1] ?? '', options });
  }
  return calls;
}

/** Every .sql file under pipelinesDir, scanned. */
export function scanPipeline(pipelinesDir: string): ScannedDataset[] {
  return listFilesRecursively(pipelinesDir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => scanDataset(toPosix(relative(pipelinesDir, f)), readFileSync(f, 'utf8')));
}

/** The dataset name a file's path promises: bronze/ingest_<name>.sql, otherwise <name>.sql. */
export function datasetNameFromPath(file: string): string {
  const stem = basename(file, '.sql');
  return file.startsWith('bronze/') ? stem.replace(/^ingest_/, '') : stem;
}

/** Upstream datasets per dataset: references minus CTE names, deduplicated and sorted. */
export function upstreamGraph(datasets: ScannedDataset[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const d of datasets) {
    if (!d.name) continue;
    const local = new Set(d.cteNames.map((n) => n.toLowerCase()));
    const upstream = d.references.map((r) => r.name).filter((n) => !local.has(n.toLowerCase()));
    graph.set(d.name, [...new Set(upstream)].sort());
  }
  return graph;
}

/** A dependency order of the graph, or the datasets left on a cycle. */
export function topologicalOrder(graph: Map<string, string[]>): { order: string[]; cyclic: string[] } {
  const remaining = new Map([...graph].map(([k, v]) => [k, new Set(v.filter((u) => graph.has(u)))]));
  const order: string[] = [];
  for (let ready = [...remaining].filter(([, u]) => u.size === 0); ready.length > 0; ready = [...remaining].filter(([, u]) => u.size === 0)) {
    for (const [name] of ready) {
      order.push(name);
      remaining.delete(name);
      for (const upstream of remaining.values()) upstream.delete(name);
    }
  }
  return { order, cyclic: [...remaining.keys()].sort() };
}
