// Activation, the manifest's commands, the language client's attachment.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { activatedApi, EXTENSION_ID, fixtureBundle, readLog, standIn, waitFor } from './helpers';

export function register(h: Harness): void {
  h.describe('activation', () => {
    h.test('activates in a workspace with a databricks.yml and reports its activation time', async () => {
      const api = await activatedApi();
      assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
      assert.equal(typeof api.activationMs, 'number');
      assert.ok(api.activationMs > 0);
      console.log(`[measure] activation time: ${api.activationMs.toFixed(1)} ms`);
    });

    h.test('logs the activation time to the Lakeflow output channel', async () => {
      const api = await activatedApi();
      const log = await waitFor('the activation line in the log file', () => /activated in [\d.]+ ms/.test(readLog(api)) && readLog(api));
      assert.match(log, /activated in [\d.]+ ms/);
    });

    h.test('registers every command the manifest contributes', async () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } };
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
      assert.deepEqual(missing, []);
      assert.ok(manifest.contributes.commands.length >= 10);
    });

    h.test('the language server starts and restarts on command', async () => {
      assert.equal(await vscode.commands.executeCommand('lakeflow.restartServer'), 'running');
    });

    h.test('a SQL file of a bundle pipeline gets the Lakeflow SQL language', async () => {
      const file = path.join(fixtureBundle(), 'transformations/fixture_readings.sql');
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      await waitFor('the pipeline file to become lakeflow-sql', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file && d.languageId === 'lakeflow-sql'),
      );
    });

    h.test('a pipeline file the user switches back to plain SQL stays plain SQL', async () => {
      const file = path.join(fixtureBundle(), 'transformations/fixture_readings.sql');
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
      assert.ok(doc, 'opened by the previous test');
      await vscode.languages.setTextDocumentLanguage(doc, 'sql');
      // A restart re-examines every open document (see the next test for why this is a sufficient wait).
      await vscode.commands.executeCommand('lakeflow.restartServer');
      assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.languageId, 'sql');
    });

    h.test('a SQL file outside the pipelines keeps the plain SQL language', async () => {
      const file = path.join(standIn.dir(), '..', 'unrelated.sql');
      writeFileSync(file, 'SELECT 1;\n');
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      // A restart re-examines every open document; the decision not to adopt is
      // taken synchronously, so once the restart is done this file was examined.
      await vscode.commands.executeCommand('lakeflow.restartServer');
      assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.languageId, 'sql');
    });
  });
}
