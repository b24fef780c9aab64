// Who the CLI acts as for commands outside a bundle (`pipelines …`, `api …`).
// They run from a neutral working directory: inside the bundle folder the CLI
// would load the bundle to pick credentials, and one broken YAML file would
// stop run monitoring. So the bundle's identity is passed explicitly instead:
// `--profile` when a profile names the workspace, else DATABRICKS_HOST in the
// child's environment (never a secret in the arguments). Pure.
import { tmpdir } from 'node:os';
import { Credentials } from './cliEnvironment';
import { ConfigProfile } from './databricksConfig';

export interface WorkspaceAccess {
  profile?: string;
  /** The workspace URL for DATABRICKS_HOST, when no profile is passed. */
  host?: string;
}

export interface WorkspaceIdentity {
  /** `workspace.profile` of the bundle target, when literal. */
  bundleProfile?: string;
  /** The workspace the bundle command used (e.g. the origin of `bundle run`'s update URL). */
  host?: string;
  /** Profiles of ~/.databrickscfg, to find the one for the host as the CLI does for bundles. */
  profiles: readonly ConfigProfile[];
}

/** `https://Adb-1.x.net/` and `adb-1.x.net` are the same workspace. */
export function sameHost(a: string, b: string): boolean {
  const norm = (h: string): string =>
    h
      .trim()
      .replace(/^(?!https?:\/\/)/i, 'https://')
      .replace(/\/+$/, '')
      .toLowerCase();
  return norm(a) === norm(b);
}

export function workspaceAccess(credentials: Credentials, id: WorkspaceIdentity): WorkspaceAccess {
  // A stored token travels in the environment already, with its host.
  if (credentials.kind === 'token') return {};
  if (credentials.kind === 'profile') return { profile: credentials.profile };
  if (id.bundleProfile) return { profile: id.bundleProfile };
  if (!id.host) return {};
  const matching = id.profiles.filter((p) => p.host && sameHost(p.host, id.host as string));
  return matching.length === 1 ? { profile: matching[0].name } : { host: id.host };
}

/** The environment of a command outside the bundle: no bundle root, and the host when it is the identity. */
export function outsideBundleEnvironment(env: NodeJS.ProcessEnv, access: WorkspaceAccess): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  delete out.DATABRICKS_BUNDLE_ROOT;
  if (access.host) {
    out.DATABRICKS_HOST = access.host;
    delete out.DATABRICKS_CONFIG_PROFILE;
  }
  return out;
}

/** A working directory that holds no bundle: the OS temp folder. */
export function neutralDirectory(): string {
  return tmpdir();
}
