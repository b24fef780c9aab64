// The index of one pipeline's SQL files. `updateFile` re-analyses only that
// file (cached by version and text) and swaps its contributions to the name
// tables and the dataset graph; everything derived across files (lineage,
// cycles) is recomputed lazily on the next question.
import type { ParseResult } from '../syntax/ast';
import { createFunctionCatalogue, FunctionCatalogue } from '../facts/databricksFunctions';
import { CatalogLookup, noCatalog } from './catalogLookup';
import { noVolumes, VolumeLookup } from './volumeLookup';
import { ColumnLineage, OutputColumns, ReferenceResolution } from './columnLineage';
import { DatasetGraph, GraphEdge } from './datasetGraph';
import { Dataset, datasetDisplayName, DatasetReference, FileAnalysis, Flow } from './datasetTypes';
import { analyzeFile, lastPartKey } from './fileAnalyzer';
import { comparePositions, Range } from './location';
import { datasetKey, PipelineContext, substituteParameters } from './pipelineContext';

export interface WorkspaceIndexOptions {
  parse: (text: string) => ParseResult;
  pipeline?: PipelineContext;
  catalog?: CatalogLookup;
  /** Whether the volume of a `/Volumes/...` path exists (LF206). */
  volumes?: VolumeLookup;
  functions?: FunctionCatalogue;
}

interface FileEntry {
  text: string;
  /** The one parse of this (file, version): features reuse it instead of parsing again. */
  parsed: ParseResult;
  analysis: FileAnalysis;
}

export class WorkspaceIndex {
  readonly graph = new DatasetGraph();
  readonly pipeline: PipelineContext;
  readonly catalog: CatalogLookup;
  readonly volumes: VolumeLookup;
  private readonly parse: (text: string) => ParseResult;
  private readonly functions: FunctionCatalogue;
  private readonly entries = new Map<string, FileEntry>();
  private readonly definitions = new Map<string, Dataset[]>();
  /** Flows by the last part of their target's key (the target is resolved on demand). */
  private readonly flows = new Map<string, Flow[]>();
  /** Last part of a dataset key -> the keys that end with it (`policy` -> `policy`, `bronze.policy`). */
  private readonly byName = new Map<string, Set<string>>();
  /** Last parts of the dataset keys that appeared or disappeared since the edges were last refreshed. */
  private readonly changedNames = new Set<string>();
  private readonly keyOf = (parts: readonly string[]) => datasetKey(parts, this.pipeline);
  /** Dataset key -> files whose queries reference it (to know whose diagnostics an edit touches). */
  private readonly referencedBy = new Map<string, Map<string, number>>();
  private lineageCache?: ColumnLineage;

  constructor(options: WorkspaceIndexOptions) {
    this.parse = options.parse;
    this.pipeline = options.pipeline ?? {};
    this.catalog = options.catalog ?? noCatalog;
    this.volumes = options.volumes ?? noVolumes;
    this.functions = options.functions ?? createFunctionCatalogue();
  }

  /**
   * Adds or replaces a file. Returns false when nothing changed (same version,
   * or same text). Never throws on the file's content.
   */
  updateFile(file: string, text: string, version?: number): boolean {
    const old = this.entries.get(file);
    if (old && (version !== undefined ? old.analysis.version === version && old.text === text : old.text === text)) return false;
    const parsed = this.parse(text);
    const analysis = analyzeFile(file, version ?? (old ? old.analysis.version + 1 : 0), text, parsed, this.functions, this.keyOf);
    if (old) this.unregister(old.analysis);
    this.entries.set(file, { text, parsed, analysis });
    this.register(analysis);
    this.refreshEdges(file);
    this.lineageCache = undefined;
    return true;
  }

  removeFile(file: string): boolean {
    const old = this.entries.get(file);
    if (!old) return false;
    this.unregister(old.analysis);
    this.entries.delete(file);
    this.graph.removeFile(file);
    this.refreshEdges();
    this.lineageCache = undefined;
    return true;
  }

  /**
   * Edges follow name resolution, which depends on the names every file
   * defines: the edited file's edges are recomputed, and those of the files
   * that read or write a name that appeared or disappeared.
   */
  private refreshEdges(file?: string): void {
    const files = new Set(file ? [file] : []);
    for (const name of this.changedNames) {
      for (const f of this.referencedBy.get(name)?.keys() ?? []) files.add(f);
      for (const fl of this.flows.get(name) ?? []) files.add(fl.file);
    }
    this.changedNames.clear();
    for (const f of files) {
      const entry = this.entries.get(f);
      if (entry) this.graph.setFileEdges(f, this.edgesOf(entry.analysis));
    }
  }

  files(): string[] {
    return [...this.entries.keys()].sort();
  }

  analysis(file: string): FileAnalysis | undefined {
    return this.entries.get(file)?.analysis;
  }

  text(file: string): string | undefined {
    return this.entries.get(file)?.text;
  }

