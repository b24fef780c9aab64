// Deterministic random mutations of real pipeline SQL (deleted, inserted and
// duplicated tokens, truncations, binary garbage, a 1 MB line) fed through
// updateFile and diagnostics: nothing may throw, no check may fail internally,
// and every diagnostic range stays inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { WorkspaceIndex } from '../../../server/src/language/model/workspaceIndex';
import { parse } from '../../../server/src/language/syntax/parser';
import { pick, seededRandom } from '../support/seededRandom';

const root = resolve(__dirname, '../../../../pipelines');
const sqlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sqlFiles(p) : e.endsWith('.sql') ? [p] : [];
  });

const SNIPPETS = [
  'STREAM',
  '(',
  ')',
  ',',
  ';',
  'SELECT',
  'FROM',
  'JOIN',
  '|>',
  '|> SELECT',
  '|> AGGREGATE',
  '-- COMMAND ----------\n',
  'CONSTRAINT',
  'EXPECT',
  'ON VIOLATION',
  'AS',
  '*',
  'LIVE.',
  '${',
  '`',
  "'",
  '--',
  '/*',
  'CREATE FLOW f AS AUTO CDC INTO',
  'WITH',
  'OVER (',
  '::',
  ':',
  '=>',
  'x -> x',
  'PIVOT (',
  'UNPIVOT (',
  'FOR',
  'IN (',
  'TABLESAMPLE (',
  'VERSION AS OF',
  'WITH w AS (',
  ' w.',
];

function mutate(random: () => number, text: string): string {
  const tokens = text.split(/(\s+|[(),;])/);
  const i = Math.floor(random() * tokens.length);
  switch (Math.floor(random() * 7)) {
    case 0:
      tokens.splice(i, 1 + Math.floor(random() * 3));
      return tokens.join('');
    case 1:
      tokens.splice(i, 0, ' ' + pick(random, SNIPPETS) + ' ');
      return tokens.join('');
    case 2:
      tokens.splice(i, 0, ...tokens.slice(i, i + 1 + Math.floor(random() * 5)));
      return tokens.join('');
    case 3:
      return text.slice(0, Math.floor(random() * text.length));
    case 4:
      return text.slice(0, i) + String.fromCharCode(...Array.from({ length: 16 }, () => Math.floor(random() * 0xffff))) + text.slice(i);
    case 5:
      return tokens.reverse().join('');
    default:
      return text.replace(/\n/g, ' ');
  }
}

test('2,000 random mutations through updateFile + diagnostics never throw', () => {
  const originals = sqlFiles(root).map((f) => [f, readFileSync(f, 'utf8')] as const);
  const index = new WorkspaceIndex({ parse });
  for (const [f, t] of originals) index.updateFile(f, t);
  const random = seededRandom(7);
  const internal: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const [file, original] = pick(random, originals);
    let text = original;
    const rounds = 1 + Math.floor(random() * 4);
    for (let r = 0; r < rounds; r++) text = mutate(random, text);
    index.updateFile(file, text);
    const lines = text.split(/\r\n|\r|\n/);
    for (const d of fileDiagnostics(index, file, {
      onInternalError: (c, f, e) => internal.push(`${c} ${f}: ${e instanceof Error ? e.stack : e}`),
    })) {
      assert.ok(d.range.end.line < lines.length, `${d.code} range past the end`);
    }
    if (random() < 0.3) index.updateFile(file, original);
  }
  assert.deepEqual(internal, []);
});

test('a 1 MB line, pure garbage and 20,000 pipe steps analyse without throwing', () => {
  const index = new WorkspaceIndex({ parse });
  const huge = 'CREATE MATERIALIZED VIEW m AS SELECT ' + Array.from({ length: 150_000 }, (_, i) => `c${i}`).join(', ') + ' FROM src;';
  assert.ok(huge.length > 1_000_000);
  index.updateFile('/p/huge.sql', huge);
  const random = seededRandom(3);
  index.updateFile('/p/garbage.sql', String.fromCharCode(...Array.from({ length: 50_000 }, () => Math.floor(random() * 0xffff))));
  index.updateFile('/p/parens.sql', 'SELECT ' + '('.repeat(20_000) + '1' + ')'.repeat(20_000));
  const diagnose = (f: string) => fileDiagnostics(index, f, { onInternalError: (c, _f, e) => assert.fail(`${c}: ${String(e)}`) });
  // The huge line is analysed in full: every column in the model, the one unknown source found where it is.
  assert.equal(index.definition('m')?.query?.items.length, 150_000);
  const hugeFindings = diagnose('/p/huge.sql');
  assert.deepEqual(
    hugeFindings.map((d) => [d.code, d.range.start.character]),
    [['LF201', huge.indexOf('src;')]],
  );
  // Garbage is syntax errors only, each inside the text.
  const garbageLines = index.text('/p/garbage.sql')!.split(/\r\n|\r|\n/);
  const garbage = diagnose('/p/garbage.sql');
  assert.ok(
    garbage.length > 0 && garbage.every((d) => d.code === 'LF101' && d.range.end.line < garbageLines.length),
    JSON.stringify(garbage.slice(0, 3)),
  );
  // 20,000 nested parentheses stop at the nesting limit with one error, not a stack overflow.
  assert.deepEqual(
    index.analysis('/p/parens.sql')?.syntaxErrors.map((e) => e.code),
    ['too-deep'],
  );
  assert.deepEqual(
    diagnose('/p/parens.sql').map((d) => d.code),
    ['LF101'],
  );
  // Each pipe step nests the previous shape: 20,000 of them must not overflow the stack, and
  // the reader of the pipe still gets its own findings (the pipe's sources are unknown tables).
  index.updateFile(
    '/p/pipes.sql',
    'CREATE MATERIALIZED VIEW p AS FROM src' +
      Array.from({ length: 20_000 }, (_, i) => ` |> WHERE x > ${i} |> JOIN t${i} USING (x)`).join('') +
      ';\nCREATE MATERIALIZED VIEW q AS SELECT x FROM p;',
  );
  const pipes = diagnose('/p/pipes.sql');
  assert.ok(pipes.length > 0 && pipes.every((d) => d.code === 'LF201'), JSON.stringify(pipes.slice(0, 3).map((d) => [d.code, d.message])));
});
