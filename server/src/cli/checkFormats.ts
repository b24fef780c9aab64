// Renders `lakeflow check` results: text for people, the JSON report, and
// SARIF 2.1.0 for CI systems that annotate code with findings.
import { DIAGNOSTIC_CODES, DiagnosticCode, Severity } from '../language/features/diagnostics/codes';
import { PipelineReport } from '../language/features/pipelineReport';

export function formatText(report: PipelineReport): string {
  const lines = report.diagnostics.map(
    (d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`,
  );
  const count = (s: Severity) => report.diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(report.datasets.length, 'dataset')}, ${plural(report.edges.length, 'edge')}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info') + count('hint'), 'hint')}`,
  );
  return lines.join('\n') + '\n';
}

export function formatJson(report: PipelineReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(report: PipelineReport, toolVersion: string): string {
  const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
  const rules = codes.map((id) => ({
    id,
    name: DIAGNOSTIC_CODES[id].title
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim()
      .replace(/ (\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: DIAGNOSTIC_CODES[id].title },
    defaultConfiguration: { level: SARIF_LEVEL[DIAGNOSTIC_CODES[id].severity] },
  }));
  const results = report.diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code as DiagnosticCode),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(d.file), uriBaseId: '%SRCROOT%' },
          // SARIF lines and columns are 1-based; an empty range still covers one column.
          region: {
            startLine: d.range.start.line + 1,
            startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: Math.max(d.range.end.character + 1, d.range.start.line === d.range.end.line ? d.range.start.character + 2 : 1),
          },
        },
      },
    ],
  }));
  const sarif = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'lakeflow', version: toolVersion, rules } }, results }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
