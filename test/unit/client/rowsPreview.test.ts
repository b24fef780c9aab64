import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatasetRows, PREVIEW_LIMIT, previewFailure, previewInvocation } from '../../../client/src/local/previewInvocation';
import { renderRowsHtml } from '../../../client/src/views/rowsHtml';

const ROWS = {
  dataset: 'stg_<x>',
  table: 'silver.stg_<x>',
  columns: [
    { name: 'id', type: 'INTEGER' },
    { name: 'note', type: 'VARCHAR' },
    { name: 'site', type: 'STRUCT("city" VARCHAR)' },
  ],
  rows: [
    { id: 1, note: '<script>alert(1)</script>', site: { city: 'Oslo' } },
    { id: 2, note: null, site: null },
  ],
  totalRows: 7,
};

test('the preview runs the bundled CLI as plain Node with arguments as an array', () => {
  const inv = previewInvocation('/ext/server/out/lakeflow.js', 'fct orders', '/w/.lakeflow/lakehouse.duckdb', { PATH: '/bin' });
  assert.deepEqual(inv.command, {
    command: ['/ext/server/out/lakeflow.js', 'preview'],
    args: ['fct orders', '--db', '/w/.lakeflow/lakehouse.duckdb', '--limit', String(PREVIEW_LIMIT), '--format', 'json'],
  });
  assert.equal(inv.env.ELECTRON_RUN_AS_NODE, '1');
  assert.equal(inv.env.PATH, '/bin');
});

test('the CLI JSON is parsed; anything else is not rows', () => {
  assert.deepEqual(parseDatasetRows('progress\n' + JSON.stringify(ROWS) + '\n'), ROWS);
  assert.equal(parseDatasetRows('{"datasets": []}'), undefined);
  assert.equal(parseDatasetRows('not json'), undefined);
  assert.equal(
    previewFailure('lakeflow preview: dataset x has no table in /db: did the latest local run complete it?\n'),
    'dataset x has no table in /db: did the latest local run complete it?',
  );
});

test('the rows page: strict CSP without scripts, every value escaped, NULLs marked, counts shown', () => {
  const html = renderRowsHtml({ title: 'Rows: stg_<x>', rows: ROWS }, 'N0nce');
  assert.match(html, /content="default-src 'none'; style-src 'nonce-N0nce'"/);
  assert.doesNotMatch(html, /<script/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /<td class="null">NULL<\/td>/);
  assert.match(html, /\{&quot;city&quot;:&quot;Oslo&quot;\}/);
  assert.match(html, /2 of 7 rows of <code>silver\.stg_&lt;x&gt;<\/code>/);
  assert.match(html, /<th title="INTEGER">id<span class="type">INTEGER<\/span><\/th>/);
  assert.doesNotMatch(html, /(src|href)=["']https?:/);
});

test('an error is shown instead of the table', () => {
  const html = renderRowsHtml({ title: 'Rows', error: 'no <db>' }, 'n');
  assert.match(html, /no &lt;db&gt;/);
  assert.doesNotMatch(html, /<table/);
});
