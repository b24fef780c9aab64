// `npm run test:e2e:desktop`: the same suite in desktop VS Code through
// @vscode/test-electron (which downloads VS Code, so it needs the internet;
// CI here uses the offline runner test/e2e/run.mjs instead).
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const state = mkdtempSync(path.join(os.tmpdir(), 'lakeflow-e2e-'));
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/e2e/suite/index.js'),
      launchArgs: [root, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(state, 'user')],
      // The extension host inherits this: the stand-in CLI keeps its record here.
      extensionTestsEnv: { LAKEFLOW_STANDIN_DIR: path.join(state, 'standIn'), DATABRICKS_HOST: undefined, DATABRICKS_TOKEN: undefined },
    });
  } catch (e) {
    console.error(`desktop end-to-end run failed: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}

void main();
