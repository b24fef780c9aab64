// All diagnostics of one file, or of every file in the index. Each check is
// guarded so that a bug in one never hides the others or escapes to the caller.
import { WorkspaceIndex } from '../../model/workspaceIndex';
import { parameterDiagnostics } from './configDiagnostics';
import { Diagnostic, sortDiagnostics } from './diagnostic';
import { expectationDiagnostics } from './expectationDiagnostics';
import { flowDiagnostics } from './flowDiagnostics';
import { referenceDiagnostics } from './referenceDiagnostics';
import { syntaxDiagnostics } from './syntaxDiagnostics';
import { volumePathDiagnostics } from '../volumePaths';

const CHECKS = [
  syntaxDiagnostics,
  referenceDiagnostics,
  flowDiagnostics,
  expectationDiagnostics,
  parameterDiagnostics,
  volumePathDiagnostics,
] as const;

export interface DiagnosticsOptions {
  /** Receives checks that threw (a bug): the LSP logs them, tests fail on them. */
  onInternalError?: (check: string, file: string, error: unknown) => void;
}

export function fileDiagnostics(index: WorkspaceIndex, file: string, options: DiagnosticsOptions = {}): Diagnostic[] {
  const a = index.analysis(file);
  if (!a) return [];
  const out: Diagnostic[] = [];
  for (const check of CHECKS) {
    try {
      out.push(...check(index, a));
    } catch (e) {
      options.onInternalError?.(check.name, file, e);
    }
  }
  return sortDiagnostics(out);
}

export function workspaceDiagnostics(index: WorkspaceIndex, options: DiagnosticsOptions = {}): Diagnostic[] {
  return sortDiagnostics(index.files().flatMap((f) => fileDiagnostics(index, f, options)));
}
