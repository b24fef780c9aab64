// Finds the landing files a read_files path names: a directory (read
// recursively) or a glob, skipping hidden and marker files as Spark does
// (names starting with `_` or `.`), filtered by `pathGlobFilter`.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export interface LandingFile {
  path: string;
  size: number;
  /** Modification time, milliseconds since the epoch. */
  mtimeMs: number;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re +=
        '(' +
        glob
          .slice(i + 1, end)
          .split(',')
          .map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&'))
          .join('|') +
        ')';
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walkFiles(dir: string, out: LandingFile[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('_') || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, out);
    else if (e.isFile()) {
      const s = statSync(p);
      out.push({ path: p, size: s.size, mtimeMs: s.mtimeMs });
    }
  }
}

/** Files under `path` (a `file:` URI, an absolute path or relative to `baseDir`), sorted by path. */
export function listLandingFiles(path: string, baseDir: string, pathGlobFilter?: string): LandingFile[] {
  const local = path.replace(/^file:(\/\/)?/, '');
  const absolute = resolve(baseDir, local);
  const firstGlob = absolute.search(/[*?{[]/);
  let files: LandingFile[] = [];
  if (firstGlob < 0) {
    walkFiles(absolute, files);
    if (files.length === 0) {
      try {
        const s = statSync(absolute);
        if (s.isFile()) files.push({ path: absolute, size: s.size, mtimeMs: s.mtimeMs });
      } catch {
        // absent: no files
      }
    }
  } else {
    const root = absolute.slice(0, absolute.lastIndexOf(sep, firstGlob));
    const re = globToRegExp(absolute.split(sep).join('/'));
    walkFiles(root, files);
    files = files.filter((f) => re.test(f.path.split(sep).join('/')));
  }
  if (pathGlobFilter) {
    const re = globToRegExp(pathGlobFilter);
    files = files.filter((f) => re.test(f.path.slice(f.path.lastIndexOf(sep) + 1)));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
