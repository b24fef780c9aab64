// Cloud paths in a pipeline's read_files / cloud_files calls (Unity Catalog
// volumes, DBFS, S3, ADLS, GCS) mapped to local folders for a local run:
// `lakeflow run --map PREFIX=DIR` and the setting `lakeflow.localRun.pathMap`.
// Pure: the runtime lists the mapped folder; a path no mapping covers is named
// with the option that maps it, never read as a relative local path.

/** One mapping: a cloud path prefix and the local folder it stands for. */
export interface PathMapping {
  prefix: string;
  dir: string;
}

/** The schemes a Databricks pipeline reads files from that do not exist on this machine. */
const CLOUD_PATH = /^(\/Volumes\/|\/dbfs\/|dbfs:\/|s3a?:\/\/|s3n:\/\/|abfss?:\/\/|wasbs?:\/\/|gs:\/\/|\/Workspace\/)/i;

export function isCloudPath(path: string): boolean {
  return CLOUD_PATH.test(path);
}

/** The scheme or root a cloud path starts with (`/Volumes/`, `s3://`, ...), for messages. */
export function cloudRoot(path: string): string | undefined {
  return CLOUD_PATH.exec(path)?.[1];
}

/** Parses `PREFIX=DIR` as given to `--map`; the prefix may itself hold `=` only before the last one. */
export function parseMapping(text: string): PathMapping | { error: string } {
  const eq = text.lastIndexOf('=');
  if (eq <= 0 || eq === text.length - 1) return { error: `--map needs PREFIX=DIR, got '${text}'` };
  const prefix = text.slice(0, eq).trim();
  const dir = text.slice(eq + 1).trim();
  if (!prefix || !dir) return { error: `--map needs PREFIX=DIR, got '${text}'` };
  return { prefix, dir };
}

/** Compares prefixes as paths: `/Volumes/a/b` covers `/Volumes/a/b/x` but not `/Volumes/a/bc`. */
function covers(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return path === p || path.startsWith(p + '/');
}

export type MappedPath =
  { kind: 'local'; path: string } | { kind: 'mapped'; path: string; mapping: PathMapping } | { kind: 'unmapped'; root: string };

/**
 * Where a source path is read from locally: the longest mapping prefix that
 * covers it (the rest of the path kept below the mapped folder), the path
 * itself when it is not a cloud path, or `unmapped`.
 */
export function mapPath(path: string, mappings: readonly PathMapping[]): MappedPath {
  let best: PathMapping | undefined;
  for (const m of mappings) {
    if (covers(m.prefix, path) && (!best || m.prefix.replace(/\/+$/, '').length > best.prefix.replace(/\/+$/, '').length)) best = m;
  }
  if (best) {
    const rest = path.slice(best.prefix.replace(/\/+$/, '').length).replace(/^\/+/, '');
    const dir = best.dir.replace(/\/+$/, '');
    return { kind: 'mapped', path: rest ? `${dir}/${rest}` : dir, mapping: best };
  }
  const root = cloudRoot(path);
  return root ? { kind: 'unmapped', root } : { kind: 'local', path };
}

/** The message for a path no mapping covers, naming both ways to map it. */
export function unmappedMessage(path: string): string {
  const suggested = suggestPrefix(path);
  return `reads ${path}, a cloud path with no local folder: map it with --map ${suggested}=DIR (or the setting lakeflow.localRun.pathMap: { "${suggested}": "DIR" })`;
}

/** A prefix worth mapping: a volume (`/Volumes/c/s/v`), a bucket or container, else the path's folder. */
export function suggestPrefix(path: string): string {
  const volume = /^\/Volumes\/[^/]+\/[^/]+\/[^/]+/.exec(path);
  if (volume) return volume[0];
  const bucket = /^[a-z0-9]+:\/\/[^/]+/i.exec(path);
  if (bucket) return bucket[0];
  const dbfs = /^dbfs:\/[^/]+/i.exec(path);
  if (dbfs) return dbfs[0];
  return path.replace(/\/[^/]*$/, '') || path;
}
