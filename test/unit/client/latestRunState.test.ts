// The editor trusts only what the latest local run built: preview lenses for
// the datasets it completed; a failed or skipped dataset shows why.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectationLensText, latestRunQuality } from '../../../client/src/local/localEvents';
import type { PipelineEvent } from '../../../client/src/databricks/pipelineUpdate';

let id = 0;
function progress(update: string, dataset: string, status: string, extra: Partial<PipelineEvent> = {}): PipelineEvent {
  return {
    id: String(++id),
    timestamp: '',
    level: 'INFO',
    eventType: 'flow_progress',
    message: `${dataset} ${status}`,
    dataset,
    updateId: update,
    details: { flow_progress: { status } },
    errorMessages: [],
    ...extra,
  };
}

describe('latest local run state', () => {
  test('only completed datasets can be previewed; failed and skipped ones carry their reason', () => {
    const q = latestRunQuality([
      progress('u1', 'bronze', 'COMPLETED'),
      progress('u1', 'silver', 'FAILED', { errorMessages: ['silver.sql:3:8: column x does not exist'] }),
      progress('u1', 'gold', 'SKIPPED', { message: 'skipped: upstream silver failed' }),
    ]);
    assert.deepEqual([...q.datasets], ['bronze']);
    assert.deepEqual(q.notBuilt.get('silver'), { status: 'failed', message: 'silver.sql:3:8: column x does not exist' });
    assert.deepEqual(q.notBuilt.get('gold'), { status: 'skipped', message: 'skipped: upstream silver failed' });
  });

  test('a later run that builds a dataset clears the failure; one that fails it removes its preview', () => {
    const q = latestRunQuality([
      progress('u1', 'silver', 'FAILED', { errorMessages: ['boom'] }),
      progress('u1', 'gold', 'COMPLETED'),
      progress('u2', 'silver', 'COMPLETED'),
      progress('u2', 'gold', 'FAILED', { errorMessages: ['bad'] }),
    ]);
    assert.deepEqual([...q.datasets], ['silver']);
    assert.equal(q.notBuilt.has('silver'), false);
    assert.equal(q.notBuilt.get('gold')?.status, 'failed');
  });

  test('a dataset stopped by FAIL UPDATE still shows the counts it measured', () => {
    const q = latestRunQuality([
      progress('u1', 'orders', 'FAILED', {
        errorMessages: ['expectation valid_id failed'],
        details: {
          flow_progress: {
            status: 'FAILED',
            data_quality: { expectations: [{ name: 'valid_id', dataset: 'orders', passed_records: 9, failed_records: 1 }] },
          },
        },
      }),
    ]);
    assert.match(expectationLensText(q, 'orders', 'valid_id', 'fail') ?? '', /90\.0% passed/);
    assert.equal(expectationLensText(q, 'never_ran', 'x', 'warn'), undefined);
  });
});
