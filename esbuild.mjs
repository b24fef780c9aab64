// Bundles the three shipped entry points. Type checking is `tsc -b`'s job; this
// only produces the files the extension manifest, the server launch and the
// `lakeflow` bin point at.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native DuckDB bindings cannot be bundled; they load from node_modules.
  external: ['vscode', '@duckdb/node-api', '@duckdb/node-bindings*'],
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/lakeflow.js' },
];

for (const b of builds) {
  const options = { ...common, ...b };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}
