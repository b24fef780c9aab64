// What every contract test shares: the real Databricks CLI (built from the
// pinned module by scripts/databricks-cli.mjs; test/contract/run.mjs builds it
// first and passes its path in LAKEFLOW_CONTRACT_CLI), a workspace stand-in on
// loopback, an isolated HOME, a copy of the project in a temp folder, and the
// extension's own runner (client/src/databricks/cliRunner.ts) to run it.
// Without the CLI the tests fail with the reason; they never skip.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliCommand } from '../../client/src/databricks/cliCommand';
import { CliResult, runCli } from '../../client/src/databricks/cliRunner';
import { STAND_IN_TOKEN, WorkspaceStandIn } from './workspaceStandIn';

/** The repository root (tests run from out/test/contract). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

let built: string | undefined;

/** The pinned CLI's path; builds it when the runner has not. Throws with the build's reason. */
export function contractCli(): string {
  if (process.env.LAKEFLOW_CONTRACT_CLI) return process.env.LAKEFLOW_CONTRACT_CLI;
  if (built) return built;
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'databricks-cli.mjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`the pinned Databricks CLI is unavailable: ${(r.stderr || r.error?.message || '').trim()}`);
  built = r.stdout.trim();
  return built;
}

export type Project = 'repository' | 'fixture';

export interface ContractWorkspace {
  standIn: WorkspaceStandIn;
  cli: string;
  home: string;
  /** The bundle root inside the temp copy. */
  bundleRoot: string;
  /** The environment of every CLI call: isolated HOME, the stand-in's host and token. */
  env: NodeJS.ProcessEnv;
  /** Runs a command built by the extension's cliCommands, from the bundle root unless told otherwise. */
  run(cmd: CliCommand, options?: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<CliResult>;
  close(): Promise<void>;
}

/**
 * `repository`: the repository's bundle/ and pipelines/ side by side, as the
 * bundle expects them; `fixture`: test/contract/fixtures/<name>.
 */
export async function openWorkspace(project: Project, fixture = 'bundle'): Promise<ContractWorkspace> {
  const cli = contractCli();
  const standIn = new WorkspaceStandIn();
  const url = await standIn.start();
  const scratch = mkdtempSync(join(tmpdir(), 'lakeflow-contract-'));
  const home = join(scratch, 'home');
  mkdirSync(home);
  let bundleRoot: string;
  if (project === 'repository') {
    for (const dir of ['bundle', 'pipelines']) cpSync(join(repoRoot, dir), join(scratch, 'project', dir), { recursive: true });
    bundleRoot = join(scratch, 'project', 'bundle');
  } else {
    bundleRoot = join(scratch, 'project');
    cpSync(join(repoRoot, 'test', 'contract', 'fixtures', fixture), bundleRoot, { recursive: true });
  }
  // Nothing of the developer's own Databricks setup leaks in: only PATH, the isolated home and the stand-in.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    USERPROFILE: home,
    DATABRICKS_HOST: url,
    DATABRICKS_TOKEN: STAND_IN_TOKEN,
  };
  return {
    standIn,
    cli,
    home,
    bundleRoot,
    env,
    run: (cmd, options = {}) => runCli(cli, cmd, { cwd: options.cwd ?? bundleRoot, env: options.env ?? env, signal: options.signal }),
    async close() {
      await standIn.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
