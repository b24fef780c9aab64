// Runs Databricks CLI commands for the extension: finds the executable, checks
// its version once per path, adds credentials (profile flag or environment),
// and streams output to the log. Failures become CliError; the commands decide
// what the user sees.
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { AuthStore } from '../auth';
import { Log } from '../log';
import { readSettings } from '../settings';
import { CliCommand, toArgv } from './cliCommand';
import { childEnvironment, profileOf } from './cliEnvironment';
import { DATABRICKS_EXTENSION_ID, discoverCli } from './cliDiscovery';
import { CliError, CliResult, runCli } from './cliRunner';
import { CLI_INSTALL_URL, versionProblem } from './cliVersion';
import { AccessToken, authTokenCommand, parseAccessToken } from './oauthToken';
import { outsideBundleEnvironment, WorkspaceAccess } from './workspaceAccess';

export interface CliRunRequest {
  cwd: string;
  signal?: AbortSignal;
  /** Stream lines to the log as they arrive (long-running commands). */
  stream?: boolean;
  /** Log the command's output (off for polls whose JSON the caller summarises). */
  logOutput?: boolean;
  /** A command outside the bundle (`pipelines …`, `api …`): the workspace it acts on, see workspaceAccess.ts. */
  access?: WorkspaceAccess;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class CliService {
  /** Version check results per executable path, so `databricks version` runs once. */
  private readonly checked = new Map<string, Promise<void>>();

  constructor(
    private readonly log: Log,
    private readonly auth: AuthStore,
  ) {}

  /** The executable to run; throws CliError with a clear message when there is none. */
  locate(): string {
    const found = discoverCli({
      settingPath: readSettings().cliPath,
      databricksExtensionPath: vscode.extensions.getExtension(DATABRICKS_EXTENSION_ID)?.extensionPath,
      pathEnv: process.env.PATH,
      platform: process.platform,
      isExecutable,
    });
    if (!found) {
      throw new CliError(
        'The Databricks CLI was not found: set lakeflow.cliPath, install the Databricks extension, or put databricks on PATH.',
        [],
        undefined,
        '',
        '',
      );
    }
    return found.path;
  }

  /** Profile to pass with `--profile` for the current credentials. */
  async profile(): Promise<string | undefined> {
    return profileOf(await this.auth.credentials());
  }

  async run(cmd: CliCommand, request: CliRunRequest): Promise<CliResult> {
    const executable = this.locate();
    await this.ensureVersion(executable, request.cwd);
    const base = childEnvironment(process.env, await this.auth.credentials());
    const env = request.access ? outsideBundleEnvironment(base, request.access) : base;
    const note = request.logOutput === false ? (m: string) => this.log.trace(m) : (m: string) => this.log.info(m);
    note(
      `$ databricks ${toArgv(cmd).join(' ')}   (in ${request.cwd}${request.access?.host ? `, DATABRICKS_HOST=${request.access.host}` : ''})`,
    );
    const started = Date.now();
    try {
      const result = await runCli(executable, cmd, {
        cwd: request.cwd,
        env,
        signal: request.signal,
        onLine: request.stream ? (line) => this.log.line(line) : undefined,
      });
      if (!request.stream && request.logOutput !== false) this.logOutput(result.stdout, result.stderr);
      note(`exit 0 after ${Date.now() - started} ms`);
      return result;
    } catch (e) {
      if (e instanceof CliError) {
        // Output kept out of the log on success (a token, a poll's JSON) stays out on failure too;
        // the message, taken from that output, goes to the caller with the error.
        if (!request.stream && request.logOutput !== false) this.logOutput(e.stdout, e.stderr);
        this.log.error(`exit ${e.exitCode ?? '-'}${request.logOutput === false ? '' : `: ${e.message}`}`);
      } else {
        this.log.warn(`${(e as Error).message}`);
      }
      throw e;
    }
  }

  /**
   * An OAuth access token for a `databricks auth login` profile, or undefined
   * (no CLI, not signed in, timeout). Run from the home folder so no bundle in
   * the workspace can change which host the CLI picks; the output, which holds
   * the token, is never logged.
   */
  async authToken(profile: string, timeoutMs = 15_000): Promise<AccessToken | undefined> {
    try {
      const result = await this.run(authTokenCommand(profile), {
        cwd: homedir(),
        logOutput: false,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const token = parseAccessToken(result.stdout);
      if (token) this.auth.remember(token.token);
      else this.log.warn(`databricks auth token --profile ${profile} printed no access token`);
      return token;
    } catch (e) {
      this.log.warn(
        `no OAuth token for profile ${profile} (catalog completion stays off; run \`databricks auth login --profile ${profile}\`): ${(e as Error).message}`,
      );
      return undefined;
    }
  }

  private logOutput(stdout: string, stderr: string): void {
    // JSON documents can be long; the log keeps the start, the command keeps the whole.
    const out = stdout.length > 4000 ? `${stdout.slice(0, 4000)}\n… (${stdout.length} characters)` : stdout;
    if (out.trim()) this.log.line(out.trimEnd());
    if (stderr.trim()) this.log.line(stderr.trimEnd());
  }

  private ensureVersion(executable: string, cwd: string): Promise<void> {
    let check = this.checked.get(executable);
    if (!check) {
      check = runCli(executable, { command: ['version'], args: [] }, { cwd, env: process.env }).then((r) => {
        const problem = versionProblem(r.stdout + r.stderr);
        if (problem) throw new CliError(`${problem} Install a newer CLI: ${CLI_INSTALL_URL}`, ['version'], 0, r.stderr, r.stdout);
        this.log.info(`Databricks CLI: ${executable} (${(r.stdout || r.stderr).trim()})`);
      });
      // A failed check is retried next time (the user may fix the setting).
      check.catch(() => this.checked.delete(executable));
      this.checked.set(executable, check);
    }
    return check;
  }
}
