// Unity Catalog volume paths in real VS Code: the Unity Catalog stand-in (the
// open-source server profile, authorization off) runs inside the extension
// host, the user setting lakeflow.catalog.auth = "none" and DATABRICKS_HOST
// point the language server at it, and a read_files path in a bronze file of
// the bundled pipeline completes its /Volumes/ segments through the editor's
// own completion command. The repository's file is edited in the editor and
// put back to its original text afterwards (saved, in case an auto-save wrote
// the edit); the setting, the environment and the server are restored after.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { setSetting, waitFor } from './helpers';
import { labelOf, markdownOf, openPipelineFile, positionOf, readyServer } from './pipelineFiles';
import { UnityCatalogStandIn, sampleWorkspace, volume } from '../../support/unityCatalogStandIn';

const BRONZE = 'bronze/ingest_cdc_alerts.sql';
const PROBE =
  "\nCREATE OR REFRESH STREAMING TABLE e2e_volume_probe AS SELECT * FROM STREAM read_files('/Volumes/main/iot_landing/', format => 'json');\n";
const TYPED = "read_files('/Volumes/main/iot_landing/";

async function completionAt(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
  return list.items;
}

async function completesWith(doc: vscode.TextDocument, at: vscode.Position, label: string): Promise<vscode.CompletionItem[]> {
  return waitFor(`completion to offer ${label}`, async () => {
    const items = await completionAt(doc, at);
    return items.some((i) => labelOf(i) === label) ? items : undefined;
  });
}

const insertedText = (item: vscode.CompletionItem | undefined): string | undefined =>
  typeof item?.insertText === 'string' ? item.insertText : item?.insertText?.value;

export function register(h: Harness): void {
  h.describe('Unity Catalog volumes', () => {
    h.test('a /Volumes/ path in read_files completes catalog, schema and volume from a catalog server with authorization off', async () => {
      const base = sampleWorkspace();
      const standIn = await UnityCatalogStandIn.start({
        profile: 'oss',
        workspace: {
          ...base,
          schemas: [...base.schemas, { name: 'iot_landing', catalog_name: 'main', full_name: 'main.iot_landing' }],
          volumes: [
            ...(base.volumes ?? []),
            volume('main', 'iot_landing', 'raw', 'EXTERNAL', 's3://landing-bucket/raw', 'Landing files of the IoT pipeline'),
          ],
        },
      });
      const previousHost = process.env.DATABRICKS_HOST;
      process.env.DATABRICKS_HOST = standIn.url;
      const { document: doc } = await openPipelineFile(BRONZE);
      const original = readFileSync(doc.uri.fsPath, 'utf8');
      try {
        await setSetting('catalog.auth', 'none');
        await readyServer();
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, PROBE);
        assert.ok(await vscode.workspace.applyEdit(edit));

        const volumes = await completesWith(doc, positionOf(doc, TYPED, TYPED.length), 'raw');
        const raw = volumes.find((i) => labelOf(i) === 'raw');
        assert.equal(insertedText(raw), 'raw/');
        assert.equal(raw?.command?.command, 'editor.action.triggerSuggest', 'the next segment is asked for after the insert');
        assert.match(
          typeof raw?.documentation === 'string' ? raw.documentation : (raw?.documentation?.value ?? ''),
          /Landing files of the IoT pipeline[\s\S]*s3:\/\/landing-bucket\/raw/,
        );

        const catalogs = await completesWith(doc, positionOf(doc, "read_files('/Volumes/", "read_files('/Volumes/".length), 'main');
        assert.ok(catalogs.some((i) => labelOf(i) === 'reference'));
        const schemas = await completesWith(
          doc,
          positionOf(doc, "read_files('/Volumes/main/", "read_files('/Volumes/main/".length),
          'iot_landing',
        );
        assert.ok(schemas.some((i) => labelOf(i) === 'iot'));

        const accept = new vscode.WorkspaceEdit();
        accept.insert(doc.uri, positionOf(doc, TYPED, TYPED.length), 'raw/');
        assert.ok(await vscode.workspace.applyEdit(accept));
        const hover = await waitFor('the hover to show the volume', async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            doc.uri,
            positionOf(doc, TYPED, TYPED.length - 3),
          );
          const text = markdownOf(hovers);
          return /storage location/i.test(text) ? text : undefined;
        });
        assert.match(hover, /main\.iot_landing\.raw\*\* · Unity Catalog volume \(external\)/);
        assert.ok(
          standIn.requests.some((r) => r.path === '/volumes') && standIn.requests.every((r) => r.authorization === undefined),
          'asked without a token',
        );
      } finally {
        if (doc.getText() !== original) {
          const restore = new vscode.WorkspaceEdit();
          restore.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
          await vscode.workspace.applyEdit(restore);
        }
        if (doc.isDirty) await doc.save();
        assert.equal(readFileSync(doc.uri.fsPath, 'utf8'), original, 'the repository file is left as it was');
        if (previousHost === undefined) delete process.env.DATABRICKS_HOST;
        else process.env.DATABRICKS_HOST = previousHost;
        await setSetting('catalog.auth', undefined);
        await readyServer();
        await standIn.close();
      }
    });
  });
}
