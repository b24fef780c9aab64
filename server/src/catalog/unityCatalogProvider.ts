// The Unity Catalog provider the language server injects into the pure language
// layer: lazy (a listing is asked for only when completion or a reference needs
// it), cached per host in memory and on disk, coalescing identical requests, and
// never throwing. Outages become one offline state; while offline it serves what
// it knows and waits `offlineRetryMs` before trying the network again (outages of
// credentials wait for refresh()), so typing never queues up timeouts. A 403
// on one catalog, schema or table is that object's grant, not an outage: the
// rest of the catalog keeps working and the object is not asked again until
// the cache's time-to-live passes or refresh(). Names are compared as the host
// compares them, learnt from its answers (nameCaseEvidence.ts): until it has
// shown that it ignores case, each spelling is cached on its own.
import { homedir } from 'node:os';
import { readFile } from 'node:fs/promises';
import {
  Cached,
  CatalogInfo,
  CatalogProvider,
  CatalogFunctionInfo,
  CatalogState,
  CatalogSubscription,
  NameCase,
  SchemaInfo,
  TableInfo,
  TableSummary,
  VolumeInfo,
} from '../language/model/catalogProvider';
import { CacheKeyKind } from './cachedValueGuards';
import { CatalogAuth, resolveCatalogAuth } from './catalogAuth';
import { Outcome, isPerRequestFailure, isTransientOutage } from './catalogFailure';
import { CatalogHttpClient, createCatalogHttpClient } from './catalogHttpClient';
import { CatalogStateTracker } from './catalogStateTracker';
import { HostCatalogCache, cacheKey } from './hostCatalogCache';
import { PagingLimits, listAllPages } from './listAllPages';
import { caseEvidence } from './nameCaseEvidence';
import { redactSecrets } from './redactSecrets';
import {
  Checked,
  Page,
  parseCatalogsPage,
  parseFunctionsPage,
  parseSchemasPage,
  parseTable,
  parseTablesPage,
  parseVolume,
  parseVolumesPage,
} from './unityCatalogShapes';

export interface UnityCatalogProviderOptions {
  /** False turns catalog completion off (state `disabled`, no network). Default true. */
  readonly enabled?: boolean;
  /** Explicit credentials from the client (settings + secret storage); they win over everything else. */
  readonly host?: string;
  readonly token?: string;
  /** Profile of the config file to use (setting); else DATABRICKS_CONFIG_PROFILE, else DEFAULT. */
  readonly profile?: string;
  /** `none`: the server has authorization off and the user said so (lakeflow.catalog.auth); no token is sent. Default `token`. */
  readonly authorization?: 'token' | 'none';
  /** Environment to read DATABRICKS_* from. Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where `~/.databrickscfg` lives. Default: the user's home. */
  readonly homeDir?: string;
  /** Folder for the per-host cache files (the extension's globalStorage); no disk cache without it. */
  readonly storageDir?: string;
  /** Default 1 hour. */
  readonly cacheTtlMs?: number;
  /** Per attempt. Default 5 s. */
  readonly timeoutMs?: number;
  /** Default 3 retries, from 500 ms doubling, at most 10 s per wait. */
  readonly maxRetries?: number;
  readonly retryBaseDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** After an outage, how long to serve the cache only before asking again. Default 30 s. */
  readonly offlineRetryMs?: number;
  /** Caps per listing. Default 500 pages, 20,000 items (the open-source server v0.6.0 pages by at most 100). */
  readonly maxPages?: number;
  readonly maxItems?: number;
  /** Largest answer body accepted. Default 16 MiB. */
  readonly maxResponseBytes?: number;
  /** How long onDidLearn waits to gather a burst of answers. Default 50 ms. */
  readonly learnDebounceMs?: number;
  /** Receives every log line, already redacted. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Reads the profiles file; undefined when it does not exist. Default: the file system. */
  readonly readTextFile?: (path: string) => Promise<string | undefined>;
}

