// The language server's lifecycle: one connection, the workspace's pipelines
// (read with each workspace folder's own settings), Unity Catalog, and the
// wiring of the three concerns that live in their own modules: document sync
// and the parse cache (documentSync.ts), diagnostics scheduling
// (diagnosticsScheduler.ts) and the request handlers (requestHandlers.ts).
import {
  CancellationToken,
  Connection,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSettings } from '../../../protocol/src/settings';
import { STATUS_METHOD, StatusParams } from '../../../protocol/src/status';
import type { UnityCatalogProvider } from '../catalog/unityCatalogProvider';
import { createFunctionCatalogue, FunctionCatalogue } from '../language/facts/databricksFunctions';
import { Diagnostic } from '../language/features/diagnostics/diagnostic';
import { fileDiagnostics } from '../language/features/diagnostics/fileDiagnostics';
import type { FeatureContext } from '../language/features/featureContext';
import type { FileProvider } from '../language/model/fileProvider';
import { catalogLookupOf, openCatalog, statusOfCatalog } from './catalogConnection';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { DocumentSync } from './documentSync';
import { volumeLookupFrom } from '../language/model/volumeLookup';
import { fileOfUri, uriOfFile } from './fileUris';
import { PipelineEntry, PipelineWorkspace, WorkspaceFolderSettings } from './pipelineWorkspace';
import { handlerCapabilities, HandlerHost, REQUEST_HANDLERS } from './requestHandlers';
import { Logger, runSafe } from './runSafe';
import { InitializationOptions, mergeSettings, SettingsCache } from './serverSettings';

export interface LakeflowServerOptions {
  /** Where every file not open in the editor is read from (the disk in production). */
  files: FileProvider;
  /** Settings a client leaves out: the extension manifest's defaults. */
  defaults: ServerSettings;
}

