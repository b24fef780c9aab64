// The language client: starts the bundled server (server/out/server.js) over
// IPC, attaches it to Lakeflow SQL files only (the `lakeflow.sqlFilePatterns`
// setting plus the SQL sources of the bundle's pipelines), answers the
// server's workspace/configuration requests with the typed settings, and
// forwards `lakeflow/status` to the status bar. Credentials reach the server
// only through its environment; for an OAuth (`databricks auth login`) profile
// that is an access token from the CLI, renewed by a restart before it expires.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from '../../protocol/src/index';
import { SETTINGS_SECTION } from '../../protocol/src/settings';
import { STATUS_METHOD, StatusParams } from '../../protocol/src/status';
import { AuthStore } from './auth';
import { BundleWorkspace } from './bundle/bundleWorkspace';
import { childEnvironment } from './databricks/cliEnvironment';
import { isOAuthU2mProfile } from './databricks/databricksConfig';
import { AccessToken, refreshDelayMs } from './databricks/oauthToken';
import { Log } from './log';
import { readSettings, toServerSettings } from './settings';

export type ServerPhase = 'stopped' | 'starting' | 'running' | 'failed';

export interface ServerStatus {
  phase: ServerPhase;
  /** The server's own report, once it sends one. */
  reported?: StatusParams;
  error?: string;
}

export function documentSelector(patterns: readonly string[]): { scheme: string; language: string; pattern: string }[] {
  // SQL files keep their language id until opened here; both ids are accepted.
  return patterns.flatMap((pattern) => [
    { scheme: 'file', language: LANGUAGE_ID, pattern },
    { scheme: 'file', language: 'sql', pattern },
  ]);
}

export class LanguageServerHost implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private patterns: string[] = [];
  private current: ServerStatus = { phase: 'stopped' };
  private readonly changed = new vscode.EventEmitter<ServerStatus>();
  readonly onDidChangeStatus = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Documents given the Lakeflow SQL language once: a user who switches one back keeps their choice. */
  private readonly adopted = new Set<string>();
  /** Restarts run one after another: settings and credentials can change together. */
  private restarting: Promise<void> = Promise.resolve();

  constructor(
    private readonly serverModule: string,
    /** Where the server keeps its Unity Catalog disk cache (the extension's global storage). */
    private readonly storageDir: string,
    private readonly log: Log,
    private readonly auth: AuthStore,
    private readonly bundles: BundleWorkspace,
    /** `databricks auth token` for an OAuth profile (the CLI service); absent in tests. */
    private readonly oauthToken?: (profile: string) => Promise<AccessToken | undefined>,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.adoptDocument(d)),
      bundles.onDidChange(() => {
        // The document selector is fixed per client: restart only when it changes.
        if (this.client && !sameList(this.patterns, this.wantedPatterns())) void this.restart();
      }),
    );
  }

  get status(): ServerStatus {
    return this.current;
  }

  get languageClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  private wantedPatterns(): string[] {
    return [...new Set([...readSettings().sqlFilePatterns, ...this.bundles.all.flatMap((b) => b.sqlPatterns)])];
  }

  private setStatus(status: ServerStatus): void {
    this.current = status;
    this.changed.fire(status);
  }

  async start(): Promise<void> {
    this.patterns = this.wantedPatterns();
    const credentials = await this.auth.credentials();
    const env = childEnvironment(process.env, credentials);
    // The profile the server will read: the setting's, else (no explicit host and token) the CLI's default.
    const profile =
      credentials.kind === 'profile'
        ? credentials.profile
        : credentials.kind === 'none' && !(env.DATABRICKS_HOST && env.DATABRICKS_TOKEN)
          ? env.DATABRICKS_CONFIG_PROFILE || 'DEFAULT'
          : undefined;
    if (profile) await this.addOAuthToken(env, profile);
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc, options: { env } },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(this.patterns),
      initializationOptions: { ...toServerSettings(readSettings()), storageDir: this.storageDir },
      // Tells the server when lakeflow.* changes; it then pulls the typed settings below.
      synchronize: { configurationSection: SETTINGS_SECTION },
      middleware: {
        workspace: {
          configuration: (params, token, next) => {
            if (!params.items.some((i) => i.section === SETTINGS_SECTION)) return next(params, token);
            return params.items.map((item) =>
              item.section === SETTINGS_SECTION
                ? toServerSettings(readSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined))
                : null,
            );
          },
        },
      },
    };
    const client = new LanguageClient('lakeflow', 'Lakeflow Language Server', serverOptions, clientOptions);
    this.client = client;
    this.setStatus({ phase: 'starting' });
    client.onNotification(STATUS_METHOD, (params: StatusParams) => this.setStatus({ phase: 'running', reported: params }));
    try {
      await client.start();
      this.setStatus({ phase: 'running', reported: this.current.reported });
      this.log.info(`language server started for ${this.patterns.length} SQL file pattern(s)`);
      for (const doc of vscode.workspace.textDocuments) void this.adoptDocument(doc);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.setStatus({ phase: 'failed', error: message });
      this.log.error(`language server failed to start: ${message}`);
      throw e;
    }
  }

  /**
   * For an OAuth profile in a trusted workspace: the CLI's access token in the
   * server's environment, and a restart planned for before it expires.
   */
  private async addOAuthToken(env: NodeJS.ProcessEnv, profileName: string): Promise<void> {
    if (!this.oauthToken || !vscode.workspace.isTrusted) return;
    const profile = (await this.auth.profiles()).find((p) => p.name === profileName);
    if (!profile || !isOAuthU2mProfile(profile)) return;
    const token = await this.oauthToken(profileName);
    if (!token) return;
    env.LAKEFLOW_OAUTH_PROFILE = profileName;
    env.LAKEFLOW_OAUTH_TOKEN = token.token;
    clearTimeout(this.renewal);
    this.renewal = setTimeout(() => void this.restart().catch(() => undefined), refreshDelayMs(token, Date.now()));
    this.renewal.unref?.();
    this.log.info(`catalog completion uses an OAuth access token of profile ${profileName}, renewed before it expires`);
  }

  private renewal: ReturnType<typeof setTimeout> | undefined;

  async stop(): Promise<void> {
    clearTimeout(this.renewal);
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (e) {
        this.log.warn(`language server did not stop cleanly: ${(e as Error).message}`);
      }
    }
    this.setStatus({ phase: 'stopped' });
  }

  restart(): Promise<void> {
    const next = this.restarting
      .catch(() => undefined)
      .then(async () => {
        await this.stop();
        await this.start();
      });
    this.restarting = next;
    return next;
  }

  /** Gives plain SQL files that belong to a pipeline the Lakeflow SQL language (snippets, grammar). */
  private async adoptDocument(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== 'sql' || doc.uri.scheme !== 'file' || this.adopted.has(doc.uri.toString())) return;
    const selector = this.patterns.map((pattern) => ({ scheme: 'file', pattern }));
    if (selector.length && vscode.languages.match(selector, doc) > 0) {
      this.adopted.add(doc.uri.toString());
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.stop();
    this.changed.dispose();
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
