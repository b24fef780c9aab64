// Fuzzing at scale: FUZZ_DOCUMENTS (default 10,000) documents generated from
// the fixture corpus (test/fixtures/sql, test/fixtures/fidelity, pipelines/),
// grammar-aware and byte-level (support/fuzzDocuments.ts), each put into a
// workspace index next to the bundled pipeline and run through parse, index,
// diagnostics, and hover, completion and definition at random positions, within
// a time budget per document. A throw, an internal error of a check or the
// parser, or a budget overrun fails the test with the seed, and the document,
// minimised, is saved under test/fixtures/fuzz/ (replayed first by every later
// run, so a fixed bug stays fixed). FUZZ_SEED replays a run; by default the seed is
// the UTC day, so every day explores new documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFunctionCatalogue } from '../../../server/src/language/facts/databricksFunctions';
import { completion } from '../../../server/src/language/features/completion';
import { fileDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import type { FeatureContext, SyntaxDocument } from '../../../server/src/language/features/featureContext';
import { hover } from '../../../server/src/language/features/hover';
import { definition } from '../../../server/src/language/features/navigation';
import { WorkspaceIndex } from '../../../server/src/language/model/workspaceIndex';
import { LineIndex } from '../../../server/src/language/syntax/lineIndex';
import { parse } from '../../../server/src/language/syntax/parser';
import { FuzzCorpus, minimise } from '../support/fuzzDocuments';
import { Prng } from '../support/prng';
import { sqlFiles } from '../syntax/fixtures';

const root = join(__dirname, '../../../..');
const FAILURES_DIR = join(root, 'test/fixtures/fuzz');
const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 10_000);
// A new seed each UTC day: a day's runs (a developer's before submitting, CI's after)
// explore the same documents, and each day explores new ones.
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Date.now() / 86_400_000));
/** Per document: they take a few milliseconds; the budget catches super-linear work, with room for a shared machine. */
const BUDGET_MS = 3000;
const POSITIONS = 4;

const pipelineFiles = sqlFiles(join(root, 'pipelines'));
const corpus = new FuzzCorpus(
  [...sqlFiles(join(root, 'test/fixtures/sql')), ...sqlFiles(join(root, 'test/fixtures/fidelity')), ...pipelineFiles].map((f) =>
    readFileSync(f, 'utf8'),
  ),
);

// The bundled pipeline is indexed once; the fuzz document joins it as one more file, so its references resolve.
const index = new WorkspaceIndex({ parse });
for (const f of pipelineFiles) index.updateFile(f, readFileSync(f, 'utf8'));
const ctx: FeatureContext = { index, functions: createFunctionCatalogue() };
const FILE = join(root, 'pipelines/gold/fuzz_document.sql');

/** Runs one document through everything; returns why it failed, or undefined. */
function check(text: string, positionSeed: number): string | undefined {
  const started = performance.now();
  const internal: string[] = [];
  try {
    index.updateFile(FILE, text);
    const parsed = index.parsed(FILE)!;
    const parserBug = parsed.errors.find((e) => e.code === 'internal-error');
    if (parserBug) return `parser internal error: ${parserBug.message}`;
    fileDiagnostics(index, FILE, {
      onInternalError: (check, _f, e) => internal.push(`${check}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    });
    const doc: SyntaxDocument = { file: FILE, text, parsed, lines: new LineIndex(text) };
    const rnd = new Prng(positionSeed);
    for (let i = 0; i < POSITIONS; i++) {
      const position = doc.lines.positionAt(i === 0 ? text.length : rnd.int(text.length + 1));
      hover(ctx, doc, position);
      completion(ctx, doc, position);
      definition(ctx, doc, position);
    }
  } catch (e) {
    return `throws: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
  if (internal.length > 0) return `diagnostics check failed internally: ${internal[0]}`;
  const ms = performance.now() - started;
  return ms > BUDGET_MS ? `took ${Math.round(ms)} ms (budget ${BUDGET_MS} ms)` : undefined;
}

/** Minimises a failing document, saves it with its seed, and returns the message to fail with. */
function report(name: string, text: string, positionSeed: number, why: string): string {
  const overrun = why.startsWith('took');
  const small = minimise(
    text,
    (candidate) => {
      const again = check(candidate, positionSeed);
      return again !== undefined && again.startsWith('took') === overrun;
    },
    overrun ? 40 : 400,
  );
  mkdirSync(FAILURES_DIR, { recursive: true });
  const path = join(FAILURES_DIR, `${name}.sql`);
  writeFileSync(path, small);
  writeFileSync(
    join(FAILURES_DIR, `${name}.json`),
    JSON.stringify({ seed: SEED, positionSeed, why: why.split('\n')[0], originalLength: text.length }, null, 2) + '\n',
  );
  return `${why}\nseed ${SEED} (FUZZ_SEED=${SEED} replays it); minimised document (${small.length} of ${text.length} characters) saved to ${path}`;
}

test('minimise keeps only what the failure needs, and generation is deterministic per (seed, index)', () => {
  const text = 'CREATE MATERIALIZED VIEW a AS\nSELECT x,\n  y\nFROM t PIVOT (sum(v) FOR k IN (1));\n-- tail\n';
  assert.equal(
    minimise(text, (c) => c.includes('PIVOT') && c.includes('y')),
    'yPIVOT',
  );
  assert.deepEqual(corpus.generate(7, 3), corpus.generate(7, 3));
  assert.notDeepEqual(corpus.generate(7, 3), corpus.generate(7, 4));
});

test('documents that once failed (test/fixtures/fuzz) pass', () => {
  for (const f of sqlFiles(FAILURES_DIR)) {
    const why = check(readFileSync(f, 'utf8'), 1);
    assert.equal(why, undefined, `${f}: ${why}`);
  }
});

test(`${DOCUMENTS} generated documents through parse, index, diagnostics, hover, completion and definition`, () => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const kinds = new Map<string, number>();
  for (let i = 0; i < DOCUMENTS; i++) {
    const { text, how } = corpus.generate(SEED, i);
    for (const step of how.split(', ')) kinds.set(step.split(' ')[0], (kinds.get(step.split(' ')[0]) ?? 0) + 1);
    const why = check(text, SEED + i);
    if (why) assert.fail(report(`seed-${SEED}-doc-${i}`, text, SEED + i, `document ${i} (${how}): ${why}`));
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  // Both families of generation ran (a generator that degenerated to one would not fail otherwise).
  assert.ok((kinds.get('replace') ?? 0) > DOCUMENTS / 10 && (kinds.get('garbage') ?? 0) > DOCUMENTS / 50, JSON.stringify([...kinds]));
  console.log(
    `fuzz: ${DOCUMENTS} documents in ${seconds.toFixed(1)} s (${Math.round(DOCUMENTS / seconds)} documents/s; ${cpuSeconds.toFixed(1)} s of CPU, ${Math.round(DOCUMENTS / cpuSeconds)} documents per CPU second), seed ${SEED}; steps ${JSON.stringify(Object.fromEntries(kinds))}`,
  );
});
