// Offline end-to-end runner: the extension's suite inside REAL VS Code (the VS
// Code server build shipped in the npm package code-server, with its Node
// extension host), driven by headless Debian Chromium through playwright-core.
// Steps: install what is missing (install.mjs), build, start the server with
// its own session/process group on a free loopback port, open the repository
// root with the extension-development payload and a temporary copy of the
// checkout as the workspace (workspace.mjs: the suite's Run Locally writes its
// .lakeflow/ there, never into the checkout's), wait for the extension host's
// exit code (codeAutomationExit), kill the process group, print the totals.
// The checkout's own .lakeflow/ is fingerprinted before and after: a change
// fails the run. The last line is always `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import { ensureInstalled } from './install.mjs';
import { prepareWorkspace, stateDigest } from './workspace.mjs';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const e2eDir = join(root, '.e2e');
const runDir = join(e2eDir, 'run');
// Screenshots the suite asks for (the lineage graph in light and dark themes); kept after the run.
const screenshotDir = join(e2eDir, 'screenshots');
const TIMEOUT_MS = Number(process.env.LAKEFLOW_E2E_TIMEOUT_MS || 300_000);
// Workbench chatter that is not about this extension (offline marketplace, etc.).
const NOISE =
  /open-vsx\.org|ENOTFOUND|AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|connection token|Creating a socket|grace-time|builtin extensions cache|marketplace|gallery|ERR_NAME_NOT_RESOLVED|Failed to load resource|authentication provider 'github'|tryActivateProvider|getSessions|Creation of workbench contribution/i;

const t0 = Date.now();
let tInstalled = t0;
const seconds = (from) => ((Date.now() - from) / 1000).toFixed(1);

