// File helpers for the pipeline and bundle tests: where the repository is,
// recursive listing, and globs matched by the product's glob rules.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globToRegExp } from '../../../server/src/language/model/glob';

/** The repository root: the nearest folder above the compiled test holding package.json. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = resolve(start);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** Every file under dir, as absolute paths, sorted. */
export function listFilesRecursively(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...listFilesRecursively(path));
    else files.push(path);
  }
  return files;
}

export function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Files matching a glob written relative to baseDir (`../x/**`, `resources/*.yml`).
 * The literal leading segments choose the folder to list, the rest is matched
 * with the product's glob rules (the ones the bundle loader uses).
 */
export function matchGlob(baseDir: string, pattern: string): string[] {
  const segments = pattern.split('/');
  const firstWild = segments.findIndex((s) => /[*?[]/.test(s));
  if (firstWild === -1) {
    const file = resolve(baseDir, pattern);
    return existsSync(file) && statSync(file).isFile() ? [file] : [];
  }
  const root = resolve(baseDir, segments.slice(0, firstWild).join('/') || '.');
  const matcher = globToRegExp(segments.slice(firstWild).join('/'));
  return listFilesRecursively(root).filter((file) => matcher.test(toPosix(relative(root, file))));
}

/** True when path lies inside (or is) folder. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
}
