// The `lakeflow.*` settings, typed in one place. The schema lives in
// package.json; everything else reads settings through here, and the server
// receives exactly `ServerSettings` (initializationOptions and
// workspace/configuration answers).
import * as vscode from 'vscode';
import { ServerSettings, SETTINGS_SECTION } from '../../protocol/src/settings';

export interface ClientSettings {
  sqlFilePatterns: string[];
  cliPath: string;
  profile: string;
  target: string;
  bundleRoot: string;
  catalog: ServerSettings['catalog'];
  runPollIntervalSeconds: number;
  /** Simulated events Run Locally generates before each run; 0: the CLI's default once, then the landing data already there. */
  localRunEvents: number;
  /** Cloud path prefix -> local folder (relative to the workspace folder), passed as `lakeflow run --map`. */
  localRunPathMap: Record<string, string>;
}

export const DEFAULT_SQL_PATTERNS = ['**/pipelines/**/*.sql'];

export function readSettings(scope?: vscode.ConfigurationScope): ClientSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const patterns = c.get<string[]>('sqlFilePatterns', DEFAULT_SQL_PATTERNS);
  return {
    sqlFilePatterns: Array.isArray(patterns) ? patterns.filter((p) => typeof p === 'string' && p.trim() !== '') : DEFAULT_SQL_PATTERNS,
    cliPath: c.get<string>('cliPath', '').trim(),
    profile: c.get<string>('profile', '').trim(),
    target: c.get<string>('target', '').trim(),
    bundleRoot: c.get<string>('bundleRoot', '').trim(),
    catalog: {
      enabled: c.get<boolean>('catalog.enabled', true),
      ttlSeconds: c.get<number>('catalog.cacheTtlSeconds', 600),
      timeoutMs: c.get<number>('catalog.timeoutMs', 5000),
    },
    runPollIntervalSeconds: Math.max(0.05, c.get<number>('run.pollIntervalSeconds', 5)),
    localRunEvents: Math.max(0, Math.floor(c.get<number>('localRun.events', 0)) || 0),
    localRunPathMap: stringMap(c.get<unknown>('localRun.pathMap', {})),
  };
}

/** Keeps the string entries of an object setting (a hand-edited settings.json may hold anything). */
function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0].trim() !== '' && e[1].trim() !== ''));
}

export function toServerSettings(s: ClientSettings): ServerSettings {
  return {
    sqlFilePatterns: s.sqlFilePatterns,
    catalog: s.catalog,
    ...(s.profile ? { profile: s.profile } : {}),
    ...(s.target ? { target: s.target } : {}),
  };
}

/** Settings whose change needs a new language server (document selector, environment). */
export function affectsServerStart(e: vscode.ConfigurationChangeEvent): boolean {
  return ['sqlFilePatterns', 'profile'].some((k) => e.affectsConfiguration(`${SETTINGS_SECTION}.${k}`));
}
