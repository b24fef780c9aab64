// The model's narrow view of Unity Catalog: "does this table exist, and with
// which columns". A local interface so the model does not depend on the
// catalog provider's full types; the LSP/CLI adapt the provider to it.
export interface CatalogTable {
  fullName: string;
  columns?: { name: string; type?: string }[];
}

/** A table, `undefined` when the catalog knows it does not exist, `'unknown'` when there is no data. */
export type CatalogLookup = (fullName: string) => CatalogTable | undefined | 'unknown';

export const noCatalog: CatalogLookup = () => 'unknown';
