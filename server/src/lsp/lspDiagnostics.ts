// The language core's diagnostics in protocol shape: severity numbers, the
// stable code, related locations as URIs, and the deprecated/unnecessary tags.
import { Diagnostic as LspDiagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { Diagnostic } from '../language/features/diagnostics/diagnostic';
import { uriOfFile } from './fileUris';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'lakeflow',
    message: d.message,
    ...(d.related?.length
      ? {
          relatedInformation: d.related.map((r) => ({
            location: { uri: uriOfFile(r.location.file), range: r.location.range },
            message: r.message,
          })),
        }
      : {}),
    ...(d.tags?.length ? { tags: d.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary)) } : {}),
  };
}
