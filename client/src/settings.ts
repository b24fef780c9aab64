// The `lakeflow.*` settings, typed in one place. The schema and the defaults
// live in package.json; everything else reads settings through here, and the server
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

export function readSettings(scope?: vscode.ConfigurationScope): ClientSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  // Defaults are declared once, in package.json (contributes.configuration): VS Code
  // answers them for unset keys, and `inspect` gives them back for values of a wrong type.
  const read = <T>(key: string, valid: (v: unknown) => v is T): T => {
    const v = c.get<unknown>(key);
    return valid(v) ? v : (c.inspect<T>(key)?.defaultValue as T);
  };
  const text = (key: string) => read(key, isString).trim();
  const num = (key: string) => read(key, isNumber);
  return {
    sqlFilePatterns: read('sqlFilePatterns', Array.isArray).filter((p): p is string => isString(p) && p.trim() !== ''),
    cliPath: text('cliPath'),
    profile: text('profile'),
    target: text('target'),
    bundleRoot: text('bundleRoot'),
    catalog: {
      enabled: read('catalog.enabled', (v): v is boolean => typeof v === 'boolean'),
      ttlSeconds: num('catalog.cacheTtlSeconds'),
      timeoutMs: num('catalog.timeoutMs'),
      ...(read('catalog.auth', isString) === 'none' ? { auth: 'none' as const } : {}),
    },
    runPollIntervalSeconds: Math.max(0.05, num('run.pollIntervalSeconds')),
    localRunEvents: Math.max(0, Math.floor(num('localRun.events')) || 0),
    localRunPathMap: stringMap(c.get<unknown>('localRun.pathMap')),
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Keeps the string entries of an object setting (a hand-edited settings.json may hold anything). */
function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0].trim() !== '' && e[1].trim() !== ''),
  );
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
