// Long-running Databricks commands: one at a time, shown as a cancellable
// progress notification and in the status bar, cancelled from either (or from
// `lakeflow.cancelOperation`). Cancellation aborts the signal the CLI runner
// listens to, which kills the CLI's process tree.
import * as vscode from 'vscode';

export interface RunningOperation {
  title: string;
  cancel(): void;
}

export type OperationBody<T> = (signal: AbortSignal, report: (message: string) => void) => Promise<T>;

export class OperationRunner implements vscode.Disposable {
  private current: RunningOperation | undefined;
  private readonly changed = new vscode.EventEmitter<RunningOperation | undefined>();
  readonly onDidChange = this.changed.event;

  get running(): RunningOperation | undefined {
    return this.current;
  }

  /** Runs `body` with progress; rejects if another operation is still running. */
  async run<T>(title: string, body: OperationBody<T>): Promise<T> {
    if (this.current) throw new Error(`"${this.current.title}" is still running; cancel it first.`);
    const controller = new AbortController();
    const op: RunningOperation = { title, cancel: () => controller.abort() };
    this.current = op;
    this.changed.fire(op);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const sub = token.onCancellationRequested(() => controller.abort());
          try {
            return await body(controller.signal, (message) => progress.report({ message }));
          } finally {
            sub.dispose();
          }
        },
      );
    } finally {
      this.current = undefined;
      this.changed.fire(undefined);
    }
  }

  cancel(): boolean {
    if (!this.current) return false;
    this.current.cancel();
    return true;
  }

  dispose(): void {
    this.current?.cancel();
    this.changed.dispose();
  }
}

/** Waits `ms`, or less when the signal aborts (then rejects). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
