// The minimum CLI version: `bundle run` with the pipeline refresh selectors
// (`--refresh`, `--full-refresh`, `--validate-only`) and `bundle summary -o json`.
export const MIN_CLI_VERSION = '0.240.0';
export const CLI_INSTALL_URL = 'https://docs.databricks.com/aws/en/dev-tools/cli/install';

/** `Databricks CLI v0.250.0` (or a bare `0.250.0`) -> `0.250.0`. */
export function parseCliVersion(output: string): string | undefined {
  return /v?(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** A message for the user when the version is unusable, undefined when fine. */
export function versionProblem(output: string, min = MIN_CLI_VERSION): string | undefined {
  const version = parseCliVersion(output);
  if (!version) return `Could not read the Databricks CLI version from "${output.trim().slice(0, 80)}".`;
  if (compareVersions(version, min) < 0) return `Databricks CLI ${version} is too old: Lakeflow needs ${min} or newer.`;
  return undefined;
}
