// When and in which order diagnostics are published. An edited file goes first,
// in its own turn; then every file whose findings may depend on the datasets it
// wrote before or writes now, transitively downstream through the dataset graph
// (a -> b via SELECT * -> c: c's column checks change when a loses a column),
// a few files per turn. A new edit is served before the rest of an older batch,
// and a file waiting in the batch is published once, with the state current when
// its turn comes, however many edits queued it: stale work is dropped, not redone.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Diagnostic } from '../language/features/diagnostics/diagnostic';
import { toLspDiagnostic } from './lspDiagnostics';
import type { PipelineEntry } from './pipelineWorkspace';

/** Dependents published per turn: small enough that a request waiting in between is answered quickly. */
const DEPENDENTS_PER_TURN = 8;

export interface DiagnosticsSchedulerOptions {
  /** The findings for a file (empty when it belongs to no pipeline). */
  diagnose: (file: string) => Diagnostic[];
  send: (file: string, diagnostics: LspDiagnostic[]) => void;
}

export class DiagnosticsScheduler {
  private readonly published = new Set<string>();
  private readonly edited = new Set<string>();
  private readonly dependents = new Set<string>();
  private turn?: NodeJS.Immediate;

  constructor(private readonly options: DiagnosticsSchedulerOptions) {}

  /** `file` changed in `entry`; `keysBefore` are the datasets it wrote before the change. */
  fileChanged(entry: PipelineEntry, file: string, keysBefore: string[]): void {
    this.edited.add(file);
    this.dependents.delete(file);
    for (const f of entry.index.filesDependingOn([...keysBefore, ...entry.index.keysWrittenBy(file)])) {
      if (!this.edited.has(f)) this.dependents.add(f);
    }
    this.schedule();
  }

  /** Publish these files again (a reload, the catalog came back), after any edited file. */
  republish(files: Iterable<string>): void {
    for (const f of files) if (!this.edited.has(f)) this.dependents.add(f);
    this.schedule();
  }

  /** Publish now, synchronously (a file that left every pipeline gets its empty list). */
  publishNow(file: string): void {
    const list = this.options.diagnose(file);
    if (list.length === 0 && !this.published.has(file)) return;
    if (list.length === 0) this.published.delete(file);
    else this.published.add(file);
    this.options.send(file, list.map(toLspDiagnostic));
  }

  /** Drops every queued publication (shutdown). */
  cancel(): void {
    if (this.turn) clearImmediate(this.turn);
    this.turn = undefined;
    this.edited.clear();
    this.dependents.clear();
  }

  private schedule(): void {
    if (!this.turn) this.turn = setImmediate(() => this.run());
  }

  private run(): void {
    this.turn = undefined;
    if (this.edited.size > 0) {
      const files = [...this.edited];
      this.edited.clear();
      for (const f of files) this.publishNow(f);
    } else {
      for (const f of [...this.dependents].slice(0, DEPENDENTS_PER_TURN)) {
        this.dependents.delete(f);
        this.publishNow(f);
      }
    }
    if (this.edited.size > 0 || this.dependents.size > 0) this.schedule();
  }
}
