// What the pure language layer knows about Unity Catalog: plain data and one
// injected provider. The networked implementation lives in server/src/catalog/;
// the language layer only ever sees this interface, so completion and hover work
// the same with a live workspace, a cache on disk, or nothing at all.

export interface CatalogInfo {
  readonly name: string;
  readonly comment?: string;
}

export interface SchemaInfo {
  readonly name: string;
  readonly catalogName: string;
  /** `catalog.schema` */
  readonly fullName: string;
  readonly comment?: string;
}

export interface ColumnInfo {
  readonly name: string;
  /** Full SQL type as the catalog spells it, e.g. `decimal(10,2)`, `struct<a:int>`. */
  readonly typeText: string;
  /** Coarse type name (`STRING`, `LONG`, `DECIMAL`, `STRUCT`, ...); empty when the catalog gave none. */
  readonly typeName: string;
  /** 0-based ordinal position. */
  readonly position: number;
  readonly nullable: boolean;
  readonly comment?: string;
}

/** A table as a listing knows it: no columns (they are asked for per table). */
export interface TableSummary {
  readonly name: string;
  readonly catalogName: string;
  readonly schemaName: string;
  /** `catalog.schema.table` */
  readonly fullName: string;
  /** `MANAGED`, `EXTERNAL`, `VIEW`, `MATERIALIZED_VIEW`, `STREAMING_TABLE`, ... */
  readonly tableType: string;
  readonly comment?: string;
}

export interface TableInfo extends TableSummary {
  /** Ordered by position. */
  readonly columns: readonly ColumnInfo[];
}

/** A Unity Catalog volume: files under `/Volumes/<catalog>/<schema>/<volume>/`. */
export interface VolumeInfo {
  readonly name: string;
  readonly catalogName: string;
  readonly schemaName: string;
  /** `catalog.schema.volume` */
  readonly fullName: string;
  /** `MANAGED` or `EXTERNAL`. */
  readonly volumeType: string;
  readonly storageLocation?: string;
  readonly comment?: string;
}

export interface FunctionParameterInfo {
  readonly name: string;
  /** As the catalog spells it, e.g. `decimal(10,2)`. */
  readonly typeText: string;
  readonly comment?: string;
  /** The default's SQL text when the parameter is optional. */
  readonly defaultValue?: string;
}

/** A SQL function registered in Unity Catalog (`catalog.schema.fn`). */
export interface CatalogFunctionInfo {
  readonly name: string;
  readonly catalogName: string;
  readonly schemaName: string;
  /** `catalog.schema.fn` */
  readonly fullName: string;
  /** Ordered by position. */
  readonly parameters: readonly FunctionParameterInfo[];
  /** The return type (`full_data_type`), `TABLE(...)` for table functions; empty when not given. */
  readonly returns: string;
  readonly comment?: string;
}

/** How the server compares names: learnt from its answers, `unknown` until they show it. */
export type NameCase = 'unknown' | 'insensitive' | 'sensitive';

/** A cached answer; `fresh` is false once its time-to-live has passed (it is still served). */
export interface Cached<T> {
  readonly value: T;
  readonly fresh: boolean;
}

/** Why the catalog cannot be reached right now. */
export type CatalogOfflineReason =
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'malformed'
  | 'too-large'
  | 'unsupported-auth'
  | 'auth-config';

/**
 * `disabled`: turned off or nothing configured; `connecting`: credentials found,
 * no answer yet; `connected`: the last call was answered; `offline`: the last call
 * failed for `reason` (cached knowledge is still served).
 */
export type CatalogState =
  | { readonly kind: 'disabled'; readonly message: string }
  | { readonly kind: 'connecting'; readonly host: string; readonly message: string }
  | { readonly kind: 'connected'; readonly host: string; readonly message: string }
  | { readonly kind: 'offline'; readonly reason: CatalogOfflineReason; readonly host?: string; readonly message: string };

export interface CatalogSubscription {
  dispose(): void;
}

/**
 * Lazy, never-throwing access to Unity Catalog. The async calls answer from the
 * cache when it is fresh, otherwise ask the workspace; they resolve to undefined
 * when nothing is known (the state says why). The `peek*` calls answer
 * synchronously from what is cached, so completion can reply at once and start
 * the matching async call in the background when the answer is missing or stale.
 * Names are compared as the server does: Databricks' Unity Catalog ignores
 * case (it stores names in lower case), the open-source server does not; until
 * the server has shown which, a spelling is only ever answered by what the
 * server said for that spelling.
 */
export interface CatalogProvider {
  readonly state: CatalogState;
  /** Called once per state transition, never for repeats of the same state. */
  onDidChangeState(listener: (state: CatalogState) => void): CatalogSubscription;

  listCatalogs(): Promise<readonly CatalogInfo[] | undefined>;
  listSchemas(catalog: string): Promise<readonly SchemaInfo[] | undefined>;
  listTables(catalog: string, schema: string): Promise<readonly TableSummary[] | undefined>;
  /** The table with its columns; undefined when it does not exist or cannot be known. */
  getTable(fullName: string): Promise<TableInfo | undefined>;

  peekCatalogs(): Cached<readonly CatalogInfo[]> | undefined;
  peekSchemas(catalog: string): Cached<readonly SchemaInfo[]> | undefined;
  peekTables(catalog: string, schema: string): Cached<readonly TableSummary[]> | undefined;
  /** `value` null: the catalog said this table does not exist. */
  peekTable(fullName: string): Cached<TableInfo | null> | undefined;
  /** True when the workspace refused (403) to describe this table to the configured credentials. */
  isRefused?(fullName: string): boolean;

  /** How this server compares names, as far as its answers have shown. */
  nameCase?(): NameCase;

  // Volumes and functions: optional, so a provider that only knows tables still fits.
  listVolumes?(catalog: string, schema: string): Promise<readonly VolumeInfo[] | undefined>;
  peekVolumes?(catalog: string, schema: string): Cached<readonly VolumeInfo[]> | undefined;
  /** The volume; undefined when it does not exist or cannot be known. */
  getVolume?(fullName: string): Promise<VolumeInfo | undefined>;
  /** `value` null: the catalog said this volume does not exist. */
  peekVolume?(fullName: string): Cached<VolumeInfo | null> | undefined;
  listFunctions?(catalog: string, schema: string): Promise<readonly CatalogFunctionInfo[] | undefined>;
  peekFunctions?(catalog: string, schema: string): Cached<readonly CatalogFunctionInfo[]> | undefined;
}
