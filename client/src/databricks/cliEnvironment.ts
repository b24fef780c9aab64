// The environment of a CLI (or language server) child process. Credentials
// travel only here, never as arguments, so they do not show in process lists,
// logs or recorded command lines.
import { redactText } from '../../../protocol/src/secretPatterns';

/** Credentials chosen by the user: a profile name, or a host with a token from secret storage. */
export type Credentials = { kind: 'profile'; profile: string } | { kind: 'token'; host: string; token: string } | { kind: 'none' };

export function childEnvironment(base: NodeJS.ProcessEnv, credentials: Credentials): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (credentials.kind === 'token') {
    env.DATABRICKS_HOST = credentials.host;
    env.DATABRICKS_TOKEN = credentials.token;
    // A profile from the environment would conflict with explicit host and token.
    delete env.DATABRICKS_CONFIG_PROFILE;
  }
  return env;
}

/** The profile to pass as `--profile`, if any. */
export function profileOf(credentials: Credentials): string | undefined {
  return credentials.kind === 'profile' ? credentials.profile : undefined;
}

/**
 * Replaces every occurrence of the secrets, and every token-shaped string
 * (personal access tokens, bearer headers, OAuth/JWT tokens), in text meant
 * for the user or a log: the same rules as the server (protocol/src/secretPatterns.ts).
 */
export function redact(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets);
}
