// Document sync and diagnostics scheduling without a connection: a document
// is parsed once per version (by the index) and read requests reuse that parse
// and never touch the index; closed and changed files are read through the
// injected FileProvider; the scheduler publishes the edited file first, then
// its transitive dependents, each once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType } from 'vscode-languageserver/node';
import { createFunctionCatalogue } from '../../../server/src/language/facts/databricksFunctions';
import { fileDiagnostics } from '../../../server/src/language/features/diagnostics/fileDiagnostics';
import { memoryFileProvider } from '../../../server/src/language/model/fileProvider';
import { DiagnosticsScheduler } from '../../../server/src/lsp/diagnosticsScheduler';
import { DocumentSync } from '../../../server/src/lsp/documentSync';
import { uriOfFile } from '../../../server/src/lsp/fileUris';
import { PipelineEntry, PipelineWorkspace } from '../../../server/src/lsp/pipelineWorkspace';

function setUp(disk: Record<string, string>) {
  const files = memoryFileProvider(new Map(Object.entries(disk)));
  const workspace = new PipelineWorkspace({
    folders: [{ root: '/ws', sqlFilePatterns: ['**/pipelines/**/*.sql'] }],
    files,
    catalog: () => 'unknown',
    functions: createFunctionCatalogue(),
  });
  workspace.load();
  const changes: { file: string; before: string[] }[] = [];
  const sync = new DocumentSync({
    files,
    workspace: () => workspace,
    isOpen: () => false,
    changed: (_e, file, before) => changes.push({ file, before }),
    bundlesChanged: () => changes.push({ file: 'bundles', before: [] }),
  });
  return { workspace, sync, changes };
}

test('a read request reuses the index parse of that version and changes nothing', () => {
  const { workspace, sync } = setUp({ '/ws/pipelines/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;' });
  const file = '/ws/pipelines/a.sql';
  const index = workspace.entryOf(file)!.index;
  sync.documentChanged(TextDocument.create(uriOfFile(file), 'lakeflow-sql', 7, 'CREATE MATERIALIZED VIEW a AS SELECT 2 AS y;'));
  const analysis = index.analysis(file);
  const first = sync.at(uriOfFile(file))!;
  const second = sync.at(uriOfFile(file))!;
  assert.equal(first.doc, second.doc, 'one syntax document per version');
  assert.equal(first.doc.parsed, index.parsed(file), 'the features see the index parse, not a second one');
  assert.equal(index.analysis(file), analysis, 'reading did not re-analyse');
  assert.equal(analysis?.version, 7);
  sync.documentChanged(TextDocument.create(uriOfFile(file), 'lakeflow-sql', 8, 'CREATE MATERIALIZED VIEW a AS SELECT 3 AS z;'));
  assert.notEqual(sync.at(uriOfFile(file))!.doc, first.doc, 'a new version, a new syntax document');
  assert.equal(sync.at(uriOfFile('/ws/pipelines/none.sql')), undefined);
});

test('closing a document and watched-file changes read the injected provider, reporting the keys written before', () => {
  const { workspace, sync, changes } = setUp({ '/ws/pipelines/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;' });
  const file = '/ws/pipelines/a.sql';
  sync.documentChanged(TextDocument.create(uriOfFile(file), 'lakeflow-sql', 2, 'CREATE MATERIALIZED VIEW renamed AS SELECT 1 AS x;'));
  assert.deepEqual(changes.pop(), { file, before: ['a'] });
  sync.documentClosed(uriOfFile(file));
  assert.deepEqual(changes.pop(), { file, before: ['renamed'] });
  assert.equal(workspace.entryOf(file)!.index.text(file), 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;', 'the provider, not a disk read');
  sync.filesChanged([{ uri: uriOfFile(file), type: FileChangeType.Deleted }]);
  assert.equal(workspace.entryOf(file), undefined);
  sync.filesChanged([{ uri: uriOfFile('/ws/bundle/databricks.yml'), type: FileChangeType.Changed }]);
  assert.equal(changes.pop()?.file, 'bundles');
});

test('the scheduler: edited file in its own turn, then transitive dependents, each once', async () => {
  const { workspace } = setUp({
    '/ws/pipelines/a.sql': 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS x;',
    '/ws/pipelines/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT * FROM a;',
    '/ws/pipelines/c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT x FROM b;',
    '/ws/pipelines/d.sql': 'CREATE MATERIALIZED VIEW d AS SELECT 1 AS y;',
  });
  const sent: string[] = [];
  const diagnosed: string[] = [];
  const entry: PipelineEntry = workspace.entryOf('/ws/pipelines/a.sql')!;
  const scheduler = new DiagnosticsScheduler({
    // Every file "has" a finding, so every publication is visible.
    diagnose: (file) => (
      diagnosed.push(file),
      [
        ...fileDiagnostics(entry.index, file),
        {
          code: 'LF000',
          severity: 'hint',
          message: 'probe',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        } as never,
      ]
    ),
    send: (file) => sent.push(file.slice('/ws/pipelines/'.length)),
  });
  const before = entry.index.keysWrittenBy('/ws/pipelines/a.sql');
  workspace.update('/ws/pipelines/a.sql', 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS z;');
  scheduler.fileChanged(entry, '/ws/pipelines/a.sql', before);
  scheduler.fileChanged(entry, '/ws/pipelines/a.sql', before);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sent, ['a.sql'], 'the edited file alone in the first turn');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(sent, ['a.sql', 'b.sql', 'c.sql'], 'then b and c (through b), not the unrelated d, each once');
  scheduler.republish(['/ws/pipelines/d.sql']);
  scheduler.cancel();
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(sent, ['a.sql', 'b.sql', 'c.sql'], 'cancelled work is not published');
});
