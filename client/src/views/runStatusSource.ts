// The per-dataset status of the latest local run, for the views (lineage graph,
// pipeline explorer): read from the active bundle's event log, re-read when the
// log changes, which a running `lakeflow run` does after every dataset, so the
// views follow a run live. One watcher and one read for all views.
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { BundleWorkspace } from '../bundle/bundleWorkspace';
import { DatasetRunStatus, datasetRunStatuses } from '../local/datasetRunStatus';
import { parseEventLines } from '../local/localEvents';
import { localRunFiles } from '../local/localRunCommand';
import { localRunFolder } from './expectationLenses';

/** Changes closer together than this are read once (a run appends several events per dataset). */
const SETTLE_MS = 150;

export class RunStatusSource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private statuses = new Map<string, DatasetRunStatus>();
  private stamp = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly bundles: BundleWorkspace) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.lakeflow/*.events.jsonl');
    const later = (): void => this.schedule();
    this.subscriptions = [
      watcher,
      watcher.onDidChange(later),
      watcher.onDidCreate(later),
      watcher.onDidDelete(later),
      bundles.onDidChange(later),
    ];
    this.schedule();
  }

  /** Lower-case dataset name -> status, as last read. */
  current(): ReadonlyMap<string, DatasetRunStatus> {
    return this.statuses;
  }

  of(dataset: string): DatasetRunStatus | undefined {
    return this.statuses.get(dataset.toLowerCase());
  }

  /** Reads the log now (when it changed since the last read); true when the statuses changed. */
  async reload(): Promise<boolean> {
    const bundle = this.bundles.active();
    const file = bundle ? localRunFiles(localRunFolder(bundle)).eventLog : undefined;
    const info = file ? await stat(file).catch(() => undefined) : undefined;
    const stamp = file && info ? `${file}:${info.size}:${info.mtimeMs}` : '';
    if (stamp === this.stamp) return false;
    this.stamp = stamp;
    const text = file && info ? await readFile(file, 'utf8').catch(() => '') : '';
    this.statuses = datasetRunStatuses(parseEventLines(text));
    this.changed.fire();
    return true;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, SETTLE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
