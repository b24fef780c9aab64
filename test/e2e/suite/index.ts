// Entry point given to VS Code as --extensionTestsPath (by both runners):
// loads every *.test.js beside it, lets each register its tests, runs them.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Harness } from './harness';

export async function run(): Promise<void> {
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  // Activation is measured first, before other tests trigger it.
  files.sort((a, b) => Number(b.startsWith('activation')) - Number(a.startsWith('activation')));
  const harness = new Harness();
  // The compiled suites are found at run time, so they are loaded with require, not imported.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const f of files) (require(path.join(__dirname, f)) as { register(h: Harness): void }).register(harness);
  const { failed } = await harness.runRegistered();
  if (failed > 0) throw new Error(`${failed} end-to-end test(s) failed`);
}
