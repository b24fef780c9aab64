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
      ...(c.get<string>('catalog.auth', 'token') === 'none' ? { auth: 'none' as const } : {}),
    },
    runPollIntervalSeconds: Math.max(0.05, c.get<number>('run.pollIntervalSeconds', 5)),
    localRunEvents: Math.max(0, Math.floor(c.get<number>('localRun.events', 0)) || 0),
  };
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
  return ['sqlFilePatterns', 'profile', 'catalog.auth'].some((k) => e.affectsConfiguration(`${SETTINGS_SECTION}.${k}`));
}
