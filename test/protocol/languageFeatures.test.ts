// The built server over stdio on the bundled pipeline (26 datasets): every
// language feature and custom request through the real protocol.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CompletionList,
  Hover,
  Location,
  SemanticTokens,
  WorkspaceEdit,
  CodeAction,
  DocumentSymbol,
  SymbolInformation,
  CallHierarchyItem,
  CallHierarchyIncomingCall,
  CallHierarchyOutgoingCall,
  SignatureHelp,
  CodeLens,
} from 'vscode-languageserver-protocol';
import type { LineageGraph } from '../../protocol/src/lineageGraph';
import type { DatasetAtResult } from '../../protocol/src/datasetAt';
import { repositoryRoot } from '../support/serverProcess';
import { LspSession, openSession, positionOf } from '../support/lspSession';

const gold = join(repositoryRoot, 'pipelines/gold/facts/fct_alerts.sql');
const silver = join(repositoryRoot, 'pipelines/silver/stg_alerts.sql');
const dimDevices = join(repositoryRoot, 'pipelines/gold/dimensions/dim_devices.sql');

let s: LspSession;
let uri: string;
let text: string;
let version = 1;

before(async () => {
  // An empty home and no DATABRICKS_* variables: the catalog is off, the pipeline alone answers.
  s = await openSession({
    root: repositoryRoot,
    env: { HOME: mkdtempSync(join(tmpdir(), 'lsp-home-')), DATABRICKS_HOST: '', DATABRICKS_TOKEN: '', DATABRICKS_CONFIG_PROFILE: '' },
  });
  await s.waitForStatus((p) => p.state === 'ready');
  ({ uri, text } = await s.open(gold));
});

after(async () => {
  await s.stop();
  assert.equal(s.server.process.exitCode, 0);
});

const at = (needle: string, delta = 0) => ({ textDocument: { uri }, position: positionOf(text, needle, delta) });

