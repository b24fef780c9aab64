// Profiles of ~/.databrickscfg (an INI file): `[name]` sections with `host`,
// `token`, `auth_type`... Only names, hosts and which kind of credential a
// profile holds are read; tokens in the file stay with the CLI, which reads
// them itself through --profile.

export interface ConfigProfile {
  name: string;
  host?: string;
  authType?: string;
  /** The profile holds a personal access token. */
  hasToken?: boolean;
  /** It holds another stored credential (client secret, Azure or Google service account, password). */
  hasOtherCredential?: boolean;
}

const OTHER_CREDENTIALS = new Set(['client_secret', 'azure_client_secret', 'password', 'google_credentials', 'google_service_account']);

/** An OAuth user-to-machine profile (`databricks auth login`): the CLI holds its tokens and hands out access tokens. */
export function isOAuthU2mProfile(p: ConfigProfile): boolean {
  if (p.authType !== undefined) return p.authType === 'databricks-cli';
  return !p.hasToken && !p.hasOtherCredential;
}

export function parseDatabricksConfig(text: string): ConfigProfile[] {
  const profiles: ConfigProfile[] = [];
  let current: ConfigProfile | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = { name: section[1].trim() };
      profiles.push(current);
      continue;
    }
    const kv = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
    if (!kv || !current) continue;
    if (kv[1] === 'host') current.host = kv[2].trim();
    if (kv[1] === 'auth_type') current.authType = kv[2].trim();
    if (kv[1] === 'token' && kv[2].trim()) current.hasToken = true;
    if (OTHER_CREDENTIALS.has(kv[1]) && kv[2].trim()) current.hasOtherCredential = true;
  }
  return profiles;
}
