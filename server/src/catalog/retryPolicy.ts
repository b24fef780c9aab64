// When to try a failed call again and how long to wait: exponential backoff with
// jitter (so many clients do not retry in step), or the server's Retry-After.

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  /** No single wait is longer; a Retry-After beyond it ends the retries instead. */
  readonly maxDelayMs: number;
}

/** Delay before retry number `retry` (0-based): base * 2^retry, scaled by a jitter in [0.5, 1). */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
