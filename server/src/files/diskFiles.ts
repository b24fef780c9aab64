// The disk as a FileProvider for the I/O edges (the CLI, the language server,
// the local engine): file ids are absolute paths with forward slashes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FileProvider } from '../language/model/fileProvider';

// Never pipeline sources: dependencies, build output, and hidden folders (VCS,
// tool state such as .databricks, the local run's .lakeflow, test installs).
const SKIPPED_DIRS = new Set(['node_modules', 'out']);
const isSkippedDir = (name: string) => SKIPPED_DIRS.has(name) || name.startsWith('.');

export function toFileId(path: string): string {
  return path.replace(/\\/g, '/');
}

export function diskFiles(): FileProvider {
  return {
    readText(file) {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    listFiles(dir) {
      const out: string[] = [];
      const visit = (d: string, depth: number) => {
        if (depth > 32) return;
        let entries: string[];
        try {
          entries = readdirSync(d);
        } catch {
          return;
        }
        for (const e of entries.sort()) {
          const p = join(d, e);
          let isDir: boolean;
          try {
            isDir = statSync(p).isDirectory();
          } catch {
            continue;
          }
          if (isDir) {
            if (!isSkippedDir(e)) visit(p, depth + 1);
          } else out.push(toFileId(p));
        }
      };
      visit(dir, 0);
      return out;
    },
  };
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
