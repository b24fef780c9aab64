// The language server's features in real VS Code, on the repository's bundled
// pipeline (pipelines/: bronze ingest_*, silver stg_*, gold dims, facts and
// aggregates), through the editor's own provider commands. The repository's
// files are never changed: the broken-file test edits the open document in
// memory and undoes the edit.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { waitFor } from './helpers';
import {
  BUNDLED_DATASETS,
  codeOf,
  labelOf,
  markdownOf,
  openPipelineFile,
  pipelineFile,
  positionOf,
  rangeOf,
  readyServer,
} from './pipelineFiles';

const FACT = 'gold/facts/fct_iot_events.sql';
const STAGING = 'silver/stg_iot_events.sql';
const HOURLY = 'gold/analytics/agg_hourly_device_metrics.sql';

/** The output columns of silver stg_iot_events, as its final SELECT lists them. */
const STG_IOT_EVENTS_COLUMNS = [
  'event_id',
  'device_id',
  'sensor_type',
  'value',
  'unit',
  'event_ts',
  'event_date',
  'event_hour',
  'battery_level',
  'signal_strength',
  'firmware_version',
  'is_out_of_range',
  'is_low_battery',
  'is_weak_signal',
  'is_duplicated_delivery',
  '_ingested_at',
  '_source_file',
];
/** The output columns of gold fct_iot_events, as its final SELECT lists them. */
const FCT_IOT_EVENTS_COLUMNS = [
  'event_id',
  'device_id',
  'customer_id',
  'location_id',
  'product_id',
  'date_key',
  'event_ts',
  'event_date',
  'event_hour',
  'sensor_type',
  'value',
  'unit',
  'battery_level',
  'signal_strength',
  'is_out_of_range',
  'is_low_battery',
  'is_weak_signal',
  'is_unknown_device',
  'is_threshold_breach',
  'breached_threshold_count',
  'max_breached_severity',
];

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

async function completionAt(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
  return list.items;
}

const fieldLabels = (items: vscode.CompletionItem[]): string[] =>
  sorted(items.filter((i) => i.kind === vscode.CompletionItemKind.Field).map(labelOf));

function lakeflowDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'lakeflow');
}

