// Parses the diagnostics the Databricks CLI prints on stderr for bundle commands:
//
//   Error: <summary>
//     at <yaml path>
//     in <file>:<line>:<col>
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
  /** Continuation lines of the message, if any. */
  detail: string[];
}

const HEADER = /^(Error|Warning|Recommendation): (.*)$/;
const AT = /^\s+at (\S.*)$/;
const IN = /^\s+in (.+):(\d+):(\d+)$/;

const SEVERITY: Record<string, CliSeverity> = { Error: 'error', Warning: 'warning', Recommendation: 'info' };

export function parseCliDiagnostics(stderr: string): CliDiagnostic[] {
  const result: CliDiagnostic[] = [];
  let current: CliDiagnostic | undefined;
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    const header = HEADER.exec(line);
    if (header) {
      current = { severity: SEVERITY[header[1]], summary: header[2].trim(), paths: [], locations: [], detail: [] };
      result.push(current);
      continue;
    }
    if (!current) continue;
    const at = AT.exec(line);
    const inFile = IN.exec(line);
    if (inFile) current.locations.push({ file: inFile[1].trim(), line: Number(inFile[2]), column: Number(inFile[3]) });
    else if (at) current.paths.push(at[1].trim());
    else if (line.trim() === '') current = undefined;
    else if (/^\s/.test(line)) current.detail.push(line.trim());
    else current = undefined;
  }
  return result;
}

/** Whether a CLI failure is about credentials, so the user is offered to sign in. */
export function looksLikeAuthFailure(stderr: string): boolean {
  return /cannot configure default credentials|invalid access token|unauthenticated|401|403|not authorized|authentication|no such profile|profile .* not found/i.test(stderr);
}
