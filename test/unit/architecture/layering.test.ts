// Keeps the dependency direction of ARCHITECTURE.md true: a rule that is only
// written down drifts, a test that reads every import does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const e of entries) {
    const p = join(abs, e);
    if (statSync(p).isDirectory()) files.push(...sourceFiles(join(dir, e)));
    else if (e.endsWith('.ts')) files.push(join(dir, e));
  }
  return files;
}

interface ImportSite {
  file: string;
  line: number;
  spec: string;
  /** Repository-relative path for relative specifiers, else the bare specifier. */
  target: string;
}

function importsOf(file: string): ImportSite[] {
  const text = readFileSync(join(root, file), 'utf8');
  const sites: ImportSite[] = [];
  const re = /(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    const line = text.slice(0, m.index).split('\n').length;
    const target = spec.startsWith('.') ? relative(root, resolve(dirname(join(root, file)), spec)) : spec;
    sites.push({ file, line, spec, target });
  }
  return sites;
}

function violations(files: string[], forbidden: (s: ImportSite) => boolean): string[] {
  return files.flatMap(importsOf).filter(forbidden).map((s) => `${s.file}:${s.line} imports '${s.spec}'`);
}

const nodeIo = /^(node:)?(fs|fs\/promises|net|http|https|http2|dgram|child_process|worker_threads|timers|os|tls|dns)$/;

test('the language layer is pure: no I/O, no protocol, no catalog, no vscode', () => {
  const bad = violations(sourceFiles('server/src/language'), (s) =>
    nodeIo.test(s.spec) ||
    s.spec === 'vscode' ||
    s.spec.startsWith('vscode-languageserver') ||
    s.spec.startsWith('@duckdb/') ||
    /^server\/src\/(lsp|catalog|cli|engine\/runtime|simulator)\b/.test(s.target),
  );
  assert.deepEqual(bad, []);
});

test('the language layer uses no timers or fetch', () => {
  const bad = sourceFiles('server/src/language').filter((f) =>
    /\b(setTimeout|setInterval|setImmediate|fetch)\s*\(/.test(readFileSync(join(root, f), 'utf8')),
  );
  assert.deepEqual(bad, []);
});

test('only client/ imports vscode', () => {
  const files = ['server/src', 'protocol/src'].flatMap(sourceFiles);
  assert.deepEqual(violations(files, (s) => s.spec === 'vscode'), []);
});

test('only lsp/ knows the protocol library inside the server', () => {
  const files = sourceFiles('server/src').filter((f) => !f.startsWith('server/src/lsp/'));
  assert.deepEqual(violations(files, (s) => s.spec.startsWith('vscode-languageserver') && s.spec !== 'vscode-languageserver-textdocument'), []);
});

test('in the server only catalog/ touches the network', () => {
  const files = sourceFiles('server/src').filter((f) => !f.startsWith('server/src/catalog/'));
  const bad = violations(files, (s) => /^(node:)?(net|http|https|http2|dgram|tls)$/.test(s.spec));
  const fetchers = files.filter((f) => /\bfetch\s*\(/.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual([...bad, ...fetchers], []);
});

test('the client reaches the server only through protocol/, never its internals', () => {
  const bad = violations(sourceFiles('client/src'), (s) => s.target.startsWith('server/'));
  assert.deepEqual(bad, []);
});

test('the client makes no HTTP calls of its own', () => {
  const files = sourceFiles('client/src');
  const bad = violations(files, (s) => /^(node:)?(net|http|https|http2)$/.test(s.spec));
  const fetchers = files.filter((f) => /\bfetch\s*\(/.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual([...bad, ...fetchers], []);
});

test('nothing in the product imports test/', () => {
  const files = ['server/src', 'client/src', 'protocol/src'].flatMap(sourceFiles);
  assert.deepEqual(violations(files, (s) => s.target.startsWith('test/')), []);
});

test('the checks above see the source tree', () => {
  // Guards against a path mistake making every rule pass vacuously.
  assert.ok(sourceFiles('server/src').length > 0);
  assert.ok(sourceFiles('client/src').length > 0);
});

test('inside the language core, dependencies point one way: syntax and facts <- model <- features', () => {
  // What each layer may import from the core besides itself.
  const below: Record<string, string[]> = { syntax: [], facts: [], model: ['syntax', 'facts'], features: ['syntax', 'facts', 'model'] };
  const bad = Object.entries(below).flatMap(([layer, allowed]) =>
    violations(sourceFiles(`server/src/language/${layer}`), (s) => {
      const into = /^server\/src\/language\/(\w+)\//.exec(s.target)?.[1];
      return into !== undefined && into !== layer && !allowed.includes(into);
    }),
  );
  assert.deepEqual(bad, []);
});
