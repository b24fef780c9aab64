// Deploy, run and destroy against a production target ask a modal question
// before the CLI runs. Under an extension test VS Code's dialog service
// refuses every modal prompt (it rejects with "refused to show dialog in
// tests. Contents: <the question>"), which is as good as the user saying no:
// the tests check that the question was asked and that no CLI command ran.
// Workspace Trust is off in both runners, so the untrusted path is checked on
// the manifest VS Code loaded (enablement and restricted settings).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Harness } from './harness';
import { activatedApi, EXTENSION_ID, setSetting, standIn } from './helpers';

interface CommandResult {
  ok: boolean;
  target?: string;
  error?: string;
}

const run = (command: string, args?: unknown): Thenable<CommandResult> => vscode.commands.executeCommand<CommandResult>(command, args);

export function register(h: Harness): void {
  h.describe('production and trust guards (stand-in CLI)', () => {
    h.test('deploy to a production target asks first, and without a yes the CLI never deploys', async () => {
      await activatedApi();
      await setSetting('cliPath', standIn.executable());
      await setSetting('bundleRoot', 'test/e2e/fixtures/bundle');
      standIn.reset('success');
      const result = await run('lakeflow.deployBundle', { target: 'prod' });
      assert.equal(result.ok, false);
      assert.equal(result.target, 'prod');
      assert.match(result.error ?? '', /Deploy to the production target "prod"\?/, 'the modal question was asked');
      assert.deepEqual(standIn.commandCalls(), []);
    });

    h.test('run and destroy on a production target ask first too; deploy to dev does not ask', async () => {
      standIn.reset('success');
      const runProd = await run('lakeflow.runPipeline', { target: 'prod', mode: 'update' });
      assert.equal(runProd.ok, false);
      assert.match(runProd.error ?? '', /Run to the production target "prod"\?/);
      const destroy = await run('lakeflow.destroyBundle', { target: 'prod' });
      assert.equal(destroy.ok, false);
      assert.match(destroy.error ?? '', /Destroy every resource of bundle "e2e_fixture" in target prod\?/);
      assert.deepEqual(standIn.commandCalls(), [], 'nothing ran without an answer');
      const deployDev = await run('lakeflow.deployBundle', { target: 'dev' });
      assert.equal(deployDev.ok, true, deployDev.error);
      assert.deepEqual(
        standIn.commandCalls().map((c) => c.argv),
        [['bundle', 'deploy', '-t', 'dev']],
      );
    });

    h.test('in an untrusted workspace the CLI commands are disabled and lakeflow.cliPath is ignored (manifest as loaded)', () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
        contributes: { commands: { command: string; enablement?: string }[] };
        capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
      };
      const enablement = new Map(manifest.contributes.commands.map((c) => [c.command, c.enablement]));
      for (const id of [
        'lakeflow.validateBundle',
        'lakeflow.deployBundle',
        'lakeflow.deployBundleToTarget',
        'lakeflow.runPipeline',
        'lakeflow.destroyBundle',
      ]) {
        assert.equal(enablement.get(id), 'isWorkspaceTrusted', id);
      }
      assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes('lakeflow.cliPath'));
    });
  });
}
