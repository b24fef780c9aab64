// Profiles of ~/.databrickscfg (an INI file): `[name]` sections with `host`,
// `token`, `auth_type`... Only names and hosts are read; tokens in the file stay
// with the CLI, which reads them itself through --profile.

export interface ConfigProfile {
  name: string;
  host?: string;
  authType?: string;
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
  }
  return profiles;
}
