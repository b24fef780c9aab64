// Which `databricks` executable to run, in order: the `lakeflow.cliPath` setting,
// the CLI bundled with the official Databricks extension (users asked to choose
// their own binary first, so the setting wins), then PATH. Pure: the file
// system check and environment are passed in.
import * as path from 'node:path';

export type CliSource = 'setting' | 'databricksExtension' | 'path';

export interface CliLocationFound {
  path: string;
  source: CliSource;
}

export interface CliDiscoveryInput {
  settingPath?: string;
  /** extensionPath of `databricks.databricks`, when installed. */
  databricksExtensionPath?: string;
  pathEnv?: string;
  platform: NodeJS.Platform;
  isExecutable: (file: string) => boolean;
}

export const DATABRICKS_EXTENSION_ID = 'databricks.databricks';

export function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'databricks.exe' : 'databricks';
}

export function discoverCli(input: CliDiscoveryInput): CliLocationFound | undefined {
  const pathApi = input.platform === 'win32' ? path.win32 : path.posix;
  const exe = executableName(input.platform);
  const setting = input.settingPath?.trim();
  // An explicit setting is authoritative: a wrong path is reported, not silently replaced.
  if (setting) return { path: setting, source: 'setting' };
  if (input.databricksExtensionPath) {
    const bundled = pathApi.join(input.databricksExtensionPath, 'bin', exe);
    if (input.isExecutable(bundled)) return { path: bundled, source: 'databricksExtension' };
  }
  for (const dir of (input.pathEnv ?? '').split(pathApi.delimiter)) {
    if (!dir) continue;
    const candidate = pathApi.join(dir, exe);
    if (input.isExecutable(candidate)) return { path: candidate, source: 'path' };
  }
  return undefined;
}