  /** The syntax tree `analysis(file)` was built from (same text, same version). */
  parsed(file: string): ParseResult | undefined {
    return this.entries.get(file)?.parsed;
  }

  /** Every definition with this key (more than one is a duplicate). */
  definitionsOf(key: string): Dataset[] {
    return this.definitions.get(key.toLowerCase()) ?? [];
  }

  definition(key: string): Dataset | undefined {
    return this.definitionsOf(key)[0];
  }

  /** All datasets, first definition of each name, sorted by name. */
  datasets(): Dataset[] {
    return [...this.definitions.values()].map((d) => d[0]).sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The name a dataset key is shown by (`datasetDisplayName`); the key itself when nothing defines it. */
  displayName(key: string): string {
    const d = this.definition(key);
    return d ? datasetDisplayName(d) : key;
  }

  flowsInto(key: string): Flow[] {
    const k = key.toLowerCase();
    return (this.flows.get(lastSegment(k)) ?? []).filter((f) => this.flowTarget(f) === k);
  }

  /** Files whose queries may read `key` (names ending like it). */
  filesReading(key: string): string[] {
    return [...(this.referencedBy.get(lastSegment(key.toLowerCase()))?.keys() ?? [])].sort();
  }

  /** The datasets whose result `file` writes: the ones it defines and its flows' targets. */
  keysWrittenBy(file: string): string[] {
    const a = this.analysis(file);
    if (!a) return [];
    return [...new Set([...a.datasets.map((d) => d.key), ...a.flows.map((f) => f.targetKey).filter((k): k is string => !!k)])];
  }

  /**
   * Files whose diagnostics can change when the datasets `keys` change: files
   * that read them, directly or further downstream (columns flow on through
   * `SELECT *`), and files defining the same names. Ask with the keys a file
   * wrote before and after an edit.
   */
  filesDependingOn(keys: Iterable<string>): string[] {
    const out = new Set<string>();
    const seen = new Set<string>();
    const queue = [...keys].map((k) => k.toLowerCase());
    for (const k of queue) for (const d of this.definitionsOf(k)) out.add(d.file);
    while (queue.length > 0) {
      const key = queue.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const f of this.filesReading(key)) out.add(f);
      for (const d of this.graph.downstream(key)) queue.push(d.key);
    }
    return [...out].sort();
  }

  /** Edges between datasets defined in the pipeline. */
  edges(): GraphEdge[] {
    return this.graph.edges().filter((e) => this.definitions.has(e.from) && this.definitions.has(e.to));
  }

  upstream(key: string): { key: string; streaming: boolean }[] {
    return this.graph.upstream(key.toLowerCase()).filter((u) => this.definitions.has(u.key));
  }

  downstream(key: string): { key: string; streaming: boolean }[] {
    return this.graph.downstream(key.toLowerCase()).filter((d) => this.definitions.has(d.key));
  }

  /**
   * What a reference names: a dataset of this pipeline (bare, `LIVE.x`, or
   * qualified with the pipeline's own catalog and schema), an external table,
   * or nothing known.
   */
  resolve(ref: DatasetReference): ReferenceResolution {
    // The key from the parts, not `ref.key`: callers also build references by hand.
    const written = ref.livePrefix ? lastPartKey(ref.parts) : this.keyOf(ref.parts);
    // `LIVE.x` can only mean the pipeline's own x, even the reader itself (then it is a cycle).
    const key = this.resolveName(ref.parts, written, !!ref.livePrefix, ref.livePrefix ? undefined : ref.consumer);
    if (key) return { kind: 'dataset', key };
    const last = ref.parts[ref.parts.length - 1];
    if (ref.livePrefix || !written.includes('.')) {
      // LIVE.x, a bare name, or one qualified with the pipeline's own catalog and schema.
      const { catalog, schema } = this.pipeline;
      return { kind: 'unresolved', ...(catalog && schema ? { fullName: `${catalog}.${schema}.${last}` } : {}) };
    }
    const parts = ref.parts.map((p) => substituteParameters(p, this.pipeline));
    const full = parts.length === 2 && this.pipeline.catalog ? [this.pipeline.catalog, ...parts] : parts;
    return { kind: 'external', fullName: full.join('.') };
  }

  /** The dataset a flow writes into, when the pipeline defines it. */
  flowTarget(f: Flow): string | undefined {
    return f.targetKey ? this.resolveName(f.targetParts, f.targetKey, false, undefined) : undefined;
  }

