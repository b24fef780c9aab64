import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliCancelledError, CliError, runCli } from '../../../client/src/databricks/cliRunner';
import { isAlive } from '../../support/processLiveness';

// A small executable standing in for the CLI: behaviour chosen by its first argument.
const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-runner-'));
const script = path.join(dir, 'fake-cli');
writeFileSync(
  script,
  `#!${process.execPath}
const [mode, pidFile] = process.argv.slice(2);
if (mode === 'ok') { console.log('line 1'); console.log(JSON.stringify(process.argv.slice(3))); process.exit(0); }
if (mode === 'fail') { console.error('Error: boom'); console.error('  in databricks.yml:1:1'); process.exit(3); }
if (mode === 'slow') {
  const child = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  require('node:fs').writeFileSync(pidFile, JSON.stringify([process.pid, child.pid]));
  setInterval(() => {}, 1000);
}
`,
  { mode: 0o755 },
);

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('streams lines and passes arguments without a shell', async () => {
  const lines: string[] = [];
  const r = await runCli(
    script,
    { command: ['ok'], args: ['a b', '$(echo hi)', ';'] },
    { cwd: dir, env: process.env, onLine: (l) => lines.push(l) },
  );
  assert.equal(r.exitCode, 0);
  assert.deepEqual(lines, ['line 1', JSON.stringify(['a b', '$(echo hi)', ';'])]);
});

test('a non-zero exit is a CliError with exit code, stderr and the first Error line', async () => {
  await assert.rejects(runCli(script, { command: ['fail'], args: [] }, { cwd: dir, env: process.env }), (e: unknown) => {
    assert.ok(e instanceof CliError);
    assert.equal(e.exitCode, 3);
    assert.equal(e.message, 'boom');
    assert.match(e.stderr, /in databricks.yml:1:1/);
    return true;
  });
});

test('a missing executable is a CliError without exit code', async () => {
  await assert.rejects(
    runCli(path.join(dir, 'nope'), { command: [], args: [] }, { cwd: dir, env: process.env }),
    (e: unknown) => e instanceof CliError && e.exitCode === undefined && /not found/.test(e.message),
  );
});

test('cancelling kills the whole process tree', { skip: process.platform === 'win32' ? 'process groups are POSIX' : false }, async () => {
  const pidFile = path.join(dir, 'pids.json');
  const controller = new AbortController();
  const running = runCli(script, { command: ['slow', pidFile], args: [] }, { cwd: dir, env: process.env, signal: controller.signal });
  const outcome = assert.rejects(running, (e: unknown) => e instanceof CliCancelledError);
  try {
    // Generous: on a loaded machine starting two node processes can take seconds.
    await until(() => existsSync(pidFile), 30_000);
    const pids = JSON.parse(readFileSync(pidFile, 'utf8')) as number[];
    assert.ok(pids.every(isAlive));
    controller.abort();
    await outcome;
    await until(() => !pids.some(isAlive), 30_000);
  } finally {
    // Never leave the tree running (it would keep the test process alive).
    controller.abort();
  }
});

test('an already aborted signal does not start the process', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    runCli(script, { command: ['ok'], args: [] }, { cwd: dir, env: process.env, signal: controller.signal }),
    CliCancelledError,
  );
});
