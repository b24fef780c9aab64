#!/usr/bin/env node
// Builds the pinned Databricks CLI from its Go module, once, into the ignored
// folder .contract/bin/, and prints the executable's path on stdout. The
// contract tests and scripts/bundle-schema.mjs run it; this file is the one
// place that pins the version.
//
// `go install github.com/databricks/cli@vX` is refused because the module
// proxy does not list the module's versions, so the module is downloaded at
// the pinned version (`go mod download -json`) and built from the module cache
// with the release fields of internal/build set, as the CLI's release build
// does (otherwise it reports a development version). Go's caches make later
// builds fast. Exit 1 with the reason when Go is missing or the build fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATABRICKS_CLI_VERSION = '1.12.1';
const MODULE = 'github.com/databricks/cli';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, '.contract', 'bin');

export function cliPath() {
  return join(binDir, `databricks-v${DATABRICKS_CLI_VERSION}${process.platform === 'win32' ? '.exe' : ''}`);
}

function fail(message) {
  const error = new Error(message);
  error.name = 'DatabricksCliBuildError';
  throw error;
}

function go(args, options = {}) {
  const r = spawnSync('go', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options, env: { ...process.env, ...options.env } });
  if (r.error?.code === 'ENOENT')
    fail('Go is not installed (the `go` command is not on PATH): it is needed to build the pinned Databricks CLI for the contract tests.');
  return r;
}

function reportsVersion(file) {
  const r = spawnSync(file, ['version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes(`v${DATABRICKS_CLI_VERSION}`);
}

/** The path of the built CLI; builds it first when missing. Throws with the reason on failure. */
export function ensureDatabricksCli(log = (line) => process.stderr.write(`${line}\n`)) {
  const target = cliPath();
  if (existsSync(target) && reportsVersion(target)) return target;
  const started = Date.now();
  const version = go(['version']);
  if (version.status !== 0) fail(`\`go version\` failed: ${version.stderr.trim()}`);
  log(`building Databricks CLI v${DATABRICKS_CLI_VERSION} with ${version.stdout.trim()} (first time: several minutes, mostly downloads)`);
  // Outside any module, so no go.mod of this repository (there is none) or a parent interferes.
  const scratch = join(root, '.contract', 'gomod');
  mkdirSync(scratch, { recursive: true });
  // GOTOOLCHAIN=auto: when the module needs a newer Go than the installed one, Go fetches it.
  const env = {
    GOTOOLCHAIN: process.env.GOTOOLCHAIN && process.env.GOTOOLCHAIN !== 'local' ? process.env.GOTOOLCHAIN : 'auto',
    GOFLAGS: '-mod=mod',
  };
  const download = go(['mod', 'download', '-json', `${MODULE}@v${DATABRICKS_CLI_VERSION}`], { cwd: scratch, env });
  if (download.status !== 0)
    fail(`go mod download ${MODULE}@v${DATABRICKS_CLI_VERSION} failed: ${(download.stdout + download.stderr).trim().slice(-2000)}`);
  const info = JSON.parse(download.stdout);
  if (info.Error || !info.Dir) fail(`go mod download ${MODULE}@v${DATABRICKS_CLI_VERSION}: ${info.Error ?? 'no module directory'}`);
  const [major, minor, patch] = DATABRICKS_CLI_VERSION.split('.');
  const pkg = `${MODULE}/internal/build`;
  const fields = {
    buildVersion: DATABRICKS_CLI_VERSION,
    buildMajor: major,
    buildMinor: minor,
    buildPatch: patch,
    buildTag: `v${DATABRICKS_CLI_VERSION}`,
    buildSummary: `v${DATABRICKS_CLI_VERSION}`,
    buildIsSnapshot: 'false',
  };
  const ldflags = Object.entries(fields)
    .map(([k, v]) => `-X ${pkg}.${k}=${v}`)
    .join(' ');
  mkdirSync(binDir, { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  // -mod=readonly: the module's own go.sum pins every dependency.
  const build = go(['build', '-mod=readonly', '-trimpath', '-o', partial, '-ldflags', ldflags, '.'], {
    cwd: info.Dir,
    env: { GOTOOLCHAIN: env.GOTOOLCHAIN, GOFLAGS: '' },
  });
  if (build.status !== 0) fail(`go build of the Databricks CLI v${DATABRICKS_CLI_VERSION} failed: ${build.stderr.trim().slice(-2000)}`);
  if (!reportsVersion(partial)) fail(`the built CLI does not report v${DATABRICKS_CLI_VERSION}`);
  renameSync(partial, target);
  log(`built ${target} in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${ensureDatabricksCli()}\n`);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
