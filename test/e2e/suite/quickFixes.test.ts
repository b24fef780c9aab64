// Quick fixes applied through VS Code's own code action API, in real VS Code:
// each mechanical finding's fix, and source.fixAll for the safe ones, on loose
// files in a scratch folder of the suite's temporary workspace.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { waitFor } from './helpers';
import { codeOf, openScratchFile, readyServer, removeScratchFiles } from './pipelineFiles';

const SOURCE = "CREATE OR REFRESH STREAMING TABLE src_events AS SELECT * FROM STREAM read_files('/tmp/x', format => 'json');\n";

let n = 0;

async function fixed(content: string, code: string, title: RegExp): Promise<string> {
  const doc = await openScratchFile(`quick_fix_${++n}`, content);
  const diagnostic = await waitFor(
    `diagnostic ${code}`,
    () => vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === code),
    15000,
  );
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // Ours by title: the editor may add actions of its own (Fix, Explain) for any diagnostic.
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `a fix for ${code}: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return doc.getText();
}

export function register(h: Harness): void {
  h.describe('quick fixes through the code action API', () => {
    h.test(
      'remove STREAM, add STREAM, a valid ON VIOLATION action, remove LIVE., did-you-mean, DROP ROW for a NOT NULL guard',
      async () => {
        await readyServer();
        try {
          assert.match(
            await fixed(`${SOURCE}CREATE MATERIALIZED VIEW mv1 AS SELECT * FROM STREAM(src_events);\n`, 'LF303', /remove STREAM/),
            /FROM src_events;/,
          );
          assert.match(
            await fixed(`${SOURCE}CREATE STREAMING TABLE st1 AS SELECT * FROM src_events;\n`, 'LF302', /wrap it in STREAM/),
            /FROM STREAM\(src_events\);/,
          );
          assert.match(
            await fixed(
              'CREATE MATERIALIZED VIEW mv2 (CONSTRAINT c EXPECT (x > 0) ON VIOLATION DELETE ROW) AS SELECT 1 AS x;\n',
              'LF404',
              /DROP ROW/,
            ),
            /ON VIOLATION DROP ROW\)/,
          );
          assert.match(
            await fixed(`${SOURCE}CREATE MATERIALIZED VIEW mv3 AS SELECT * FROM LIVE.src_events;\n`, 'LF204', /Remove 'LIVE\.'/),
            /FROM src_events;/,
          );
          assert.match(
            await fixed(`${SOURCE}CREATE MATERIALIZED VIEW mv4 AS SELECT * FROM src_event;\n`, 'LF201', /Change to/),
            /FROM src_events;/,
          );
          assert.match(
            await fixed(
              'CREATE MATERIALIZED VIEW mv5 (x INT NOT NULL, CONSTRAINT ok EXPECT (x IS NOT NULL)) AS SELECT 1 AS x;\n',
              'LF409',
              /DROP ROW/,
            ),
            /EXPECT \(x IS NOT NULL\) ON VIOLATION DROP ROW\)/,
          );
        } finally {
          await removeScratchFiles();
        }
      },
    );

    h.test('source.fixAll applies the safe fixes and leaves the rest', async () => {
      const doc = await openScratchFile(
        'fix_all',
        `${SOURCE}CREATE LIVE TABLE mv6 AS SELECT * FROM LIVE.src_events JOIN STREAM(src_events) AS s USING (id);\n`,
      );
      await waitFor(
        'the LF303 finding',
        () => vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'LF303', /remove STREAM/),
        15000,
      );
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        all,
        vscode.CodeActionKind.SourceFixAll.value,
      );
      const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll');
      assert.ok(fixAll?.edit, actions.map((a) => a.title).join(' | '));
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      assert.match(doc.getText(), /CREATE MATERIALIZED VIEW mv6 AS SELECT \* FROM src_events JOIN src_events AS s USING \(id\);/);
      await removeScratchFiles();
    });
  });
}
