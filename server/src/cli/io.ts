// What a CLI subcommand may touch of its process: output streams and the
// working directory, passed in so tests can run commands in-process.
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  /** Aborted on Ctrl-C (SIGINT) when the command runs as its own process. */
  signal?: AbortSignal;
}

export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
};

/** A mistake in how the command was called: reported in one line, exit code 2. */
export class UsageError extends Error {}
