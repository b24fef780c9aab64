// The landing root on disk: preparing it for a batch, publishing the
// manifest atomically, and undoing a failed batch. The manifest is the
// commit point: it is removed before anything is written and renamed into
// place only after every data file is closed, so a manifest never describes
// files that are missing or partial.
import { mkdir, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CDC_ENTITIES } from './entityTypes';
import { LandingEntity, entityFolder, isPartOfBatch } from './landingLayout';
import { MANIFEST_FILE } from './manifest';

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
  constructor(readonly root: string, readonly batch: string) {}

  /** Creates the folders, drops any earlier manifest and this batch's old files. */
  async prepare(): Promise<void> {
    await this.attempt('create directory', this.root, () => makeDirectories(this.root));
    const info = await this.attempt('use directory', this.root, () => stat(this.root));
    if (!info.isDirectory()) throw new LandingIoError(`cannot use directory '${this.root}': not a directory`);
    await this.attempt('remove', join(this.root, MANIFEST_FILE), () => rm(join(this.root, MANIFEST_FILE), { force: true }));
    for (const entity of LANDING_ENTITIES) {
      const dir = join(this.root, entityFolder(entity));
      await this.attempt('create directory', dir, () => makeDirectories(dir));
      // Re-running a batch replaces it; stale parts of a larger earlier run must not remain.
      for (const name of await this.attempt('list', dir, () => readdir(dir))) {
        if (isPartOfBatch(name, this.batch)) await this.attempt('remove', join(dir, name), () => unlink(join(dir, name)));
      }
    }
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  /** Writes the manifest beside its final name, then renames it into place. */
  async publishManifest(text: string): Promise<void> {
    const temp = join(this.root, `.${MANIFEST_FILE}.${this.batch}.tmp`);
    await this.attempt('write', temp, () => writeFile(temp, text));
    await this.attempt('write', join(this.root, MANIFEST_FILE), () => rename(temp, join(this.root, MANIFEST_FILE)));
  }

  /** Best effort after a failure: remove what this batch wrote. */
  async discard(relativePaths: string[]): Promise<void> {
    const paths = [...relativePaths.map((p) => this.path(p)), join(this.root, `.${MANIFEST_FILE}.${this.batch}.tmp`)];
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
async function makeDirectories(path: string): Promise<void> {
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
