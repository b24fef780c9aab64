// The HTTP client against the Unity Catalog stand-in: which failures are retried
// (counted on the server), how long it waits, and what each fault becomes.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogHttpClient, createCatalogHttpClient } from '../../../server/src/catalog/catalogHttpClient';
import { StandInFault, UnityCatalogStandIn } from '../../support/unityCatalogStandIn';
import { TEST_TOKEN, closedPortUrl } from '../../support/catalogProviderHarness';

interface Rig {
  http: CatalogHttpClient;
  sleeps: number[];
  logs: string[];
  controller: AbortController;
}

function client(host: string, over: { timeoutMs?: number; maxResponseBytes?: number } = {}): Rig {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const controller = new AbortController();
  const http = createCatalogHttpClient({
    host,
    token: TEST_TOKEN,
    timeoutMs: over.timeoutMs ?? 2000,
    maxResponseBytes: over.maxResponseBytes ?? 1024 * 1024,
    retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5000 },
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    now: () => Date.parse('2026-11-25T12:00:00Z'),
    log: (line) => logs.push(line),
    signal: controller.signal,
  });
  return { http, sleeps, logs, controller };
}

describe('catalog HTTP client', () => {
  let standIn: UnityCatalogStandIn;
  before(async () => (standIn = await UnityCatalogStandIn.start({ token: TEST_TOKEN })));
  after(async () => standIn.close());
  beforeEach(() => {
    standIn.clearFaults();
    standIn.requests.length = 0;
  });

  test('sends the bearer token and parses the answer', async () => {
    const { http } = client(standIn.url);
    const answer = await http.getJson('/catalogs', { max_results: '0' });
    assert.ok(answer.ok);
    assert.deepEqual(
      (answer.value as { catalogs: { name: string }[] }).catalogs.map((c) => c.name),
      ['main', 'reference'],
    );
    assert.equal(standIn.requests[0].authorization, `Bearer ${TEST_TOKEN}`);
    assert.equal(standIn.requests[0].query.get('max_results'), '0');
  });

  const faults: { name: string; fault: StandInFault; times: number; kind: string; requests: number; sleeps: number[] }[] = [
    { name: '500 then success: one retry after backoff', fault: { status: 500 }, times: 1, kind: 'ok', requests: 2, sleeps: [50] },
    { name: '503 three times then success', fault: { status: 503 }, times: 3, kind: 'ok', requests: 4, sleeps: [50, 100, 200] },
    {
      name: 'persistent 500: gives up after 3 retries',
      fault: { status: 500 },
      times: 99,
      kind: 'server-error',
      requests: 4,
      sleeps: [50, 100, 200],
    },
    { name: '429 honours Retry-After seconds', fault: { status: 429, retryAfter: '2' }, times: 1, kind: 'ok', requests: 2, sleeps: [2000] },
    {
      name: '429 honours a Retry-After date',
      fault: { status: 429, retryAfter: 'Wed, 25 Nov 2026 12:00:03 GMT' },
      times: 1,
      kind: 'ok',
      requests: 2,
      sleeps: [3000],
    },
    {
      name: '429 asking for longer than the cap: no retry',
      fault: { status: 429, retryAfter: '60' },
      times: 1,
      kind: 'rate-limited',
      requests: 1,
      sleeps: [],
    },
    { name: '401: no retry', fault: { status: 401 }, times: 1, kind: 'unauthorized', requests: 1, sleeps: [] },
    { name: '403: no retry', fault: { status: 403 }, times: 1, kind: 'forbidden', requests: 1, sleeps: [] },
    { name: '404: no retry', fault: { status: 404 }, times: 1, kind: 'not-found', requests: 1, sleeps: [] },
    { name: '400: no retry', fault: { status: 400 }, times: 1, kind: 'client-error', requests: 1, sleeps: [] },
    { name: 'a redirect is not followed', fault: { status: 302 }, times: 1, kind: 'unreachable', requests: 1, sleeps: [] },
    { name: 'malformed JSON', fault: { rawBody: '{"catalogs": [{"name": "main"' }, times: 1, kind: 'malformed', requests: 1, sleeps: [] },
    {
      name: 'a huge answer with Content-Length',
      fault: { hugeBytes: 3 * 1024 * 1024, declareLength: true },
      times: 1,
      kind: 'too-large',
      requests: 1,
      sleeps: [],
    },
    {
      name: 'a huge streamed answer without length',
      fault: { hugeBytes: 3 * 1024 * 1024, declareLength: false },
      times: 1,
      kind: 'too-large',
      requests: 1,
      sleeps: [],
    },
  ];

  for (const f of faults) {
    test(f.name, async () => {
      standIn.fault('/catalogs', f.fault, f.times);
      const { http, sleeps } = client(standIn.url);
      const answer = await http.getJson('/catalogs');
      assert.equal(answer.ok ? 'ok' : answer.failure.kind, f.kind);
      assert.equal(standIn.count('/catalogs'), f.requests);
      assert.deepEqual(sleeps, f.sleeps);
    });
  }

  test('an error message carries the server error code and message', async () => {
    standIn.fault('/catalogs', {
      status: 403,
      body: { error_code: 'PERMISSION_DENIED', message: 'User does not have USE CATALOG on main' },
    });
    const answer = await client(standIn.url).http.getJson('/catalogs');
    assert.ok(!answer.ok);
    assert.equal(
      answer.failure.message,
      'GET /api/2.1/unity-catalog/catalogs: HTTP 403 PERMISSION_DENIED: User does not have USE CATALOG on main (the token lacks permission)',
    );
    assert.equal(answer.failure.status, 403);
  });

  test('a slow answer past the timeout is a timeout, not retried', async () => {
    standIn.fault('/catalogs', { delayMs: 3000 });
    const { http, sleeps } = client(standIn.url, { timeoutMs: 100 });
    const answer = await http.getJson('/catalogs');
    assert.ok(!answer.ok);
    assert.equal(answer.failure.kind, 'timeout');
    assert.match(answer.failure.message, /no answer from http:\/\/127\.0\.0\.1:\d+ within 100 ms/);
    assert.equal(standIn.count('/catalogs'), 1);
    assert.deepEqual(sleeps, []);
  });

  test('connection refused is unreachable after retries', async () => {
    const { http, sleeps, logs } = client(await closedPortUrl());
    const answer = await http.getJson('/catalogs');
    assert.ok(!answer.ok);
    assert.equal(answer.failure.kind, 'unreachable');
    assert.match(answer.failure.message, /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    assert.deepEqual(sleeps, [50, 100, 200]);
    assert.equal(logs.filter((l) => /retry \d of 3/.test(l)).length, 3);
  });

  test('an abort from the owner cancels a request in flight', async () => {
    standIn.fault('/catalogs', { delayMs: 3000 });
    const { http, controller } = client(standIn.url);
    const pending = http.getJson('/catalogs');
    setTimeout(() => controller.abort(), 20);
    const answer = await pending;
    assert.ok(!answer.ok);
    assert.equal(answer.failure.kind, 'cancelled');
  });
});
