import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFunctionCatalogue } from '../../../server/src/language/facts/databricksFunctions';

const catalogue = createFunctionCatalogue();

test('every row of the table becomes one function', () => {
  assert.equal(catalogue.all().length, 492);
});

const cases: [string, string, string][] = [
  // name, kind, duckdb kind
  ['COUNT', 'aggregate', 'same'],
  ['row_number', 'window', 'same'],
  ['explode', 'generator', 'alt'],
  ['read_files', 'table_valued', 'alt'],
  ['transform', 'higher_order', 'alt'],
  ['dayofweek', 'scalar', 'alt'],
  ['hash', 'scalar', 'different'],
];
for (const [name, kind, duck] of cases) {
  test(`${name} is ${kind}, DuckDB ${duck}`, () => {
    const f = catalogue.get(name);
    assert.ok(f, `${name} missing`);
    assert.equal(f.kind, kind);
    assert.equal(f.duckdb.kind, duck);
    assert.match(f.signature, new RegExp(`^${name.toLowerCase()}\\(`));
  });
}

test('unknown names are absent, not guessed', () => {
  assert.equal(catalogue.get('no_such_function'), undefined);
});
