import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../server/src/cli/main';
import { CliIo } from '../../../server/src/cli/io';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd: process.cwd(),
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

test('unknown subcommand is a usage error naming the command', async () => {
  const io = captureIo();
  const code = await main(['frobnicate'], io);
  assert.equal(code, 2);
  assert.match(io.stderr, /unknown command 'frobnicate'/);
});

test('--help lists the commands and exits 0', async () => {
  const io = captureIo();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.stdout, /usage: lakeflow <command>/);
});
