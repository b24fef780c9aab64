// `npm run bench [name...]`: runs the compiled benchmarks (out/test/bench/*.bench.js).
// Each module exports `run(report)`; figures are medians and ratios against a
// baseline measured in the same run, never timed assertions.
// With no name every benchmark runs (after listing them); `--list` only lists;
// a name that matches no benchmark is an error (exit 2), never a silent no-op.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../..', import.meta.url).pathname;
const dir = join(root, 'out/test/bench');
if (!existsSync(dir)) {
  console.error('bench: out/test/bench is missing; run `npm run build` first');
  process.exit(1);
}
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.replace(/\.bench\.js$/, ''))
  .sort();
const args = process.argv.slice(2);
const listing = `benchmarks: ${all.join(', ')}\nusage: npm run bench [name...] (no name: all of them; --list: only this list)`;
if (args.includes('--list') || args.includes('--help') || args.includes('-h')) {
  console.log(listing);
  process.exit(0);
}
const unknown = args.filter((w) => !all.some((name) => name.startsWith(w)));
if (unknown.length > 0) {
  console.error(`bench: no benchmark named ${unknown.map((u) => `'${u}'`).join(', ')}\n${listing}`);
  process.exit(2);
}
const names = all.filter((name) => args.length === 0 || args.some((w) => name.startsWith(w)));
if (args.length === 0) console.log(`${listing}\nrunning all ${names.length}`);
for (const name of names) {
  const mod = await import(pathToFileURL(join(dir, `${name}.bench.js`)).href);
  console.log(`\n## ${name}`);
  await mod.run();
}
