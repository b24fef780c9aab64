import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/serverProcess';

test('the built server initializes over stdio and shuts down cleanly', async () => {
  const server = await startServer();
  assert.equal(server.initializeResult.serverInfo?.name, 'lakeflow-language-server');
  await server.stop();
  assert.equal(server.process.exitCode, 0);
});