/** Polls `check` until it returns a value or the timeout passes. */
async function waitFor(what, check, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function build() {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (tsc.status !== 0) throw new Error('tsc -b failed');
  const bundle = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (bundle.status !== 0) throw new Error('esbuild failed');
}

function startServer(paths, env) {
  const logFile = join(runDir, 'server.log');
  const fd = openSync(logFile, 'w');
  // detached: setsid(), so the server and every helper it starts share one process group.
  const server = spawn(
    paths.node24,
    [
      join(paths.vscodeDir, 'out/server-main.js'),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--disable-update-check',
      '--user-data-dir',
      join(runDir, 'user'),
      '--server-data-dir',
      join(runDir, 'server'),
      '--extensions-dir',
      join(runDir, 'extensions'),
    ],
    { cwd: root, env, detached: true, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  let exited = false;
  server.on('exit', () => (exited = true));
  const port = waitFor(
    'the VS Code server to listen',
    () => {
      if (exited) throw new Error(`the VS Code server exited early:\n${readFileSync(logFile, 'utf8')}`);
      return /Extension host agent listening on (\d+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
    },
    60_000,
  );
  return { server, port, logFile };
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    spawnSync('sleep', ['0.1']);
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
}

/**
 * A test asks for a screenshot of the whole window (workbench and webviews) by
 * logging `[lakeflow-screenshot] <file>`; the file must lie in `.e2e/screenshots/`.
 * It is written under a temporary name and renamed, so a test polling for it
 * never reads half a file.
 */
async function screenshotOnRequest(page, line) {
  const file = /^\[lakeflow-screenshot\] (\S+\.png)$/.exec(line)?.[1];
  if (!file || dirname(resolve(file)) !== screenshotDir) return;
  await page.screenshot({ path: `${file}.part.png` });
  renameSync(`${file}.part.png`, file);
}

/**
 * A test asks for the suggest widget's latency by logging
 * `[lakeflow-suggest-timing] <file> <n>` with the cursor in an editor: the page
 * presses Ctrl+Space `n` times, each time measuring from the key press to the
 * widget showing its rows, and writes the milliseconds to `<file>` (in
 * `.e2e/screenshots/`) as JSON. Measured in the browser, where the widget is.
 */
async function suggestTimingOnRequest(page, line) {
  const m = /^\[lakeflow-suggest-timing\] (\S+\.json) (\d+)$/.exec(line);
  if (!m || dirname(resolve(m[1])) !== screenshotDir) return;
  const times = [];
  for (let i = 0; i < Number(m[2]); i++) {
    await page.keyboard.press('Escape');
    await page.waitForSelector('.suggest-widget.visible', { state: 'hidden', timeout: 5000 }).catch(() => {});
    const t0 = Date.now();
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { state: 'visible', timeout: 10000 });
    times.push(Date.now() - t0);
  }
  await page.keyboard.press('Escape');
  writeFileSync(`${m[1]}.part`, JSON.stringify(times));
  renameSync(`${m[1]}.part`, m[1]);
}

async function drive(paths, port, workspace, log) {
  const require = createRequire(join(paths.playwrightDir, 'package.json'));
  const { chromium } = require('playwright-core');
  const serverUrl = `http://127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(join(root, 'out/test/e2e/suite/index.js'))],
  ];
  const url = `${serverUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await chromium.launch({
    executablePath: paths.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    // Wide enough for the lineage graph of the bundled pipeline to be readable in its screenshots.
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    let finish;
    const exited = new Promise((r) => (finish = r));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...(args || []));
      screenshotOnRequest(page, line).catch((e) => log(`[e2e] screenshot failed: ${e.message}`));
      suggestTimingOnRequest(page, line).catch((e) => log(`[e2e] suggest timing failed: ${e.message}`));
      log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    page.on('pageerror', (e) => log(`[pageerror] ${e.message}`));
    await page.goto(url);
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT_MS)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (process.env.LAKEFLOW_E2E_SCREENSHOT) await page.screenshot({ path: process.env.LAKEFLOW_E2E_SCREENSHOT }).catch(() => {});
    return code;
  } finally {
    await browser.close().catch(() => {});
  }
}

async function main() {
  const paths = ensureInstalled(e2eDir);
  tInstalled = Date.now();
  build();
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(join(runDir, 'standIn'), { recursive: true });
  const userState = join(root, '.lakeflow');
  const stateBefore = stateDigest(userState);
  const workspace = prepareWorkspace(root);
  mkdirSync(screenshotDir, { recursive: true });
  // The extension host inherits the server's environment: the stand-in CLI finds its state folder here.
  const env = {
    ...process.env,
    PATH: `${join(paths.node24Dir, 'bin')}:${process.env.PATH}`,
    LAKEFLOW_STANDIN_DIR: join(runDir, 'standIn'),
    LAKEFLOW_E2E_SCREENSHOTS: screenshotDir,
  };
  delete env.DATABRICKS_HOST;
  delete env.DATABRICKS_TOKEN;
  delete env.DATABRICKS_CONFIG_PROFILE;
  const { server, port: portPromise, logFile } = startServer(paths, env);
  let totals;
  let code;
  try {
    const port = await portPromise;
    const lines = [];
    code = await drive(paths, port, workspace, (line) => {
      lines.push(line);
      if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
    });
    const m = lines
      .map((l) => /^(\d+) passed, (\d+) failed$/m.exec(l))
      .filter(Boolean)
      .pop();
    totals = m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
  } finally {
    killGroup(server.pid);
    rmSync(workspace, { recursive: true, force: true });
  }
  if (stateDigest(userState) !== stateBefore) {
    console.error(`[e2e] the run changed the checkout's own ${userState}: tests must use their temporary workspace`);
    totals = { passed: totals?.passed ?? 0, failed: (totals?.failed ?? 0) + 1 };
  }
  console.error(
    `[e2e] install check ${((tInstalled - t0) / 1000).toFixed(1)}s, build and run ${seconds(tInstalled)}s, extension host exit code ${code}; logs in ${runDir}`,
  );
  if (code !== 0 && existsSync(logFile) && !totals) console.error(readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n'));
  if (!totals) totals = { passed: 0, failed: 1 };
  if (code !== 0 && totals.failed === 0) totals.failed = 1; // the host failed outside the tests
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(`[e2e] ${e.stack ?? e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
