// Incremental updates must be indistinguishable from indexing the same files
// from scratch: datasets, edges, cycles, columns and diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workspaceDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { WorkspaceIndex } from '../../../server/src/language/model/workspaceIndex';
import { parse } from '../../../server/src/language/syntax/parser';
import { pick, seededRandom } from '../support/seededRandom';

const root = resolve(__dirname, '../../../../pipelines');

function sqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sqlFiles(p) : e.endsWith('.sql') ? [p] : [];
  });
}

function snapshot(index: WorkspaceIndex) {
  return {
    datasets: index.datasets().map((d) => [d.name, d.kind, d.file, d.range]),
    edges: index.edges(),
    cycles: index.graph.cycles(),
    columns: index.datasets().map((d) => index.columnsOf(d.key)),
    diagnostics: workspaceDiagnostics(index),
  };
}

function fresh(files: Map<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex({ parse });
  for (const f of [...files.keys()].sort()) index.updateFile(f, files.get(f)!);
  return index;
}

test('200 random edits applied incrementally equal a full re-index after each', () => {
  const files = new Map(sqlFiles(root).map((f) => [f, readFileSync(f, 'utf8')]));
  const index = fresh(files);
  const random = seededRandom(42);
  const names = index.datasets().map((d) => d.name);
  const edits: ((f: string, t: string) => string | undefined)[] = [
    (_f, t) => t.replace(pick(random, names), pick(random, names)), // rename or re-point a reference (duplicates, cycles)
    (_f, t) => {
      const i = Math.floor(random() * t.length);
      return t.slice(0, i) + pick(random, ['x', ' ', ';', '(', "'", 'STREAM ', 'LIVE.']) + t.slice(i + 1);
    },
    (_f, t) => t.slice(0, Math.floor(random() * t.length)), // truncate
    () => undefined, // delete the file
  ];
  for (let step = 0; step < 200; step++) {
    const file = pick(random, [...files.keys()]);
    const next = pick(random, edits)(file, files.get(file)!);
    if (next === undefined) {
      files.delete(file);
      index.removeFile(file);
    } else {
      files.set(file, next);
      index.updateFile(file, next);
    }
    if (files.size < 5) break;
    // The full comparison is the expensive part; every 10th step keeps the suite fast.
    if (step % 10 === 9) assert.deepEqual(snapshot(index), snapshot(fresh(files)), `after step ${step}`);
  }
  assert.deepEqual(snapshot(index), snapshot(fresh(files)));
});

test('an update re-analyses only that file and is skipped when nothing changed', () => {
  const files = new Map(sqlFiles(root).map((f) => [f, readFileSync(f, 'utf8')]));
  const index = fresh(files);
  const [a, b] = [...files.keys()].sort();
  const before = index.analysis(b);
  assert.equal(index.updateFile(a, files.get(a)!), false);
  assert.equal(index.updateFile(a, files.get(a)! + '\n-- edited'), true);
  assert.equal(index.analysis(b), before, 'other files keep their cached analysis');
  assert.equal(index.updateFile(a, files.get(a)! + '\n-- edited', 7), true);
  assert.equal(index.updateFile(a, files.get(a)! + '\n-- edited', 7), false, 'same (file, version) is cached');
});

test('renaming a dataset moves its downstream edges and reports the dangling reference', () => {
  const index = new WorkspaceIndex({ parse });
  index.updateFile('/p/a.sql', 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;');
  index.updateFile('/p/b.sql', 'CREATE MATERIALIZED VIEW b AS SELECT x FROM a;');
  assert.deepEqual(index.edges(), [{ from: 'a', to: 'b', streaming: false }]);
  index.updateFile('/p/a.sql', 'CREATE MATERIALIZED VIEW a2 AS SELECT 1 AS x;');
  assert.deepEqual(index.edges(), []);
  assert.deepEqual(index.filesReading('a'), ['/p/b.sql']);
  assert.deepEqual(
    workspaceDiagnostics(index).map((d) => d.code),
    ['LF201'],
  );
});

test('files affected by an edit: downstream readers (transitively) and duplicate definitions', () => {
  const index = new WorkspaceIndex({ parse });
  index.updateFile('/p/a.sql', 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;');
  index.updateFile('/p/b.sql', 'CREATE MATERIALIZED VIEW b AS SELECT x FROM a;');
  index.updateFile('/p/c.sql', 'CREATE MATERIALIZED VIEW c AS SELECT x FROM b;');
  index.updateFile('/p/d.sql', 'CREATE MATERIALIZED VIEW a AS SELECT 2 AS x;');
  index.updateFile('/p/e.sql', 'CREATE MATERIALIZED VIEW e AS SELECT 3 AS y;');
  const affected = (file: string) => index.filesDependingOn(index.keysWrittenBy(file)).filter((f) => f !== file);
  assert.deepEqual(affected('/p/a.sql'), ['/p/b.sql', '/p/c.sql', '/p/d.sql']);
  assert.deepEqual(affected('/p/c.sql'), []);
  assert.deepEqual(affected('/p/nope.sql'), []);
  // The keys a file wrote before an edit still name its old readers (and it defines a2 itself).
  index.updateFile('/p/a.sql', 'CREATE MATERIALIZED VIEW a2 AS SELECT 1 AS x;');
  assert.deepEqual(index.filesDependingOn(['a', ...index.keysWrittenBy('/p/a.sql')]), ['/p/a.sql', '/p/b.sql', '/p/c.sql', '/p/d.sql']);
});

test('edges follow name resolution: a file that defines a name later links the readers that were already there', () => {
  const files: [string, string][] = [
    ['/p/b.sql', 'CREATE MATERIALIZED VIEW b AS SELECT id FROM silver.a;'],
    ['/p/a.sql', 'CREATE MATERIALIZED VIEW silver.a AS SELECT 1 AS id;'],
    ['/p/c.sql', 'CREATE MATERIALIZED VIEW c AS SELECT id FROM a;'],
  ];
  const incremental = new WorkspaceIndex({ parse });
  for (const [f, t] of files) incremental.updateFile(f, t);
  const scratch = new WorkspaceIndex({ parse });
  for (const [f, t] of [...files].reverse()) scratch.updateFile(f, t);
  assert.deepEqual(
    incremental.edges().map((e) => `${e.from}>${e.to}`),
    ['silver.a>b', 'silver.a>c'],
  );
  assert.deepEqual(snapshot(incremental), snapshot(scratch));
  incremental.removeFile('/p/a.sql');
  assert.deepEqual(incremental.edges(), []);
  assert.deepEqual(incremental.graph.edges(), [], 'no edge is left behind to a name nobody defines');
});
