// The two custom requests the views send to the language server.
import * as vscode from 'vscode';
import { DATASET_AT_METHOD, DatasetAtParams, DatasetAtResult } from '../../../protocol/src/datasetAt';
import { LINEAGE_GRAPH_METHOD, LineageGraph, LineageGraphParams } from '../../../protocol/src/lineageGraph';
import { LanguageServerHost } from '../languageServer';

export async function requestLineage(server: LanguageServerHost, params: LineageGraphParams): Promise<LineageGraph> {
  const client = server.languageClient;
  if (!client) throw new Error('The Lakeflow language server is not running.');
  return client.sendRequest<LineageGraph>(LINEAGE_GRAPH_METHOD, params);
}

export async function requestDatasetAt(server: LanguageServerHost, editor: vscode.TextEditor): Promise<DatasetAtResult> {
  const client = server.languageClient;
  if (!client) return null;
  const params: DatasetAtParams = {
    textDocument: { uri: editor.document.uri.toString() },
    position: { line: editor.selection.active.line, character: editor.selection.active.character },
  };
  return client.sendRequest<DatasetAtResult>(DATASET_AT_METHOD, params);
}
