import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CliCommand, toArgv } from '../../../client/src/databricks/cliCommand';
import { followUpdate, readEvents } from '../../../client/src/databricks/runMonitor';
import { expectationCounts } from '../../../client/src/databricks/pipelineUpdate';

const event = (id: string, ts: string, update: string, details: Record<string, unknown> = {}) => ({
  id,
  timestamp: ts,
  level: 'INFO',
  event_type: 'flow_progress',
  message: '',
  origin: { update_id: update, dataset_name: 'bronze' },
  details,
});

/** Answers like the CLI: get-update states in turn, event pages by page token. */
function fakeCli(states: string[], pages: Record<string, { events: unknown[]; next_page_token?: string }>) {
  const calls: string[][] = [];
  const run = async (cmd: CliCommand) => {
    const argv = toArgv(cmd);
    calls.push(argv);
    if (argv[1] === 'get-update')
      return {
        stdout: JSON.stringify({ update: { state: states.shift() ?? 'COMPLETED', creation_time: Date.parse('2026-01-01T10:00:00Z') } }),
        stderr: '',
        exitCode: 0,
      };
    const token = new URL(`http://x${argv[2]}`).searchParams.get('page_token') ?? '';
    return { stdout: JSON.stringify(pages[token] ?? { events: [] }), stderr: '', exitCode: 0 };
  };
  return { run, calls };
}

test('reads every page of events through next_page_token, the token alone on later pages', async () => {
  const { run, calls } = fakeCli([], {
    '': { events: [event('e3', '2026-01-01T10:00:03Z', 'u1')], next_page_token: 'p2' },
    p2: { events: [event('e2', '2026-01-01T10:00:02Z', 'u1')], next_page_token: 'p3' },
    p3: { events: [event('e1', '2026-01-01T10:00:01Z', 'u1')] },
  });
  const events = await readEvents(run, 'pipe', { since: '2026-01-01T10:00:00.000Z' });
  assert.deepEqual(
    events.map((e) => e.id),
    ['e3', 'e2', 'e1'],
  );
  assert.equal(calls.length, 3);
  assert.match(calls[0][2], /filter=timestamp/);
  assert.doesNotMatch(calls[1][2], /filter=/);
  assert.match(calls[2][2], /page_token=p3/);
});

test('stops after maxPages so one poll never reads a whole history', async () => {
  const { run, calls } = fakeCli([], {
    '': { events: [event('a', '2026-01-01T10:00:03Z', 'u1')], next_page_token: 'loop' },
    loop: { events: [event('b', '2026-01-01T10:00:03Z', 'u1')], next_page_token: 'loop' },
  });
  await readEvents(run, 'pipe', { maxPages: 4 });
  assert.equal(calls.length, 4);
});

test('follows the update to a terminal state; events of this update only, each once, with their details', async () => {
  const quality = {
    flow_progress: {
      status: 'COMPLETED',
      data_quality: { expectations: [{ name: 'valid', dataset: 'bronze', passed_records: 9, failed_records: 1 }] },
    },
  };
  const { run, calls } = fakeCli(['RUNNING', 'RUNNING', 'COMPLETED'], {
    '': {
      events: [
        event('e2', '2026-01-01T10:00:02Z', 'u1', quality),
        event('x', '2026-01-01T10:00:01Z', 'other'),
        event('e1', '2026-01-01T10:00:01Z', 'u1'),
      ],
    },
  });
  const seen: string[] = [];
  const states: string[] = [];
  let waits = 0;
  const followed = await followUpdate(run, {
    pipelineId: 'pipe',
    updateId: 'u1',
    pollIntervalMs: 5,
    wait: async () => void waits++,
    onEvent: (e) => seen.push(e.id),
    onState: (s) => states.push(s),
  });
  assert.equal(followed.state, 'COMPLETED');
  assert.deepEqual(seen, ['e1', 'e2']);
  assert.deepEqual(states, ['RUNNING', 'RUNNING', 'COMPLETED']);
  assert.equal(waits, 2);
  assert.deepEqual(expectationCounts(followed.events), [{ dataset: 'bronze', name: 'valid', passed: 9, failed: 1 }]);
  assert.equal(calls.filter((c) => c[0] === 'api').length, 3, 'events are read after every state, the last one included');
  // Later polls ask only from the newest event seen.
  assert.match(decodeURIComponent(calls.at(-1)?.[2] ?? ''), /timestamp >= '2026-01-01T10:00:02Z'/);
});

test('a failing poll ends the follow with the CLI error', async () => {
  const run = async (): Promise<never> => {
    throw new Error('Error: Invalid access token.');
  };
  await assert.rejects(
    followUpdate(run, { pipelineId: 'p', updateId: 'u', pollIntervalMs: 1, wait: async () => undefined }),
    /Invalid access token/,
  );
});
