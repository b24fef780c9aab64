// Shared helpers of the end-to-end suite: readiness polling (never fixed
// sleeps), settings, the extension's API and the stand-in CLI's state folder.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LakeflowApi } from '../../../client/src/extension';

export { isAlive } from '../../support/processLiveness';

export const EXTENSION_ID = 'lakeflow-tools.lakeflow-pipelines';

/** The extension's exported API, as the extension declares it. */
export type { LakeflowApi };

/** Polls `check` until it returns a truthy value; fails with `what` after the timeout. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function repoRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs the repository root open as the workspace');
  return folder.uri.fsPath;
}

export const fixtureBundle = (): string => path.join(repoRoot(), 'test/e2e/fixtures/bundle');

export async function activatedApi(): Promise<LakeflowApi> {
  const ext = vscode.extensions.getExtension<LakeflowApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

/** User-level settings: the runners give each run a fresh user-data folder, so nothing leaks into the repository. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('lakeflow').update(key, value, vscode.ConfigurationTarget.Global);
}

export function readLog(api: LakeflowApi): string {
  return existsSync(api.logFile.fsPath) ? readFileSync(api.logFile.fsPath, 'utf8') : '';
}

export interface StandInCall {
  argv: string[];
  cwd: string;
  scenario: string;
  env: { DATABRICKS_HOST: string | null; DATABRICKS_TOKEN: string | null; DATABRICKS_CONFIG_PROFILE: string | null };
}

/** The stand-in `databricks` CLI (test/e2e/standIn/databricks) and its state folder. */
export const standIn = {
  executable: (): string => path.join(repoRoot(), 'test/e2e/standIn/databricks'),
  dir(): string {
    const dir = process.env.LAKEFLOW_STANDIN_DIR;
    if (!dir) throw new Error('LAKEFLOW_STANDIN_DIR is not set by the runner');
    return dir;
  },
  /** Starts a scenario with an empty call record. */
  reset(scenario: 'success' | 'validationErrors' | 'authFailure' | 'slowRun' | 'endlessUpdate' | 'echoesToken'): void {
    const dir = standIn.dir();
    mkdirSync(dir, { recursive: true });
    for (const f of ['calls.jsonl', 'get-update-polls', 'slow-run.json']) rmSync(path.join(dir, f), { force: true });
    writeFileSync(path.join(dir, 'scenario'), scenario);
  },
  calls(): StandInCall[] {
    const file = path.join(standIn.dir(), 'calls.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as StandInCall);
  },
  /** The calls other than the one-time version check. */
  commandCalls(): StandInCall[] {
    return standIn.calls().filter((c) => c.argv[0] !== 'version');
  },
  /** A recording of the real CLI that the stand-in replays (test/e2e/standIn/recordings.json). */
  recording(name: string): { command: string; files?: Record<string, string>; exitCode: number; stdout: string; stderr: string } {
    const file = path.join(repoRoot(), 'test/e2e/standIn/recordings.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { recordings: Record<string, ReturnType<typeof standIn.recording>> }).recordings[
      name
    ];
  },
};
