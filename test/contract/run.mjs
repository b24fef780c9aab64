// The contract suite: builds the pinned Databricks CLI once (scripts/databricks-cli.mjs,
// into the ignored .contract/bin/), then runs the compiled contract tests against it,
// one file at a time (each starts the real CLI many times; the machine is small).
// Ends with `N passed, N failed` like the other suites. Without Go or with a failed
// build the suite fails with the reason; it never skips.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDatabricksCli } from '../../scripts/databricks-cli.mjs';
import { runTap } from '../run.mjs';

const root = new URL('../..', import.meta.url).pathname;
let cli;
const started = Date.now();
try {
  cli = ensureDatabricksCli((line) => console.log(line));
} catch (e) {
  console.log(`not ok - the pinned Databricks CLI could not be built: ${e.message}`);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
console.log(`Databricks CLI: ${cli} (ready in ${Math.round((Date.now() - started) / 1000)} s)`);
const dir = join(root, 'out/test/contract');
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.test.js'))
      .sort()
      .map((f) => join(dir, f))
  : [];
if (files.length === 0) {
  console.log('not ok - no compiled contract tests in out/test/contract (run tsc -b first)');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
const r = runTap(files, { env: { ...process.env, LAKEFLOW_CONTRACT_CLI: cli }, args: ['--test-concurrency=1'] });
const fail = r.fail + (r.status !== 0 && r.fail === 0 ? 1 : 0);
console.log(`\n${r.pass} passed, ${fail} failed`);
process.exitCode = fail === 0 && r.pass > 0 ? 0 : 1;
