// The landing root on disk: preparing it for a batch, publishing the batch
// atomically, and undoing a failed one. Landing data is append-only: a batch
// already published is never written again (refused), data files are written
// under hidden names (which readers skip, as Spark does) and renamed into
// place only once every one is closed, and the manifest, which accumulates
// the batches of the folder, is renamed into place last: a reader never sees
// a partial file, and a manifest never describes files that are missing.
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CDC_ENTITIES } from './entityTypes';
import { LandingEntity, entityFolder, isPartOfBatch } from './landingLayout';
import { Manifest, MANIFEST_FILE } from './manifest';

/** A failure to read or write the landing folder, with a one-line reason. */
export class LandingIoError extends Error {}

const LANDING_ENTITIES: LandingEntity[] = ['iot_events', ...CDC_ENTITIES];

export function describeIoError(action: string, path: string, e: unknown): LandingIoError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a parent is not a directory',
    EEXIST: 'a file is in the way',
    EISDIR: 'is a directory',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    ENOENT: 'no such file or directory',
  };
  const reason = (code && reasons[code]) ?? (e instanceof Error ? e.message.split('\n')[0] : String(e));
  return new LandingIoError(`cannot ${action} '${path}': ${reason}`);
}

export class LandingFolder {
  constructor(
    readonly root: string,
    readonly batch: string,
  ) {}

  /** The manifest already in the folder, if any: the batches published so far. */
  existingManifest(): Manifest | undefined {
    let text: string;
    try {
      text = readFileSync(join(this.root, MANIFEST_FILE), 'utf8');
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(text) as Manifest;
    } catch {
      throw new LandingIoError(
        `cannot read '${join(this.root, MANIFEST_FILE)}': not valid JSON (move it away to start a new landing folder)`,
      );
    }
  }

  /**
   * Creates the folders and refuses a batch that is already published. Files
   * of this batch that no manifest lists are leftovers of an interrupted
   * simulation (never published, never complete): they are removed.
   */
  async prepare(published: string[]): Promise<void> {
    await this.attempt('create directory', this.root, () => makeDirectories(this.root));
    const info = await this.attempt('use directory', this.root, () => stat(this.root));
    if (!info.isDirectory()) throw new LandingIoError(`cannot use directory '${this.root}': not a directory`);
    if (published.includes(this.batch)) {
      throw new LandingIoError(
        `batch ${this.batch} is already in '${this.root}': landing files are never rewritten; give another --seed or --start to add a batch, or another --out`,
      );
    }
    for (const entity of LANDING_ENTITIES) {
      const dir = join(this.root, entityFolder(entity));
      await this.attempt('create directory', dir, () => makeDirectories(dir));
      for (const name of await this.attempt('list', dir, () => readdir(dir))) {
        const part = name.startsWith('.') && name.endsWith('.tmp') ? name.slice(1, -4) : name;
        if (isPartOfBatch(part, this.batch)) await this.attempt('remove', join(dir, name), () => unlink(join(dir, name)));
      }
    }
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  /** Where a data file is written before it is published: a hidden name beside its own. */
  writingPath(relative: string): string {
    const final = this.path(relative);
    return join(dirname(final), `.${basename(final)}.tmp`);
  }

  /** Gives every data file of the batch its final name (all closed by now). */
  async publishFiles(relativePaths: string[]): Promise<void> {
    for (const p of relativePaths) await this.attempt('write', this.path(p), () => rename(this.writingPath(p), this.path(p)));
  }

  /** Writes the manifest beside its final name, then renames it into place. */
  async publishManifest(text: string): Promise<void> {
    const temp = join(this.root, `.${MANIFEST_FILE}.${this.batch}.tmp`);
    await this.attempt('write', temp, () => writeFile(temp, text));
    await this.attempt('write', join(this.root, MANIFEST_FILE), () => rename(temp, join(this.root, MANIFEST_FILE)));
  }

  /** Best effort after a failure: remove what this batch wrote. */
  async discard(relativePaths: string[]): Promise<void> {
    const paths = [
      ...relativePaths.flatMap((p) => [this.path(p), this.writingPath(p)]),
      join(this.root, `.${MANIFEST_FILE}.${this.batch}.tmp`),
    ];
    await Promise.all(paths.map((p) => rm(p, { force: true }).catch(() => undefined)));
  }

  private async attempt<T>(action: string, path: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw describeIoError(action, path, e);
    }
  }
}

/**
 * `mkdir -p` one level at a time. Node's own recursive mkdir never returns
 * when a parent exists but refuses children with ENOENT (procfs, sysfs); here
 * every level fails or succeeds once.
 */
export async function makeDirectories(path: string): Promise<void> {
  const missing: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    const info = await stat(p).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: p === path ? 'EEXIST' : 'ENOTDIR' });
      break;
    }
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const dir of missing) {
    await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e; // created meanwhile by someone else: fine
    });
  }
}