export interface UnityCatalogProvider extends CatalogProvider {
  nameCase(): NameCase;
  listVolumes(catalog: string, schema: string): Promise<readonly VolumeInfo[] | undefined>;
  peekVolumes(catalog: string, schema: string): Cached<readonly VolumeInfo[]> | undefined;
  getVolume(fullName: string): Promise<VolumeInfo | undefined>;
  peekVolume(fullName: string): Cached<VolumeInfo | null> | undefined;
  listFunctions(catalog: string, schema: string): Promise<readonly CatalogFunctionInfo[] | undefined>;
  peekFunctions(catalog: string, schema: string): Cached<readonly CatalogFunctionInfo[]> | undefined;
  /** The table's 403 still stands (within the cache's time-to-live). */
  isRefused(fullName: string): boolean;
  /** Drops the cache for the host (memory and disk), reads the credentials again and forgets any outage. */
  refresh(): Promise<void>;
  /**
   * Called (at most every `learnDebounceMs`) after answers that added to what is
   * known, so diagnostics computed from the cache (LF202, LF206) can be
   * published again without waiting for the next edit.
   */
  onDidLearn(listener: () => void): CatalogSubscription;
  /** Cancels requests in flight, finishes disk writes and drops listeners. */
  dispose(): Promise<void>;
}

/** Resolves the credentials and reads the disk cache; never rejects. */
export async function createUnityCatalogProvider(options: UnityCatalogProviderOptions = {}): Promise<UnityCatalogProvider> {
  const provider = new CatalogProviderImpl(options);
  await provider.open();
  return provider;
}

/** One set of credentials and everything that depends on them; replaced by refresh(). */
interface Session {
  readonly auth: CatalogAuth;
  readonly cache?: HostCatalogCache;
  readonly http?: CatalogHttpClient;
  readonly inflight: Map<string, Promise<Known<unknown> | undefined>>;
  /** Keys the workspace refused with 403, and when. */
  readonly refused: Map<string, number>;
  readonly controller: AbortController;
  /** How the host compares names, as far as its answers have shown (kept in the disk cache). */
  readonly names: { mode: NameCase };
}

/** A value the workspace answered (null: it said the object does not exist). */
interface Known<T> {
  readonly value: T;
}

const DEFAULTS = {
  cacheTtlMs: 60 * 60 * 1000,
  timeoutMs: 5000,
  maxRetries: 3,
  retryBaseDelayMs: 500,
  maxRetryDelayMs: 10_000,
  offlineRetryMs: 30_000,
  maxPages: 500,
  maxItems: 20_000,
  maxResponseBytes: 16 * 1024 * 1024,
  learnDebounceMs: 50,
};

