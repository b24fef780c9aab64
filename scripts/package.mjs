// `npm run package`: the universal .vsix (bundles, media, manifest and
// the `lakeflow` CLI bundle; no native code) and platform-specific .vsix files
// that also carry DuckDB's native binding, so "Run Pipeline Locally" works from
// an installed extension. Each package is built in its own staging folder
// holding exactly the files `vsce ls` selects through the .vscodeignore
// allowlist, plus what the package adds; nothing is written into the repository
// except the .vsix files.
//
//   node scripts/package.mjs [--current-only] [--targets linux-x64,darwin-arm64] [--out DIR]
//
// The current platform's binding comes from node_modules; other platforms' are
// fetched with `npm pack @duckdb/node-bindings-<platform>@<installed version>`.
// A platform whose binding cannot be fetched is reported and skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(join(root, 'package.json'));
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');

/** DuckDB binding package suffix -> vsce target. */
export const PLATFORMS = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'linux-x64-musl': 'alpine-x64',
  'linux-arm64-musl': 'alpine-arm64',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64',
  'win32-arm64': 'win32-arm64',
};
/** Packages beside the binding that loading it needs (node-bindings picks glibc or musl with detect-libc). */
const RUNTIME_PACKAGES = ['@duckdb/node-api', '@duckdb/node-bindings', 'detect-libc'];
const CLI_BUNDLE = 'server/out/lakeflow.js';

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function currentBinding() {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform !== 'linux') return base;
  try {
    return require('detect-libc').familySync() === 'musl' ? `${base}-musl` : base;
  } catch {
    return base;
  }
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  return r.stdout;
}

const mb = (file) => `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`;

/** A staging folder with the allowlisted files, `extra` repository paths, and a .vscodeignore re-including them. */
function stage(base, name, files, extra) {
  const dir = join(base, name);
  for (const f of [...files, ...extra]) cpSync(join(root, f), join(dir, f), { recursive: true });
  const allow = readFileSync(join(root, '.vscodeignore'), 'utf8');
  writeFileSync(
    join(dir, '.vscodeignore'),
    `${allow.trimEnd()}\n# Added by scripts/package.mjs for this package:\n${extra.map((e) => `!${e}\n!${e}/**`).join('\n')}\n`,
  );
  return dir;
}

/** The binding package's folder: from node_modules for the current platform, else unpacked from `npm pack`. */
function bindingFolder(suffix, version, downloads) {
  const name = `@duckdb/node-bindings-${suffix}`;
  const local = join(root, 'node_modules', name);
  if (existsSync(join(local, 'duckdb.node'))) return local;
  const into = join(downloads, suffix);
  mkdirSync(into, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', `${name}@${version}`, '--silent', '--pack-destination', into], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  }).trim();
  const tarball = join(into, out.split('\n').at(-1).trim());
  run('tar', ['-xzf', tarball, '-C', into]);
  return join(into, 'package');
}

function main() {
  const outDir = resolve(option('out') ?? root);
  mkdirSync(outDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const duckdbVersion = JSON.parse(readFileSync(join(root, 'node_modules/@duckdb/node-bindings/package.json'), 'utf8')).version;
  if (!existsSync(join(root, CLI_BUNDLE))) throw new Error(`${CLI_BUNDLE} is missing: run \`npm run build\` first`);
  const current = currentBinding();
  const wanted = process.argv.includes('--current-only')
    ? [current]
    : (option('targets')
        ?.split(',')
        .map((t) => Object.keys(PLATFORMS).find((k) => k === t || PLATFORMS[k] === t) ?? t) ?? Object.keys(PLATFORMS));
  const files = run(process.execPath, [vsce, 'ls', '--no-dependencies'], root)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const work = mkdtempSync(join(tmpdir(), 'lakeflow-package-'));
  const built = [];
  try {
    // Universal: the CLI bundle is plain JavaScript; without a binding, Run Locally explains which build to install.
    const universal = stage(work, 'universal', files, [CLI_BUNDLE]);
    const universalVsix = join(outDir, `${manifest.name}.vsix`);
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', universalVsix], universal);
    built.push(['universal', universalVsix]);

    for (const suffix of wanted) {
      const target = PLATFORMS[suffix];
      if (!target) {
        console.log(`skipped ${suffix}: not a platform DuckDB publishes a binding for (${Object.keys(PLATFORMS).join(', ')})`);
        continue;
      }
      let binding;
      try {
        binding = bindingFolder(suffix, duckdbVersion, join(work, 'downloads'));
      } catch (e) {
        console.log(
          `skipped ${target}: @duckdb/node-bindings-${suffix}@${duckdbVersion} could not be fetched (${String(e.message).split('\n')[0]})`,
        );
        continue;
      }
      const dir = stage(work, target, files, [CLI_BUNDLE, ...RUNTIME_PACKAGES.map((p) => `node_modules/${p}`)]);
      cpSync(binding, join(dir, 'node_modules/@duckdb', `node-bindings-${suffix}`), { recursive: true });
      writeFileSync(
        join(dir, '.vscodeignore'),
        `${readFileSync(join(dir, '.vscodeignore'), 'utf8')}!node_modules/@duckdb/node-bindings-${suffix}/**\n`,
      );
      // The bundles carry every other dependency; vsce's npm walk then collects exactly the DuckDB runtime.
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ ...manifest, dependencies: { '@duckdb/node-api': manifest.dependencies['@duckdb/node-api'] } }, null, 2),
      );
      const vsix = join(outDir, `${manifest.name}-${target}.vsix`);
      run(process.execPath, [vsce, 'package', '--target', target, '--allow-missing-repository', '--out', vsix], dir);
      built.push([target, vsix]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const [target, vsix] of built) console.log(`${target.padEnd(12)} ${mb(vsix).padStart(9)}  ${vsix}`);
}

main();
