// The one wrapper every request handler runs through: a cancelled request gets
// the protocol's cancellation error, a failing one is logged and answered with
// an empty result (a deliberate ResponseError is passed on), so a bug in one feature never takes the server down.
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';

export type Logger = (line: string) => void;

export function runSafe<T>(
  log: Logger,
  name: string,
  token: CancellationToken | undefined,
  empty: T,
  fn: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return Promise.resolve(cancelled());
  return new Promise((resolve) => {
    // Yield once so a cancellation that arrives with the request is seen before the work starts.
    setImmediate(() => void run());
    async function run(): Promise<void> {
      if (token?.isCancellationRequested) return resolve(cancelled());
      const started = Date.now();
      try {
        const result = await fn();
        if (token?.isCancellationRequested) return resolve(cancelled());
        const ms = Date.now() - started;
        if (ms > 200) log(`${name} took ${ms} ms`);
        resolve(result);
      } catch (e) {
        // A deliberate answer (prepareRename refusing, with its reason) goes to the client as is.
        if (e instanceof ResponseError) return resolve(e);
        log(`error in ${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        resolve(empty);
      }
    }
  });
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
