// The pipelines of the open workspace, each with its own WorkspaceIndex: one
// per pipeline of every bundle found under the workspace folders (files chosen
// by the bundle's libraries, variables resolved for that folder's `target`),
// plus one for SQL files outside any bundle that match their folder's
// `sqlFilePatterns` setting (or are simply opened). Files are read from the
// injected FileProvider at start; open documents then override it.
import { FunctionCatalogue } from '../language/facts/databricksFunctions';
import { loadBundle } from '../language/model/bundleLoader';
import { BundleContext, PipelineLibrary } from '../language/model/bundleTypes';
import { CatalogLookup } from '../language/model/catalogLookup';
import type { VolumeLookup } from '../language/model/volumeLookup';
import { FileProvider } from '../language/model/fileProvider';
import { globToRegExp } from '../language/model/glob';
import { Location } from '../language/model/location';
import { PipelineContext, pipelineContextOf } from '../language/model/pipelineContext';
import { WorkspaceIndex } from '../language/model/workspaceIndex';
import { parse } from '../language/syntax/parser';

export interface PipelineEntry {
  /** Bundle resource key, or `workspace` for files outside bundles. */
  name: string;
  index: WorkspaceIndex;
  bundle?: BundleContext;
  configurationLocations: Map<string, Location>;
  /** Whether a file (not yet indexed) belongs here. */
  claims(file: string): boolean;
}

/** One workspace folder and the settings read for it (each folder may differ). */
export interface WorkspaceFolderSettings {
  root: string;
  sqlFilePatterns: string[];
  target?: string;
}

export interface WorkspaceLoadOptions {
  folders: WorkspaceFolderSettings[];
  files: FileProvider;
  catalog: CatalogLookup;
  volumes?: VolumeLookup;
  functions: FunctionCatalogue;
  /** Called every few hundred files so the client can show progress. */
  onProgress?: (loaded: number, total: number) => void;
}

const LOOSE = 'workspace';

export class PipelineWorkspace {
  private entries: PipelineEntry[] = [];
  private loose!: PipelineEntry;
  private readonly owner = new Map<string, PipelineEntry>();

  constructor(private readonly options: Omit<WorkspaceLoadOptions, 'onProgress'>) {
    this.loose = this.looseEntry([]);
  }

  get pipelines(): readonly PipelineEntry[] {
    return [...this.entries, this.loose];
  }

  /** Finds the bundles, reads every pipeline's files from disk and indexes them. */
  load(onProgress?: WorkspaceLoadOptions['onProgress']): void {
    const { folders, files } = this.options;
    this.entries = [];
    this.owner.clear();
    const toRead: [PipelineEntry, string][] = [];
    const looseFolders: string[] = [];
    for (const folder of folders) {
      const listed = files.listFiles(folder.root);
      const bundleFiles = listed.filter((f) => /(^|\/)databricks\.ya?ml$/.test(f));
      for (const bf of bundleFiles) {
        const bundle = loadBundle(bf, files, { target: folder.target });
        for (const p of bundle.pipelines) {
          const entry = this.bundleEntry(p.key, bundle, pipelineContextOf(p), p.libraries);
          for (const loc of p.configuration) entry.configurationLocations.set(loc[0], loc[1].location);
          this.entries.push(entry);
          for (const f of p.files) toRead.push([entry, f]);
        }
      }
      // A folder without a bundle is read through its sqlFilePatterns.
      if (bundleFiles.length === 0) looseFolders.push(folder.root);
    }
    this.loose = this.looseEntry(folders);
    for (const r of looseFolders)
      for (const f of files.listFiles(r)) if (f.endsWith('.sql') && this.loose.claims(f)) toRead.push([this.loose, f]);
    let done = 0;
    for (const [entry, f] of toRead) {
      if (this.owner.has(f)) continue;
      this.owner.set(f, entry);
      entry.index.updateFile(f, files.readText(f) ?? '');
      if (++done % 500 === 0) onProgress?.(done, toRead.length);
    }
    onProgress?.(toRead.length, toRead.length);
  }

  entryOf(file: string): PipelineEntry | undefined {
    return this.owner.get(file);
  }

  byName(name: string): PipelineEntry | undefined {
    return this.pipelines.find((p) => p.name === name);
  }

  /** The pipeline a file belongs to, adding it to the one that claims it (else to the loose set). */
  entryFor(file: string): PipelineEntry {
    const known = this.owner.get(file);
    if (known) return known;
    const entry = this.entries.find((e) => e.claims(file)) ?? this.loose;
    this.owner.set(file, entry);
    return entry;
  }

  /** New text for a file (an edit, or a change on disk); returns its pipeline. */
  update(file: string, text: string, version?: number): { entry: PipelineEntry; changed: boolean } {
    const entry = this.entryFor(file);
    return { entry, changed: entry.index.updateFile(file, text, version) };
  }

  remove(file: string): PipelineEntry | undefined {
    const entry = this.owner.get(file);
    if (!entry) return undefined;
    entry.index.removeFile(file);
    this.owner.delete(file);
    return entry;
  }

  datasetCount(): number {
    return this.pipelines.reduce((n, p) => n + p.index.datasets().length, 0);
  }

  private newIndex(pipeline?: PipelineContext): WorkspaceIndex {
    return new WorkspaceIndex({
      parse,
      pipeline,
      catalog: this.options.catalog,
      volumes: this.options.volumes,
      functions: this.options.functions,
    });
  }

  private bundleEntry(name: string, bundle: BundleContext, context: PipelineContext, libraries: PipelineLibrary[]): PipelineEntry {
    const includes = libraries.map((l) => ({
      kind: l.kind,
      include: l.kind === 'glob' ? globToRegExp(l.include) : undefined,
      path: l.include,
      exclude: l.exclude.map(globToRegExp),
    }));
    return {
      name,
      bundle,
      index: this.newIndex(context),
      configurationLocations: new Map(),
      claims: (file) =>
        file.endsWith('.sql') &&
        includes.some((l) => (l.include ? l.include.test(file) : l.path === file) && !l.exclude.some((x) => x.test(file))),
    };
  }

  private looseEntry(folders: WorkspaceFolderSettings[]): PipelineEntry {
    const perFolder = folders.map((f) => ({
      root: f.root,
      patterns: f.sqlFilePatterns.map((p) => globToRegExp(p.startsWith('/') || p.startsWith('**') ? p : `**/${p}`)),
    }));
    return {
      name: LOOSE,
      index: this.newIndex({ name: LOOSE }),
      configurationLocations: new Map(),
      claims: (file) => perFolder.some((f) => file.startsWith(f.root + '/') && f.patterns.some((p) => p.test(file))),
    };
  }
}
