// Reads the Databricks CLI's profiles file (`~/.databrickscfg`, INI) into one flat
// key/value map per profile. The `ini` package nests sections whose names contain
// dots (`[dev.eu]` becomes dev -> eu); profiles are flat names, so nesting is undone
// here. Keys before any section belong to DEFAULT, as in the CLI.
import { parse } from 'ini';

export type DatabricksProfile = Readonly<Record<string, string>>;

export const DEFAULT_PROFILE = 'DEFAULT';

export function parseDatabricksConfig(text: string): ReadonlyMap<string, DatabricksProfile> {
  const profiles = new Map<string, Record<string, string>>();
  collect(parse(text), undefined, profiles);
  return profiles;
}

function collect(node: Record<string, unknown>, name: string | undefined, profiles: Map<string, Record<string, string>>): void {
  for (const [key, value] of Object.entries(node)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      collect(value as Record<string, unknown>, name === undefined ? key : `${name}.${key}`, profiles);
      continue;
    }
    const profileName = name ?? DEFAULT_PROFILE;
    const profile = profiles.get(profileName) ?? {};
    // Values like `true` arrive as booleans; the CLI treats every value as text.
    profile[key.trim()] = Array.isArray(value) ? value.map(String).join(',') : String(value).trim();
    profiles.set(profileName, profile);
  }
  // An empty section is still a profile; a mere prefix of dotted names is not.
  const onlyScalars = Object.values(node).every((v) => v === null || typeof v !== 'object' || Array.isArray(v));
  if (name !== undefined && onlyScalars && !profiles.has(name)) profiles.set(name, {});
}
