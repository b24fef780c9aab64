// The server's settings: typed once (protocol/src/settings.ts), received in
// initializationOptions and pulled per resource through workspace/configuration
// when the client supports it, cached per resource until the client says they
// changed. What a client leaves out takes the manifest's default (package.json,
// read by server.ts). Never holds credentials: those come through the environment.
import type { Connection } from 'vscode-languageserver/node';
import { ServerSettings, SETTINGS_SECTION } from '../../../protocol/src/settings';

/** What the client may pass at start besides the settings. */
export interface InitializationOptions extends Partial<ServerSettings> {
  /** Folder for the catalog's disk cache (the extension's global storage). */
  storageDir?: string;
}

export function mergeSettings(raw: unknown, defaults: ServerSettings): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<ServerSettings>;
  const patterns = Array.isArray(r.sqlFilePatterns)
    ? r.sqlFilePatterns.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : undefined;
  const c = (r.catalog && typeof r.catalog === 'object' ? r.catalog : {}) as Partial<ServerSettings['catalog']>;
  return {
    sqlFilePatterns: patterns && patterns.length > 0 ? patterns : defaults.sqlFilePatterns,
    catalog: {
      enabled: typeof c.enabled === 'boolean' ? c.enabled : defaults.catalog.enabled,
      ttlSeconds: typeof c.ttlSeconds === 'number' && c.ttlSeconds > 0 ? c.ttlSeconds : defaults.catalog.ttlSeconds,
      timeoutMs: typeof c.timeoutMs === 'number' && c.timeoutMs > 0 ? c.timeoutMs : defaults.catalog.timeoutMs,
      ...(c.auth === 'none' ? { auth: 'none' as const } : {}),
    },
    ...(typeof r.profile === 'string' && r.profile ? { profile: r.profile } : {}),
    ...(typeof r.target === 'string' && r.target ? { target: r.target } : {}),
  };
}

export class SettingsCache {
  private readonly perResource = new Map<string, Promise<ServerSettings>>();

  constructor(
    private readonly connection: Connection,
    private readonly initial: ServerSettings,
    private readonly canPull: boolean,
    private readonly defaults: ServerSettings,
  ) {}

  /** Settings for a resource (a file URI), cached until `clear`. */
  get(resource?: string): Promise<ServerSettings> {
    if (!this.canPull) return Promise.resolve(this.initial);
    const key = resource ?? '';
    let hit = this.perResource.get(key);
    if (!hit) {
      hit = this.connection.workspace.getConfiguration({ ...(resource ? { scopeUri: resource } : {}), section: SETTINGS_SECTION }).then(
        (raw: unknown) => (raw ? mergeSettings({ ...this.initial, ...raw }, this.defaults) : this.initial),
        () => this.initial,
      );
      this.perResource.set(key, hit);
    }
    return hit;
  }

  clear(): void {
    this.perResource.clear();
  }
}
