// GET + JSON against the Unity Catalog REST API over Node's global fetch: one
// timeout per attempt (AbortController), retries with backoff on 429, 5xx and
// network errors (none on other 4xx, none on a timeout, whose wait the user has
// already paid), a byte limit on every body, and failures returned as data.
// Nothing here throws, and no message carries the token.
import { CatalogFailure, CatalogFailureKind, Outcome } from './catalogFailure';
import { readBoundedBody } from './readBoundedBody';
import { redactSecrets } from './redactSecrets';
import { RetryPolicy, backoffDelayMs, parseRetryAfterMs } from './retryPolicy';

export const UNITY_CATALOG_API_PATH = '/api/2.1/unity-catalog';

export interface CatalogHttpConfig {
  /** Origin, e.g. `https://adb-1.azuredatabricks.net` or `http://127.0.0.1:8080`. */
  readonly host: string;
  /** Undefined: no Authorization header (the user said the server needs none). */
  readonly token: string | undefined;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
  /** Receives lines that are already redacted. */
  readonly log: (line: string) => void;
  /** Aborts every request when the provider is disposed. */
  readonly signal: AbortSignal;
}

export interface CatalogHttpClient {
  /** `path` below the API root, e.g. `/catalogs`. */
  getJson(path: string, query?: Readonly<Record<string, string | undefined>>): Promise<Outcome<unknown>>;
}

type Attempt = Outcome<unknown> & { readonly retryable?: boolean; readonly retryAfterMs?: number };

const ERROR_BODY_LIMIT = 64 * 1024;

export function createCatalogHttpClient(config: CatalogHttpConfig): CatalogHttpClient {
  const clean = (text: string) => redactSecrets(text, [config.token]);
  const fail = (kind: CatalogFailureKind, message: string, status?: number): CatalogFailure => ({ kind, message: clean(message), status });

  async function attempt(url: URL, what: string): Promise<Attempt> {
    if (config.signal.aborted) return { ok: false, failure: fail('cancelled', `${what}: cancelled`) };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, config.timeoutMs);
    const cancel = () => controller.abort();
    config.signal.addEventListener('abort', cancel);
    try {
      const response = await fetch(url, {
        headers:
          config.token === undefined
            ? { Accept: 'application/json' }
            : { Authorization: `Bearer ${config.token}`, Accept: 'application/json' },
        // A redirect means the host is not an API endpoint (often a login page);
        // following it could hand the Authorization header to someone else.
        redirect: 'manual',
        signal: controller.signal,
      });
      if (response.ok) return await readJson(response, what);
      return await failureFor(response, what);
    } catch (error) {
      if (timedOut) return { ok: false, failure: fail('timeout', `${what}: no answer from ${config.host} within ${config.timeoutMs} ms`) };
      if (config.signal.aborted) return { ok: false, failure: fail('cancelled', `${what}: cancelled`) };
      return {
        ok: false,
        retryable: true,
        failure: fail('unreachable', `${what}: cannot reach ${config.host} (${networkErrorCode(error)})`),
      };
    } finally {
      clearTimeout(timer);
      config.signal.removeEventListener('abort', cancel);
    }
  }

  async function readJson(response: Response, what: string): Promise<Attempt> {
    const body = await readBoundedBody(response, config.maxResponseBytes);
    if (!body.ok) {
      return { ok: false, failure: fail('too-large', `${what}: answer larger than ${config.maxResponseBytes} bytes was refused`) };
    }
    try {
      return { ok: true, value: JSON.parse(body.text) as unknown };
    } catch {
      return { ok: false, failure: fail('malformed', `${what}: the answer is not valid JSON`) };
    }
  }

  async function failureFor(response: Response, what: string): Promise<Attempt> {
    const status = response.status;
    const detail = await errorDetail(response);
    const said = `${what}: HTTP ${status}${detail ? ` ${detail}` : ''}`;
    if (status === 401) {
      const hint = config.token === undefined ? 'the server wants a token: lakeflow.catalog.auth is "none"' : 'check the token';
      return { ok: false, failure: fail('unauthorized', `${said} (${hint})`, status) };
    }
    if (status === 403) return { ok: false, failure: fail('forbidden', `${said} (the token lacks permission)`, status) };
    if (status === 404) return { ok: false, failure: fail('not-found', said, status) };
    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), config.now());
      return { ok: false, retryable: true, retryAfterMs, failure: fail('rate-limited', said, status) };
    }
    if (status >= 500) return { ok: false, retryable: true, failure: fail('server-error', said, status) };
    if (status >= 300 && status < 400) {
      return {
        ok: false,
        failure: fail('unreachable', `${what}: redirected (HTTP ${status}); is ${config.host} a workspace URL?`, status),
      };
    }
    return { ok: false, failure: fail('client-error', said, status) };
  }

  return {
    async getJson(path, query = {}) {
      const url = new URL(`${config.host}${UNITY_CATALOG_API_PATH}${path}`);
      for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
      const what = `GET ${UNITY_CATALOG_API_PATH}${path}`;
      for (let retry = 0; ; retry++) {
        const result = await attempt(url, what);
        if (result.ok || !result.retryable || retry >= config.retry.maxRetries) return strip(result);
        const delay = result.retryAfterMs ?? backoffDelayMs(config.retry, retry, config.random);
        if (delay > config.retry.maxDelayMs) {
          config.log(`${result.failure.message}; the server asks to wait ${delay} ms, giving up for now`);
          return strip(result);
        }
        config.log(`${result.failure.message}; retry ${retry + 1} of ${config.retry.maxRetries} in ${delay} ms`);
        await config.sleep(delay);
      }
    },
  };
}

function strip(result: Attempt): Outcome<unknown> {
  return result.ok ? { ok: true, value: result.value } : { ok: false, failure: result.failure };
}

/** `error_code: message` from a Databricks or Unity Catalog error body, shortened. */
async function errorDetail(response: Response): Promise<string> {
  try {
    const body = await readBoundedBody(response, ERROR_BODY_LIMIT);
    if (!body.ok) return '';
    const parsed = JSON.parse(body.text) as { error_code?: unknown; message?: unknown };
    const parts = [parsed.error_code, parsed.message].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.join(': ').replace(/\s+/g, ' ').slice(0, 200);
  } catch {
    return '';
  }
}

function networkErrorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message.slice(0, 120);
  return error instanceof Error ? error.message.slice(0, 120) : 'network error';
}
