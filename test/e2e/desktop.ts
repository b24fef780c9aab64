// `npm run test:e2e:desktop`: the same suite in desktop VS Code through
// @vscode/test-electron (which downloads VS Code, so it needs the internet;
// CI here uses the offline runner test/e2e/run.mjs instead).
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const state = mkdtempSync(path.join(os.tmpdir(), 'lakeflow-e2e-'));
  try {
    // The workspace is a copy of the sources (as in test/e2e/workspace.mjs), so the
    // suite's Run Locally writes into the copy's .lakeflow/, not the checkout's.
    const workspace = path.join(state, 'workspace');
    const skip = new Set(['node_modules', 'out', '.e2e', '.git', '.lakeflow', '.vscode-test']);
    for (const entry of readdirSync(root)) {
      if (!skip.has(entry))
        cpSync(path.join(root, entry), path.join(workspace, entry), { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
    }
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/e2e/suite/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(state, 'user')],
      // The extension host inherits this: the stand-in CLI keeps its record here.
      extensionTestsEnv: { LAKEFLOW_STANDIN_DIR: path.join(state, 'standIn'), DATABRICKS_HOST: undefined, DATABRICKS_TOKEN: undefined },
    });
  } catch (e) {
    console.error(`desktop end-to-end run failed: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}

void main();
