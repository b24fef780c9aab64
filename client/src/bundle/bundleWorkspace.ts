// The Databricks bundles of the open workspace: every databricks.yml (with its
// included files) found in the workspace folders, reloaded when one changes.
// Commands act on the active bundle: the `lakeflow.bundleRoot` setting, else
// the one holding the active editor's file, else the shallowest one.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings } from '../settings';
import { BundleFileContent, BundlePipeline, BundleTarget, librarySqlPatterns, parseBundleFile } from './bundleConfig';

export interface LoadedBundle {
  name: string;
  rootUri: vscode.Uri;
  configUri: vscode.Uri;
  targets: BundleTarget[];
  pipelines: BundlePipeline[];
  /** Defaults of the bundle's `variables:` (plain strings). */
  variables: Record<string, string>;
  /** Absolute glob patterns of the pipelines' SQL sources. */
  sqlPatterns: string[];
}

const BUNDLE_GLOB = '**/databricks.{yml,yaml}';
const EXCLUDE = '{**/node_modules/**,**/.e2e/**,**/out/**,**/.git/**,**/.databricks/**}';

export class BundleWorkspace implements vscode.Disposable {
  private loaded: LoadedBundle[] = [];
  private loading: Promise<void>;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.loading = this.reload();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}');
    let timer: NodeJS.Timeout | undefined;
    // Several files change together on a git checkout: reload once.
    const schedule = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), 300);
    };
    this.disposables.push(watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule), {
      dispose: () => timer && clearTimeout(timer),
    });
  }

  /** Resolves once the first scan is done. */
  ready(): Promise<void> {
    return this.loading;
  }

  get all(): readonly LoadedBundle[] {
    return this.loaded;
  }

  refresh(): Promise<void> {
    this.loading = this.reload();
    return this.loading;
  }

  active(): LoadedBundle | undefined {
    const setting = readSettings().bundleRoot;
    if (setting) {
      const match = this.loaded.find(
        (b) => vscode.workspace.asRelativePath(b.rootUri, false) === setting.replace(/\/+$/, '') || b.rootUri.fsPath === setting,
      );
      if (match) return match;
    }
    const active = vscode.window.activeTextEditor?.document.uri.fsPath;
    if (active) {
      const holder = this.loaded
        .filter((b) => active.startsWith(b.rootUri.fsPath + path.sep))
        .sort((a, b) => b.rootUri.fsPath.length - a.rootUri.fsPath.length)[0];
      if (holder) return holder;
    }
    return this.loaded[0];
  }

  private async reload(): Promise<void> {
    const files = await vscode.workspace.findFiles(BUNDLE_GLOB, EXCLUDE);
    const bundles = await Promise.all(files.map((f) => loadBundle(f)));
    this.loaded = bundles.sort((a, b) => depth(a.rootUri) - depth(b.rootUri) || a.rootUri.fsPath.localeCompare(b.rootUri.fsPath));
    await vscode.commands.executeCommand('setContext', 'lakeflow.hasBundle', this.loaded.length > 0);
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

function depth(uri: vscode.Uri): number {
  return uri.fsPath.split(path.sep).length;
}

async function readText(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return '';
  }
}

async function loadBundle(configUri: vscode.Uri): Promise<LoadedBundle> {
  const rootUri = vscode.Uri.joinPath(configUri, '..');
  const main = parseBundleFile(await readText(configUri), path.basename(configUri.fsPath));
  const parts: BundleFileContent[] = [main];
  for (const include of main.include) {
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(rootUri, include), EXCLUDE);
    for (const file of found) {
      const relative = path.relative(rootUri.fsPath, file.fsPath);
      parts.push(parseBundleFile(await readText(file), relative));
    }
  }
  const pipelines = parts.flatMap((p) => p.pipelines);
  const targets = parts.flatMap((p) => p.targets);
  return {
    name: main.name ?? path.basename(rootUri.fsPath),
    rootUri,
    configUri,
    targets,
    pipelines,
    variables: Object.assign({}, ...parts.map((p) => p.variables ?? {})) as Record<string, string>,
    sqlPatterns: librarySqlPatterns(pipelines).map((p) => path.posix.join(rootUri.fsPath.split(path.sep).join('/'), p)),
  };
}
