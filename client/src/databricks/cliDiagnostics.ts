// Parses the diagnostics the Databricks CLI prints on stderr for bundle commands
// (libs/cmdio/render.go of the CLI):
//
//   Error: <summary>
//     at <yaml path>
//        <another yaml path>
//     in <file>:<line>:<col>
//        <another file>:<line>:<col>
//
//   <detail text, one or more lines>
//
// (`Warning:` and `Recommendation:` have the same shape.) Lines that belong to no
// diagnostic are ignored, so mixed output is safe to feed in.

export type CliSeverity = 'error' | 'warning' | 'info';

export interface CliLocation {
  /** As printed: relative to the bundle root, or absolute. */
  file: string;
  /** 1-based, as printed. */
  line: number;
  column: number;
}

export interface CliDiagnostic {
  severity: CliSeverity;
  summary: string;
  /** YAML paths (`resources.pipelines.x.libraries[0]`). */
  paths: string[];
  locations: CliLocation[];
  /** The detail text printed after a blank line (or indented continuation lines of older CLIs). */
  detail: string[];
}

const HEADER = /^(Error|Warning|Recommendation): (.*)$/;
/** `  at path` starts the paths; further paths are indented by five spaces, no keyword. */
const AT = /^ {2}at (\S.*)$/;
const IN = /^ {2}in (.+):(\d+):(\d+)$/;
const MORE_LOCATION = /^ {5}(\S.*):(\d+):(\d+)$/;
const MORE_PATH = /^ {5}(\S.*)$/;
/** Lines the CLI prints after its diagnostics, never part of a detail text. */
const NOT_DETAIL =
  /^(Name|Target|Workspace|Host|User|Path|Resources|Found \d|Validation|Uploading|Deploying|Updating|Deployment|Destroy|All files|Update URL|Run URL)\b/;

const SEVERITY: Record<string, CliSeverity> = { Error: 'error', Warning: 'warning', Recommendation: 'info' };

type Stage = 'head' | 'paths' | 'locations' | 'gap' | 'detail' | 'done';

export function parseCliDiagnostics(stderr: string): CliDiagnostic[] {
  const result: CliDiagnostic[] = [];
  let current: CliDiagnostic | undefined;
  let stage: Stage = 'done';
  const closeDetail = (): void => {
    if (!current) return;
    while (current.detail.length && current.detail[current.detail.length - 1] === '') current.detail.pop();
  };
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    const header = HEADER.exec(line);
    if (header) {
      closeDetail();
      current = { severity: SEVERITY[header[1]], summary: header[2].trim(), paths: [], locations: [], detail: [] };
      result.push(current);
      stage = 'head';
      continue;
    }
    if (!current || stage === 'done') continue;
    if (stage === 'detail' || stage === 'gap') {
      // The detail paragraph(s): up to the next diagnostic; a blank line then a CLI status line ends it.
      if (line === '') {
        if (stage === 'detail') current.detail.push('');
        continue;
      }
      if (NOT_DETAIL.test(line)) {
        closeDetail();
        stage = 'done';
        continue;
      }
      current.detail.push(line);
      stage = 'detail';
      continue;
    }
    const at = AT.exec(line);
    const inFile = IN.exec(line) ?? (stage === 'locations' ? MORE_LOCATION.exec(line) : null);
    if (inFile) {
      current.locations.push({ file: inFile[1].trim(), line: Number(inFile[2]), column: Number(inFile[3]) });
      stage = 'locations';
    } else if (at || (stage === 'paths' && MORE_PATH.test(line))) {
      current.paths.push((at?.[1] ?? line).trim());
      stage = 'paths';
    } else if (line === '') {
      stage = 'gap';
    } else if (/^\s/.test(line) && stage === 'head') {
      // Older CLIs indented the message's continuation lines under the summary.
      current.detail.push(line.trim());
    } else if (stage === 'head' && !NOT_DETAIL.test(line)) {
      // A summary the CLI wrapped onto the next line (`notebook "x" not found. ...\nto contain ...`).
      current.summary += ` ${line.trim()}`;
    } else {
      stage = 'done';
    }
  }
  closeDetail();
  return result;
}

/** The message of a Problems entry: summary, detail text, then the YAML paths. */
export function diagnosticMessage(d: CliDiagnostic): string {
  return [d.summary, ...d.detail, ...d.paths.map((p) => `at ${p}`)].join('\n');
}

/** Whether a CLI failure is about credentials, so the user is offered to sign in. */
export function looksLikeAuthFailure(stderr: string): boolean {
  return /cannot configure default credentials|invalid access token|unauthenticated|401|403|not authorized|authentication|no such profile|profile .* not found/i.test(
    stderr,
  );
}
