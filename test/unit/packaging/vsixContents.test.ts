// `scripts/package.mjs` (the packaging step of `npm run package`), run once for
// the current platform: the platform .vsix carries DuckDB's native binding and
// the `lakeflow` CLI bundle, and that CLI, unpacked as an installed extension,
// builds a lakehouse; the universal .vsix has no native code and its CLI says
// which platform build to install. Runs in CI with the unit suite.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ZipArchive } from '../../support/zipArchive';
import { bindingMissingMessage } from '../../../client/src/local/bindingMissing';

const root = join(__dirname, '../../../..');
const binding = `${process.platform}-${process.arch}`;

/** Unpacks the `extension/` part of a .vsix, as VS Code installs it. */
function install(zip: ZipArchive, into: string): void {
  for (const name of zip.names().filter((n) => n.startsWith('extension/') && !n.endsWith('/'))) {
    const file = join(into, name.slice('extension/'.length));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, zip.read(name));
  }
}

function writeTinyBundle(dir: string): void {
  mkdirSync(join(dir, 'pipelines'), { recursive: true });
  writeFileSync(
    join(dir, 'databricks.yml'),
    'bundle:\n  name: tiny\nresources:\n  pipelines:\n    tiny:\n      name: tiny\n      libraries:\n        - glob:\n            include: pipelines/**\n',
  );
  writeFileSync(
    join(dir, 'pipelines/events.sql'),
    "CREATE OR REFRESH STREAMING TABLE events AS SELECT * FROM STREAM read_files('${source_root}/iot_events/', format => 'json')",
  );
}

const runCli = (extension: string, cwd: string) =>
  spawnSync(
    process.execPath,
    [join(extension, 'server/out/lakeflow.js'), 'run', '--bundle', 'databricks.yml', '--events', '300', '--format', 'json'],
    { cwd, encoding: 'utf8' },
  );

describe('packaging: npm run package for the current platform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-vsix-'));
  let platform: ZipArchive;
  let universal: ZipArchive;
  let output: string;
  before(() => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/package.mjs'), '--current-only', '--out', dir], {
      cwd: root,
      encoding: 'utf8',
    });
    output = r.stdout + r.stderr;
    assert.equal(r.status, 0, output);
    const target = /^(\S+)\s+[\d.]+ MB\s+(\S+-(?:linux|alpine|darwin|win32)-\S+\.vsix)$/m.exec(r.stdout);
    assert.ok(target, `no platform package in:\n${output}`);
    platform = new ZipArchive(target[2]);
    universal = new ZipArchive(join(dir, 'lakeflow-pipelines.vsix'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the lineage layout library travels inside extension.js, with its licence notice beside it', () => {
    for (const pkg of [universal, platform]) {
      const names = pkg.names();
      assert.ok(!names.some((n) => n.startsWith('extension/node_modules/elkjs/')), 'bundled, not shipped as a package');
      assert.match(pkg.read('extension/client/out/extension.js').toString('utf8'), /elk\.layered/);
      assert.match(pkg.read('extension/THIRD-PARTY-NOTICES.md').toString('utf8'), /elkjs[\s\S]*Eclipse Public License 2\.0/);
    }
  });

  test("the platform package holds the CLI bundle, DuckDB's JavaScript API and the native binding of this platform", () => {
    const names = platform.names();
    for (const needed of [
      'extension/server/out/lakeflow.js',
      'extension/server/out/server.js',
      'extension/client/out/extension.js',
      'extension/node_modules/@duckdb/node-api/package.json',
      'extension/node_modules/@duckdb/node-bindings/duckdb.js',
    ]) {
      assert.ok(names.includes(needed), needed);
    }
    assert.ok(
      names.some((n) => n.startsWith(`extension/node_modules/@duckdb/node-bindings-${binding}`) && n.endsWith('/duckdb.node')),
      `no duckdb.node for ${binding}`,
    );
    assert.match(platform.read('extension.vsixmanifest').toString('utf8'), /TargetPlatform="(linux|alpine|darwin|win32)-/);
    assert.ok(!names.some((n) => /\.(ts|map)$/.test(n) && !n.endsWith('.d.ts')), 'no sources or source maps');
  });

  test('the universal package has the bundles and the CLI but no native code and no node_modules', () => {
    const names = universal.names();
    assert.ok(names.includes('extension/server/out/lakeflow.js'));
    assert.ok(names.includes('extension/client/out/extension.js'));
    assert.deepEqual(
      names.filter((n) => n.includes('node_modules') || /\.(node|so|dylib|dll)$/.test(n)),
      [],
    );
    assert.doesNotMatch(universal.read('extension.vsixmanifest').toString('utf8'), /TargetPlatform=/);
  });

  test('installed, the platform package runs the pipeline locally; the universal one names the build to install', () => {
    const ws = join(dir, 'ws');
    writeTinyBundle(ws);
    install(platform, join(dir, 'installed-platform'));
    install(universal, join(dir, 'installed-universal'));
    const ok = runCli(join(dir, 'installed-platform'), ws);
    assert.equal(ok.status, 0, ok.stderr);
    const summary = JSON.parse(ok.stdout.trim().split('\n').at(-1) ?? '{}') as {
      datasets: { name: string; status: string; rowsWritten: number }[];
    };
    assert.equal(summary.datasets[0].status, 'completed');
    assert.ok(summary.datasets[0].rowsWritten > 0);
    const missing = runCli(join(dir, 'installed-universal'), ws);
    assert.equal(missing.status, 1);
    assert.equal(
      bindingMissingMessage(missing.stderr, process.platform, process.arch),
      `Run Locally needs DuckDB's native binding for ${binding}; install the ${binding} build of the extension.`,
    );
  });
});
