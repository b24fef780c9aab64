// Peers side by side (`npm run bench fidelity`, not a test): the statements of
// the fidelity corpus (test/fixtures/fidelity/) and of the bundled pipeline
// (pipelines/), parsed by us, by sqlfluff's Databricks dialect and by sqlglot's
// Databricks dialect, with the time per statement and a ratio row.
// The peers are installed by this bench, pinned, into the ignored .bench-venv/
// (python3 -m venv + pip); test/bench/peerParsers.py runs them.
// "Parsed" means: ours, no syntax error; sqlfluff, no unparsable section;
// sqlglot, no error and no fallback to a raw-text Command.
// Run: npm run build && npm run bench fidelity
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notebookLayout } from '../../server/src/language/syntax/notebook';
import { parse } from '../../server/src/language/syntax/parser';
import { tokenize } from '../../server/src/language/syntax/tokenizer';
import { sqlFiles } from '../unit/syntax/fixtures';
import { printTable, time } from './measure';

const PINS = ['sqlfluff==4.5.0', 'sqlglot==30.30.0'];
const root = join(__dirname, '../../..');
const venv = join(root, '.bench-venv');
const python = join(venv, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');

interface PeerResult {
  ok: boolean;
  ms: number;
}

/**
 * The statements of a file, cut the same way for every parser: at `;` and at
 * notebook cell starts, with a notebook's markers and non-SQL cells blanked
 * (what the peers would otherwise read as SQL).
 */
export function statementsOf(text: string): string[] {
  const layout = notebookLayout(text);
  const src = layout ? layout.masked : text;
  const cellStarts = [...(layout?.cellStarts ?? [])];
  const out: string[] = [];
  let first: number | undefined;
  let last = 0;
  const flush = () => {
    if (first !== undefined) out.push(src.slice(first, last));
    first = undefined;
  };
  for (const t of tokenize(src).tokens) {
    while (cellStarts.length > 0 && t.start >= cellStarts[0]) {
      cellStarts.shift();
      flush();
    }
    if (t.kind === 'eof' || (t.kind === 'op' && t.upper === ';')) {
      flush();
      continue;
    }
    first ??= t.start;
    last = t.end;
  }
  return out;
}

function ensurePeers(): void {
  const installed =
    existsSync(python) &&
    execFileSync(python, ['-c', 'import sqlfluff, sqlglot; print(sqlfluff.__version__, sqlglot.__version__)'], { encoding: 'utf8' }).trim();
  if (installed === PINS.map((p) => p.split('==')[1]).join(' ')) return;
  console.log(`installing ${PINS.join(', ')} into .bench-venv/ ...`);
  if (!existsSync(python)) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PINS], { stdio: 'inherit' });
}

function runPeers(statements: string[]): { sqlfluff: PeerResult[]; sqlglot: PeerResult[]; versions: Record<string, string> } {
  const out = execFileSync(python, [join(root, 'test/bench/peerParsers.py')], {
    input: JSON.stringify(statements),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

const ours = (sql: string) => parse(sql).errors.length === 0;

export async function run(): Promise<void> {
  ensurePeers();
  const corpora = [
    { name: 'fidelity valid', files: sqlFiles(join(root, 'test/fixtures/fidelity/valid')) },
    // Statements written to be wrong: a parser that "parses" them is lenient, not better.
    { name: 'fidelity invalid', files: sqlFiles(join(root, 'test/fixtures/fidelity/invalid')) },
    { name: 'pipelines', files: sqlFiles(join(root, 'pipelines')) },
  ];
  const rows: Record<string, string | number>[] = [];
  const totals = { n: 0, ours: 0, fluff: 0, glot: 0, oursMs: 0, fluffMs: 0, glotMs: 0 };
  const missed: string[] = [];
  for (const corpus of corpora) {
    const statements = corpus.files.flatMap((f) => statementsOf(readFileSync(f, 'utf8')));
    const oursOk = statements.map(ours);
    // Ours is fast enough to time as whole rounds over the corpus: median round / statements.
    const t = await time(() => statements.forEach(ours), 15, 3);
    const oursPer = t.median / statements.length;
    const peers = runPeers(statements);
    const count = (r: { ok: boolean }[]) => r.filter((x) => x.ok).length;
    const mean = (r: PeerResult[]) => r.reduce((s, x) => s + x.ms, 0) / Math.max(1, r.length);
    const row = (parser: string, parsed: number, ms: number) => ({
      corpus: corpus.name,
      parser,
      statements: statements.length,
      parsed,
      '% parsed': (100 * parsed) / statements.length,
      'ms/statement': ms,
    });
    rows.push(row('lakeflow (ours)', count(oursOk.map((ok) => ({ ok }))), oursPer));
    rows.push(row(`sqlfluff ${peers.versions.sqlfluff} databricks`, count(peers.sqlfluff), mean(peers.sqlfluff)));
    rows.push(row(`sqlglot ${peers.versions.sqlglot} databricks`, count(peers.sqlglot), mean(peers.sqlglot)));
    // The ratio row counts valid SQL only (the fidelity valid corpus and the bundled pipeline).
    const counted = !corpus.name.endsWith('invalid');
    statements.forEach((s, i) => {
      if (!oursOk[i] && (peers.sqlfluff[i].ok || peers.sqlglot[i].ok)) missed.push(`${corpus.name}: ${s.split('\n')[0].slice(0, 100)}`);
    });
    if (!counted) continue;
    totals.n += statements.length;
    totals.ours += count(oursOk.map((ok) => ({ ok })));
    totals.fluff += count(peers.sqlfluff);
    totals.glot += count(peers.sqlglot);
    totals.oursMs += oursPer * statements.length;
    totals.fluffMs += mean(peers.sqlfluff) * statements.length;
    totals.glotMs += mean(peers.sqlglot) * statements.length;
  }
  printTable(rows);
  console.log('');
  printTable([
    {
      ratio: 'ours / sqlfluff',
      'parsed (x)': totals.ours / Math.max(1, totals.fluff),
      'speed (x faster)': totals.fluffMs / Math.max(1e-9, totals.oursMs),
    },
    {
      ratio: 'ours / sqlglot',
      'parsed (x)': totals.ours / Math.max(1, totals.glot),
      'speed (x faster)': totals.glotMs / Math.max(1e-9, totals.oursMs),
    },
  ]);
  console.log(`\n${totals.n} valid statements; ours parsed ${totals.ours}, sqlfluff ${totals.fluff}, sqlglot ${totals.glot}.`);
  if (missed.length > 0) {
    console.log(`\nStatements a peer parses and we do not (${missed.length}):`);
    for (const m of missed.slice(0, 15)) console.log(`- ${m}`);
  }
}
