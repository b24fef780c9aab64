// Snippets come from the language server's completion, only where each can
// stand: statements at a statement start, never inside a WHERE clause.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { waitFor } from './helpers';
import { openScratchFile, readyServer, removeScratchFiles } from './pipelineFiles';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

let n = 0;

async function snippetLabels(content: string, position: vscode.Position): Promise<Set<string>> {
  const doc = await openScratchFile(`snippets_${++n}`, content);
  let labels = new Set<string>();
  await waitFor(
    'completion from the language server',
    async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      labels = new Set(list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf));
      return list.items.length > 0;
    },
    10000,
  );
  return labels;
}

export function register(h: Harness): void {
  h.describe('snippets', () => {
    h.test('statement snippets at a statement start', async () => {
      await readyServer();
      const labels = await snippetLabels('', new vscode.Position(0, 0));
      for (const prefix of [
        'streaming table read_files',
        'materialized view',
        'auto cdc scd1',
        'auto cdc scd2',
        'append flow',
        'temporary view',
      ]) {
        assert.ok(labels.has(prefix), `snippet "${prefix}" missing from ${[...labels].join(', ')}`);
      }
      assert.ok(!labels.has('expect warn'), 'an expectation is not a statement');
    });

    h.test('expectation snippets in a CREATE column list, none in a WHERE clause', async () => {
      const inList = await snippetLabels('CREATE OR REFRESH MATERIALIZED VIEW v (\n  \n) AS SELECT 1 AS x;\n', new vscode.Position(1, 2));
      for (const prefix of ['expect warn', 'expect drop', 'expect fail'])
        assert.ok(inList.has(prefix), `snippet "${prefix}" missing from ${[...inList].join(', ')}`);
      const inWhere = await snippetLabels(
        'CREATE OR REFRESH MATERIALIZED VIEW v AS SELECT 1 AS x FROM t WHERE ',
        new vscode.Position(0, 68),
      );
      assert.deepEqual([...inWhere], []);
      await removeScratchFiles();
    });
  });
}
