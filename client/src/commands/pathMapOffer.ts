// When a local run stops at a cloud path no mapping covers, the editor offers
// to map it: a folder picker, then the prefix -> folder entry is added to the
// workspace folder's `lakeflow.localRun.pathMap` (relative when inside it).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../../protocol/src/settings';

export async function offerPathMapping(prefix: string, folder: vscode.Uri): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `The pipeline reads ${prefix}, which has no local folder.`,
    `Map ${prefix} to a Folder…`,
  );
  if (!choice) return false;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: folder,
    openLabel: `Map ${prefix}`,
  });
  const dir = picked?.[0];
  if (!dir) return false;
  await addPathMapping(prefix, dir, folder);
  return true;
}

/** Adds `prefix -> dir` to the folder's `lakeflow.localRun.pathMap`, keeping the entries already there. */
export async function addPathMapping(prefix: string, dir: vscode.Uri, folder: vscode.Uri): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder);
  const current = config.get<Record<string, string>>('localRun.pathMap', {}) ?? {};
  const rel = path.relative(folder.fsPath, dir.fsPath);
  const value = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : dir.fsPath;
  await config.update('localRun.pathMap', { ...current, [prefix]: value }, vscode.ConfigurationTarget.WorkspaceFolder);
}
