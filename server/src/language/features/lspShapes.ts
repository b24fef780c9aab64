// LSP-shaped plain data the features return. Declared here (a small subset of
// the protocol's types, same field names and numeric kinds) because the pure
// language layer may not import any vscode-languageserver package; the LSP
// layer only swaps file ids for URIs. Locations carry file ids, not URIs.
import type { Position, Range } from '../model/location';

export type { Position, Range };

export interface FileLocation {
  file: string;
  range: Range;
}

export interface MarkupContent {
  kind: 'markdown';
  value: string;
}

export interface Hover {
  contents: MarkupContent;
  range?: Range;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits per file id. */
export interface WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
  /** New files with their text (LSP `documentChanges`: CreateFile, then an insert). */
  createFiles?: { file: string; text: string }[];
}

/** Numeric values of LSP's CompletionItemKind. */
export const CompletionKind = {
  Function: 3,
  Field: 5,
  Variable: 6,
  Class: 7,
  Interface: 8,
  Module: 9,
  Property: 10,
  Keyword: 14,
  Snippet: 15,
  Folder: 19,
  EnumMember: 20,
  Constant: 21,
  Struct: 22,
  Event: 23,
} as const;

export interface CompletionItem {
  label: string;
  kind: number;
  detail?: string;
  documentation?: MarkupContent;
  sortText?: string;
  filterText?: string;
  insertText?: string;
  /** 2 = snippet. */
  insertTextFormat?: 1 | 2;
  textEdit?: TextEdit;
  /** Kept by the editor and sent back with completionItem/resolve. */
  data?: unknown;
  /** Run after the item is inserted (e.g. ask for the next path segment). */
  command?: { title: string; command: string };
}

export interface CompletionList {
  isIncomplete: boolean;
  items: CompletionItem[];
}

/** Numeric values of LSP's SymbolKind. */
export const SymbolKind = {
  Module: 2,
  Namespace: 3,
  Class: 5,
  Property: 7,
  Field: 8,
  Interface: 11,
  Function: 12,
  Variable: 13,
  Constant: 14,
  Struct: 23,
  Event: 24,
} as const;

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface WorkspaceSymbol {
  name: string;
  kind: number;
  containerName?: string;
  location: FileLocation;
}

export interface CallHierarchyItem {
  name: string;
  kind: number;
  detail?: string;
  file: string;
  range: Range;
  selectionRange: Range;
  /** The dataset key, handed back by the client on the follow-up requests. */
  data: { key: string };
}

export interface CallHierarchyCall {
  item: CallHierarchyItem;
  /** Where, in the caller (incoming) or in the item itself (outgoing), the link is written. */
  fromRanges: Range[];
}

export interface ParameterInformation {
  label: [number, number];
}

export interface SignatureInformation {
  label: string;
  documentation?: MarkupContent;
  parameters: ParameterInformation[];
}

export interface SignatureHelp {
  signatures: SignatureInformation[];
  activeSignature: number;
  activeParameter: number;
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  /** Codes of the diagnostics this action fixes. */
  diagnosticCodes: string[];
  isPreferred?: boolean;
  edit: WorkspaceEdit;
}

export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface CodeLens {
  range: Range;
  command: Command;
}

export interface PrepareRenameResult {
  range: Range;
  placeholder: string;
}

/** `DocumentHighlightKind`: 2 a read, 3 a write (the definition). */
export interface DocumentHighlight {
  range: Range;
  kind: 2 | 3;
}
