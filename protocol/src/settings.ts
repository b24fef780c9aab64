// The settings the server reads (section `lakeflow` of workspace/configuration,
// and initializationOptions at start). The client's settings module produces
// exactly this shape; the server caches it per resource.
export const SETTINGS_SECTION = 'lakeflow';

export interface ServerSettings {
  /** Glob patterns of Lakeflow SQL files besides the bundle's pipeline libraries. */
  sqlFilePatterns: string[];
  catalog: {
    enabled: boolean;
    /** Seconds a fetched table schema stays fresh. */
    ttlSeconds: number;
    /** Per-request timeout. */
    timeoutMs: number;
    /** `none`: the catalog server has authorization off and is asked without a token. Absent: a token is needed. */
    auth?: 'token' | 'none';
  };
  /** Profile of ~/.databrickscfg, when the user chose one (host/token come through env). */
  profile?: string;
  target?: string;
}

/**
 * The server settings' defaults as the extension manifest (package.json,
 * `contributes.configuration`) declares them: the one place they are written.
 * Undefined when `manifest` declares no `lakeflow.*` settings.
 */
export function manifestDefaults(manifest: unknown): ServerSettings | undefined {
  const properties = (manifest as { contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } } } | undefined)
    ?.contributes?.configuration?.properties;
  const value = (key: string) => properties?.[`${SETTINGS_SECTION}.${key}`]?.default;
  const patterns = value('sqlFilePatterns');
  const enabled = value('catalog.enabled');
  const ttl = value('catalog.cacheTtlSeconds');
  const timeout = value('catalog.timeoutMs');
  if (!Array.isArray(patterns) || typeof enabled !== 'boolean' || typeof ttl !== 'number' || typeof timeout !== 'number') return undefined;
  return {
    sqlFilePatterns: patterns.filter((p): p is string => typeof p === 'string'),
    catalog: { enabled, ttlSeconds: ttl, timeoutMs: timeout },
  };
}