/** Drops in-memory edits a failed or finished test left, so the repository's file is never saved changed. */
async function revertIfDirty(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export function register(h: Harness): void {
  h.describe('language server on the bundled pipeline', () => {
    h.test('the server reports ready with the 26 datasets of pipelines/ indexed', async () => {
      const api = await readyServer();
      assert.ok((api.serverStatus().reported?.datasets ?? 0) >= BUNDLED_DATASETS, JSON.stringify(api.serverStatus()));
    });

    h.test(
      'hover on a silver dataset referenced in gold: kind · layer · file first, then upstream and downstream, expectations, at most 12 columns',
      async () => {
        const { document: doc } = await openPipelineFile(FACT);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          doc.uri,
          positionOf(doc, 'FROM stg_iot_events AS e', 7),
        );
        const text = markdownOf(hovers);
        assert.match(
          text.split('\n')[0],
          /^\*\*stg_iot_events\*\* · materialized view · silver · \[stg_iot_events\.sql\]\(file:\/\/[^)]*\/pipelines\/silver\/stg_iot_events\.sql#L\d+\)$/,
        );
        assert.match(text, /Upstream: \[iot_events\]\(file:\/\/[^)]*\/pipelines\/bronze\/ingest_iot_events\.sql#L\d+\)/);
        const downstream = /Downstream: (.*)/.exec(text)?.[1] ?? '';
        for (const d of ['fct_iot_events', 'dim_devices', 'dim_date']) assert.match(downstream, new RegExp(`\\[${d}\\]`), downstream);
        const order = [
          /^Upstream: /m,
          /^Downstream: /m,
          /Deduplicated, typed IoT sensor readings/,
          /^Expectations:/m,
          /^- `valid_event_ts`: `event_ts IS NOT NULL` → keep and count \(warn\)$/m,
          /^\| column \| type \|$/m,
        ];
        const at = order.map((re) => text.search(re));
        assert.ok(
          at.every((i) => i > 0),
          `missing ${String(order[at.findIndex((i) => i <= 0)])}:\n${text}`,
        );
        assert.deepEqual(
          [...at].sort((a, b) => a - b),
          at,
          `lineage first, columns last:\n${text}`,
        );
        assert.match(text, /\| event_ts \| TIMESTAMP \|/);
        assert.equal(text.match(/^\| (?!column|…)\w+ \| [A-Z]/gm)?.length, 12, '12 columns shown');
        assert.match(text, /^\| … and 5 more \| \|$/m);
      },
    );

    h.test('hover on a column of a silver source in gold: its type and lineage back to bronze', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        positionOf(doc, '  e.battery_level,', 5),
      );
      const text = markdownOf(hovers);
      assert.match(text, /\*\*battery_level\*\*: `INT` · column of \[stg_iot_events\]/);
      assert.match(text, /Lineage back to the inputs:\n- ← `iot_events\.battery_level`/);
    });

    h.test('hover on a computed flag column: its type comes from the SQL (comparison -> BOOLEAN)', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        positionOf(doc, 'NOT _is_deleted', 6),
      );
      assert.match(markdownOf(hovers), /\*\*_is_deleted\*\*: `BOOLEAN` · column of /);
    });

    h.test('go to definition from a gold reference opens the silver CREATE statement', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        doc.uri,
        positionOf(doc, 'FROM stg_iot_events AS e', 7),
      );
      assert.equal(found.length, 1);
      const loc = found[0];
      const uri = 'targetUri' in loc ? loc.targetUri : loc.uri;
      const range = 'targetUri' in loc ? (loc.targetSelectionRange ?? loc.targetRange) : loc.range;
      assert.equal(uri.fsPath, pipelineFile(STAGING));
      const silver = await vscode.workspace.openTextDocument(uri);
      assert.deepEqual(range, rangeOf(silver, 'stg_iot_events'), 'the name in CREATE OR REFRESH MATERIALIZED VIEW stg_iot_events');
      assert.match(silver.lineAt(range.start.line).text, /^CREATE OR REFRESH MATERIALIZED VIEW stg_iot_events/);
    });

    h.test('references of a silver dataset: its definition and every gold reader', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const refs = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        doc.uri,
        positionOf(doc, 'FROM stg_iot_events AS e', 7),
      );
      const files = sorted(new Set(refs.map((r) => vscode.workspace.asRelativePath(r.uri))));
      assert.deepEqual(files, [
        'pipelines/gold/dimensions/dim_date.sql',
        'pipelines/gold/dimensions/dim_devices.sql',
        'pipelines/gold/facts/fct_iot_events.sql',
        'pipelines/silver/stg_iot_events.sql',
      ]);
      const inFact = refs.filter((r) => r.uri.fsPath === doc.uri.fsPath);
      assert.equal(inFact.length, 2, 'fct_iot_events reads it twice (threshold_breaches and the final SELECT)');
      for (const r of inFact) assert.equal(doc.getText(r.range), 'stg_iot_events');
    });

    h.test('rename of a silver dataset edits its definition and every reader (computed, not applied)', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        doc.uri,
        positionOf(doc, 'FROM stg_iot_events AS e', 7),
        'silver_iot_events',
      );
      const files = sorted(edit.entries().map(([uri]) => vscode.workspace.asRelativePath(uri)));
      assert.deepEqual(files, [
        'pipelines/gold/dimensions/dim_date.sql',
        'pipelines/gold/dimensions/dim_devices.sql',
        'pipelines/gold/facts/fct_iot_events.sql',
        'pipelines/silver/stg_iot_events.sql',
      ]);
      assert.ok(edit.entries().every(([, edits]) => edits.every((e) => e.newText === 'silver_iot_events')));
      const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'stg_');
      const silver = sorted(new Set(symbols.filter((s) => s.location.uri.fsPath.includes('/pipelines/silver/')).map((s) => s.name)));
      assert.equal(silver.length, 8, silver.join(', '));
    });

    h.test('completion after a qualifier offers exactly the columns of that source', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const items = await completionAt(doc, positionOf(doc, '  e.event_id,\n  e.device_id', 4));
      assert.deepEqual(fieldLabels(items), sorted(STG_IOT_EVENTS_COLUMNS));
    });

    h.test('completion in a select list offers the columns of the relations in scope, not of other queries', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const labels = fieldLabels(await completionAt(doc, positionOf(doc, '  d.device_id IS NULL', 2)));
      // FROM stg_iot_events e LEFT JOIN dim_devices d LEFT JOIN threshold_breaches b: a name
      // two of them provide comes qualified by each, one only one provides comes bare.
      for (const c of [
        'e.firmware_version',
        'd.firmware_version',
        'reported_firmware_version',
        'max_breached_severity_rank',
        'breached_threshold_count',
      ])
        assert.ok(labels.includes(c), `${c} missing from ${labels.join(', ')}`);
      assert.ok(!labels.includes('firmware_version'), 'a name two relations provide is never offered bare');
      // The live_thresholds CTE and the inside of stg_iot_events are not in scope here.
      for (const c of ['severity_rank', 'threshold_id', 'min_value', 'delivery_rank'])
        assert.ok(!labels.includes(c), `${c} offered out of scope`);
      const hourly = (await openPipelineFile(HOURLY)).document;
      const single = fieldLabels(await completionAt(hourly, positionOf(hourly, '  customer_id,', 2)));
      assert.deepEqual(single, sorted(FCT_IOT_EVENTS_COLUMNS), 'agg_hourly_device_metrics reads only fct_iot_events');
    });

    h.test('completion after FROM offers the pipeline datasets with kind and layer', async () => {
      const { document: doc } = await openPipelineFile(HOURLY);
      const items = await completionAt(doc, positionOf(doc, 'FROM fct_iot_events', 5));
      const detail = (name: string): string | undefined => items.find((i) => labelOf(i) === name)?.detail;
      assert.equal(detail('stg_iot_events'), 'materialized view · silver');
      assert.equal(detail('iot_events'), 'streaming table · bronze');
      assert.equal(detail('dim_devices'), 'materialized view · gold');
      assert.equal(items.filter((i) => /· bronze$/.test(i.detail ?? '')).length, 8, 'the eight bronze streaming tables');
      assert.deepEqual(fieldLabels(items), [], 'no columns where a table name goes');
    });

    h.test('document symbols: the dataset with its columns', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      assert.equal(symbols[0].name, 'fct_iot_events');
      assert.deepEqual(symbols[0].selectionRange, rangeOf(doc, 'fct_iot_events'));
      const children = symbols[0].children.map((c) => c.name);
      for (const c of ['date_key', 'is_threshold_breach', 'max_breached_severity'])
        assert.ok(children.includes(c), `${c} missing from ${children.join(', ')}`);
    });

    h.test('semantic tokens: the server legend is registered and tokens use it', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
        'vscode.provideDocumentSemanticTokensLegend',
        doc.uri,
      );
      assert.ok(legend, 'no semantic tokens legend for a Lakeflow SQL file');
      for (const t of ['class', 'keyword', 'property', 'function'])
        assert.ok(legend.tokenTypes.includes(t), `${t} missing from ${legend.tokenTypes.join(', ')}`);
      const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri);
      assert.ok(tokens.data.length > 50 && tokens.data.length % 5 === 0);
      const types = new Set<string>();
      for (let i = 3; i < tokens.data.length; i += 5) types.add(legend.tokenTypes[tokens.data[i]]);
      assert.ok(types.has('class') && types.has('property'), [...types].join(', '));
    });

    h.test('code lenses count upstream and downstream datasets and open the lineage', async () => {
      const { document: doc } = await openPipelineFile(STAGING);
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      // The client adds its own lenses with local-run pass rates on expectations when a local run exists.
      const lenses = all.filter((l) => l.command?.command === 'lakeflow.showLineage');
      assert.equal(lenses.length, 1, 'one dataset in the file');
      assert.deepEqual(lenses[0].range, rangeOf(doc, 'stg_iot_events'));
      assert.equal(lenses[0].command?.title, '↑ 1 upstream · ↓ 3 downstream · show lineage');
      assert.equal(lenses[0].command?.command, 'lakeflow.showLineage');
    });

    h.test('an unknown dataset in an open gold file gets LF201 on its name; undoing the edit clears it', async () => {
      const editor = await openPipelineFile(FACT);
      const doc = editor.document;
      assert.deepEqual(lakeflowDiagnostics(doc.uri).map(codeOf), [], 'the bundled file is clean');
      const name = rangeOf(doc, 'dim_devices AS d');
      const typo = new vscode.Range(name.start, name.start.translate(0, 'dim_devices'.length));
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, typo, 'dim_devicez');
      try {
        assert.ok(await vscode.workspace.applyEdit(edit));
        const found = await waitFor('LF201 on dim_devicez', () => lakeflowDiagnostics(doc.uri).find((d) => codeOf(d) === 'LF201'));
        assert.deepEqual(found.range, typo);
        assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
        assert.match(found.message, /'dim_devicez' is not defined in this pipeline \(did you mean 'dim_devices'\?\)/);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          found.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        assert.ok(
          actions.some((a) => a.title === "Change to 'dim_devices'" && a.isPreferred),
          actions.map((a) => a.title).join(', '),
        );
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('undo');
        assert.equal(doc.getText(typo), 'dim_devices');
        await waitFor('the diagnostic to disappear', () => lakeflowDiagnostics(doc.uri).length === 0);
        assert.equal(doc.isDirty, false, 'undo brings the document back to its saved text');
      } finally {
        await revertIfDirty(doc);
      }
    });

    h.test('the deprecated LIVE. prefix gets LF204 with a quick fix that removes it', async () => {
      const { document: doc } = await openPipelineFile(FACT);
      const at = positionOf(doc, 'FROM stg_iot_events AS e', 5);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, at, 'LIVE.');
      try {
        assert.ok(await vscode.workspace.applyEdit(edit));
        const live = await waitFor('LF204 on LIVE.', () => lakeflowDiagnostics(doc.uri).find((d) => codeOf(d) === 'LF204'));
        assert.deepEqual(live.range, new vscode.Range(at, at.translate(0, 'LIVE.'.length)));
        assert.ok(live.tags?.includes(vscode.DiagnosticTag.Deprecated));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          live.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        const fix = actions.find((a) => a.title === "Remove 'LIVE.'");
        assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
        assert.ok(await vscode.workspace.applyEdit(fix.edit));
        assert.equal(doc.lineAt(at.line).text.trim(), 'FROM stg_iot_events AS e');
        await waitFor('LF204 to clear after the fix', () => lakeflowDiagnostics(doc.uri).length === 0);
      } finally {
        await revertIfDirty(doc);
      }
    });
  });
}
