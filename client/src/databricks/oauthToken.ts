// OAuth user-to-machine profiles hold no token in ~/.databrickscfg: the CLI
// keeps the refresh token and `databricks auth token --profile P` prints a
// short-lived access token as JSON. The language server gets that access token
// through its environment for catalog completion and is restarted shortly
// before it expires. Pure (no vscode import).
import { CliCommand } from './cliCommand';

export interface AccessToken {
  token: string;
  /** Epoch milliseconds; undefined when the CLI did not say. */
  expiresAt?: number;
}

export function authTokenCommand(profile: string): CliCommand {
  return { command: ['auth', 'token'], args: ['--profile', profile] };
}

/** `{"access_token": "...", "token_type": "Bearer", "expiry": "2025-01-01T10:00:00.000Z"}`. */
export function parseAccessToken(stdout: string): AccessToken | undefined {
  try {
    const parsed = JSON.parse(stdout) as { access_token?: unknown; expiry?: unknown };
    if (typeof parsed.access_token !== 'string' || parsed.access_token.length === 0) return undefined;
    const expiresAt = typeof parsed.expiry === 'string' ? Date.parse(parsed.expiry) : NaN;
    return { token: parsed.access_token, ...(Number.isFinite(expiresAt) ? { expiresAt } : {}) };
  } catch {
    return undefined;
  }
}

/** When to fetch a fresh token: five minutes before expiry, at least a minute from now, at most an hour. */
export function refreshDelayMs(t: AccessToken, now: number): number {
  const hour = 60 * 60 * 1000;
  if (t.expiresAt === undefined) return hour;
  return Math.min(hour, Math.max(60 * 1000, t.expiresAt - now - 5 * 60 * 1000));
}
