// Every feature at (a sample of) every position of every bundled pipeline file
// and of the parser's half-typed fixtures: no feature may throw on user text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { completion } from '../../../server/src/language/features/completion';
import { hover } from '../../../server/src/language/features/hover';
import { definition, references } from '../../../server/src/language/features/navigation';
import { prepareRename } from '../../../server/src/language/features/rename';
import { semanticTokens } from '../../../server/src/language/features/semanticTokens';
import { signatureHelp } from '../../../server/src/language/features/signatureHelp';
import { documentSymbols } from '../../../server/src/language/features/symbols';
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
    for (let offset = 0; offset <= doc.text.length; offset += 11) {
      const p = doc.lines.positionAt(offset);
      hover(f.ctx, doc, p);
      definition(f.ctx, doc, p);
      completion(f.ctx, doc, p);
      signatureHelp(f.ctx, doc, p);
      prepareRename(f.ctx, doc, p);
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
