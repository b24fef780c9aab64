// The SQL the syntax tests run over: this package's samples in
// test/fixtures/sql plus the repository's pipeline (pipelines/**.sql) once it exists.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');

/** Every .sql file below `dir`, sorted; none when it does not exist. */
export function sqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sqlFiles(path);
      return name.endsWith('.sql') ? [path] : [];
    });
}

export interface SqlFile {
  path: string;
  text: string;
}

export function fixtureSql(): SqlFile[] {
  return [...sqlFiles(join(root, 'test/fixtures/sql')), ...sqlFiles(join(root, 'pipelines'))].map((path) => ({
    path,
    text: readFileSync(path, 'utf8'),
  }));
}
