// The fidelity corpus (test/fixtures/fidelity/): small pipelines written from the
// Databricks documentation. Every folder under `valid/` must check with no error
// and no warning (hints and infos are allowed: deprecated spellings get a hint);
// every folder under `invalid/` holds `expected.json`, a list of
// {code, file, line, column[, severity]} (1-based, the diagnostic's start), and the check
// must report exactly those errors and warnings. A folder is one pipeline: its
// .sql files (and its databricks.yml, when present, with the bundle's context).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceReport } from '../../../server/src/cli/checkCommand';
import { loadWorkspace } from '../../../server/src/cli/pipelineLoader';

interface Expected {
  code: string;
  /** When given, the severity must match too ('error' | 'warning'). */
  severity?: string;
  file: string;
  line: number;
  column: number;
}

const root = join(__dirname, '../../../../test/fixtures/fidelity');

/** Every leaf fixture folder (one holding .sql files) under `dir`. */
function fixtureFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir).sort();
  const own = entries.some((e) => e.endsWith('.sql')) ? [dir] : [];
  const nested = entries.filter((e) => statSync(join(dir, e)).isDirectory()).flatMap((e) => fixtureFolders(join(dir, e)));
  return [...own, ...nested];
}

function check(folder: string): Expected[] {
  const report = workspaceReport(loadWorkspace(folder, ['.'], {}));
  return report.diagnostics
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => ({
      code: d.code,
      severity: d.severity,
      file: d.file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: d.message,
    }))
    .map(({ message, ...rest }) =>
      Object.assign(rest, { toString: () => `${rest.file}:${rest.line}:${rest.column} ${rest.code} ${message}` }),
    );
}

/** The found diagnostics in the shape of `expected`: severity only where the fixture names one. */
const shaped = (found: Expected[], expected: Expected[]) =>
  found.map(({ code, severity, file, line, column }) => {
    const wantsSeverity = expected.some((e) => e.severity && e.code === code && e.file === file && e.line === line && e.column === column);
    return wantsSeverity ? { code, severity, file, line, column } : { code, file, line, column };
  });
const byPlace = (a: Expected, b: Expected) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);

let clean = 0;
let caught = 0;
const valid = fixtureFolders(join(root, 'valid'));
const invalid = fixtureFolders(join(root, 'invalid'));

describe('fidelity corpus', () => {
  test('the corpus is not empty', () => {
    assert.ok(valid.length > 0 && invalid.length > 0);
  });
  for (const folder of valid) {
    test(`valid: ${relative(root, folder)}`, () => {
      const found = check(folder);
      assert.deepEqual(found.map(String), [], 'a valid pipeline must check clean');
      clean++;
    });
  }
  for (const folder of invalid) {
    test(`invalid: ${relative(root, folder)}`, () => {
      const expectedFile = join(folder, 'expected.json');
      assert.ok(existsSync(expectedFile), `${expectedFile} is missing`);
      const expected = (JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected[]).sort(byPlace);
      assert.ok(expected.length > 0, 'an invalid fixture names at least one diagnostic');
      assert.deepEqual(shaped(check(folder), expected).sort(byPlace), expected);
      caught++;
    });
  }
  after(() =>
    console.log(`fidelity: ${clean} valid clean, ${caught} invalid caught (of ${valid.length} valid, ${invalid.length} invalid)`),
  );
});
