// Completion without noise: a column two relations provide is offered
// qualified, once per relation, never as two identical bare labels; snippets
// only where their construct can stand; columns rank before functions before
// keywords; function documentation arrives with completionItem/resolve.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completion, resolveCompletionItem } from '../../../server/src/language/features/completion';
import { CompletionKind } from '../../../server/src/language/features/lspShapes';
import { fixture, LAYERS } from './featureFixture';

const at = (text: string) => {
  const f = fixture({ ...LAYERS, '/p/gold/x.sql': text });
  return { f, list: completion(f.ctx, f.doc, f.cursor) };
};
const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('completion without noise', () => {
  test('a column in two joined relations is offered qualified, once each; the others bare', () => {
    const { list } = at('CREATE MATERIALIZED VIEW x AS SELECT | FROM clean_events AS c JOIN raw_events AS r ON c.event_id = r.event_id');
    const columns = list.items.filter((i) => i.kind === CompletionKind.Field);
    const names = labels(columns);
    assert.equal(new Set(names).size, names.length, `duplicate labels: ${names.join(', ')}`);
    for (const shared of ['event_id', 'device_id', 'ts']) {
      assert.ok(names.includes(`c.${shared}`) && names.includes(`r.${shared}`), `${shared} qualified by both aliases`);
      assert.ok(!names.includes(shared), `${shared} never bare`);
    }
    assert.ok(names.includes('doubled') && names.includes('reading'), 'names only one relation has stay bare');
    const qualified = columns.find((i) => i.label === 'c.event_id')!;
    assert.equal(qualified.filterText, 'event_id', 'typing the bare name finds the qualified items');
    assert.equal(qualified.textEdit?.newText, 'c.event_id');
  });

  test('columns rank before functions, functions before keywords', () => {
    const { list } = at('CREATE MATERIALIZED VIEW x AS SELECT | FROM clean_events');
    const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    const firstFunction = sorted.findIndex((i) => i.kind === CompletionKind.Function);
    const firstKeyword = sorted.findIndex((i) => i.kind === CompletionKind.Keyword);
    const lastColumn = sorted.map((i) => i.kind).lastIndexOf(CompletionKind.Field);
    assert.equal(sorted[0].kind, CompletionKind.Field, 'a column comes first');
    assert.ok(lastColumn < firstFunction && firstFunction < firstKeyword, `${lastColumn} < ${firstFunction} < ${firstKeyword}`);
  });

  test('function items carry no documentation until resolved, then the catalogue text', () => {
    const { f, list } = at('CREATE MATERIALIZED VIEW x AS SELECT | FROM clean_events');
    const fn = list.items.find((i) => i.kind === CompletionKind.Function && i.label === 'coalesce')!;
    assert.equal(fn.documentation, undefined);
    const resolved = resolveCompletionItem(fn, f.ctx.functions);
    assert.match(resolved.documentation?.value ?? '', /\S/);
    assert.equal(resolveCompletionItem({ label: 'x', kind: CompletionKind.Field }, f.ctx.functions).documentation, undefined);
  });

  test('statement snippets only where a statement starts', () => {
    const start = at('|');
    const snippets = (l: typeof start.list) => labels(l.items.filter((i) => i.kind === CompletionKind.Snippet));
    assert.ok(snippets(start.list).includes('streaming table read_files'));
    assert.ok(snippets(start.list).includes('auto cdc scd2'));
    assert.deepEqual(snippets(at('CREATE MATERIALIZED VIEW x AS SELECT a FROM clean_events WHERE |').list), []);
    assert.deepEqual(snippets(at('CREATE MATERIALIZED VIEW x AS SELECT | FROM clean_events').list), []);
    const afterStatement = at('CREATE MATERIALIZED VIEW y AS SELECT 1 AS a;\n|');
    assert.ok(snippets(afterStatement.list).includes('materialized view'));
  });

  test('expectation snippets inside the column list, read_files where a relation goes', () => {
    const inList = at('CREATE MATERIALIZED VIEW x (\n  |\n) AS SELECT 1 AS a;');
    const names = labels(inList.list.items.filter((i) => i.kind === CompletionKind.Snippet));
    assert.deepEqual(names.sort(), ['expect drop', 'expect fail', 'expect warn']);
    const from = at('CREATE STREAMING TABLE x AS SELECT * FROM STREAM |');
    assert.ok(labels(from.list.items.filter((i) => i.kind === CompletionKind.Snippet)).includes('read_files schema hints'));
    assert.equal(from.list.items.find((i) => i.kind === CompletionKind.Snippet)?.insertTextFormat, 2);
  });
});
