// Every feature at (a sample of) every position of every bundled pipeline file
// and of the parser's half-typed fixtures: no feature may throw on user text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { completion } from '../../../server/src/language/features/completion';
import { hover } from '../../../server/src/language/features/hover';
import { definition, references } from '../../../server/src/language/features/navigation';
import { prepareRename, rename } from '../../../server/src/language/features/rename';
import { semanticTokens } from '../../../server/src/language/features/semanticTokens';
import { signatureHelp } from '../../../server/src/language/features/signatureHelp';
import { documentSymbols } from '../../../server/src/language/features/symbols';
import { foldingRanges } from '../../../server/src/language/features/foldingRanges';
import { selectionRange } from '../../../server/src/language/features/selectionRanges';
import { fixture } from './featureFixture';

const root = join(__dirname, '../../../..');

function sqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sqlFiles(p) : e.endsWith('.sql') ? [p] : [];
  });
}

test('no feature throws at any sampled position of the bundled pipeline, truncated anywhere', () => {
  const files = sqlFiles(join(root, 'pipelines'));
  const texts: Record<string, string> = {};
  for (const f of files) texts[f] = readFileSync(f, 'utf8').replace(/\|/g, '¦');
  const f = fixture(texts);
  let calls = 0;
  for (const file of files) {
    const doc = f.docOf(file);
    semanticTokens(f.ctx, doc);
    documentSymbols(f.ctx, doc);
    foldingRanges(doc);
    for (let offset = 0; offset <= doc.text.length; offset += 11) {
      const p = doc.lines.positionAt(offset);
      hover(f.ctx, doc, p);
      definition(f.ctx, doc, p);
      completion(f.ctx, doc, p);
      signatureHelp(f.ctx, doc, p);
      prepareRename(f.ctx, doc, p);
      selectionRange(doc, p);
      if (offset % 77 === 0) references(f.ctx, doc, p, true);
      calls++;
    }
  }
  // Half-typed: each file cut at a few points, as a user types it, with completion at the end.
  for (const file of files.slice(0, 8)) {
    const text = texts[file];
    for (const cut of [0.2, 0.45, 0.7, 0.9]) {
      const partial = text.slice(0, Math.floor(text.length * cut));
      const g = fixture({ ...texts, [file]: partial + '|' });
      completion(g.ctx, g.doc, g.cursor);
      hover(g.ctx, g.doc, g.cursor);
      semanticTokens(g.ctx, g.doc);
      calls++;
    }
  }
  assert.ok(calls > 1000, String(calls));
});

// CTEs (shadowed and chained), alias-less qualifiers, PIVOT/UNPIVOT, sampling, time travel and pipe syntax,
// where the pipeline itself has few: every feature, rename included, at every position.
const TRICKY = `CREATE MATERIALIZED VIEW src AS SELECT 1 AS id, 'a' AS k, 2.0 AS v;
CREATE MATERIALIZED VIEW tricky AS
WITH w AS (SELECT id, k FROM src), v AS (SELECT w.id FROM w JOIN src USING (id))
SELECT w.id, src.k, p.a_total
FROM w JOIN src USING (id)
JOIN (WITH w AS (SELECT 2 AS id) SELECT id FROM w) inner_w USING (id)
JOIN (SELECT * FROM src TABLESAMPLE (10 PERCENT) PIVOT (sum(v) AS total FOR k IN ('a' AS a, 'b'))) p ON true
JOIN src VERSION AS OF 3 AS old USING (id)
WHERE EXISTS (SELECT 1 FROM v WHERE v.id = w.id);
CREATE MATERIALIZED VIEW tall AS SELECT * FROM src UNPIVOT INCLUDE NULLS (val FOR col IN (id, v));
CREATE MATERIALIZED VIEW piped AS WITH c AS (FROM src |> WHERE id > 0) FROM c AS t
|> EXTEND t.v * 2 AS v2 |> SET v2 = v2 + 1 |> DROP k |> AS u |> JOIN src USING (id)
|> AGGREGATE sum(u.v2) AS s GROUP BY id |> UNION ALL (SELECT 1, 2.0) |> PIVOT (sum(s) FOR id IN (1, 2)) |> LIMIT 3;
CREATE FLOW f AS AUTO CDC ONCE INTO tall FROM (SELECT * FROM src) KEYS (id) SEQUENCE BY v;`;

test('no feature throws at any position of CTE, PIVOT and time-travel queries', () => {
  const f = fixture({ '/p/tricky.sql': TRICKY });
  const doc = f.docOf('/p/tricky.sql');
  semanticTokens(f.ctx, doc);
  documentSymbols(f.ctx, doc);
  let renamed = 0;
  for (let offset = 0; offset <= doc.text.length; offset++) {
    const p = doc.lines.positionAt(offset);
    hover(f.ctx, doc, p);
    definition(f.ctx, doc, p);
    references(f.ctx, doc, p, true);
    completion(f.ctx, doc, p);
    const r = rename(f.ctx, doc, p, 'renamed');
    if (!('error' in r)) renamed++;
  }
  assert.ok(renamed > 0, 'some positions are renameable');
});
