import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { runSafe } from '../../../server/src/lsp/runSafe';

describe('runSafe', () => {
  test('a result passes through', async () => {
    assert.deepEqual(
      await runSafe(
        () => undefined,
        'hover',
        undefined,
        null,
        () => ({ ok: 1 }),
      ),
      { ok: 1 },
    );
  });

  test('a throwing handler is logged and answered with the empty result', async () => {
    const log: string[] = [];
    const result = await runSafe(
      (l) => log.push(l),
      'completion',
      undefined,
      { items: [] },
      () => {
        throw new Error('boom');
      },
    );
    assert.deepEqual(result, { items: [] });
    assert.match(log[0], /^error in completion: Error: boom/);
  });

  test('a deliberate ResponseError goes to the client as is, unlogged', async () => {
    const log: string[] = [];
    const result = await runSafe(
      (l) => log.push(l),
      'prepareRename',
      undefined,
      null,
      () => {
        throw new ResponseError(1, 'only datasets can be renamed');
      },
    );
    assert.ok(result instanceof ResponseError && result.message === 'only datasets can be renamed');
    assert.deepEqual(log, []);
  });

  test('a request cancelled before or during the work answers RequestCancelled', async () => {
    const before = new CancellationTokenSource();
    before.cancel();
    let ran = false;
    const r1 = await runSafe(
      () => undefined,
      'hover',
      before.token,
      null,
      () => (ran = true),
    );
    assert.ok(r1 instanceof ResponseError && r1.code === LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);
    const during = new CancellationTokenSource();
    const r2 = await runSafe(
      () => undefined,
      'hover',
      during.token,
      null,
      async () => {
        during.cancel();
        return 'late';
      },
    );
    assert.ok(r2 instanceof ResponseError && r2.code === LSPErrorCodes.RequestCancelled);
  });
});
