// The language server: one connection, the workspace's pipelines, the open
// documents, Unity Catalog, and one handler per LSP request, each a thin
// adapter (find the document and its pipeline, call the pure feature, convert
// file ids to URIs) run through runSafe.
import {
  CallHierarchyIncomingCall,
  CallHierarchyItem as LspCallItem,
  CallHierarchyOutgoingCall,
  CancellationToken,
  CodeAction as LspCodeAction,
  CompletionList as LspCompletionList,
  DocumentHighlight,
  DocumentSymbol as LspDocumentSymbol,
  SymbolInformation,
  Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  Location as LspLocation,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DATASET_AT_METHOD, DatasetAtParams, DatasetAtResult } from '../../../protocol/src/datasetAt';
import { LINEAGE_GRAPH_METHOD, LineageGraph, LineageGraphParams } from '../../../protocol/src/lineageGraph';
import type { ServerSettings } from '../../../protocol/src/settings';
import { STATUS_METHOD, StatusParams } from '../../../protocol/src/status';
import type { UnityCatalogProvider } from '../catalog/unityCatalogProvider';
import { diskFiles } from '../files/diskFiles';
import { createFunctionCatalogue, FunctionCatalogue } from '../language/facts/databricksFunctions';
import { callItem, incomingCalls, outgoingCalls, prepareCallHierarchy } from '../language/features/callHierarchy';
import { codeActions } from '../language/features/codeActions';
import { codeLenses } from '../language/features/codeLenses';
import { completion } from '../language/features/completion';
import { Diagnostic } from '../language/features/diagnostics/diagnostic';
import { fileDiagnostics } from '../language/features/diagnostics/fileDiagnostics';
import { FeatureContext, SyntaxDocument, syntaxDocument } from '../language/features/featureContext';
import { hover } from '../language/features/hover';
import { datasetAt, lineageGraph } from '../language/features/lineageGraph';
import type { CallHierarchyItem, WorkspaceEdit } from '../language/features/lspShapes';
import { definition, documentHighlights, references } from '../language/features/navigation';
import { foldingRanges } from '../language/features/foldingRanges';
import { selectionRange } from '../language/features/selectionRanges';
import { prepareRename, rename } from '../language/features/rename';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../language/features/semanticTokens';
import { signatureHelp } from '../language/features/signatureHelp';
import { documentSymbols, workspaceSymbols } from '../language/features/symbols';
import type { Location } from '../language/model/location';
import { parse } from '../language/syntax/parser';
import { catalogLookupOf, openCatalog, statusOfCatalog } from './catalogConnection';
import { volumeLookupFrom } from '../language/model/volumeLookup';
import { fileOfUri, uriOfFile } from './fileUris';
import { toLspDiagnostic } from './lspDiagnostics';
import { PipelineEntry, PipelineWorkspace } from './pipelineWorkspace';
import { Logger, runSafe } from './runSafe';
import { InitializationOptions, mergeSettings, SettingsCache } from './serverSettings';

