// `npm run bench [name...]`: runs the compiled benchmarks (out/test/bench/*.bench.js).
// Each module exports `run(report)`; figures are medians and ratios against a
// baseline measured in the same run, never timed assertions.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../..', import.meta.url).pathname;
const dir = join(root, 'out/test/bench');
if (!existsSync(dir)) {
  console.error('bench: out/test/bench is missing; run `npm run build` first');
  process.exit(1);
}
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
for (const file of files) {
  const mod = await import(pathToFileURL(join(dir, file)).href);
  console.log(`\n## ${file.replace(/\.bench\.js$/, '')}`);
  await mod.run();
}
