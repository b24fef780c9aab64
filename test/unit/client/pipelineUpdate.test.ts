import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  datasetErrors,
  describeEvent,
  expectationCounts,
  newEvents,
  parseEvents,
  parseUpdate,
} from '../../../client/src/databricks/pipelineUpdate';

const EVENTS = JSON.stringify([
  {
    id: 'e2',
    timestamp: '2026-01-01T10:00:20Z',
    level: 'INFO',
    event_type: 'flow_progress',
    message: "Flow 'bronze' has COMPLETED.",
    origin: { update_id: 'u1', dataset_name: 'bronze', flow_name: 'bronze' },
    details: {
      flow_progress: {
        status: 'COMPLETED',
        metrics: { num_output_rows: 10 },
        data_quality: { dropped_records: 1, expectations: [{ name: 'valid_id', dataset: 'bronze', passed_records: 9, failed_records: 1 }] },
      },
    },
  },
  {
    id: 'e1',
    timestamp: '2026-01-01T10:00:05Z',
    level: 'INFO',
    event_type: 'update_progress',
    message: 'Update u1 is RUNNING.',
    origin: { update_id: 'u1' },
    details: { update_progress: { state: 'RUNNING' } },
  },
  {
    id: 'e3',
    timestamp: '2026-01-01T10:00:25Z',
    level: 'INFO',
    event_type: 'flow_progress',
    origin: { update_id: 'u1', dataset_name: 'bronze' },
    details: {
      flow_progress: {
        status: 'RUNNING',
        data_quality: { expectations: [{ name: 'valid_id', dataset: 'bronze', passed_records: 5, failed_records: 0 }] },
      },
    },
  },
  {
    id: 'e4',
    timestamp: '2026-01-01T10:00:30Z',
    level: 'ERROR',
    event_type: 'flow_progress',
    message: "Flow 'silver' has FAILED.",
    origin: { update_id: 'u1', dataset_name: 'silver' },
    details: { flow_progress: { status: 'FAILED' } },
    error: { exceptions: [{ message: '[UNRESOLVED_COLUMN] tmp cannot be resolved' }], fatal: true },
  },
  {
    id: 'old',
    timestamp: '2025-01-01T00:00:00Z',
    level: 'ERROR',
    event_type: 'update_progress',
    message: 'Old',
    origin: { update_id: 'u0' },
    details: {},
  },
]);

test('reads the update state', () => {
  assert.deepEqual(parseUpdate('{"update":{"state":"RUNNING","creation_time":1767261600000}}'), {
    state: 'RUNNING',
    creationTime: 1767261600000,
  });
  assert.equal(parseUpdate('{}').state, 'UNKNOWN');
});

test('new events are this update only, unseen, oldest first', () => {
  const seen = new Set<string>();
  const first = newEvents(parseEvents(EVENTS), 'u1', seen);
  assert.deepEqual(
    first.map((e) => e.id),
    ['e1', 'e2', 'e3', 'e4'],
  );
  assert.deepEqual(newEvents(parseEvents(EVENTS), 'u1', seen), []);
});

test('sums expectation counts per dataset and expectation', () => {
  assert.deepEqual(expectationCounts(parseEvents(EVENTS)), [{ dataset: 'bronze', name: 'valid_id', passed: 14, failed: 1 }]);
});

test('errors carry their dataset and the first exception message', () => {
  const errors = datasetErrors(newEvents(parseEvents(EVENTS), 'u1', new Set()));
  assert.deepEqual(errors, [{ dataset: 'silver', message: '[UNRESOLVED_COLUMN] tmp cannot be resolved' }]);
});

test('one readable line per event', () => {
  const [e1, e2, , e4] = newEvents(parseEvents(EVENTS), 'u1', new Set());
  assert.equal(describeEvent(e1), '[INFO] update_progress: Update u1 is RUNNING.');
  assert.equal(describeEvent(e2), '[INFO] flow_progress bronze COMPLETED 10 rows');
  assert.equal(describeEvent(e4), '[ERROR] flow_progress silver FAILED — [UNRESOLVED_COLUMN] tmp cannot be resolved');
});

test('accepts the raw API page shape and tolerates junk entries', () => {
  assert.equal(parseEvents('{"events":[{"id":"x"}]}').length, 1);
  assert.equal(parseEvents('[null, 3]').length, 2);
});
