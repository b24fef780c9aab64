// Credentials for the CLI and the language server: a profile of
// ~/.databrickscfg (the `lakeflow.profile` setting), or a host with a token kept
// in VS Code secret storage. The token only ever leaves through a child
// process's environment (see cliEnvironment.ts).
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { Credentials } from './databricks/cliEnvironment';
import { ConfigProfile, parseDatabricksConfig } from './databricks/databricksConfig';
import { readSettings } from './settings';

const TOKEN_KEY = 'lakeflow.databricksToken';
const HOST_KEY = 'lakeflow.databricksHost';

export class AuthStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Known secret values, for redaction; filled as soon as they are read. */
  private readonly knownSecrets = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscription = context.secrets.onDidChange((e) => e.key === TOKEN_KEY && this.changed.fire());
  }

  secrets(): readonly string[] {
    return [...this.knownSecrets];
  }

  /** A secret obtained elsewhere (an OAuth access token from the CLI), hidden from logs from now on. */
  remember(secret: string): void {
    this.knownSecrets.add(secret);
  }

  async credentials(): Promise<Credentials> {
    const profile = readSettings().profile;
    if (profile) return { kind: 'profile', profile };
    const token = await this.context.secrets.get(TOKEN_KEY);
    const host = this.context.globalState.get<string>(HOST_KEY);
    if (token && host) {
      this.knownSecrets.add(token);
      return { kind: 'token', host, token };
    }
    return { kind: 'none' };
  }

  async storeToken(host: string, token: string): Promise<void> {
    this.knownSecrets.add(token);
    await this.context.globalState.update(HOST_KEY, normalizeHost(host));
    // secrets.onDidChange announces the change (once), for this and other windows.
    await this.context.secrets.store(TOKEN_KEY, token);
  }

  async forgetToken(): Promise<void> {
    await this.context.globalState.update(HOST_KEY, undefined);
    await this.context.secrets.delete(TOKEN_KEY);
  }

  async profiles(): Promise<ConfigProfile[]> {
    const file = process.env.DATABRICKS_CONFIG_FILE || path.join(os.homedir(), '.databrickscfg');
    try {
      return parseDatabricksConfig(await fs.readFile(file, 'utf8'));
    } catch {
      return [];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function normalizeHost(host: string): string {
  const trimmed = host.trim().replace(/\/+$/, '');
  return /^https?:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`;
}
