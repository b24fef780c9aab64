// The server beyond single requests: the IPC transport VS Code uses, files
// changing on disk (workspace/didChangeWatchedFiles), a workspace without
// a bundle, found through the sqlFilePatterns setting read per workspace
// folder, and diagnostics that stay true downstream: an edit republishes every
// file whose result depends on the edited datasets, transitively through the
// dataset graph (a -> b via SELECT * -> c), the edited file first, without the
// client opening the dependents.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { repositoryRoot } from '../support/serverProcess';
import { LspSession, openSession } from '../support/lspSession';

const temps: string[] = [];
const sessions: LspSession[] = [];
const quietEnv = () => ({
  HOME: mkdtempSync(join(tmpdir(), 'lsp-home-')),
  DATABRICKS_HOST: '',
  DATABRICKS_TOKEN: '',
  DATABRICKS_CONFIG_PROFILE: '',
});

after(async () => {
  for (const s of sessions) await s.stop();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function copyOfRepositoryPipeline(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lsp-ws-'));
  temps.push(dir);
  cpSync(join(repositoryRoot, 'pipelines'), join(dir, 'pipelines'), { recursive: true });
  cpSync(join(repositoryRoot, 'bundle'), join(dir, 'bundle'), { recursive: true });
  return dir;
}

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lsp-sched-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// `z` keeps one warning in a.sql at all times, so every edit of a.sql is published and its order can be seen.
const A_WITH_AMOUNT =
  'CREATE MATERIALIZED VIEW a AS SELECT 1 AS id, 2 AS amount;\nCREATE MATERIALIZED VIEW z AS SELECT * FROM missing_src;\n';
const A_WITHOUT_AMOUNT = 'CREATE MATERIALIZED VIEW a AS SELECT 1 AS id;\nCREATE MATERIALIZED VIEW z AS SELECT * FROM missing_src;\n';

async function datasetsAfterFrom(s: LspSession, path: string): Promise<string[]> {
  const text = 'CREATE MATERIALIZED VIEW probe AS SELECT * FROM ';
  const { uri } = await s.open(path, text);
  const list = await s.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: text.length },
  });
  return list.items.map((i) => i.label);
}

