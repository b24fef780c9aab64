// The one set of rules for hiding secrets in text meant for a log or a user,
// shared by the server (catalog/redactSecrets.ts) and the client
// (databricks/cliEnvironment.ts): the exact secrets a side knows, plus the
// shapes tokens take when nobody told us about them (a CLI or a server echoing
// one back). Dependency-free, like all of protocol/.

export const REDACTED = '[redacted]';

/** Token shapes, each with what replaces a match. */
export const TOKEN_PATTERNS: readonly { pattern: RegExp; replacement: string }[] = [
  // Databricks personal access tokens: dapi + hex, sometimes with a -N suffix.
  { pattern: /\bdapi[0-9a-f]{8,}(?:-\d+)?\b/gi, replacement: REDACTED },
  // An Authorization header (HTTP dump, JSON, key=value), whatever its scheme.
  { pattern: /(authorization["']?\s*[:=]\s*["']?)(?:bearer\s+|basic\s+)?[^\s"',}]+/gi, replacement: `$1${REDACTED}` },
  { pattern: /\bbearer\s+[A-Za-z0-9._~+/=-]+/gi, replacement: `Bearer ${REDACTED}` },
  // OAuth token fields in JSON (`databricks auth token` prints access_token).
  { pattern: /("(?:access_token|refresh_token|id_token)"\s*:\s*")[^"]*/gi, replacement: `$1${REDACTED}` },
  // JSON Web Tokens (OAuth access and ID tokens): three base64url parts, the first a JSON header.
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replacement: REDACTED },
];

/** Very short strings would blank out ordinary words; real secrets are long. */
const MIN_SECRET_LENGTH = 6;

/** `text` with every known secret and every token-shaped string replaced. */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  for (const { pattern, replacement } of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
