// Unity Catalog for the server: the provider created from the settings and
// the environment (host and token come from the client through the
// environment or the Databricks config file, never through settings or logs),
// adapted to the model's narrow lookup, and its state translated for
// `lakeflow/status`.
import type { CatalogState as StatusCatalogState } from '../../../protocol/src/status';
import type { ServerSettings } from '../../../protocol/src/settings';
import { createUnityCatalogProvider, UnityCatalogProvider } from '../catalog/unityCatalogProvider';
import type { CatalogLookup } from '../language/model/catalogLookup';
import type { CatalogState } from '../language/model/catalogProvider';

export async function openCatalog(
  settings: ServerSettings,
  storageDir: string | undefined,
  log: (line: string) => void,
): Promise<UnityCatalogProvider> {
  return createUnityCatalogProvider({
    enabled: settings.catalog.enabled,
    authorization: settings.catalog.auth ?? 'token',
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(storageDir ? { storageDir } : {}),
    cacheTtlMs: settings.catalog.ttlSeconds * 1000,
    timeoutMs: settings.catalog.timeoutMs,
    log: (line) => log(`catalog: ${line}`),
  });
}

/**
 * The model asks "does this table exist, with which columns" synchronously:
 * answer from the provider's cache and ask it to fetch what it lacks, so the
 * next analysis knows more.
 */
export function catalogLookupOf(provider: () => UnityCatalogProvider | undefined): CatalogLookup {
  return (fullName) => {
    const p = provider();
    if (!p) return 'unknown';
    const hit = p.peekTable(fullName);
    if (!hit || !hit.fresh) void p.getTable(fullName);
    if (!hit) return 'unknown';
    if (hit.value === null) return undefined;
    return { fullName: hit.value.fullName, columns: hit.value.columns.map((c) => ({ name: c.name, type: c.typeText })) };
  };
}

export function statusOfCatalog(state: CatalogState): { catalog: StatusCatalogState; message: string } {
  switch (state.kind) {
    case 'disabled':
      return { catalog: 'disabled', message: state.message };
    case 'connecting':
    case 'connected':
      return { catalog: 'connected', message: state.message };
    case 'offline':
      return {
        catalog: state.reason === 'unauthorized' || state.reason === 'forbidden' ? 'unauthorized' : 'offline',
        message: state.message,
      };
  }
}