describe('the bundled pipeline through the protocol', () => {
  test('status reports indexing, then ready with every bundle pipeline indexed', async () => {
    const ready = await s.waitForStatus((p) => p.state === 'ready');
    // The IoT pipeline's 26 datasets, plus the end-to-end fixture bundle's own under test/e2e.
    assert.ok(ready.datasets! >= 26, String(ready.datasets));
    assert.ok(s.statuses.some((p) => p.state === 'indexing'));
  });

  test('hover on a dataset reference: kind, layer, columns, neighbours', async () => {
    const h = await s.request<Hover>('textDocument/hover', at('stg_alerts AS a', 2));
    const value = (h.contents as { value: string }).value;
    assert.match(value, /\*\*stg_alerts\*\* · materialized view · silver/);
    assert.match(value, /\| severity \| STRING \|/);
    assert.match(value, /Upstream: \[cdc_alerts\]/);
    assert.match(value, /Downstream: .*\[fct_alerts\]/);
  });

  test('hover on a column: its type and lineage to bronze', async () => {
    const h = await s.request<Hover>('textDocument/hover', at('  a.alert_ts,', 5));
    const value = (h.contents as { value: string }).value;
    assert.match(value, /\*\*alert_ts\*\*: `TIMESTAMP` · column of \[stg_alerts\]/);
    assert.match(value, /cdc_alerts\./);
  });

  test('definition across layers: gold reference -> silver definition; column -> its select item', async () => {
    const defs = await s.request<Location[]>('textDocument/definition', at('stg_alerts AS a', 2));
    assert.deepEqual(
      defs.map((d) => d.uri),
      [s.uri(silver)],
    );
    const silverText = readFileSync(silver, 'utf8');
    assert.deepEqual(defs[0].range.start, positionOf(silverText, 'stg_alerts'));
    const col = await s.request<Location[]>('textDocument/definition', at('d.customer_id', 3));
    assert.equal(col[0].uri, s.uri(dimDevices));
  });

  test('definition of ${key} goes to its value in the bundle YAML', async () => {
    const bronze = join(repositoryRoot, 'pipelines/bronze/ingest_iot_events.sql');
    const bronzeText = readFileSync(bronze, 'utf8');
    const defs = await s.request<Location[]>('textDocument/definition', {
      textDocument: { uri: s.uri(bronze) },
      position: positionOf(bronzeText, '${source_root}', 4),
    });
    assert.deepEqual(
      defs.map((d) => d.uri),
      [s.uri(join(repositoryRoot, 'bundle/resources/pipelines.yml'))],
    );
    const yaml = readFileSync(join(repositoryRoot, 'bundle/resources/pipelines.yml'), 'utf8').split('\n');
    assert.match(yaml[defs[0].range.start.line], /source_root:/);
  });

  test('references of a dataset across files', async () => {
    const refs = await s.request<Location[]>('textDocument/references', {
      ...at('stg_alerts AS a', 2),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(refs.map((r) => r.uri.split('/pipelines/')[1]).sort(), [
      'gold/dimensions/dim_devices.sql',
      'gold/facts/fct_alerts.sql',
      'silver/stg_alerts.sql',
    ]);
  });

  test("document highlight: a CTE's definition as a write and its reads in this file", async () => {
    const { uri: dimUri, text: dimText } = await s.open(dimDevices);
    const cte = /WITH\s+(\w+)\s+AS/i.exec(dimText)?.[1];
    assert.ok(cte, 'dim_devices starts with a CTE');
    const highlights = await s.request<{ range: { start: { line: number } }; kind: number }[]>('textDocument/documentHighlight', {
      textDocument: { uri: dimUri },
      position: positionOf(dimText, cte, 1),
    });
    assert.equal(highlights.filter((h) => h.kind === 3).length, 1, JSON.stringify(highlights));
    assert.ok(highlights.filter((h) => h.kind === 2).length >= 1, JSON.stringify(highlights));
  });

  test('folding ranges: the statement, and the comment block above it', async () => {
    const ranges = await s.request<{ startLine: number; endLine: number; kind?: string }[]>('textDocument/foldingRange', {
      textDocument: { uri },
    });
    const create = positionOf(text, 'CREATE OR REFRESH').line;
    assert.ok(
      ranges.some((r) => r.startLine === create && r.endLine > create + 5),
      JSON.stringify(ranges),
    );
    assert.ok(
      ranges.some((r) => r.kind === 'comment' && r.endLine === create - 1),
      JSON.stringify(ranges),
    );
  });

  test('selection range: from a column out to its statement', async () => {
    const [r] = await s.request<{ range: { start: { line: number }; end: { line: number } }; parent?: unknown }[]>(
      'textDocument/selectionRange',
      { textDocument: { uri }, positions: [positionOf(text, '  a.alert_ts,', 5)] },
    );
    let depth = 0;
    let outer = r;
    while (outer.parent) {
      outer = outer.parent as typeof outer;
      depth++;
    }
    assert.ok(depth >= 3, String(depth));
    assert.equal(outer.range.start.line, positionOf(text, 'CREATE OR REFRESH').line);
  });

  test('rename edits every file that names the dataset', async () => {
    const prepared = await s.request<{ placeholder: string }>('textDocument/prepareRename', at('stg_alerts AS a', 2));
    assert.equal(prepared.placeholder, 'stg_alerts');
    const edit = await s.request<WorkspaceEdit>('textDocument/rename', { ...at('stg_alerts AS a', 2), newName: 'silver_alerts' });
    const files = Object.keys(edit.changes ?? {})
      .map((u) => u.split('/pipelines/')[1])
      .sort();
    assert.deepEqual(files, ['gold/dimensions/dim_devices.sql', 'gold/facts/fct_alerts.sql', 'silver/stg_alerts.sql']);
    assert.ok(
      Object.values(edit.changes!)
        .flat()
        .every((e) => e.newText === 'silver_alerts'),
    );
    await assert.rejects(s.request('textDocument/prepareRename', at('CREATE OR REFRESH', 1)));
  });

  test('completion: columns in scope in the select list, datasets after FROM', async () => {
    const cols = await s.request<CompletionList>('textDocument/completion', at('  a.severity,', 4));
    const labels = cols.items.map((i) => i.label);
    assert.ok(labels.includes('severity') && labels.includes('alert_ts'), labels.slice(0, 20).join());
    assert.ok(!labels.includes('min_value'), 'a. narrows to stg_alerts');
    const fromItems = await s.request<CompletionList>('textDocument/completion', at('FROM stg_alerts', 5));
    const ds = fromItems.items.find((i) => i.label === 'stg_devices');
    assert.equal(ds?.detail, 'materialized view · silver');
    assert.equal(fromItems.items.filter((i) => i.detail?.endsWith('bronze')).length, 8);
  });

  test('signature help inside a function call', async () => {
    const help = await s.request<SignatureHelp>('textDocument/signatureHelp', at('greatest(t.min_value', 9));
    assert.match(help.signatures[0].label, /^greatest\(/);
  });

  test('semantic tokens use the declared legend', async () => {
    const legend = s.server.initializeResult.capabilities.semanticTokensProvider!.legend;
    const tokens = await s.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(tokens.data.length > 50);
    const types = new Set<string>();
    for (let i = 3; i < tokens.data.length; i += 5) types.add(legend.tokenTypes[tokens.data[i]]);
    assert.deepEqual([...types].filter((t) => ['class', 'keyword', 'property', 'function'].includes(t)).sort(), [
      'class',
      'function',
      'keyword',
      'property',
    ]);
  });

  test('document and workspace symbols, call hierarchy and code lenses', async () => {
    const symbols = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0].name, 'fct_alerts');
    assert.ok(symbols[0].children!.some((c) => c.name === 'breach_magnitude'));
    const ws = await s.request<SymbolInformation[]>('workspace/symbol', { query: 'stg_' });
    assert.equal(ws.length, 8);
    const [item] = await s.request<CallHierarchyItem[]>('textDocument/prepareCallHierarchy', at('VIEW fct_alerts', 6));
    const incoming = await s.request<CallHierarchyIncomingCall[]>('callHierarchy/incomingCalls', { item });
    assert.deepEqual(incoming.map((c) => c.from.name).sort(), ['dim_devices', 'stg_alert_thresholds', 'stg_alerts']);
    const [silverItem] = await s.request<CallHierarchyItem[]>('textDocument/prepareCallHierarchy', at('stg_alerts AS a', 2));
    const outgoing = await s.request<CallHierarchyOutgoingCall[]>('callHierarchy/outgoingCalls', { item: silverItem });
    assert.deepEqual(outgoing.map((c) => c.to.name).sort(), ['dim_devices', 'fct_alerts']);
    const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.match(lenses[0].command!.title, /^↑ 3 upstream · ↓ \d+ downstream/);
  });

  test('lakeflow/lineageGraph and lakeflow/datasetAt', async () => {
    const graph = await s.request<LineageGraph>('lakeflow/lineageGraph', { pipeline: 'iot_lakehouse' });
    assert.equal(graph.nodes.length, 26);
    assert.ok(graph.edges.some((e) => e.from === 'stg_alerts' && e.to === 'fct_alerts'));
    assert.deepEqual(new Set(graph.nodes.map((n) => n.layer)), new Set(['bronze', 'silver', 'gold']));
    const one = await s.request<LineageGraph>('lakeflow/lineageGraph', { dataset: 'fct_alerts', columns: true });
    const edge = one.edges.find((e) => e.from === 'stg_alerts' && e.to === 'fct_alerts');
    assert.ok(edge?.columns?.some((c) => c.from === 'alert_ts' && c.to === 'alert_date'));
    const here = await s.request<DatasetAtResult>('lakeflow/datasetAt', at('stg_alerts AS a', 2));
    assert.equal(here?.name, 'stg_alerts');
    assert.equal(here?.uri, s.uri(silver));
  });

  test('diagnostics after introducing an error, a quick fix for it, and cleared after the fix', async () => {
    const broken = text
      .replace('FROM stg_alerts AS a', 'FROM LIVE.stg_alerts AS a')
      .replace('LEFT JOIN dim_devices', 'LEFT JOIN dim_devicez');
    await s.change(uri, ++version, broken);
    const diags = await s.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'LF201'));
    assert.ok(diags.some((d) => d.code === 'LF204' && d.source === 'lakeflow'));
    const live = diags.find((d) => d.code === 'LF204')!;
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: live.range,
      context: { diagnostics: [live] },
    });
    assert.equal(actions[0].title, "Remove 'LIVE.'");
    assert.equal(actions[0].diagnostics?.[0].code, 'LF204');
    assert.deepEqual(Object.values(actions[0].edit!.changes!)[0], [{ range: live.range, newText: '' }]);
    await s.change(uri, ++version, text);
    await s.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  test('a failing or cancelled request never takes the server down', async () => {
    const nowhere = await s.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: 'file:///nowhere.sql' },
      position: { line: 0, character: 0 },
    });
    assert.equal(nowhere, null);
    const h = await s.request<Hover>('textDocument/hover', at('stg_alerts AS a', 2));
    assert.ok(h);
  });
});