  /**
   * The key of the dataset a written name means, if the pipeline defines it.
   * The exact key first; else, when the pipeline's default catalog or schema
   * is unknown, the one dataset of that name whose written qualifiers do not
   * contradict the name's, except the reading dataset itself (`x` reading
   * `bronze.x` reads another table, not itself).
   */
  private resolveName(parts: readonly string[], key: string, live: boolean, consumer: string | undefined): string | undefined {
    if (this.definitions.has(key)) return key;
    const candidates = [...(this.byName.get(lastSegment(key)) ?? [])].filter(
      (k) => k !== consumer && this.compatible(live ? [] : parts, this.definition(k)),
    );
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  private compatible(parts: readonly string[], d: Dataset | undefined): boolean {
    if (!d) return false;
    const a = this.levels(parts.slice(0, -1));
    const b = this.levels(d.qualifier ?? []);
    return a.every((x, i) => x === undefined || b[i] === undefined || x === b[i]);
  }

  /** [catalog, schema] a written qualifier means; undefined where neither it nor the pipeline says. A bare `LIVE.x` passes []: any schema. */
  private levels(qualifier: readonly string[]): (string | undefined)[] {
    // `${...}` left after substitution (SQL parameters, or a bundle value like `dev_${workspace.current_user.short_name}`) is unknown.
    const known = (p: string | undefined) => (p === undefined || p.includes('${') ? undefined : p.toLowerCase());
    const q = qualifier.map((p) => known(substituteParameters(p, this.pipeline)));
    const schema = q.length >= 1 ? q[q.length - 1] : known(this.pipeline.schema);
    const catalog = q.length >= 2 ? q[q.length - 2] : known(this.pipeline.catalog);
    return [catalog, schema];
  }

  lineage(): ColumnLineage {
    if (!this.lineageCache) {
      this.lineageCache = new ColumnLineage({
        definition: (key) => this.definition(key),
        flowsInto: (key) => this.flowsInto(key),
        reference: (file, index) => this.entries.get(file)?.analysis.references[index],
        resolve: (ref) => this.resolve(ref),
        catalog: this.catalog,
      });
    }
    return this.lineageCache;
  }

  columnsOf(key: string): OutputColumns {
    return this.lineage().datasetColumns(key.toLowerCase());
  }

  private edgesOf(a: FileAnalysis): GraphEdge[] {
    const edges: GraphEdge[] = [];
    // A flow's reads feed the dataset its target resolves to.
    const consumers = new Map(a.flows.map((f) => [f.targetKey, this.flowTarget(f) ?? f.targetKey]));
    for (const ref of a.references) {
      if (ref.consumer === undefined || ref.consumer === '') continue;
      const res = this.resolve(ref);
      if (res.kind !== 'dataset') continue;
      const to = this.definitions.has(ref.consumer) ? ref.consumer : (consumers.get(ref.consumer) ?? ref.consumer);
      const existing = edges.find((e) => e.from === res.key && e.to === to);
      if (existing) existing.streaming ||= ref.streaming;
      else edges.push({ from: res.key, to, streaming: ref.streaming });
    }
    return edges.sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  }

  private register(a: FileAnalysis): void {
    // Lists stay in (file, position) order so the result never depends on the order of updates.
    for (const d of a.datasets) {
      if (!push(this.definitions, d.key, d)) continue;
      const name = lastSegment(d.key);
      this.changedNames.add(name);
      let keys = this.byName.get(name);
      if (!keys) this.byName.set(name, (keys = new Set()));
      keys.add(d.key);
    }
    for (const f of a.flows) if (f.targetKey) push(this.flows, lastSegment(f.targetKey), f);
    for (const r of a.references) {
      const name = lastSegment(r.key);
      let files = this.referencedBy.get(name);
      if (!files) this.referencedBy.set(name, (files = new Map<string, number>()));
      files.set(a.file, (files.get(a.file) ?? 0) + 1);
    }
  }

  private unregister(a: FileAnalysis): void {
    for (const d of a.datasets) {
      if (!pull(this.definitions, d.key, d)) continue;
      const name = lastSegment(d.key);
      this.changedNames.add(name);
      const keys = this.byName.get(name);
      keys?.delete(d.key);
      if (keys?.size === 0) this.byName.delete(name);
    }
    for (const f of a.flows) if (f.targetKey) pull(this.flows, lastSegment(f.targetKey), f);
    for (const r of a.references) {
      const name = lastSegment(r.key);
      const files = this.referencedBy.get(name);
      if (!files) continue;
      const n = (files.get(a.file) ?? 0) - 1;
      if (n > 0) files.set(a.file, n);
      else files.delete(a.file);
      if (files.size === 0) this.referencedBy.delete(name);
    }
  }
}

/** Adds `value` under `key`; true when the key is new. */
function push<T extends { file: string; range: Range }>(map: Map<string, T[]>, key: string, value: T): boolean {
  const list = map.get(key);
  if (!list) {
    map.set(key, [value]);
    return true;
  }
  list.push(value);
  list.sort((a, b) => a.file.localeCompare(b.file) || comparePositions(a.range.start, b.range.start));
  return false;
}

/** Removes `value` from under `key`; true when the key is gone. */
function pull<T>(map: Map<string, T[]>, key: string, value: T): boolean {
  const list = map.get(key);
  if (!list) return false;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  if (list.length > 0) return false;
  map.delete(key);
  return true;
}

/** 'policy' for 'bronze.policy' and 'policy'. */
function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}
