// Every LSP request the server answers, one row each: the capability it
// announces and how it is registered. A row is a thin adapter: find the
// document and its pipeline (read only), call the pure feature, map file ids to
// URIs. Each runs through runSafe (cancellation, crash -> empty answer). The
// features return the protocol's shapes field for field; only their kind enums
// are typed as plain numbers, hence the few casts to the protocol types.
import {
  CallHierarchyItem as LspCallItem,
  CancellationToken,
  CompletionItem as LspCompletionItem,
  CompletionList as LspCompletionList,
  Connection,
  DocumentSymbol as LspDocumentSymbol,
  Location as LspLocation,
  ResponseError,
  ServerCapabilities,
  SymbolInformation,
  WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageserver/node';
import { DATASET_AT_METHOD, DatasetAtParams, DatasetAtResult } from '../../../protocol/src/datasetAt';
import { LINEAGE_GRAPH_METHOD, LineageGraph, LineageGraphParams } from '../../../protocol/src/lineageGraph';
import { callItem, incomingCalls, outgoingCalls, prepareCallHierarchy } from '../language/features/callHierarchy';
import { codeActions, fixAll } from '../language/features/codeActions';
import { codeLenses } from '../language/features/codeLenses';
import { completion, resolveCompletionItem } from '../language/features/completion';
import type { FunctionCatalogue } from '../language/facts/databricksFunctions';
import { fileDiagnostics } from '../language/features/diagnostics/fileDiagnostics';
import type { FeatureContext, SyntaxDocument } from '../language/features/featureContext';
import { foldingRanges } from '../language/features/foldingRanges';
import { hover } from '../language/features/hover';
import { datasetAt, lineageGraph } from './lineageGraphAnswer';
import type { CallHierarchyItem, CompletionItem, WorkspaceEdit } from '../language/features/lspShapes';
import { definition, documentHighlights, references } from '../language/features/navigation';
import { prepareRename, rename } from '../language/features/rename';
import { selectionRange } from '../language/features/selectionRanges';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../language/features/semanticTokens';
import { signatureHelp } from '../language/features/signatureHelp';
import { documentSymbols, workspaceSymbols } from '../language/features/symbols';
import type { Location } from '../language/model/location';
import { fileOfUri, uriOfFile } from './fileUris';
import type { PipelineEntry, PipelineWorkspace } from './pipelineWorkspace';

/** A document request's view: the features' context and the document's syntax. */
export interface FeatureAt {
  ctx: FeatureContext;
  doc: SyntaxDocument;
}

/** What the rows are given by the server. */
export interface HandlerHost {
  workspace(): PipelineWorkspace;
  featureContext(entry: PipelineEntry): FeatureContext;
  /** The built-in function catalogue (completion items are resolved against it). */
  functions(): FunctionCatalogue;
  /** Read only: the document's pipeline and syntax, undefined when it is in none. */
  at(uri: string): FeatureAt | undefined;
  /** Runs `fn` through runSafe. */
  safe<T>(name: string, token: CancellationToken, empty: T, fn: () => T | Promise<T>): Promise<T | ResponseError<void>>;
}

export interface RequestHandler {
  capabilities: ServerCapabilities;
  register(c: Connection, host: HandlerHost): void;
}

/** A request about one document: answered `empty` when the document is in no pipeline. */
function onDocument<T>(host: HandlerHost, name: string, uri: string, token: CancellationToken, empty: T, fn: (at: FeatureAt) => T) {
  return host.safe(name, token, empty, () => {
    const at = host.at(uri);
    return at ? fn(at) : empty;
  });
}

const locations = (list: Location[]): LspLocation[] => list.map((l) => ({ uri: uriOfFile(l.file), range: l.range }));

export const REQUEST_HANDLERS: readonly RequestHandler[] = [
  {
    capabilities: { hoverProvider: true },
    register: (c, h) =>
      c.onHover((p, t) => onDocument(h, 'hover', p.textDocument.uri, t, null, (at) => hover(at.ctx, at.doc, p.position) ?? null)),
  },
  {
    capabilities: { definitionProvider: true },
    register: (c, h) =>
      c.onDefinition((p, t) =>
        onDocument(h, 'definition', p.textDocument.uri, t, [] as LspLocation[], (at) => locations(definition(at.ctx, at.doc, p.position))),
      ),
  },
  {
    capabilities: { referencesProvider: true },
    register: (c, h) =>
      c.onReferences((p, t) =>
        onDocument(h, 'references', p.textDocument.uri, t, [] as LspLocation[], (at) =>
          locations(references(at.ctx, at.doc, p.position, p.context.includeDeclaration)),
        ),
      ),
  },
  {
    capabilities: { documentHighlightProvider: true },
    register: (c, h) =>
      c.onDocumentHighlight((p, t) =>
        onDocument(h, 'documentHighlight', p.textDocument.uri, t, [] as ReturnType<typeof documentHighlights>, (at) =>
          documentHighlights(at.ctx, at.doc, p.position),
        ),
      ),
  },
  {
    capabilities: { foldingRangeProvider: true },
    register: (c, h) =>
      c.onFoldingRanges((p, t) =>
        onDocument(h, 'foldingRanges', p.textDocument.uri, t, [] as ReturnType<typeof foldingRanges>, (at) => foldingRanges(at.doc)),
      ),
  },
  {
    capabilities: { selectionRangeProvider: true },
    register: (c, h) =>
      c.onSelectionRanges((p, t) =>
        onDocument(h, 'selectionRanges', p.textDocument.uri, t, [] as ReturnType<typeof selectionRange>[], (at) =>
          p.positions.map((position) => selectionRange(at.doc, position)),
        ),
      ),
  },
  {
    capabilities: { renameProvider: { prepareProvider: true } },
    register: (c, h) => {
      c.onPrepareRename((p, t) =>
        onDocument(h, 'prepareRename', p.textDocument.uri, t, null, (at) => {
          const r = prepareRename(at.ctx, at.doc, p.position);
          if ('error' in r) throw new ResponseError(1, r.error);
          return r;
        }),
      );
      c.onRenameRequest((p, t) =>
        onDocument(h, 'rename', p.textDocument.uri, t, null as LspWorkspaceEdit | null, (at) => {
          const r = rename(at.ctx, at.doc, p.position, p.newName);
          if ('error' in r) throw new ResponseError(1, r.error);
          return toLspEdit(r);
        }),
      );
    },
  },
  {
    capabilities: { documentSymbolProvider: true },
    register: (c, h) =>
      c.onDocumentSymbol((p, t) =>
        onDocument(
          h,
          'documentSymbol',
          p.textDocument.uri,
          t,
          [] as LspDocumentSymbol[],
          (at) => documentSymbols(at.ctx, at.doc) as LspDocumentSymbol[],
        ),
      ),
  },
  {
    capabilities: { workspaceSymbolProvider: true },
    register: (c, h) =>
      c.onWorkspaceSymbol((p, t) =>
        h.safe(
          'workspaceSymbol',
          t,
          [] as SymbolInformation[],
          () =>
            h.workspace().pipelines.flatMap((entry) =>
              workspaceSymbols(h.featureContext(entry), p.query).map((s) => ({
                ...s,
                location: { uri: uriOfFile(s.location.file), range: s.location.range },
              })),
            ) as SymbolInformation[],
        ),
      ),
  },
  {
    capabilities: { callHierarchyProvider: true },
    register: (c, h) => {
      c.languages.callHierarchy.onPrepare((p, t) =>
        onDocument(h, 'prepareCallHierarchy', p.textDocument.uri, t, [] as LspCallItem[], (at) =>
          prepareCallHierarchy(at.ctx, at.doc, p.position).map(toLspCallItem),
        ),
      );
      c.languages.callHierarchy.onIncomingCalls((p, t) =>
        h.safe('incomingCalls', t, [], () => {
          const found = callItemOf(h, p.item);
          return found
            ? incomingCalls(found.ctx, found.item).map((call) => ({ from: toLspCallItem(call.item), fromRanges: call.fromRanges }))
            : [];
        }),
      );
      c.languages.callHierarchy.onOutgoingCalls((p, t) =>
        h.safe('outgoingCalls', t, [], () => {
          const found = callItemOf(h, p.item);
          return found
            ? outgoingCalls(found.ctx, found.item).map((call) => ({ to: toLspCallItem(call.item), fromRanges: call.fromRanges }))
            : [];
        }),
      );
    },
  },
  {
    capabilities: { completionProvider: { triggerCharacters: ['.', '{', '(', ' ', '>'], resolveProvider: true } },
    register: (c, h) => {
      c.onCompletion((p, t) =>
        onDocument(
          h,
          'completion',
          p.textDocument.uri,
          t,
          { isIncomplete: false, items: [] },
          (at) => completion(at.ctx, at.doc, p.position) as LspCompletionList,
        ),
      );
      c.onCompletionResolve((item, t) =>
        h.safe('completionResolve', t, item, () => resolveCompletionItem(item as CompletionItem, h.functions()) as LspCompletionItem),
      );
    },
  },
  {
    capabilities: { signatureHelpProvider: { triggerCharacters: ['(', ','] } },
    register: (c, h) =>
      c.onSignatureHelp((p, t) =>
        onDocument(h, 'signatureHelp', p.textDocument.uri, t, null, (at) => signatureHelp(at.ctx, at.doc, p.position) ?? null),
      ),
  },
  {
    capabilities: {
      semanticTokensProvider: {
        legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
        full: true,
      },
    },
    register: (c, h) =>
      c.languages.semanticTokens.on((p, t) =>
        onDocument(h, 'semanticTokens', p.textDocument.uri, t, { data: [] as number[] }, (at) => semanticTokens(at.ctx, at.doc)),
      ),
  },
  {
    capabilities: { codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll'] } },
    register: (c, h) =>
      c.onCodeAction((p, t) =>
        onDocument(h, 'codeAction', p.textDocument.uri, t, [], (at) => {
          const found = fileDiagnostics(at.ctx.index, at.doc.file);
          const only = p.context.only;
          const wantsFixAll = !only || only.some((k) => k === 'source' || k === 'source.fixAll');
          const wantsQuickFixes = !only || only.some((k) => k === 'quickfix');
          const all = [
            ...(wantsQuickFixes ? codeActions(at.ctx, at.doc, p.range, found) : []),
            ...(wantsFixAll ? [fixAll(at.ctx, at.doc, found)].filter((a) => a !== undefined) : []),
          ];
          return all.map((a) => ({
            title: a.title,
            kind: a.kind,
            ...(a.isPreferred ? { isPreferred: true } : {}),
            diagnostics: p.context.diagnostics.filter((d) => a.diagnosticCodes.includes(String(d.code))),
            edit: toLspEdit(a.edit),
          }));
        }),
      ),
  },
  {
    capabilities: { codeLensProvider: { resolveProvider: false } },
    register: (c, h) =>
      c.onCodeLens((p, t) =>
        onDocument(h, 'codeLens', p.textDocument.uri, t, [] as ReturnType<typeof codeLenses>, (at) =>
          codeLenses(at.ctx, at.doc, uriOfFile),
        ),
      ),
  },
  {
    capabilities: {},
    register: (c, h) =>
      c.onRequest(LINEAGE_GRAPH_METHOD, (p: LineageGraphParams, t: CancellationToken) =>
        h.safe<LineageGraph>('lineageGraph', t, { nodes: [], edges: [] }, () => {
          const entry = pipelineFor(h.workspace(), p ?? {});
          return entry
            ? lineageGraph(h.featureContext(entry), {
                ...(p?.dataset ? { dataset: p.dataset } : {}),
                ...(p?.columns ? { columns: true } : {}),
                uriOf: uriOfFile,
              })
            : { nodes: [], edges: [] };
        }),
      ),
  },
  {
    capabilities: {},
    register: (c, h) =>
      c.onRequest(DATASET_AT_METHOD, (p: DatasetAtParams, t: CancellationToken) =>
        onDocument<DatasetAtResult>(h, 'datasetAt', p.textDocument.uri, t, null, (at) => datasetAt(at.ctx, at.doc, p.position, uriOfFile)),
      ),
  },
];

/** The capabilities of every row, for the initialize answer. */
export function handlerCapabilities(): ServerCapabilities {
  return Object.assign({}, ...REQUEST_HANDLERS.map((r) => r.capabilities)) as ServerCapabilities;
}

function pipelineFor(workspace: PipelineWorkspace, p: LineageGraphParams): PipelineEntry | undefined {
  if (p.pipeline) return workspace.byName(p.pipeline);
  if (p.uri) return workspace.entryOf(fileOfUri(p.uri));
  if (p.dataset) return workspace.pipelines.find((e) => e.index.definition(p.dataset!.toLowerCase()));
  return workspace.pipelines.find((e) => e.index.files().length > 0);
}

function callItemOf(h: HandlerHost, item: LspCallItem): { ctx: FeatureContext; item: CallHierarchyItem } | undefined {
  const key = (item.data as { key?: string } | undefined)?.key ?? item.name.toLowerCase();
  const entry = h.workspace().entryOf(fileOfUri(item.uri));
  if (!entry) return undefined;
  const ctx = h.featureContext(entry);
  const found = callItem(ctx, key);
  return found ? { ctx, item: found } : undefined;
}

function toLspEdit(edit: WorkspaceEdit): LspWorkspaceEdit {
  if (edit.createFiles?.length) {
    // A new file: documentChanges (create, then insert its text), with the plain edits as versionless document edits.
    return {
      documentChanges: [
        ...edit.createFiles.flatMap((f) => [
          { kind: 'create' as const, uri: uriOfFile(f.file), options: { ignoreIfExists: true } },
          {
            textDocument: { uri: uriOfFile(f.file), version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: f.text }],
          },
        ]),
        ...Object.entries(edit.changes).map(([file, edits]) => ({ textDocument: { uri: uriOfFile(file), version: null }, edits })),
      ],
    };
  }
  const changes: NonNullable<LspWorkspaceEdit['changes']> = {};
  for (const [file, edits] of Object.entries(edit.changes)) changes[uriOfFile(file)] = edits;
  return { changes };
}

function toLspCallItem(i: CallHierarchyItem): LspCallItem {
  return {
    name: i.name,
    kind: i.kind as LspCallItem['kind'],
    ...(i.detail ? { detail: i.detail } : {}),
    uri: uriOfFile(i.file),
    range: i.range,
    selectionRange: i.selectionRange,
    data: i.data,
  };
}
