// The one way the extension runs the Databricks CLI: spawn without a shell,
// arguments as an array, output streamed line by line, cancellable through an
// AbortSignal. Cancelling kills the whole process tree (the CLI may start
// helpers such as terraform), not just the direct child.
import { spawn } from 'node:child_process';
import { CliCommand, toArgv } from './cliCommand';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Called for every complete line as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Time given to the tree to exit after SIGTERM before SIGKILL. */
  killGraceMs?: number;
}

/** A CLI run that exited non-zero or could not start. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly argv: readonly string[],
    readonly exitCode: number | undefined,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class CliCancelledError extends Error {
  constructor(readonly argv: readonly string[]) {
    super(`cancelled: databricks ${argv.join(' ')}`);
    this.name = 'CliCancelledError';
  }
}

function lineSplitter(emit: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    end() {
      if (pending) emit(pending);
      pending = '';
    },
  };
}

/** Kills a process and its descendants: the process group on POSIX, taskkill /T on Windows. */
export function killProcessTree(pid: number, signal: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    } else {
      process.kill(-pid, signal);
    }
  } catch {
    // Already gone.
  }
}

export function runCli(executable: string, cmd: CliCommand, options: RunOptions): Promise<CliResult> {
  const argv = toArgv(cmd);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new CliCancelledError(argv));
      return;
    }
    // detached: its own process group on POSIX, so the whole tree can be killed at once.
    const child = spawn(executable, argv, {
      cwd: options.cwd,
      env: options.env,
      shell: false,
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const out = lineSplitter((l) => options.onLine?.(l, 'stdout'));
    const err = lineSplitter((l) => options.onLine?.(l, 'stderr'));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      out.push(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      err.push(d);
    });
    const onAbort = (): void => {
      if (cancelled || child.pid === undefined) return;
      cancelled = true;
      killProcessTree(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => child.pid !== undefined && killProcessTree(child.pid, 'SIGKILL'), options.killGraceMs ?? 2000);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (): void => {
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish();
      const why = e.code === 'ENOENT' ? `Databricks CLI not found at ${executable}` : `Databricks CLI could not start: ${e.message}`;
      reject(new CliError(why, argv, undefined, stderr, stdout));
    });
    child.on('close', (code, signal) => {
      finish();
      out.end();
      err.end();
      if (cancelled) {
        // Make sure stragglers that ignored SIGTERM do not outlive the command.
        if (child.pid !== undefined) killProcessTree(child.pid, 'SIGKILL');
        reject(new CliCancelledError(argv));
      } else if (code === 0) {
        resolve({ stdout, stderr, exitCode: 0 });
      } else {
        const firstError = /^Error: (.*)$/m.exec(stderr)?.[1];
        const status = code ?? signal ?? 'unknown';
        reject(
          new CliError(
            firstError ?? `databricks ${cmd.command.join(' ')} failed (exit ${status})`,
            argv,
            code ?? undefined,
            stderr,
            stdout,
          ),
        );
      }
    });
  });
}