export class LakeflowServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly functions: FunctionCatalogue = createFunctionCatalogue();
  private readonly sync: DocumentSync;
  private readonly diagnostics: DiagnosticsScheduler;
  private workspace!: PipelineWorkspace;
  private settings!: SettingsCache;
  private initial!: ServerSettings;
  private catalog?: UnityCatalogProvider;
  private roots: string[] = [];
  private storageDir?: string;
  private watchDynamically = false;
  private folderEvents = false;
  private ready = false;
  private readonly log: Logger;

  constructor(
    private readonly connection: Connection,
    private readonly options: LakeflowServerOptions,
  ) {
    this.log = (line) => connection.console.log(line);
    this.sync = new DocumentSync({
      files: options.files,
      workspace: () => this.workspace,
      isOpen: (uri) => this.documents.get(uri) !== undefined,
      // Before the workspace is loaded, edits only reach the index; loading publishes everything.
      changed: (entry, file, before) => {
        if (this.ready) this.diagnostics.fileChanged(entry, file, before);
      },
      bundlesChanged: () => void this.reload(),
    });
    this.diagnostics = new DiagnosticsScheduler({
      diagnose: (file) => this.diagnose(file),
      send: (file, diagnostics) => void this.connection.sendDiagnostics({ uri: uriOfFile(file), diagnostics }),
    });
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.start());
    c.onDidChangeConfiguration(() => {
      this.settings?.clear();
      if (this.ready) void this.reload();
    });
    c.onDidChangeWatchedFiles((p) => {
      if (this.ready) this.sync.filesChanged(p.changes);
    });
    this.documents.onDidChangeContent((e) => this.sync.documentChanged(e.document));
    this.documents.onDidClose((e) => this.sync.documentClosed(e.document.uri));
    const host: HandlerHost = {
      workspace: () => this.workspace,
      featureContext: (entry) => this.featureContext(entry),
      functions: () => this.functions,
      at: (uri) => {
        const at = this.sync.at(uri);
        return at && { ctx: this.featureContext(at.entry), doc: at.doc };
      },
      safe: <T>(name: string, token: CancellationToken, empty: T, fn: () => T | Promise<T>) => runSafe(this.log, name, token, empty, fn),
    };
    for (const handler of REQUEST_HANDLERS) handler.register(c, host);
    this.documents.listen(c);
    c.onShutdown(async () => {
      this.diagnostics.cancel();
      await this.catalog?.dispose();
    });
    c.listen();
  }

  // ------------------------------------------------------------ lifecycle

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    this.initial = mergeSettings(options, this.options.defaults);
    this.storageDir = typeof options.storageDir === 'string' ? options.storageDir : undefined;
    this.settings = new SettingsCache(this.connection, this.initial, !!params.capabilities.workspace?.configuration, this.options.defaults);
    const folders =
      params.workspaceFolders?.map((f) => fileOfUri(f.uri)) ??
      (params.rootUri ? [fileOfUri(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    this.roots = folders.map((f) => f.replace(/\/$/, ''));
    this.workspace = this.newWorkspace(this.roots.map((root) => ({ root, ...this.initial })));
    this.watchDynamically = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.folderEvents = !!params.capabilities.workspace?.workspaceFolders;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...handlerCapabilities(),
        ...(this.folderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'lakeflow-language-server' },
    };
  }

  private newWorkspace(folders: WorkspaceFolderSettings[]): PipelineWorkspace {
    return new PipelineWorkspace({
      folders,
      files: this.options.files,
      catalog: catalogLookupOf(() => this.catalog),
      volumes: volumeLookupFrom(() => this.catalog),
      functions: this.functions,
    });
  }

  private async start(): Promise<void> {
    if (this.watchDynamically) {
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.sql' }, { globPattern: '**/*.{yml,yaml}' }] })
        .catch(() => undefined);
    }
    if (this.folderEvents) {
      // A folder added or removed: read the workspace again with each folder's own settings.
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => fileOfUri(f.uri).replace(/\/$/, '')));
        this.roots = [...this.roots.filter((r) => !removed.has(r)), ...e.added.map((f) => fileOfUri(f.uri).replace(/\/$/, ''))];
        if (this.ready) void this.reload();
      });
    }
    this.status({ state: 'indexing', message: 'Reading the pipelines' });
    const folders = await this.folderSettings();
    this.workspace = this.newWorkspace(folders);
    this.loadWorkspace();
    try {
      // One catalog connection per server: the first folder's profile and limits choose it.
      this.catalog = await openCatalog(folders[0] ?? this.initial, this.storageDir, this.log);
      this.catalog.onDidChangeState(() => {
        this.sendStatus();
        if (this.ready) this.diagnostics.republish(this.allFiles());
      });
      this.catalog.onDidLearn(() => this.ready && this.diagnostics.republish(this.allFiles()));
    } catch (e) {
      this.log(`catalog unavailable: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.sendStatus();
  }

  /** Each workspace folder with its own settings (pulled from the client when it can answer, cached). */
  private async folderSettings(): Promise<(WorkspaceFolderSettings & ServerSettings)[]> {
    return Promise.all(this.roots.map(async (root) => ({ ...(await this.settings.get(uriOfFile(root))), root })));
  }

  /** Bundles or settings changed: index the workspace again and republish. */
  private async reload(): Promise<void> {
    const folders = await this.folderSettings();
    const stale = this.allFiles();
    this.workspace = this.newWorkspace(folders);
    this.loadWorkspace();
    for (const f of stale) if (!this.workspace.entryOf(f)) this.diagnostics.publishNow(f);
  }

  private loadWorkspace(): void {
    const started = Date.now();
    try {
      this.workspace.load((loaded, total) =>
        this.status({ state: 'indexing', message: `Indexed ${loaded} of ${total} files`, datasets: loaded }),
      );
    } catch (e) {
      this.log(`loading the workspace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    for (const d of this.documents.all()) this.workspace.update(fileOfUri(d.uri), d.getText(), d.version);
    this.ready = true;
    this.log(
      `indexed ${this.workspace.datasetCount()} datasets in ${this.workspace.pipelines.length} pipeline(s) in ${Date.now() - started} ms`,
    );
    this.diagnostics.republish(this.allFiles());
    this.sendStatus();
  }

  private allFiles(): string[] {
    return this.workspace.pipelines.flatMap((p) => p.index.files());
  }

  private status(p: StatusParams): void {
    void this.connection.sendNotification(STATUS_METHOD, p);
  }

  private sendStatus(): void {
    const catalog = this.catalog ? statusOfCatalog(this.catalog.state) : undefined;
    const datasets = this.workspace.datasetCount();
    this.status({
      state: this.ready ? 'ready' : 'indexing',
      ...(catalog ? { catalog: catalog.catalog } : {}),
      message: `${datasets} datasets indexed${catalog ? ` · Unity Catalog: ${catalog.message}` : ''}`,
      datasets,
    });
  }

  // ------------------------------------------------------------ features

  private diagnose(file: string): Diagnostic[] {
    const entry = this.workspace.entryOf(file);
    try {
      return entry
        ? fileDiagnostics(entry.index, file, {
            onInternalError: (check, f, e) =>
              this.log(`diagnostics check ${check} failed on ${f}: ${e instanceof Error ? e.message : String(e)}`),
          })
        : [];
    } catch (e) {
      this.log(`diagnostics failed on ${file}: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  private featureContext(entry: PipelineEntry): FeatureContext {
    return {
      index: entry.index,
      functions: this.functions,
      ...(this.catalog ? { catalog: this.catalog } : {}),
      configurationLocations: entry.configurationLocations,
    };
  }
}