class CatalogProviderImpl implements UnityCatalogProvider {
  private session: Session = {
    auth: { kind: 'none', message: '' },
    inflight: new Map(),
    refused: new Map(),
    controller: new AbortController(),
    names: { mode: 'unknown' },
  };
  private offlineSince: number | undefined;
  private readonly tracker: CatalogStateTracker;
  private readonly settings: typeof DEFAULTS;
  private readonly now: () => number;
  private readonly learnListeners = new Set<() => void>();
  private learnTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: UnityCatalogProviderOptions) {
    this.settings = { ...DEFAULTS, ...definedOnly(options) };
    this.now = options.now ?? Date.now;
    this.tracker = new CatalogStateTracker({ kind: 'disabled', message: 'starting' }, (line) => this.log(line));
  }

  get state(): CatalogState {
    return this.tracker.state;
  }

  onDidChangeState(listener: (state: CatalogState) => void): CatalogSubscription {
    return this.tracker.subscribe(listener);
  }

  async open(): Promise<void> {
    this.session = await this.openSession();
    this.offlineSince = undefined;
    this.tracker.set(initialState(this.session.auth, this.options.enabled !== false));
  }

  async refresh(): Promise<void> {
    const old = this.session;
    old.controller.abort();
    await old.cache?.clear();
    await this.open();
  }

  onDidLearn(listener: () => void): CatalogSubscription {
    this.learnListeners.add(listener);
    return { dispose: () => void this.learnListeners.delete(listener) };
  }

  /** One call to the listeners per burst of answers. */
  private learnt(): void {
    if (this.learnTimer !== undefined || this.learnListeners.size === 0) return;
    this.learnTimer = setTimeout(() => {
      this.learnTimer = undefined;
      for (const listener of [...this.learnListeners]) {
        try {
          listener();
        } catch (error) {
          this.log(`catalog: a listener failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }, this.settings.learnDebounceMs);
    this.learnTimer.unref?.();
  }

  async dispose(): Promise<void> {
    if (this.learnTimer !== undefined) clearTimeout(this.learnTimer);
    this.learnListeners.clear();
    this.session.controller.abort();
    this.tracker.clear();
    await this.session.cache?.flush();
  }

  nameCase(): NameCase {
    return this.session.names.mode;
  }

  listCatalogs(): Promise<readonly CatalogInfo[] | undefined> {
    return this.answer<readonly CatalogInfo[]>(
      'catalogs',
      [],
      undefined,
      (http) => this.listing(http, '/catalogs', {}, parseCatalogsPage),
      (v) =>
        caseEvidence(
          [],
          [],
          v.map((c) => c.name),
        ),
    );
  }

  listSchemas(catalog: string): Promise<readonly SchemaInfo[] | undefined> {
    return this.answer<readonly SchemaInfo[]>(
      'schemas',
      [catalog],
      [],
      (http) => this.listing(http, '/schemas', { catalog_name: catalog }, parseSchemasPage),
      (v) =>
        caseEvidence(
          [catalog],
          [v[0]?.catalogName],
          v.map((x) => x.name),
        ),
    );
  }

  listTables(catalog: string, schema: string): Promise<readonly TableSummary[] | undefined> {
    // Columns are asked per table (getTable): a schema can hold thousands of tables.
    const query = { catalog_name: catalog, schema_name: schema, omit_columns: 'true', omit_properties: 'true' };
    return this.answer<readonly TableSummary[]>(
      'tables',
      [catalog, schema],
      [],
      (http) => this.listing(http, '/tables', query, parseTablesPage),
      (v) =>
        caseEvidence(
          [catalog, schema],
          [v[0]?.catalogName, v[0]?.schemaName],
          v.map((x) => x.name),
        ),
    );
  }

  async getTable(fullName: string): Promise<TableInfo | undefined> {
    const parts = threeParts(fullName);
    if (!parts) return undefined;
    const table = await this.answer<TableInfo | null>(
      'table',
      [fullName],
      null,
      (http) => this.getOne(http, '/tables', fullName, parseTable),
      (v) => (v === null ? 'unknown' : caseEvidence(parts, [v.catalogName, v.schemaName, v.name])),
    );
    return table ?? undefined;
  }

  listVolumes(catalog: string, schema: string): Promise<readonly VolumeInfo[] | undefined> {
    const query = { catalog_name: catalog, schema_name: schema };
    return this.answer<readonly VolumeInfo[]>(
      'volumes',
      [catalog, schema],
      [],
      (http) => this.listing(http, '/volumes', query, parseVolumesPage),
      (v) =>
        caseEvidence(
          [catalog, schema],
          [v[0]?.catalogName, v[0]?.schemaName],
          v.map((x) => x.name),
        ),
    );
  }

  async getVolume(fullName: string): Promise<VolumeInfo | undefined> {
    const parts = threeParts(fullName);
    if (!parts) return undefined;
    const volume = await this.answer<VolumeInfo | null>(
      'volume',
      [fullName],
      null,
      (http) => this.getOne(http, '/volumes', fullName, parseVolume),
      (v) => (v === null ? 'unknown' : caseEvidence(parts, [v.catalogName, v.schemaName, v.name])),
    );
    return volume ?? undefined;
  }

  listFunctions(catalog: string, schema: string): Promise<readonly CatalogFunctionInfo[] | undefined> {
    const query = { catalog_name: catalog, schema_name: schema };
    return this.answer<readonly CatalogFunctionInfo[]>(
      'functions',
      [catalog, schema],
      [],
      (http) => this.listing(http, '/functions', query, parseFunctionsPage),
      (v) =>
        caseEvidence(
          [catalog, schema],
          [v[0]?.catalogName, v[0]?.schemaName],
          v.map((x) => x.name),
        ),
    );
  }

  peekCatalogs(): Cached<readonly CatalogInfo[]> | undefined {
    return this.peek('catalogs', []);
  }

  peekSchemas(catalog: string): Cached<readonly SchemaInfo[]> | undefined {
    return this.peek('schemas', [catalog]);
  }

  peekTables(catalog: string, schema: string): Cached<readonly TableSummary[]> | undefined {
    return this.peek('tables', [catalog, schema]);
  }

  peekTable(fullName: string): Cached<TableInfo | null> | undefined {
    return this.peek('table', [fullName]);
  }

  peekVolumes(catalog: string, schema: string): Cached<readonly VolumeInfo[]> | undefined {
    return this.peek('volumes', [catalog, schema]);
  }

  peekVolume(fullName: string): Cached<VolumeInfo | null> | undefined {
    return this.peek('volume', [fullName]);
  }

  peekFunctions(catalog: string, schema: string): Cached<readonly CatalogFunctionInfo[]> | undefined {
    return this.peek('functions', [catalog, schema]);
  }

  private peek<T>(kind: CacheKeyKind, names: readonly string[]): Cached<T> | undefined {
    return this.session.cache?.get<T>(this.keyOf(this.session, kind, names));
  }

  /** The cache key for these names: as spelled, or in lower case once the host has shown it ignores case. */
  private keyOf(session: Session, kind: CacheKeyKind, names: readonly string[]): string {
    return cacheKey(kind, ...(session.names.mode === 'insensitive' ? names.map((n) => n.toLowerCase()) : names));
  }

  /** GET /tables/{full_name} or /volumes/{full_name}, checked. */
  private async getOne<T>(
    http: CatalogHttpClient,
    path: string,
    fullName: string,
    parse: (body: unknown) => Checked<T>,
  ): Promise<Outcome<T>> {
    const answer = await http.getJson(`${path}/${encodeURIComponent(fullName)}`);
    if (!answer.ok) return answer;
    const checked = parse(answer.value);
    return checked.ok ? checked : { ok: false, failure: { kind: 'malformed', message: `GET ${path}/${fullName}: ${checked.problem}` } };
  }

  private async openSession(): Promise<Session> {
    const controller = new AbortController();
    const inflight = new Map<string, Promise<Known<unknown> | undefined>>();
    const refused = new Map<string, number>();
    const names: { mode: NameCase } = { mode: 'unknown' };
    if (this.options.enabled === false) return { auth: { kind: 'none', message: '' }, inflight, refused, controller, names };
    const auth = await resolveCatalogAuth({
      explicit: { host: this.options.host, token: this.options.token, profile: this.options.profile },
      authorization: this.options.authorization ?? 'token',
      env: this.options.env ?? process.env,
      homeDir: this.options.homeDir ?? homedir(),
      readTextFile: this.options.readTextFile ?? readTextFileIfPresent,
    }).catch((error: unknown): CatalogAuth => ({
      kind: 'error',
      reason: 'auth-config',
      message: `cannot resolve credentials: ${String(error)}`,
    }));
    const host = auth.kind === 'none' ? undefined : auth.host;
    const cache =
      host === undefined
        ? undefined
        : new HostCatalogCache({
            host,
            storageDir: this.options.storageDir,
            ttlMs: this.settings.cacheTtlMs,
            now: this.now,
            log: (l) => this.log(l),
          });
    await cache?.loaded;
    names.mode = cache?.get<NameCase>(cacheKey('case'))?.value ?? 'unknown';
    const http = auth.kind === 'ok' ? this.httpClient(auth.host, auth.token, controller.signal) : undefined;
    return { auth, cache, http, inflight, refused, controller, names };
  }

  private httpClient(host: string, token: string | undefined, signal: AbortSignal): CatalogHttpClient {
    const s = this.settings;
    return createCatalogHttpClient({
      host,
      token,
      timeoutMs: s.timeoutMs,
      maxResponseBytes: s.maxResponseBytes,
      retry: { maxRetries: s.maxRetries, baseDelayMs: s.retryBaseDelayMs, maxDelayMs: s.maxRetryDelayMs },
      sleep: this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: this.options.random ?? Math.random,
      now: this.now,
      log: (line) => this.log(line),
      signal,
    });
  }

  private async listing<T>(
    http: CatalogHttpClient,
    path: string,
    query: Readonly<Record<string, string>>,
    parsePage: (body: unknown) => Checked<Page<T>>,
  ): Promise<Outcome<readonly T[]>> {
    const limits: PagingLimits = { maxPages: this.settings.maxPages, maxItems: this.settings.maxItems };
    const listed = await listAllPages(http, path, query, parsePage, limits, (line) => this.log(line));
    return listed.ok ? { ok: true, value: listed.value.items } : listed;
  }

  /**
   * Fresh cache, else the network (one request per key at a time), else whatever
   * stale value is cached. `missing` is what a 404 means for this key; `evidence`
   * reads from an answer how the host compares names.
   */
  private async answer<T>(
    kind: CacheKeyKind,
    names: readonly string[],
    missing: T | undefined,
    ask: (http: CatalogHttpClient) => Promise<Outcome<T>>,
    evidence: (value: T) => NameCase,
  ): Promise<T | undefined> {
    const session = this.session;
    const key = this.keyOf(session, kind, names);
    const cached = session.cache?.get<T>(key);
    if (cached?.fresh || session.http === undefined || !this.mayAskNetwork() || this.stillRefused(session, key)) return cached?.value;
    const http = session.http;
    let pending = session.inflight.get(key) as Promise<Known<T> | undefined> | undefined;
    if (pending === undefined) {
      const store = (value: T) => {
        this.learnNameCase(session, evidence(value));
        const storeKey = this.keyOf(session, kind, names);
        session.cache?.set(storeKey, value);
        return storeKey;
      };
      pending = this.ask(session, key, missing, () => ask(http), store).finally(() => session.inflight.delete(key));
      session.inflight.set(key, pending);
    }
    const known = await pending;
    return known !== undefined ? known.value : cached?.value;
  }

  /** Remembers the first thing the host's answers show about its names; lower-case keys from then on when it ignores case. */
  private learnNameCase(session: Session, found: NameCase): void {
    if (found === 'unknown' || session.names.mode !== 'unknown' || session !== this.session) return;
    session.names.mode = found;
    session.cache?.set(cacheKey('case'), found);
    if (found === 'insensitive') session.cache?.aliasLowerCase();
    const host = session.auth.kind === 'ok' ? session.auth.host : '';
    this.log(`catalog: ${host} compares names ${found === 'insensitive' ? 'ignoring case' : 'exactly (case-sensitive)'}`);
  }

  private async ask<T>(
    session: Session,
    key: string,
    missing: T | undefined,
    ask: () => Promise<Outcome<T>>,
    store: (value: T) => string,
  ): Promise<Known<T> | undefined> {
    const outcome = await ask().catch((error: unknown): Outcome<T> => ({
      ok: false,
      failure: { kind: 'unreachable', message: `unexpected failure: ${error instanceof Error ? error.message : String(error)}` },
    }));
    if (session !== this.session) return undefined; // refreshed or disposed meanwhile
    const host = session.auth.kind === 'ok' ? session.auth.host : '';
    if (outcome.ok) {
      session.refused.delete(key);
      session.refused.delete(store(outcome.value));
      this.markConnected(host);
      this.learnt();
      return { value: outcome.value };
    }
    const { failure } = outcome;
    if (failure.kind === 'cancelled') return undefined;
    this.log(`catalog: ${failure.message}`);
    if (failure.kind === 'forbidden' && key !== cacheKey('catalogs')) {
      // Only the workspace-wide listing speaks for the token; below it, 403 is one object's grant.
      session.refused.set(key, this.now());
      this.markConnected(host);
      return undefined;
    }
    if (isPerRequestFailure(failure.kind)) {
      this.markConnected(host); // the workspace answered, it just said no to this one request
      if (failure.kind !== 'not-found' || missing === undefined) return undefined;
      // Cached under the spelling asked, which is every spelling only once the host has shown it ignores case.
      session.cache?.set(key, missing);
      this.learnt();
      return { value: missing };
    }
    this.offlineSince = this.now();
    this.tracker.set({ kind: 'offline', reason: failure.kind, host, message: this.clean(failure.message) });
    return undefined;
  }

  isRefused(fullName: string): boolean {
    return this.stillRefused(this.session, this.keyOf(this.session, 'table', [fullName]));
  }

  private stillRefused(session: Session, key: string): boolean {
    const at = session.refused.get(key);
    return at !== undefined && this.now() - at < this.settings.cacheTtlMs;
  }

  private markConnected(host: string): void {
    this.offlineSince = undefined;
    const anonymous = this.session.auth.kind === 'ok' && this.session.auth.token === undefined;
    this.tracker.set({
      kind: 'connected',
      host,
      message: `connected to ${host}${anonymous ? ' without a token (lakeflow.catalog.auth is "none")' : ''}`,
    });
  }

  /** While offline: transient outages are retried after a pause, credential problems only after refresh(). */
  private mayAskNetwork(): boolean {
    const state = this.tracker.state;
    if (state.kind !== 'offline') return true;
    if (!isTransientOutage(state.reason) || this.offlineSince === undefined) return false;
    return this.now() - this.offlineSince >= this.settings.offlineRetryMs;
  }

  private clean(text: string): string {
    return redactSecrets(text, [this.options.token, this.session.auth.kind === 'ok' ? this.session.auth.token : undefined]);
  }

  private log(line: string): void {
    try {
      this.options.log?.(this.clean(line));
    } catch {
      // A failing logger must not take catalog answers down with it.
    }
  }
}

function initialState(auth: CatalogAuth, enabled: boolean): CatalogState {
  if (!enabled) return { kind: 'disabled', message: 'Unity Catalog completion is turned off' };
  switch (auth.kind) {
    case 'none':
      return { kind: 'disabled', message: auth.message };
    case 'error':
      return { kind: 'offline', reason: auth.reason, host: auth.host, message: auth.message };
    case 'ok': {
      const from = auth.source === 'profile' ? `profile '${auth.profile}'` : auth.source === 'environment' ? 'environment' : 'settings';
      if (auth.token === undefined) {
        return {
          kind: 'connecting',
          host: auth.host,
          message: `Unity Catalog at ${auth.host} without a token (lakeflow.catalog.auth is "none"; host from ${from})`,
        };
      }
      return { kind: 'connecting', host: auth.host, message: `Unity Catalog at ${auth.host} (credentials from ${from})` };
    }
  }
}

/** `catalog.schema.name` split in three, else undefined (such a name is never asked for). */
function threeParts(fullName: string): string[] | undefined {
  const parts = fullName.split('.');
  return parts.length === 3 && parts.every((p) => p.trim() !== '') ? parts : undefined;
}

async function readTextFileIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function definedOnly(options: UnityCatalogProviderOptions): Partial<typeof DEFAULTS> {
  const picked: Record<string, number> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = options[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) picked[key] = value;
  }
  return picked;
}
