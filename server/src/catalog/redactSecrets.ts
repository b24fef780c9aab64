// Defence in depth for the one secret the catalog code holds: every log line,
// error text and state message passes through here before it leaves catalog/,
// so a server that echoes the token back, or a header dumped by mistake, cannot
// carry it into the output channel.

const PERSONAL_ACCESS_TOKEN = /\bdapi[0-9a-f]{8,}(?:-\d+)?\b/gi;
const AUTHORIZATION_VALUE = /(authorization["']?\s*[:=]\s*["']?)(?:bearer\s+|basic\s+)?[^\s"',}]+/gi;
const BEARER_VALUE = /\bbearer\s+[A-Za-z0-9._~+/=-]+/gi;

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would blank out ordinary words; real tokens are long.
    if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(PERSONAL_ACCESS_TOKEN, '[redacted]')
    .replace(AUTHORIZATION_VALUE, '$1[redacted]')
    .replace(BEARER_VALUE, 'Bearer [redacted]');
}
