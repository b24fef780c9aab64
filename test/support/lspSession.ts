// A test's view of a running language server: open documents, wait for the
// diagnostics or status it publishes (readiness signals, never sleeps), and
// positions found by text so tests read like the SQL they drive.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { StatusParams } from '../../protocol/src/status';
import { RunningServer, startServer, StartOptions } from './serverProcess';

export interface LspSession {
  server: RunningServer;
  statuses: StatusParams[];
  /** window/logMessage lines (the server's log). */
  logs: string[];
  diagnostics: Map<string, Diagnostic[]>;
  /** The URI of every publishDiagnostics, in the order they arrived. */
  published: string[];
  uri(path: string): string;
  open(path: string, text?: string): Promise<{ uri: string; text: string }>;
  change(uri: string, version: number, text: string): Promise<void>;
  /** Resolves once `predicate` holds for the diagnostics of `uri` (after each publish). */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  waitForStatus(predicate: (s: StatusParams) => boolean): Promise<StatusParams>;
  request<R>(method: string, params: unknown): Promise<R>;
  stop(): Promise<void>;
}

export async function openSession(options: StartOptions & { root: string }): Promise<LspSession> {
  const statuses: StatusParams[] = [];
  const logs: string[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  const published: string[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  const server = await startServer({
    rootPath: options.root,
    ...options,
    beforeInitialize: (connection) => {
      options.beforeInitialize?.(connection);
      connection.onNotification('lakeflow/status', (p: StatusParams) => (statuses.push(p), notify()));
      connection.onNotification('window/logMessage', (p: { message: string }) => {
        logs.push(p.message);
      });
      connection.onNotification(
        'textDocument/publishDiagnostics',
        (p: { uri: string; diagnostics: Diagnostic[] }) => (published.push(p.uri), diagnostics.set(p.uri, p.diagnostics), notify()),
      );
    },
  });
  const until = <T>(check: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const attempt = () => {
        const v = check();
        if (v !== undefined) resolve(v);
        else waiters.push(attempt);
      };
      attempt();
    });
  const uri = (path: string) => pathToFileURL(path).href;
  return {
    server,
    statuses,
    logs,
    diagnostics,
    published,
    uri,
    async open(path, text) {
      const body = text ?? readFileSync(path, 'utf8');
      await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri(path), languageId: 'lakeflow-sql', version: 1, text: body },
      });
      return { uri: uri(path), text: body };
    },
    async change(u, version, text) {
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ text }] });
    },
    waitForDiagnostics: (u, predicate) =>
      until(() => {
        const d = diagnostics.get(u);
        return d && predicate(d) ? d : undefined;
      }),
    waitForStatus: (predicate) => until(() => statuses.find(predicate)),
    request: (method, params) => server.connection.sendRequest(method, params),
    stop: () => server.stop(),
  };
}

/** The position of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`'${needle}' not in the text`);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
