// Defence in depth for the one secret the catalog code holds: every log line,
// error text and state message passes through here before it leaves catalog/,
// so a server that echoes the token back, or a header dumped by mistake, cannot
// carry it into the output channel. The rules are the ones the client uses too
// (protocol/src/secretPatterns.ts).
import { redactText } from '../../../protocol/src/secretPatterns';

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  return redactText(text, secrets);
}
