import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestNames, editDistance, sqlName } from '../../../server/src/language/features/diagnostics/didYouMean';
import { datasetKey } from '../../../server/src/language/model/pipelineContext';

test('edit distance counts insertions, deletions, substitutions and adjacent transpositions', () => {
  assert.equal(editDistance('customer', 'customer'), 0);
  assert.equal(editDistance('custmer', 'customer'), 1);
  assert.equal(editDistance('cusotmer', 'customer'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('closest names: case-insensitive, the nearest (ties included), only plausible typos, at most three', () => {
  assert.deepEqual(closestNames('Custmers', ['orders', 'customers', 'CUSTOMER', 'customer_events']), ['customers']);
  assert.deepEqual(closestNames('SALES_U', ['sales_us', 'Sales_EU', 'sales']), ['Sales_EU', 'sales_us']);
  assert.deepEqual(closestNames('id', ['ix', 'idx']), [], 'two letters are too short to guess from');
  assert.deepEqual(closestNames('amont', ['amount', 'mount', 'account']), ['amount']);
  assert.deepEqual(closestNames('event_tim', ['event_time', 'event_type', 'event_id', 'event_ts']), ['event_time']);
  assert.deepEqual(closestNames('total', ['totals', 'totl', 'tota', 'otal']).length, 3);
  assert.deepEqual(closestNames('zzz', ['orders']), []);
});

test('a suggested name that is no plain identifier is back-quoted', () => {
  assert.equal(sqlName('order_id'), 'order_id');
  assert.equal(sqlName('order id'), '`order id`');
  assert.equal(sqlName('a`b'), '`a``b`');
});

test('dataset keys drop the qualifiers equal to the pipeline catalog and schema', () => {
  const ctx = { catalog: 'Main', schema: 'silver', configuration: new Map([['src', 'bronze']]) };
  assert.equal(datasetKey(['Policy'], ctx), 'policy');
  assert.equal(datasetKey(['SILVER', 'policy'], ctx), 'policy');
  assert.equal(datasetKey(['main', 'silver', 'policy'], ctx), 'policy');
  assert.equal(datasetKey(['bronze', 'policy'], ctx), 'bronze.policy');
  assert.equal(datasetKey(['main', 'bronze', 'policy'], ctx), 'bronze.policy');
  assert.equal(datasetKey(['other', 'silver', 'policy'], ctx), 'other.silver.policy');
  assert.equal(datasetKey(['${src}', 'policy'], ctx), 'bronze.policy');
  assert.equal(datasetKey(['silver', 'policy'], {}), 'silver.policy');
});
