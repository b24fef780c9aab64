import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { incomingCalls, outgoingCalls, prepareCallHierarchy } from '../../../server/src/language/features/callHierarchy';
import { codeLenses } from '../../../server/src/language/features/codeLenses';
import { datasetAt, lineageGraph } from '../../../server/src/lsp/lineageGraphAnswer';
import type { DocumentSymbol } from '../../../server/src/language/features/lspShapes';
import { documentSymbols, workspaceSymbols } from '../../../server/src/language/features/symbols';
import { fixture, LAYERS } from './featureFixture';

const outline = (list: DocumentSymbol[]): string[] =>
  list.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => `  ${c.name} (${c.detail ?? ''})`)]);
const uriOf = (f: string) => 'file://' + f;

describe('symbols', () => {
  test('document symbols: datasets with CTEs, expectations and columns; flows', () => {
    const f = fixture({
      '/p/a.sql':
        'CREATE STREAMING TABLE t (id BIGINT, CONSTRAINT ok EXPECT (id > 0));\nCREATE FLOW f AS INSERT INTO t BY NAME SELECT * FROM STREAM(s);\nCREATE MATERIALIZED VIEW m AS WITH w AS (SELECT 1 AS one) SELECT one AS uno FROM w;',
    });
    assert.deepEqual(outline(documentSymbols(f.ctx, f.doc)), [
      't',
      '  id (BIGINT)',
      '  ok (EXPECT id > 0)',
      'f',
      'm',
      '  w (CTE)',
      '  uno ()',
    ]);
  });

  test('workspace symbols filter by name across files', () => {
    const f = fixture(LAYERS);
    assert.deepEqual(
      workspaceSymbols(f.ctx, 'events').map((s) => [s.name, s.location.file, s.containerName]),
      [
        ['clean_events', '/p/silver/clean_events.sql', 'test · silver'],
        ['raw_events', '/p/bronze/raw_events.sql', 'test · bronze'],
      ],
    );
  });
});

describe('call hierarchy and lenses', () => {
  test('incoming calls are upstream, outgoing are downstream', () => {
    const f = fixture({
      ...LAYERS,
      '/p/silver/clean_events.sql': LAYERS['/p/silver/clean_events.sql'].replace('VIEW clean_events', 'VIEW clean|_events'),
    });
    const [item] = prepareCallHierarchy(f.ctx, f.doc, f.cursor);
    assert.equal(item.name, 'clean_events');
    assert.deepEqual(
      incomingCalls(f.ctx, item).map((c) => [c.item.name, c.fromRanges.length]),
      [['raw_events', 1]],
    );
    assert.deepEqual(
      outgoingCalls(f.ctx, item).map((c) => [c.item.name, c.item.file, c.fromRanges.length]),
      [['device_totals', '/p/gold/device_totals.sql', 1]],
    );
  });

  test('a code lens per dataset counts neighbours and opens its lineage', () => {
    const f = fixture(LAYERS);
    const [lens] = codeLenses(f.ctx, f.docOf('/p/silver/clean_events.sql'), uriOf);
    assert.equal(lens.command.title, '↑ 1 upstream · ↓ 1 downstream · show lineage');
    assert.equal(lens.command.command, 'lakeflow.showLineage');
    assert.deepEqual((lens.command.arguments?.[0] as { node: { id: string; uri: string } }).node.id, 'clean_events');
  });
});

describe('lineage requests', () => {
  test('the whole graph, and one dataset with column edges', () => {
    const f = fixture(LAYERS);
    const all = lineageGraph(f.ctx, { uriOf });
    assert.deepEqual(
      all.nodes.map((n) => [n.id, n.kind, n.layer]),
      [
        ['clean_events', 'materializedView', 'silver'],
        ['device_totals', 'materializedView', 'gold'],
        ['raw_events', 'streamingTable', 'bronze'],
      ],
    );
    assert.deepEqual(all.edges.map((e) => `${e.from}->${e.to}`).sort(), ['clean_events->device_totals', 'raw_events->clean_events']);
    const one = lineageGraph(f.ctx, { dataset: 'device_totals', columns: true, uriOf });
    const edge = one.edges.find((e) => e.to === 'device_totals');
    assert.deepEqual(edge?.columns, [
      { from: 'device_id', to: 'device_id' },
      { from: 'doubled', to: 'total' },
    ]);
    assert.equal(one.nodes.find((n) => n.id === 'raw_events')?.expectations?.[0].action, 'drop');
  });

  test('datasets of one name in two schemas are two nodes, each named with its schema', () => {
    const f = fixture({
      '/p/a.sql':
        'CREATE MATERIALIZED VIEW bronze.Policy AS SELECT 1 AS id;\nCREATE MATERIALIZED VIEW silver.policy AS SELECT id FROM bronze.policy;\nCREATE MATERIALIZED VIEW report AS SELECT id FROM silver.pol|icy;',
    });
    const all = lineageGraph(f.ctx, { uriOf });
    assert.deepEqual(
      all.nodes.map((n) => n.id),
      ['bronze.Policy', 'report', 'silver.policy'],
    );
    assert.deepEqual(all.edges.map((e) => `${e.from}->${e.to}`).sort(), ['bronze.Policy->silver.policy', 'silver.policy->report']);
    assert.equal(datasetAt(f.ctx, f.doc, f.cursor, uriOf)?.name, 'silver.policy');
    const one = lineageGraph(f.ctx, { dataset: 'silver.policy', columns: true, uriOf });
    assert.deepEqual(one.edges.find((e) => e.to === 'silver.policy')?.columns, [{ from: 'id', to: 'id' }]);
  });

  test('datasetAt: the dataset under a reference, or the statement around the cursor', () => {
    const f = fixture({
      ...LAYERS,
      '/p/gold/device_totals.sql': LAYERS['/p/gold/device_totals.sql'].replace('FROM clean_events', 'FROM clean_ev|ents'),
    });
    assert.equal(datasetAt(f.ctx, f.doc, f.cursor, uriOf)?.name, 'clean_events');
    assert.equal(datasetAt(f.ctx, f.doc, { line: 1, character: 4 }, uriOf)?.name, 'device_totals');
    assert.equal(datasetAt(f.ctx, f.doc, { line: 9, character: 0 }, uriOf), null);
  });
});
