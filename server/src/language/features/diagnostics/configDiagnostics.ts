// LF5xx: `${key}` parameters the pipeline configuration does not define, and
// problems met while reading the bundle's YAML.
import { BundleContext, BundleProblemKind } from '../../model/bundleTypes';
import { FileAnalysis } from '../../model/datasetTypes';
import { WorkspaceIndex } from '../../model/workspaceIndex';
import { DiagnosticCode } from './codes';
import { Diagnostic, diagnostic } from './diagnostic';

export function parameterDiagnostics(index: WorkspaceIndex, a: FileAnalysis): Diagnostic[] {
  const config = index.pipeline.configuration;
  if (!config) return []; // no bundle: nothing to check the keys against
  const known = [...config.keys()];
  return a.parameters
    .filter((p) => !config.has(p.key))
    .map((p) =>
      diagnostic(
        'LF501',
        { file: a.file, range: p.range },
        `'\${${p.key}}' is not in the pipeline configuration${known.length ? ` (known: ${known.join(', ')})` : ''}`,
      ),
    );
}

const PROBLEM_CODES: Record<BundleProblemKind, DiagnosticCode> = {
  yamlSyntax: 'LF502',
  includeMissing: 'LF503',
  includeMatchesNothing: 'LF503',
  libraryMatchesNothing: 'LF503',
  unknownVariable: 'LF504',
  libraryInvalid: 'LF505',
  schemaAndTarget: 'LF506',
  unknownTarget: 'LF507',
  sessionSetting: 'LF508',
};

export function bundleDiagnostics(bundle: BundleContext): Diagnostic[] {
  return bundle.problems.map((p) => diagnostic(PROBLEM_CODES[p.kind], p.location, p.message));
}