describe('server lifecycle', { timeout: 60_000 }, () => {
  test('the IPC transport answers like stdio', async () => {
    const child = fork(join(repositoryRoot, 'server/out/server.js'), ['--node-ipc'], {
      cwd: repositoryRoot,
      env: { ...process.env, ...quietEnv() },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const ready = new Promise<void>((resolve) =>
      connection.onNotification('lakeflow/status', (p: { state: string }) => {
        if (p.state === 'ready') resolve();
      }),
    );
    connection.listen();
    const rootUri = pathToFileURL(repositoryRoot).href;
    const init = await connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: {},
    });
    assert.equal(init.serverInfo?.name, 'lakeflow-language-server');
    await connection.sendNotification('initialized', {});
    await ready;
    const graph = await connection.sendRequest<{ nodes: unknown[] }>('lakeflow/lineageGraph', { pipeline: 'iot_lakehouse' });
    assert.equal(graph.nodes.length, 26);
    const exited = new Promise((r) => child.once('exit', r));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
    connection.dispose();
  });

  test('a file created, changed and deleted on disk is indexed through didChangeWatchedFiles', async () => {
    const root = copyOfRepositoryPipeline();
    const s = await openSession({ root, env: quietEnv() });
    sessions.push(s);
    await s.waitForStatus((p) => p.state === 'ready' && p.datasets === 26);
    const added = join(root, 'pipelines/gold/analytics/agg_site_health.sql');
    writeFileSync(added, 'CREATE OR REFRESH MATERIALIZED VIEW agg_site_health AS SELECT device_id FROM dim_devices;\n');
    await s.server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri(added), type: 1 }] });
    const probe = join(root, 'pipelines/gold/probe.sql');
    assert.ok((await datasetsAfterFrom(s, probe)).includes('agg_site_health'));
    unlinkSync(added);
    await s.server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri(added), type: 3 }] });
    const list = await s.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: s.uri(probe) },
      position: { line: 0, character: 49 },
    });
    assert.ok(!list.items.some((i) => i.label === 'agg_site_health'));
  });

  test('without a bundle, the sqlFilePatterns setting selects the files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lsp-loose-'));
    temps.push(root);
    mkdirSync(join(root, 'etl/flows'), { recursive: true });
    mkdirSync(join(root, 'scratch'), { recursive: true });
    writeFileSync(join(root, 'etl/flows/a.sql'), 'CREATE MATERIALIZED VIEW picked AS SELECT 1 AS x;\n');
    writeFileSync(join(root, 'scratch/b.sql'), 'CREATE MATERIALIZED VIEW ignored AS SELECT 1 AS x;\n');
    const s = await openSession({ root, env: quietEnv(), initializationOptions: { sqlFilePatterns: ['**/etl/**/*.sql'] } });
    sessions.push(s);
    const ready = await s.waitForStatus((p) => p.state === 'ready');
    assert.equal(ready.datasets, 1);
    const labels = await datasetsAfterFrom(s, join(root, 'etl/flows/new.sql'));
    assert.ok(labels.includes('picked') && !labels.includes('ignored'));
  });

  test("editing a column away from a publishes c's unknown column (c reads b = SELECT * FROM a), c never opened", async () => {
    const root = workspace({
      'pipelines/a.sql': A_WITH_AMOUNT,
      'pipelines/b.sql': 'CREATE MATERIALIZED VIEW b AS SELECT * FROM a;\n',
      'pipelines/c.sql': 'CREATE MATERIALIZED VIEW c AS SELECT amount FROM b;\n',
    });
    const s = await openSession({ root, env: quietEnv() });
    sessions.push(s);
    await s.waitForStatus((p) => p.state === 'ready' && p.datasets === 4);
    const a = s.uri(join(root, 'pipelines/a.sql'));
    const c = s.uri(join(root, 'pipelines/c.sql'));
    await s.waitForDiagnostics(a, (d) => d.some((x) => x.code === 'LF201'));
    assert.ok(!s.diagnostics.get(c)?.length, 'c is clean while a has amount');

    await s.open(join(root, 'pipelines/a.sql'), A_WITH_AMOUNT);
    const mark = s.published.length;
    await s.change(a, 2, A_WITHOUT_AMOUNT);
    const found = await s.waitForDiagnostics(c, (d) => d.some((x) => x.code === 'LF205'));
    assert.match(String(found.find((x) => x.code === 'LF205')!.message), /'amount'/);
    const order = s.published.slice(mark);
    assert.ok(
      order.includes(a) && order.indexOf(a) < order.indexOf(c),
      `the edited file first: ${order.map((u) => fileURLToPath(u).slice(root.length)).join(', ')}`,
    );

    // And back: the column returns, c's finding goes away.
    await s.change(a, 3, A_WITH_AMOUNT);
    await s.waitForDiagnostics(c, (d) => d.length === 0);
  });

  test('each workspace folder is read with its own sqlFilePatterns', async () => {
    const first = workspace({
      'etl/one.sql': 'CREATE MATERIALIZED VIEW one AS SELECT 1 AS x;\n',
      'jobs/skipped.sql': 'CREATE MATERIALIZED VIEW skipped_one AS SELECT 1 AS x;\n',
    });
    const second = workspace({
      'jobs/two.sql': 'CREATE MATERIALIZED VIEW two AS SELECT 1 AS x;\n',
      'etl/skipped.sql': 'CREATE MATERIALIZED VIEW skipped_two AS SELECT 1 AS x;\n',
    });
    const patterns: Record<string, string[]> = { [first]: ['**/etl/**/*.sql'], [second]: ['**/jobs/**/*.sql'] };
    const asked: string[] = [];
    const s = await openSession({
      root: first,
      workspaceFolders: [first, second],
      env: quietEnv(),
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
      beforeInitialize: (connection) =>
        connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) =>
          p.items.map((item) => {
            const folder = item.scopeUri ? fileURLToPath(item.scopeUri) : '';
            asked.push(folder);
            return { sqlFilePatterns: patterns[folder] ?? [] };
          }),
        ),
    });
    sessions.push(s);
    const ready = await s.waitForStatus((p) => p.state === 'ready');
    assert.deepEqual(asked.sort(), [first, second].sort());
    assert.equal(ready.datasets, 2);
    const symbols = await s.request<{ name: string }[]>('workspace/symbol', { query: '' });
    assert.deepEqual(symbols.map((x) => x.name).sort(), ['one', 'two']);

    // A third folder added while running is read with its own settings; a removed one leaves.
    const third = workspace({ 'etl/three.sql': 'CREATE MATERIALIZED VIEW three AS SELECT 1 AS x;\n' });
    patterns[third] = ['**/etl/**/*.sql'];
    const mark = s.statuses.length;
    await s.server.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: s.uri(third), name: 'third' }], removed: [{ uri: s.uri(second), name: 'workspace1' }] },
    });
    // The reload reports indexing, then ready.
    const indexing = await s.waitForStatus((p) => p.state === 'indexing' && s.statuses.indexOf(p) >= mark);
    await s.waitForStatus((p) => p.state === 'ready' && s.statuses.indexOf(p) > s.statuses.indexOf(indexing));
    const after = await s.request<{ name: string }[]>('workspace/symbol', { query: '' });
    assert.deepEqual(after.map((x) => x.name).sort(), ['one', 'three']);
  });
});
