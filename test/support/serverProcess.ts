// Starts the built language server (server/out/server.js) as a child process
// over stdio and connects a real LSP client library to it, so protocol tests
// exercise exactly what an editor would.
import { spawn, ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  InitializeResult,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver-protocol/node';

export const repositoryRoot = resolve(__dirname, '../../..');

export interface RunningServer {
  connection: ProtocolConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  /** Everything the server wrote to stderr (its log), for assertions. */
  stderr(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  rootPath?: string;
  /** Workspace folders sent in initialize (default: the root alone). */
  workspaceFolders?: string[];
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
  /** Registers notification handlers before the server can send anything. */
  beforeInitialize?: (connection: ProtocolConnection) => void;
  /** Client capabilities sent in initialize (default none). */
  capabilities?: Record<string, unknown>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const rootPath = options.rootPath ?? repositoryRoot;
  const child = spawn(process.execPath, [resolve(repositoryRoot, 'server/out/server.js'), '--stdio'], {
    cwd: rootPath,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  options.beforeInitialize?.(connection);
  connection.listen();
  const rootUri = pathToFileURL(rootPath).href;
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: (options.workspaceFolders ?? [rootPath]).map((f, i) => ({ uri: pathToFileURL(f).href, name: `workspace${i}` })),
    capabilities: options.capabilities ?? {},
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    process: child,
    initializeResult,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        child.kill();
      }
      await exited;
      connection.dispose();
    },
  };
}
