// Document sync: the one writer of the pipeline indexes after the workspace is
// loaded. Open documents override the disk; a closed document, or a file that
// changed on disk, is read again through the injected FileProvider. Each change
// is parsed once, by the index (`updateFile`), and the syntax the features see
// is that same parse: `at()` only reads, it never parses or updates the index.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType } from 'vscode-languageserver/node';
import type { FileProvider } from '../language/model/fileProvider';
import type { FileAnalysis } from '../language/model/datasetTypes';
import { LineIndex } from '../language/syntax/lineIndex';
import type { SyntaxDocument } from '../language/features/featureContext';
import { fileOfUri } from './fileUris';
import type { PipelineEntry, PipelineWorkspace } from './pipelineWorkspace';

export interface DocumentSyncOptions {
  files: FileProvider;
  workspace: () => PipelineWorkspace;
  /** Whether an open document with this URI exists (its text then wins over the disk). */
  isOpen: (uri: string) => boolean;
  /** A file's text changed: `keysBefore` are the datasets it wrote before the change. */
  changed: (entry: PipelineEntry, file: string, keysBefore: string[]) => void;
  /** A bundle file changed: the pipelines themselves must be found again. */
  bundlesChanged: () => void;
}

/** The pipeline a document belongs to and its syntax, as the index holds them. */
export interface DocumentAt {
  entry: PipelineEntry;
  doc: SyntaxDocument;
}

export class DocumentSync {
  // Keyed by the index's analysis object: a new version is a new object, so a
  // stale syntax document is never found and old ones are collected with it.
  private readonly syntax = new WeakMap<FileAnalysis, SyntaxDocument>();

  constructor(private readonly options: DocumentSyncOptions) {}

  /** didOpen / didChange: the document's text goes into its pipeline's index (parsed there, once). */
  documentChanged(doc: TextDocument): void {
    const file = fileOfUri(doc.uri);
    const entry = this.options.workspace().entryFor(file);
    const before = entry.index.keysWrittenBy(file);
    if (entry.index.updateFile(file, doc.getText(), doc.version)) this.options.changed(entry, file, before);
  }

  /** didClose: the disk is the truth again for that file. */
  documentClosed(uri: string): void {
    const file = fileOfUri(uri);
    const entry = this.options.workspace().entryOf(file);
    if (!entry) return;
    const before = entry.index.keysWrittenBy(file);
    this.readFromDisk(file);
    this.options.changed(entry, file, before);
  }

  /** workspace/didChangeWatchedFiles: SQL files not open are read again; a bundle change reloads everything. */
  filesChanged(changes: { uri: string; type: FileChangeType }[]): void {
    if (changes.some((c) => /\.ya?ml$/.test(c.uri))) return this.options.bundlesChanged();
    for (const c of changes) {
      const file = fileOfUri(c.uri);
      if (!file.endsWith('.sql') || this.options.isOpen(c.uri)) continue;
      const entry = this.options.workspace().entryFor(file);
      const before = entry.index.keysWrittenBy(file);
      if (c.type === FileChangeType.Deleted) this.options.workspace().remove(file);
      else this.readFromDisk(file);
      this.options.changed(entry, file, before);
    }
  }

  /** Read only: the document's pipeline and the syntax of the version its index holds. */
  at(uri: string): DocumentAt | undefined {
    const file = fileOfUri(uri);
    const entry = this.options.workspace().entryOf(file);
    const analysis = entry?.index.analysis(file);
    if (!entry || !analysis) return undefined;
    let doc = this.syntax.get(analysis);
    if (!doc) {
      const text = entry.index.text(file)!;
      doc = { file, text, parsed: entry.index.parsed(file)!, lines: new LineIndex(text) };
      this.syntax.set(analysis, doc);
    }
    return { entry, doc };
  }

  private readFromDisk(file: string): void {
    const text = this.options.files.readText(file);
    if (text === undefined) this.options.workspace().remove(file);
    else this.options.workspace().update(file, text);
  }
}
