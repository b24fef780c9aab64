import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../../server/src/language/features/semanticTokens';
import { fixture, LAYERS } from './featureFixture';

/** Decodes the tokens of `file` into `text:type[.modifier]` strings. */
function decode(files: Record<string, string>, file: string): string[] {
  const f = fixture(files);
  const doc = f.docOf(file);
  const { data } = semanticTokens(f.ctx, doc);
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const start = doc.lines.offsetAt({ line, character: char });
    const mods = SEMANTIC_TOKEN_MODIFIERS.filter((_, b) => data[i + 4] & (1 << b));
    out.push(`${doc.text.slice(start, start + data[i + 2])}:${SEMANTIC_TOKEN_TYPES[data[i + 3]]}${mods.map((m) => '.' + m).join('')}`);
  }
  return out;
}

describe('semantic tokens', () => {
  test('Lakeflow keywords, dataset names by kind, columns, parameters, functions and expectations', () => {
    const tokens = decode(
      {
        ...LAYERS,
        '/p/gold/x.sql':
          "CREATE OR REFRESH STREAMING TABLE x (CONSTRAINT ok EXPECT (total > 0) ON VIOLATION DROP ROW)\nAS SELECT device_id, sum(total) AS total FROM STREAM(raw_events) JOIN LIVE.clean_events USING (device_id) JOIN ref.plants.sites USING (device_id) WHERE ts > '${start}';",
      },
      '/p/gold/x.sql',
    );
    for (const t of [
      'REFRESH:keyword',
      'STREAMING:keyword',
      'TABLE:keyword',
      'x:struct.declaration',
      'CONSTRAINT:keyword',
      'ok:enumMember.declaration',
      'EXPECT:keyword',
      'VIOLATION:keyword',
      'DROP:keyword',
      'ROW:keyword',
      'STREAM:keyword',
      'raw_events:struct',
      'LIVE:namespace.deprecated',
      'clean_events:class',
      'ref.plants.sites:type',
      'sum:function',
      'device_id:property',
      '${start}:parameter.readonly',
    ]) {
      assert.ok(tokens.includes(t), `missing ${t} in ${tokens.join(' ')}`);
    }
    assert.ok(!tokens.some((t) => t.startsWith('SELECT:')), 'plain SQL keywords are left to the grammar');
  });

  test('pipe operations are keywords; a table named once is a dataset, not the keyword', () => {
    const tokens = decode(
      {
        '/p/a.sql':
          'CREATE OR REFRESH STREAMING TABLE once;\nCREATE FLOW f AS INSERT INTO once BY NAME FROM STREAM(src) |> EXTEND 1 AS one |> AGGREGATE count(*) AS n GROUP BY one;',
      },
      '/p/a.sql',
    );
    for (const t of ['EXTEND:keyword', 'AGGREGATE:keyword', 'once:struct'])
      assert.ok(tokens.includes(t), `missing ${t} in ${tokens.join(' ')}`);
    assert.ok(!tokens.includes('once:keyword'), tokens.join(' '));
  });

  test('CTE names are variables where defined and where read', () => {
    const tokens = decode({ '/p/a.sql': 'CREATE MATERIALIZED VIEW a AS WITH recent AS (SELECT 1 AS x) SELECT x FROM recent;' }, '/p/a.sql');
    assert.deepEqual(
      tokens.filter((t) => t.startsWith('recent:')),
      ['recent:variable.declaration', 'recent:variable'],
    );
  });

  test('tokens never overlap and stay in order', () => {
    const f = fixture(LAYERS);
    for (const file of Object.keys(LAYERS)) {
      const { data } = semanticTokens(f.ctx, f.docOf(file));
      assert.equal(data.length % 5, 0);
      let line = 0;
      let start = 0;
      let end = 0;
      for (let i = 0; i < data.length; i += 5) {
        if (data[i] > 0) {
          line += data[i];
          start = data[i + 1];
          end = 0;
        } else start += data[i + 1];
        assert.ok(start >= end, `overlap on line ${line} of ${file}`);
        end = start + data[i + 2];
      }
      assert.ok(data.length > 0);
    }
  });
});
