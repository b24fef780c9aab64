// The diagnostic value every check returns: LSP-shaped ranges, a stable code,
// and for fixable findings the edit to make (the LSP layer turns it into a
// code action; the CLI prints it).
import { Location, Range } from '../../model/location';
import { DIAGNOSTIC_CODES, DiagnosticCode, Severity } from './codes';

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Other places that explain the finding (the first definition of a duplicate, the members of a cycle). */
  related?: { location: Location; message: string }[];
  /** `deprecated` / `unnecessary` render as strike-through or faded text. */
  tags?: ('deprecated' | 'unnecessary')[];
  fix?: QuickFix;
  /** Other fixes worth offering, less likely than `fix` (the further did-you-mean candidates). */
  alternativeFixes?: QuickFix[];
}

/** `severity` overrides the code's default where the same finding is worse in one form (`LIVE.x` undefined is an error). */
export function diagnostic(
  code: DiagnosticCode,
  at: Location,
  message: string,
  extra: Partial<Pick<Diagnostic, 'related' | 'tags' | 'fix' | 'alternativeFixes' | 'severity'>> = {},
): Diagnostic {
  return { file: at.file, range: at.range, severity: DIAGNOSTIC_CODES[code].severity, code, message, ...extra };
}

/** `fix` and `alternativeFixes` from a list of fixes, best first (none when empty). */
export function withFixes(fixes: QuickFix[]): Pick<Diagnostic, 'fix' | 'alternativeFixes'> {
  const [fix, ...rest] = fixes;
  return { ...(fix ? { fix } : {}), ...(rest.length ? { alternativeFixes: rest } : {}) };
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Stable order: file, position, code. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code) ||
      severityOrder[a.severity] - severityOrder[b.severity],
  );
}
