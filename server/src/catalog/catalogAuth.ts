// Finds the workspace host and personal access token the way the Databricks CLI's
// unified auth does, one level at a time so that a token is only ever sent to the
// host it was configured with:
//   1. explicit host + token handed in by the client (VS Code secret storage);
//   2. DATABRICKS_HOST + DATABRICKS_TOKEN from the environment;
//   3. a profile of DATABRICKS_CONFIG_FILE or ~/.databrickscfg, named by the
//      client's setting, else DATABRICKS_CONFIG_PROFILE, else DEFAULT.
// Personal access tokens, and OAuth user-to-machine profiles (auth_type
// databricks-cli) for which the client ran `databricks auth token` and handed the
// short-lived access token over in LAKEFLOW_OAUTH_TOKEN, for the profile named in
// LAKEFLOW_OAUTH_PROFILE (so it only ever goes to that profile's host). Other
// auth types are reported, not tried. A server with authorization off (the
// open-source Unity Catalog's default) is asked without a token only when the
// user said so (setting lakeflow.catalog.auth = "none"): then only the host is
// looked up, in the same order, and no token is ever sent.
import { join } from 'node:path';
import { DEFAULT_PROFILE, DatabricksProfile, parseDatabricksConfig } from './databricksConfigFile';

export interface ExplicitCatalogAuth {
  readonly host?: string;
  readonly token?: string;
  readonly profile?: string;
}

export interface CatalogAuthInput {
  readonly explicit: ExplicitCatalogAuth;
  /** `none`: the user says the server needs no authorization; find the host only. Default `token`. */
  readonly authorization?: 'token' | 'none';
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** The file's text; undefined when it does not exist; throws when it cannot be read. */
  readonly readTextFile: (path: string) => Promise<string | undefined>;
}

export type CatalogAuthSource = 'explicit' | 'environment' | 'profile';

export type CatalogAuth =
  /** `token` undefined: asked without authorization, as the user's setting says. */
  | {
      readonly kind: 'ok';
      readonly host: string;
      readonly token: string | undefined;
      readonly source: CatalogAuthSource;
      readonly profile?: string;
    }
  /** Nothing configured anywhere: catalog completion is simply off. */
  | { readonly kind: 'none'; readonly message: string }
  | { readonly kind: 'error'; readonly reason: 'unsupported-auth' | 'auth-config'; readonly host?: string; readonly message: string };

export async function resolveCatalogAuth(input: CatalogAuthInput): Promise<CatalogAuth> {
  const { explicit, env } = input;
  const explicitHost = nonEmpty(explicit.host);
  const wantedHost = explicitHost === undefined ? undefined : normalizeHost(explicitHost);
  if (wantedHost === null) return configError(`the configured host '${explicitHost}' is not a valid URL`);
  if (input.authorization === 'none') return resolveHostOnly(input, wantedHost);

  const explicitToken = nonEmpty(explicit.token);
  if (explicitToken !== undefined) {
    if (wantedHost === undefined) return configError('a token was given without a workspace host');
    return { kind: 'ok', host: wantedHost, token: explicitToken, source: 'explicit' };
  }

  const settingProfile = nonEmpty(explicit.profile);
  const envHost = nonEmpty(env.DATABRICKS_HOST);
  const envToken = nonEmpty(env.DATABRICKS_TOKEN);
  if (settingProfile === undefined && envHost !== undefined && envToken !== undefined) {
    const host = normalizeHost(envHost);
    if (host === null) return configError(`DATABRICKS_HOST '${envHost}' is not a valid URL`);
    const authType = nonEmpty(env.DATABRICKS_AUTH_TYPE);
    if (authType !== undefined && authType !== 'pat') return unsupported(authType, 'DATABRICKS_AUTH_TYPE', host);
    if (wantedHost === undefined || wantedHost === host) return { kind: 'ok', host, token: envToken, source: 'environment' };
  }

  return resolveFromProfile(input, settingProfile ?? nonEmpty(env.DATABRICKS_CONFIG_PROFILE), wantedHost);
}