export class LakeflowServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly functions: FunctionCatalogue = createFunctionCatalogue();
  private readonly syntaxCache = new Map<string, { version: number; text: string; doc: SyntaxDocument }>();
  private readonly published = new Set<string>();
  private readonly pendingDiagnostics = new Set<string>();
  private readonly pendingDependents = new Set<string>();
  private diagnosticsScheduled = false;
  private workspace!: PipelineWorkspace;
  private settings!: SettingsCache;
  private catalog?: UnityCatalogProvider;
  private roots: string[] = [];
  private storageDir?: string;
  private ready = false;
  private readonly log: Logger;

  constructor(private readonly connection: Connection) {
    this.log = (line) => connection.console.log(line);
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.start());
    c.onDidChangeConfiguration(() => {
      this.settings?.clear();
      if (this.ready) void this.reload();
    });
    c.onDidChangeWatchedFiles((p) => this.filesChanged(p.changes));
    this.documents.onDidChangeContent((e) => this.documentChanged(e.document));
    this.documents.onDidClose((e) => this.documentClosed(e.document.uri));
    this.registerFeatures();
    this.documents.listen(c);
    c.onShutdown(async () => {
      await this.catalog?.dispose();
    });
    c.listen();
  }

  // ------------------------------------------------------------ lifecycle

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const initial = mergeSettings(options);
    this.storageDir = typeof options.storageDir === 'string' ? options.storageDir : undefined;
    this.settings = new SettingsCache(this.connection, initial, !!params.capabilities.workspace?.configuration);
    const folders = params.workspaceFolders?.map((f) => fileOfUri(f.uri)) ?? (params.rootUri ? [fileOfUri(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    this.roots = folders.map((f) => f.replace(/\/$/, ''));
    this.workspace = this.newWorkspace(initial);
    this.watchDynamically = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        callHierarchyProvider: true,
        completionProvider: { triggerCharacters: ['.', '{', '(', ' ', '>'] },
        signatureHelpProvider: { triggerCharacters: ['(', ','] },
        semanticTokensProvider: { legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] }, full: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'lakeflow-language-server' },
    };
  }

  private watchDynamically = false;

  private newWorkspace(settings: ServerSettings): PipelineWorkspace {
    return new PipelineWorkspace({
      roots: this.roots,
      sqlFilePatterns: settings.sqlFilePatterns,
      ...(settings.target ? { target: settings.target } : {}),
      files: diskFiles(),
      catalog: catalogLookupOf(() => this.catalog),
      volumes: volumeLookupFrom(() => this.catalog),
      functions: this.functions,
    });
  }

  private async start(): Promise<void> {
    if (this.watchDynamically) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.sql' }, { globPattern: '**/*.{yml,yaml}' }] }).catch(() => undefined);
    }
    this.status({ state: 'indexing', message: 'Reading the pipelines' });
    const settings = await this.workspaceSettings();
    this.workspace = this.newWorkspace(settings);
    this.loadWorkspace();
    try {
      this.catalog = await openCatalog(settings, this.storageDir, this.log);
      this.catalog.onDidChangeState(() => {
        this.sendStatus();
        if (this.ready) this.republishAll();
      });
      this.catalog.onDidLearn(() => this.ready && this.republishAll());
    } catch (e) {
      this.log(`catalog unavailable: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.sendStatus();
  }

  /** The settings of the first workspace folder (pulled from the client when it can answer, cached). */
  private workspaceSettings(): Promise<ServerSettings> {
    return this.settings.get(this.roots[0] ? uriOfFile(this.roots[0]) : undefined);
  }

  /** Bundles or settings changed: index the workspace again and republish. */
  private async reload(): Promise<void> {
    const settings = await this.workspaceSettings();
    const stale = this.workspace.pipelines.flatMap((p) => p.index.files());
    this.workspace = this.newWorkspace(settings);
    this.syntaxCache.clear();
    this.loadWorkspace();
    for (const f of stale) if (!this.workspace.entryOf(f)) this.publish(f);
  }

  private loadWorkspace(): void {
    const started = Date.now();
    try {
      this.workspace.load((loaded, total) => this.status({ state: 'indexing', message: `Indexed ${loaded} of ${total} files`, datasets: loaded }));
    } catch (e) {
      this.log(`loading the workspace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    for (const d of this.documents.all()) this.workspace.update(fileOfUri(d.uri), d.getText(), d.version);
    this.ready = true;
    this.log(`indexed ${this.workspace.datasetCount()} datasets in ${this.workspace.pipelines.length} pipeline(s) in ${Date.now() - started} ms`);
    this.republishAll();
    this.sendStatus();
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

  // ------------------------------------------------------------ documents and files

  private documentChanged(doc: TextDocument): void {
    if (!this.ready) return;
    const file = fileOfUri(doc.uri);
    const entry = this.workspace.entryFor(file);
    const before = this.definedKeys(entry, file);
    const { changed } = this.workspace.update(file, doc.getText(), doc.version);
    if (changed || !this.published.has(file)) this.scheduleDiagnostics(entry, file, before);
  }

  private documentClosed(uri: string): void {
    const file = fileOfUri(uri);
    this.syntaxCache.delete(file);
    // The disk is the truth again for a closed file.
    const text = diskFiles().readText(file);
    const entry = this.workspace.entryOf(file);
    if (!entry) return;
    const before = this.definedKeys(entry, file);
    if (text === undefined) this.workspace.remove(file);
    else this.workspace.update(file, text);
    this.scheduleDiagnostics(entry, file, before);
  }

  private filesChanged(changes: { uri: string; type: FileChangeType }[]): void {
    if (!this.ready) return;
    if (changes.some((c) => /\.ya?ml$/.test(c.uri))) {
      void this.reload();
      return;
    }
    for (const c of changes) {
      const file = fileOfUri(c.uri);
      if (!file.endsWith('.sql') || this.documents.get(c.uri)) continue;
      const entry = this.workspace.entryFor(file);
      const before = this.definedKeys(entry, file);
      if (c.type === FileChangeType.Deleted) this.workspace.remove(file);
      else {
        const text = diskFiles().readText(file);
        if (text !== undefined) this.workspace.update(file, text);
      }
      this.syntaxCache.delete(file);
      this.scheduleDiagnostics(entry, file, before);
    }
  }

  private definedKeys(entry: PipelineEntry, file: string): string[] {
    return entry.index.analysis(file)?.datasets.map((d) => d.key) ?? [];
  }

  /**
   * The edited file first, in its own turn, so its diagnostics are written before
   * the files whose findings may depend on the datasets it defined before or
   * defines now are checked in the next turn.
   */
  private scheduleDiagnostics(entry: PipelineEntry, file: string, before: string[]): void {
    this.pendingDiagnostics.add(file);
    for (const key of new Set([...before, ...this.definedKeys(entry, file)])) {
      for (const f of entry.index.filesReading(key)) this.pendingDependents.add(f);
      for (const d of entry.index.definitionsOf(key)) this.pendingDependents.add(d.file);
    }
    if (this.diagnosticsScheduled) return;
    this.diagnosticsScheduled = true;
    setImmediate(() => {
      this.diagnosticsScheduled = false;
      const files = [...this.pendingDiagnostics];
      this.pendingDiagnostics.clear();
      for (const f of files) this.publish(f);
      setImmediate(() => {
        const dependents = [...this.pendingDependents].filter((f) => !files.includes(f));
        this.pendingDependents.clear();
        for (const f of dependents) this.publish(f);
      });
    });
  }

  private republishAll(): void {
    for (const p of this.workspace.pipelines) for (const f of p.index.files()) this.publish(f);
  }

  private publish(file: string): void {
    const entry = this.workspace.entryOf(file);
    let list: Diagnostic[] = [];
    try {
      list = entry ? fileDiagnostics(entry.index, file, { onInternalError: (check, f, e) => this.log(`diagnostics check ${check} failed on ${f}: ${e instanceof Error ? e.message : String(e)}`) }) : [];
    } catch (e) {
      this.log(`diagnostics failed on ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (list.length === 0 && !this.published.has(file)) return;
    if (list.length === 0) this.published.delete(file);
    else this.published.add(file);
    void this.connection.sendDiagnostics({ uri: uriOfFile(file), diagnostics: list.map(toLspDiagnostic) });
  }

  /** The document's pipeline and its syntax, parsed once per version. */
  private context(uri: string): { ctx: FeatureContext; doc: SyntaxDocument } | undefined {
    const file = fileOfUri(uri);
    const open = this.documents.get(uri);
    const entry = open ? this.workspace.entryFor(file) : this.workspace.entryOf(file);
    if (!entry) return undefined;
    let text = open?.getText() ?? entry.index.text(file);
    if (text === undefined) return undefined;
    const version = open?.version ?? entry.index.analysis(file)?.version ?? -1;
    if (open && entry.index.text(file) !== text) entry.index.updateFile(file, text, open.version);
    let cached = this.syntaxCache.get(file);
    if (!cached || cached.version !== version || cached.text !== text) {
      cached = { version, text, doc: syntaxDocument(file, text, parse) };
      this.syntaxCache.set(file, cached);
    }
    text = cached.text;
    return { ctx: this.featureContext(entry), doc: cached.doc };
  }

  private featureContext(entry: PipelineEntry): FeatureContext {
    return { index: entry.index, functions: this.functions, ...(this.catalog ? { catalog: this.catalog } : {}), configurationLocations: entry.configurationLocations };
  }

  // ------------------------------------------------------------ features

  // The features return the protocol's shapes field for field; only their kind
  // enums are typed as plain numbers, hence the few casts to the protocol types.
  private registerFeatures(): void {
    const c = this.connection;
    const safe = <T>(name: string, token: CancellationToken, empty: T, fn: () => T | Promise<T>) => runSafe(this.log, name, token, empty, fn);
    const locations = (list: Location[]): LspLocation[] => list.map((l) => ({ uri: uriOfFile(l.file), range: l.range }));

    c.onHover((p, token) => safe('hover', token, null, () => {
      const at = this.context(p.textDocument.uri);
      return (at && hover(at.ctx, at.doc, p.position)) ?? null;
    }));
    c.onDefinition((p, token) => safe('definition', token, [] as LspLocation[], () => {
      const at = this.context(p.textDocument.uri);
      return at ? locations(definition(at.ctx, at.doc, p.position)) : [];
    }));
    c.onReferences((p, token) => safe('references', token, [] as LspLocation[], () => {
      const at = this.context(p.textDocument.uri);
      return at ? locations(references(at.ctx, at.doc, p.position, p.context.includeDeclaration)) : [];
    }));
    c.onDocumentHighlight((p, token) => safe('documentHighlight', token, [] as DocumentHighlight[], () => {
      const at = this.context(p.textDocument.uri);
      return at ? documentHighlights(at.ctx, at.doc, p.position) : [];
    }));
    c.onFoldingRanges((p, token) => safe('foldingRanges', token, [] as ReturnType<typeof foldingRanges>, () => {
      const at = this.context(p.textDocument.uri);
      return at ? foldingRanges(at.doc) : [];
    }));
    c.onSelectionRanges((p, token) => safe('selectionRanges', token, [] as ReturnType<typeof selectionRange>[], () => {
      const at = this.context(p.textDocument.uri);
      return at ? p.positions.map((position) => selectionRange(at.doc, position)) : [];
    }));
    c.onPrepareRename((p, token) => safe('prepareRename', token, null, () => {
      const at = this.context(p.textDocument.uri);
      if (!at) return null;
      const r = prepareRename(at.ctx, at.doc, p.position);
      if ('error' in r) throw new ResponseError(1, r.error);
      return r;
    }).then((r) => r));
    c.onRenameRequest((p, token) => safe('rename', token, null as LspWorkspaceEdit | null, () => {
      const at = this.context(p.textDocument.uri);
      if (!at) return null;
      const r = rename(at.ctx, at.doc, p.position, p.newName);
      if ('error' in r) throw new ResponseError(1, r.error);
      return toLspEdit(r);
    }));
    c.onDocumentSymbol((p, token) => safe('documentSymbol', token, [], () => {
      const at = this.context(p.textDocument.uri);
      return (at ? documentSymbols(at.ctx, at.doc) : []) as LspDocumentSymbol[];
    }));
    c.onWorkspaceSymbol((p, token) => safe('workspaceSymbol', token, [] as SymbolInformation[], () =>
      this.workspace.pipelines.flatMap((entry) => workspaceSymbols(this.featureContext(entry), p.query).map((s) => ({ ...s, location: { uri: uriOfFile(s.location.file), range: s.location.range } }))) as SymbolInformation[],
    ));
    c.languages.callHierarchy.onPrepare((p, token) => safe('prepareCallHierarchy', token, [] as LspCallItem[], () => {
      const at = this.context(p.textDocument.uri);
      return at ? prepareCallHierarchy(at.ctx, at.doc, p.position).map(toLspCallItem) : [];
    }));
    c.languages.callHierarchy.onIncomingCalls((p, token) => safe('incomingCalls', token, [] as CallHierarchyIncomingCall[], () => {
      const found = this.callItemOf(p.item);
      return found ? incomingCalls(found.ctx, found.item).map((call) => ({ from: toLspCallItem(call.item), fromRanges: call.fromRanges })) : [];
    }));
    c.languages.callHierarchy.onOutgoingCalls((p, token) => safe('outgoingCalls', token, [] as CallHierarchyOutgoingCall[], () => {
      const found = this.callItemOf(p.item);
      return found ? outgoingCalls(found.ctx, found.item).map((call) => ({ to: toLspCallItem(call.item), fromRanges: call.fromRanges })) : [];
    }));
    c.onCompletion((p, token) => safe('completion', token, { isIncomplete: false, items: [] }, () => {
      const at = this.context(p.textDocument.uri);
      return (at ? completion(at.ctx, at.doc, p.position) : { isIncomplete: false, items: [] }) as LspCompletionList;
    }));
    c.onSignatureHelp((p, token) => safe('signatureHelp', token, null, () => {
      const at = this.context(p.textDocument.uri);
      return (at && signatureHelp(at.ctx, at.doc, p.position)) ?? null;
    }));
    c.languages.semanticTokens.on((p, token) => safe('semanticTokens', token, { data: [] as number[] }, () => {
      const at = this.context(p.textDocument.uri);
      return at ? semanticTokens(at.ctx, at.doc) : { data: [] };
    }));
    c.onCodeAction((p, token) => safe('codeAction', token, [] as LspCodeAction[], () => {
      const at = this.context(p.textDocument.uri);
      if (!at) return [];
      const diagnostics = fileDiagnostics(at.ctx.index, at.doc.file);
      return codeActions(at.ctx, at.doc, p.range, diagnostics).map((a) => ({
        title: a.title,
        kind: a.kind,
        ...(a.isPreferred ? { isPreferred: true } : {}),
        diagnostics: p.context.diagnostics.filter((d) => a.diagnosticCodes.includes(String(d.code))),
        edit: toLspEdit(a.edit),
      }));
    }));
    c.onCodeLens((p, token) => safe('codeLens', token, [], () => {
      const at = this.context(p.textDocument.uri);
      return at ? codeLenses(at.ctx, at.doc, uriOfFile) : [];
    }));
    c.onRequest(LINEAGE_GRAPH_METHOD, (p: LineageGraphParams, token: CancellationToken) => safe<LineageGraph>('lineageGraph', token, { nodes: [], edges: [] }, () => {
      const entry = this.pipelineFor(p ?? {});
      return entry ? lineageGraph(this.featureContext(entry), { ...(p?.dataset ? { dataset: p.dataset } : {}), ...(p?.columns ? { columns: true } : {}), uriOf: uriOfFile }) : { nodes: [], edges: [] };
    }));
    c.onRequest(DATASET_AT_METHOD, (p: DatasetAtParams, token: CancellationToken) => safe<DatasetAtResult>('datasetAt', token, null, () => {
      const at = this.context(p.textDocument.uri);
      return at ? datasetAt(at.ctx, at.doc, p.position, uriOfFile) : null;
    }));
  }

  private pipelineFor(p: LineageGraphParams): PipelineEntry | undefined {
    if (p.pipeline) return this.workspace.byName(p.pipeline);
    if (p.uri) return this.workspace.entryOf(fileOfUri(p.uri));
    if (p.dataset) return this.workspace.pipelines.find((e) => e.index.definition(p.dataset!.toLowerCase()));
    return this.workspace.pipelines.find((e) => e.index.files().length > 0);
  }

  private callItemOf(item: LspCallItem): { ctx: FeatureContext; item: CallHierarchyItem } | undefined {
    const key = (item.data as { key?: string } | undefined)?.key ?? item.name.toLowerCase();
    const entry = this.workspace.entryOf(fileOfUri(item.uri));
    if (!entry) return undefined;
    const ctx = this.featureContext(entry);
    const found = callItem(ctx, key);
    return found ? { ctx, item: found } : undefined;
  }
}

function toLspEdit(edit: WorkspaceEdit): LspWorkspaceEdit {
  const changes: NonNullable<LspWorkspaceEdit['changes']> = {};
  for (const [file, edits] of Object.entries(edit.changes)) changes[uriOfFile(file)] = edits;
  return { changes };
}

function toLspCallItem(i: CallHierarchyItem): LspCallItem {
  return { name: i.name, kind: i.kind as LspCallItem['kind'], ...(i.detail ? { detail: i.detail } : {}), uri: uriOfFile(i.file), range: i.range, selectionRange: i.selectionRange, data: i.data };
}
