// Runs every test suite after a build and closes with one line of totals,
// `N passed, N failed, N skipped`, that CI reads (a todo count, when any, is
// printed on the line before). Suites:
//   lint:            eslint and prettier --check, one check each
//   unit + protocol: node's test runner over the compiled tests in out/test
//   oracle:          Apache Spark as the local engine's oracle (out/test/oracle/run.js)
//   contract:        the real Databricks CLI (test/contract/run.mjs)
//   e2e:             real VS Code (test/e2e/run.mjs), when present
// A skipped or todo test fails the run unless ALLOWED_SKIPS names it with a
// reason: a test that quietly stops running is a test that quietly stops failing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Test name -> why skipping it is right (on some platforms only). */
export const ALLOWED_SKIPS = {
  'a directory the kernel refuses to create (procfs) fails once instead of looping': 'procfs exists on Linux only',
  'cancelling kills the whole process tree': 'process groups are POSIX; Windows has none',
};

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
let todo = 0;
const unexpected = [];

/** Skipped and todo tests named in TAP output (`ok 3 - name # SKIP reason`), the allowed ones left out. */
export function unexpectedSkips(tap) {
  const out = [];
  for (const m of tap.matchAll(/^\s*(?:not )?ok \d+ - (.*?) # (SKIP|TODO)\b(.*)$/gim)) {
    if (!Object.hasOwn(ALLOWED_SKIPS, m[1])) out.push(`${m[2].toUpperCase()}: ${m[1]}${m[3].trim() ? ` (${m[3].trim()})` : ''}`);
  }
  return out;
}

function collect(dir) {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...collect(path));
    else if (entry.endsWith('.test.js')) files.push(path);
  }
  return files.sort();
}

/**
 * Runs node's test runner over `files` with the TAP reporter, echoing failures
 * in full and passing tests as one line each; returns the counts it printed.
 * Also used by the contract suite's runner.
 */
export function runTap(files, { env = process.env, args = [] } = {}) {
  const r = spawnSync(process.execPath, ['--test', ...args, '--test-reporter=tap', ...files], {
    cwd: root,
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const out = r.stdout ?? '';
  process.stdout.write(
    out
      .split('\n')
      .filter((l) => !/^\s+(duration_ms|\.\.\.|---|type:)/.test(l))
      .join('\n'),
  );
  const count = (what) => Number(new RegExp(`^# ${what} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
  return {
    out,
    status: r.status,
    pass: count('pass'),
    fail: count('fail') + count('cancelled'),
    skipped: count('skipped'),
    todo: count('todo'),
  };
}

function runNodeSuite(name, files) {
  if (files.length === 0) return;
  console.log(`\n=== ${name}: ${files.length} files`);
  const r = runTap(files);
  passed += r.pass;
  failed += r.fail;
  skipped += r.skipped;
  todo += r.todo;
  unexpected.push(...unexpectedSkips(r.out));
  if (r.status !== 0 && r.fail === 0) failed += 1; // the runner itself failed
}

function runScriptSuite(name, script) {
  if (!existsSync(join(root, script))) return;
  console.log(`\n=== ${name}`);
  const r = spawnSync(process.execPath, [script], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(r.stdout ?? '');
  const m = /^(\d+) passed, (\d+) failed/m.exec(r.stdout ?? '');
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  if (r.status !== 0 && (!m || Number(m[2]) === 0)) failed += 1;
}

/** A tool run as one check (lint, format): passed when it exits 0, its output shown when it does not. */
function runToolCheck(name, bin, args) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(process.execPath, [join(root, 'node_modules', bin), ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status === 0) {
    console.log(`ok - ${name}`);
    passed += 1;
  } else {
    process.stdout.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    console.log(`not ok - ${name} (exit ${r.status})`);
    failed += 1;
  }
}

// Imported (by the test of this runner), it only lends its helpers.
if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const only = process.argv[2];
  if (!only || only === 'lint') runToolCheck('lint (eslint .)', 'eslint/bin/eslint.js', ['.']);
  if (!only || only === 'lint') runToolCheck('format (prettier --check .)', 'prettier/bin/prettier.cjs', ['--check', '.']);
  if (!only || only === 'unit') runNodeSuite('unit', collect(join(root, 'out/test/unit')));
  if (!only || only === 'protocol') runNodeSuite('protocol', collect(join(root, 'out/test/protocol')));
  if (!only || only === 'oracle') runScriptSuite('oracle (Apache Spark)', 'out/test/oracle/run.js');
  if (!only || only === 'contract') runScriptSuite('contract (real Databricks CLI)', 'test/contract/run.mjs');
  if (!only || only === 'e2e') runScriptSuite('e2e (real VS Code)', 'test/e2e/run.mjs');
  if (unexpected.length > 0)
    console.log(`\nskipped or todo without a reason in ALLOWED_SKIPS (test/run.mjs):\n  ${unexpected.join('\n  ')}`);
  if (todo > 0) console.log(`\ntodo: ${todo}`);
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed === 0 && passed > 0 && unexpected.length === 0 ? 0 : 1;
}