async function resolveFromProfile(
  input: CatalogAuthInput,
  named: string | undefined,
  wantedHost: string | undefined,
): Promise<CatalogAuth> {
  const file = configFilePath(input);
  const name = named ?? DEFAULT_PROFILE;
  let text: string | undefined;
  try {
    text = await input.readTextFile(file);
  } catch (error) {
    return configError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
  if (text === undefined) {
    if (named !== undefined) return configError(`profile '${name}' was asked for but ${file} does not exist`);
    return nothingConfigured(wantedHost);
  }
  const profiles = parseDatabricksConfig(text);
  const profile = profiles.get(name);
  if (profile === undefined) {
    if (named === undefined) return nothingConfigured(wantedHost);
    const known = [...profiles.keys()].join(', ') || 'none';
    return configError(`no profile '${name}' in ${file} (profiles: ${known})`);
  }
  const cliToken = nonEmpty(input.env.LAKEFLOW_OAUTH_PROFILE) === name ? nonEmpty(input.env.LAKEFLOW_OAUTH_TOKEN) : undefined;
  return fromProfile(profile, name, file, wantedHost, nonEmpty(input.env.DATABRICKS_AUTH_TYPE), cliToken);
}

function fromProfile(
  profile: DatabricksProfile,
  name: string,
  file: string,
  wantedHost: string | undefined,
  envAuthType: string | undefined,
  cliToken: string | undefined,
): CatalogAuth {
  const rawHost = nonEmpty(profile.host);
  if (rawHost === undefined) return configError(`profile '${name}' in ${file} has no host`);
  const host = normalizeHost(rawHost);
  if (host === null) return configError(`profile '${name}' in ${file} has an invalid host '${rawHost}'`);
  if (wantedHost !== undefined && wantedHost !== host) {
    return configError(`no token for ${wantedHost}: profile '${name}' is for ${host}`, wantedHost);
  }
  const authType = nonEmpty(profile.auth_type) ?? envAuthType;
  const token = nonEmpty(profile.token);
  const oauthU2m =
    authType === 'databricks-cli' || (authType === undefined && token === undefined && inferAuthType(profile) === 'databricks-cli');
  if (oauthU2m && cliToken !== undefined) return { kind: 'ok', host, token: cliToken, source: 'profile', profile: name };
  if (authType !== undefined && authType !== 'pat') return unsupported(authType, `profile '${name}'`, host);
  if (token === undefined && authType === undefined && inferAuthType(profile) === 'databricks-cli')
    return hostWithoutToken(name, file, host);
  if (token === undefined) return unsupported(inferAuthType(profile), `profile '${name}' (it has no token)`, host);
  return { kind: 'ok', host, token, source: 'profile', profile: name };
}

/** lakeflow.catalog.auth = "none": the host from settings, DATABRICKS_HOST or the profile; no token, whatever is configured. */
async function resolveHostOnly(input: CatalogAuthInput, wantedHost: string | undefined): Promise<CatalogAuth> {
  const noToken = (host: string, source: CatalogAuthSource, profile?: string): CatalogAuth => ({
    kind: 'ok',
    host,
    token: undefined,
    source,
    ...(profile ? { profile } : {}),
  });
  if (wantedHost !== undefined) return noToken(wantedHost, 'explicit');
  const settingProfile = nonEmpty(input.explicit.profile);
  const envHost = nonEmpty(input.env.DATABRICKS_HOST);
  if (settingProfile === undefined && envHost !== undefined) {
    const host = normalizeHost(envHost);
    return host === null ? configError(`DATABRICKS_HOST '${envHost}' is not a valid URL`) : noToken(host, 'environment');
  }
  const file = configFilePath(input);
  const name = settingProfile ?? nonEmpty(input.env.DATABRICKS_CONFIG_PROFILE) ?? DEFAULT_PROFILE;
  let text: string | undefined;
  try {
    text = await input.readTextFile(file);
  } catch (error) {
    return configError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
  const rawHost = text === undefined ? undefined : nonEmpty(parseDatabricksConfig(text).get(name)?.host);
  if (rawHost === undefined) {
    return configError(
      'lakeflow.catalog.auth is "none" but no host is configured: set DATABRICKS_HOST or a host in a ~/.databrickscfg profile',
    );
  }
  const host = normalizeHost(rawHost);
  return host === null ? configError(`profile '${name}' in ${file} has an invalid host '${rawHost}'`) : noToken(host, 'profile', name);
}

/** The auth type the CLI would pick for a profile without a token. */
function inferAuthType(profile: DatabricksProfile): string {
  if (profile.client_id && profile.client_secret) return 'oauth-m2m';
  if (profile.azure_client_secret) return 'azure-client-secret';
  if (profile.username && profile.password) return 'basic';
  if (profile.google_service_account || profile.google_credentials) return 'google-id';
  return 'databricks-cli';
}

/** `https://` when no scheme is given; scheme, host and port kept; path dropped. */
export function normalizeHost(raw: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function configFilePath(input: CatalogAuthInput): string {
  const fromEnv = nonEmpty(input.env.DATABRICKS_CONFIG_FILE);
  if (fromEnv === undefined) return join(input.homeDir, '.databrickscfg');
  return fromEnv.startsWith('~/') ? join(input.homeDir, fromEnv.slice(2)) : fromEnv;
}

function nothingConfigured(wantedHost: string | undefined): CatalogAuth {
  if (wantedHost !== undefined) return configError(`no token configured for ${wantedHost}`, wantedHost);
  return {
    kind: 'none',
    message: 'no Databricks credentials found (host and token setting, DATABRICKS_HOST/DATABRICKS_TOKEN, or a ~/.databrickscfg profile)',
  };
}

function unsupported(authType: string, where: string, host: string): CatalogAuth {
  return {
    kind: 'error',
    reason: 'unsupported-auth',
    host,
    message:
      authType === 'databricks-cli'
        ? `OAuth profile without a CLI token for catalog completion (${where}): sign in with \`databricks auth login\` and trust the workspace, or use a personal access token`
        : `unsupported auth type ${authType} for catalog completion (${where}); use a personal access token`,
  };
}

/** A profile with a host and nothing else: say what is missing, not what the CLI would guess. */
function hostWithoutToken(name: string, file: string, host: string): CatalogAuth {
  return configError(
    `profile '${name}' in ${file} has a host (${host}) but no token: add \`token = <personal access token>\`, ` +
      'sign in with `databricks auth login` (auth_type = databricks-cli), ' +
      'or, for a server with authorization off, set lakeflow.catalog.auth to "none"',
    host,
  );
}

function configError(message: string, host?: string): CatalogAuth {
  return { kind: 'error', reason: 'auth-config', host, message };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
