// The snippets of snippets/lakeflow-sql.json are offered in Lakeflow SQL files.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { activatedApi, waitFor } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function register(h: Harness): void {
  h.describe('snippets', () => {
    h.test('offers the pipeline snippets in a Lakeflow SQL document', async () => {
      await activatedApi();
      const doc = await vscode.workspace.openTextDocument({ language: 'lakeflow-sql', content: '' });
      await vscode.window.showTextDocument(doc);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0));
      const labels = new Set(list.items.map(labelOf));
      for (const prefix of ['st-read-files', 'mv', 'expect warn', 'expect drop', 'expect fail', 'auto cdc scd1', 'auto cdc scd2', 'append flow', 'temp view', 'read-files-hints']) {
        assert.ok(labels.has(prefix), `snippet "${prefix}" missing from ${[...labels].slice(0, 20).join(', ')}`);
      }
    });

    h.test('a snippet inserts a complete statement', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'lakeflow-sql', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'lakeflow-sql', name: 'AUTO CDC flow (SCD type 2)' });
      await waitFor('the snippet text', () => editor.document.getText().includes('STORED AS SCD TYPE 2'), 5000);
      assert.match(editor.document.getText(), /CREATE FLOW \w+ AS AUTO CDC INTO dim_target_history[\s\S]*STORED AS SCD TYPE 2[\s\S]*TRACK HISTORY ON/);
    });
  });
}
