// Helpers of the language tests on the repository's bundled pipeline
// (pipelines/, 26 datasets): waiting for the language server to be ready,
// opening a pipeline file, finding positions by the text around them.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, LakeflowApi, repoRoot, waitFor } from './helpers';

export const BUNDLED_DATASETS = 26;

export const pipelineFile = (relative: string): string => path.join(repoRoot(), 'pipelines', relative);

/**
 * Restarts the server (which queues behind any restart an earlier test's setting
 * or sign-in change started) and waits for its `lakeflow/status` report `ready`,
 * so the next request reaches a server that has indexed the pipelines.
 */
export async function readyServer(): Promise<LakeflowApi> {
  const api = await activatedApi();
  assert.equal(await vscode.commands.executeCommand('lakeflow.restartServer'), 'running');
  await waitFor('the language server to report ready', () => {
    const st = api.serverStatus();
    return st.phase === 'running' && st.reported?.state === 'ready';
  });
  return api;
}

/** Opens a file under pipelines/ in an editor once it has the Lakeflow SQL language (so the server has it open). */
export async function openPipelineFile(relative: string): Promise<vscode.TextEditor> {
  const file = pipelineFile(relative);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
  const doc = await waitFor(`${relative} to get the Lakeflow SQL language`, () =>
    vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file && d.languageId === 'lakeflow-sql'),
  );
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The position `delta` characters into the first occurrence of `needle`. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not found in ${doc.uri.fsPath}`);
  return doc.positionAt(offset + delta);
}

/** The range of the first occurrence of `needle`. */
export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const start = positionOf(doc, needle);
  return new vscode.Range(start, start.translate(0, needle.length));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return c === undefined ? undefined : typeof c === 'object' ? String(c.value) : String(c);
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function markdownOf(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/**
 * A loose Lakeflow SQL file (outside the bundle, matched by
 * `lakeflow.sqlFilePatterns`) in a scratch folder of the workspace the suite
 * opened, opened in an editor: the server only serves files on disk. The folder
 * is removed by `removeScratchFiles`; the workspace is the runner's temporary
 * copy, never the checkout.
 */
export async function openScratchFile(name: string, content: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the suite runs with a workspace folder');
  const file = path.join(folder, SCRATCH_FOLDER, 'pipelines', `${name}.sql`);
  await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(content, 'utf8'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
  return waitFor(`${name}.sql to get the Lakeflow SQL language`, () =>
    vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file && d.languageId === 'lakeflow-sql'),
  );
}

const SCRATCH_FOLDER = 'e2e-scratch';

export async function removeScratchFiles(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder)
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(folder, SCRATCH_FOLDER), { recursive: true, useTrash: false })
      .then(undefined, () => undefined);
}
