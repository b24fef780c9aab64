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
import { Dataset, DatasetReference, FileAnalysis, Flow } from './datasetTypes';
import { analyzeFile } from './fileAnalyzer';
import { comparePositions, Range } from './location';
import { PipelineContext, substituteParameters } from './pipelineContext';

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
  private readonly flows = new Map<string, Flow[]>();
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
    const analysis = analyzeFile(file, version ?? (old ? old.analysis.version + 1 : 0), text, this.parse(text), this.functions);
    if (old) this.unregister(old.analysis);
    this.entries.set(file, { text, analysis });
    this.register(analysis);
    this.graph.setFileEdges(file, this.edgesOf(analysis));
    this.lineageCache = undefined;
    return true;
  }

  removeFile(file: string): boolean {
    const old = this.entries.get(file);
    if (!old) return false;
    this.unregister(old.analysis);
    this.entries.delete(file);
    this.graph.removeFile(file);
    this.lineageCache = undefined;
    return true;
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

  flowsInto(key: string): Flow[] {
    return this.flows.get(key.toLowerCase()) ?? [];
  }

  /** Files whose queries read `key`. */
  filesReading(key: string): string[] {
    return [...(this.referencedBy.get(key.toLowerCase())?.keys() ?? [])].sort();
  }

  /**
   * Other files whose diagnostics can change when `file` changes: files that
   * read its datasets (directly or further downstream, since columns flow on)
   * and files defining the same names. Call it before and after an update and
   * republish the union.
   */
  filesAffectedBy(file: string): string[] {
    const a = this.analysis(file);
    if (!a) return [];
    const keys = [...a.datasets.map((d) => d.key), ...a.flows.map((f) => f.targetKey).filter(Boolean)];
    const out = new Set<string>();
    const seen = new Set<string>();
    const queue = [...keys];
    for (const k of keys) for (const d of this.definitionsOf(k)) out.add(d.file);
    while (queue.length > 0) {
      const key = queue.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const f of this.filesReading(key)) out.add(f);
      for (const d of this.graph.downstream(key)) queue.push(d.key);
    }
    out.delete(file);
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
    const own = this.ownership(ref);
    if (own === 'own' || (own === 'maybe' && this.definitions.has(ref.key))) {
      if (this.definitions.has(ref.key)) return { kind: 'dataset', key: ref.key };
      const { catalog, schema } = this.pipeline;
      const last = ref.parts[ref.parts.length - 1];
      return { kind: 'unresolved', ...(catalog && schema ? { fullName: `${catalog}.${schema}.${last}` } : {}) };
    }
    const parts = ref.parts.map((p) => substituteParameters(p, this.pipeline));
    const full = parts.length === 2 && this.pipeline.catalog ? [this.pipeline.catalog, ...parts] : parts;
    return { kind: 'external', fullName: full.join('.') };
  }

  /**
   * Whether a reference names this pipeline's dataset: `own` for bare names,
   * `LIVE.x` and the pipeline's own catalog/schema; `maybe` when a qualifier
   * or the pipeline setting is unknown (then it is ours only if we define it);
   * `foreign` for another schema or catalog.
   */
  ownership(ref: DatasetReference): 'own' | 'maybe' | 'foreign' {
    if (ref.parts.length === 1 || ref.livePrefix) return 'own';
    const qualifiers = ref.parts.slice(0, -1).map((p) => substituteParameters(p, this.pipeline).toLowerCase());
    const mine = [this.pipeline.catalog, this.pipeline.schema].map((x) => x?.toLowerCase());
    const expected = qualifiers.length === 1 ? [mine[1]] : qualifiers.length === 2 ? mine : undefined;
    if (!expected) return 'foreign';
    let verdict: 'own' | 'maybe' = 'own';
    for (let i = 0; i < qualifiers.length; i++) {
      if (qualifiers[i] === expected[i]) continue;
      if (qualifiers[i].includes('${') || expected[i] === undefined) verdict = 'maybe';
      else return 'foreign';
    }
    return verdict;
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
    for (const ref of a.references) {
      if (ref.consumer === undefined || ref.consumer === '' || this.ownership(ref) === 'foreign') continue;
      const existing = edges.find((e) => e.from === ref.key && e.to === ref.consumer);
      if (existing) existing.streaming ||= ref.streaming;
      else edges.push({ from: ref.key, to: ref.consumer, streaming: ref.streaming });
    }
    return edges.sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  }

  private register(a: FileAnalysis): void {
    // Lists stay in (file, position) order so the result never depends on the order of updates.
    for (const d of a.datasets) push(this.definitions, d.key, d);
    for (const f of a.flows) if (f.targetKey) push(this.flows, f.targetKey, f);
    for (const r of a.references) {
      let files = this.referencedBy.get(r.key);
      if (!files) this.referencedBy.set(r.key, (files = new Map()));
      files.set(a.file, (files.get(a.file) ?? 0) + 1);
    }
  }

  private unregister(a: FileAnalysis): void {
    for (const d of a.datasets) pull(this.definitions, d.key, d);
    for (const f of a.flows) if (f.targetKey) pull(this.flows, f.targetKey, f);
    for (const r of a.references) {
      const files = this.referencedBy.get(r.key);
      if (!files) continue;
      const n = (files.get(a.file) ?? 0) - 1;
      if (n > 0) files.set(a.file, n);
      else files.delete(a.file);
      if (files.size === 0) this.referencedBy.delete(r.key);
    }
  }
}

function push<T extends { file: string; range: Range }>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) return void map.set(key, [value]);
  list.push(value);
  list.sort((a, b) => a.file.localeCompare(b.file) || comparePositions(a.range.start, b.range.start));
}

function pull<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}
