// Completion as users meet it, in real VS Code on the bundled pipeline: in a
// query joining two relations that share column names, each shared name is
// offered qualified and never twice bare; no statement snippet in a WHERE
// clause; and the latency from the request to the list VS Code would show
// (median and p95 over 50 requests) is reported, not asserted: performance is
// measured, never a test's pass condition.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { labelOf, openPipelineFile, positionOf, readyServer } from './pipelineFiles';

const FACT = 'gold/facts/fct_iot_events.sql';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function register(h: Harness): void {
  h.describe('completion in the editor', () => {
    h.test('shared columns come qualified, no snippets in WHERE, latency over 50 requests reported', async () => {
      await readyServer();
      const editor = await openPipelineFile(FACT);
      const doc = editor.document;
      // Inside the final WHERE-less query: after `LEFT JOIN ... ON ` the scope holds e, d and b.
      const at = positionOf(doc, 'ON d.device_id', 3);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
      const fields = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Field).map(labelOf);
      assert.equal(new Set(fields).size, fields.length, `duplicate column labels: ${fields.join(', ')}`);
      assert.ok(
        fields.includes('e.device_id') && fields.includes('d.device_id'),
        `device_id qualified by both: ${fields.slice(0, 30).join(', ')}`,
      );
      assert.ok(!fields.includes('device_id'), 'a shared name is never offered bare');
      assert.deepEqual(list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf), []);

      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t0 = performance.now();
        const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
        times.push(performance.now() - t0);
        assert.ok(l.items.length > 0);
      }
      times.sort((a, b) => a - b);
      const items = list.items.length;
      console.log(
        `completion latency (request to list, ${items} items, 50 requests): median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
      );
    });
  });
}
