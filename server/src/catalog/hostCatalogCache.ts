// What one workspace host has told us, in memory and in one JSON file per host
// under the storage folder the client hands in (VS Code's globalStorage), so a
// restart answers completion before the network does. Only catalog facts are
// stored: the file never sees the token. Entries older than the time-to-live are
// still served (marked stale) so an offline workspace keeps its last knowledge.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Cached } from '../language/model/catalogProvider';
import { CACHE_KEY_KINDS, CacheKeyKind, isCachedValue } from './cachedValueGuards';

// 2: keys keep the spelling the server was asked with (format 1 lowercased them,
// which mixed up the names of a case-sensitive server).
const FILE_FORMAT = 2;

export interface HostCatalogCacheOptions {
  readonly host: string;
  /** No disk cache when absent. */
  readonly storageDir?: string;
  readonly ttlMs: number;
  readonly now: () => number;
  readonly log: (line: string) => void;
}

interface Entry {
  readonly fetchedAt: number;
  readonly value: unknown;
}

/**
 * Keys are `kind/name...` spelled as asked; Unity Catalog names cannot contain
 * '/'. Whether two spellings share an answer is the server's business: the
 * provider lowercases the names itself once the host has shown it ignores case.
 */
export function cacheKey(kind: CacheKeyKind, ...names: string[]): string {
  return [kind, ...names].join('/');
}

export class HostCatalogCache {
  private readonly entries = new Map<string, Entry>();
  private readonly file: string | undefined;
  private writing: Promise<void> = Promise.resolve();
  private writeQueued = false;
  /** Settles (never rejects) once the disk file has been read. */
  readonly loaded: Promise<void>;

  constructor(private readonly options: HostCatalogCacheOptions) {
    this.file =
      options.storageDir === undefined ? undefined : join(options.storageDir, 'unity-catalog', `${fileNameFor(options.host)}.json`);
    this.loaded = this.load();
    // Writes wait for the read, so a write can never replace entries not yet loaded.
    this.writing = this.loaded;
  }

  get<T>(key: string): Cached<T> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    return { value: entry.value as T, fresh: this.options.now() - entry.fetchedAt < this.options.ttlMs };
  }

  set(key: string, value: unknown): void {
    this.entries.set(key, { fetchedAt: this.options.now(), value });
    this.scheduleWrite();
  }

  /** Copies every entry to its lower-case key (when that key is free): the host was found to ignore case. */
  aliasLowerCase(): void {
    let added = false;
    for (const [key, entry] of [...this.entries]) {
      const lower = key.toLowerCase();
      if (lower !== key && !this.entries.has(lower)) {
        this.entries.set(lower, entry);
        added = true;
      }
    }
    if (added) this.scheduleWrite();
  }

  /** Forgets everything for this host, on disk too. */
  async clear(): Promise<void> {
    this.entries.clear();
    await this.flush();
    if (this.file !== undefined) await rm(this.file, { force: true }).catch((e: unknown) => this.warn('remove', e));
  }

  /** Waits for pending disk writes. */
  flush(): Promise<void> {
    return this.writing;
  }

  private async load(): Promise<void> {
    if (this.file === undefined) return;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn('read', error);
      return;
    }
    let dropped = 0;
    for (const [key, entry] of Object.entries(parseFile(text, this.options.host))) {
      const kind = key.split('/')[0];
      const fetchedAt = entry?.fetchedAt;
      if (typeof fetchedAt !== 'number' || !isKnownKind(kind) || !isCachedValue(kind, entry?.value)) dropped++;
      else if (!this.entries.has(key)) this.entries.set(key, { fetchedAt, value: entry?.value });
    }
    if (dropped > 0) this.options.log(`catalog cache ${this.file}: ${dropped} unreadable entries ignored`);
  }

  private scheduleWrite(): void {
    if (this.file === undefined || this.writeQueued) return;
    this.writeQueued = true;
    this.writing = this.writing.then(async () => {
      this.writeQueued = false;
      await this.write().catch((e: unknown) => this.warn('write', e));
    });
  }

  private async write(): Promise<void> {
    const file = this.file as string;
    const body = JSON.stringify({ format: FILE_FORMAT, host: this.options.host, entries: Object.fromEntries(this.entries) });
    await mkdir(join(file, '..'), { recursive: true });
    // Write then rename, so a crash never leaves half a file behind.
    const temporary = `${file}.${process.pid}-${randomUUID()}.tmp`;
    await writeFile(temporary, body, { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, file);
  }

  private warn(action: string, error: unknown): void {
    this.options.log(`catalog cache: cannot ${action} ${this.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function parseFile(text: string, host: string): Record<string, Partial<Entry> | undefined> {
  try {
    const parsed = JSON.parse(text) as { format?: unknown; host?: unknown; entries?: unknown };
    const usable = parsed.format === FILE_FORMAT && parsed.host === host && typeof parsed.entries === 'object' && parsed.entries !== null;
    return usable ? (parsed.entries as Record<string, Partial<Entry>>) : {};
  } catch {
    return {};
  }
}

function isKnownKind(kind: string): kind is CacheKeyKind {
  return (CACHE_KEY_KINDS as readonly string[]).includes(kind);
}

/** `https://adb-1.net:443` -> `https_adb-1.net_443`: readable and safe as a file name. */
function fileNameFor(host: string): string {
  return host.replace('://', '_').replace(/[^A-Za-z0-9.-]/g, '_');
}
