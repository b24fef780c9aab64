// The model's narrow view of Unity Catalog: "does this table exist, and with
// which columns". Synchronous, so lineage and diagnostics stay pure functions
// of what is known now; `catalogLookupFrom` adapts the catalog provider.
import type { CatalogProvider } from './catalogProvider';
export interface CatalogTable {
  fullName: string;
  columns?: { name: string; type?: string }[];
}

/** A table, `undefined` when the catalog knows it does not exist, `'unknown'` when there is no data. */
export type CatalogLookup = (fullName: string) => CatalogTable | undefined | 'unknown';

export const noCatalog: CatalogLookup = () => 'unknown';

/**
 * Adapts the Unity Catalog provider: answers from its cache only (synchronous,
 * so diagnostics never wait on the network); a table not cached yet is 'unknown'.
 */
export function catalogLookupFrom(provider: Pick<CatalogProvider, 'peekTable'>): CatalogLookup {
  return (fullName) => {
    const cached = provider.peekTable(fullName);
    if (!cached) return 'unknown';
    if (cached.value === null) return undefined;
    return {
      fullName: cached.value.fullName,
      columns: cached.value.columns.map((c) => ({ name: c.name, type: c.typeText.toUpperCase() })),
    };
  };
}
