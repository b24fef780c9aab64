// Reads what the client needs from databricks.yml and its included files:
// targets (for the picker and production confirmation) and pipelines with their
// libraries (for the language client's document selector and the explorer).
// Pure: text in, data out; never throws on user text.
import * as path from 'node:path';
import { parse } from 'yaml';

export interface BundleTarget {
  name: string;
  mode?: string;
  isDefault: boolean;
  /** `variables:` values this target sets (plain strings only), for names shown resolved. */
  variables?: Record<string, string>;
  /** `workspace.profile` of the target, else of the bundle (literal values only). */
  profile?: string;
}

export interface PipelineLibrary {
  kind: 'glob' | 'file' | 'notebook';
  /** Relative to the bundle root, POSIX separators. */
  path: string;
}

export interface BundlePipeline {
  key: string;
  name?: string;
  catalog?: string;
  schema?: string;
  libraries: PipelineLibrary[];
  /** The YAML file (relative to the bundle root) that declares it. */
  declaredIn: string;
}

export interface BundleFileContent {
  name?: string;
  /** Defaults of the top-level `variables:` (plain strings only). */
  variables?: Record<string, string>;
  include: string[];
  targets: BundleTarget[];
  pipelines: BundlePipeline[];
}

function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** `relativeFile` is the file's path relative to the bundle root; library paths are relative to it. */
export function parseBundleFile(source: string, relativeFile: string): BundleFileContent {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch {
    return { include: [], targets: [], pipelines: [] };
  }
  const root = record(doc);
  const dir = path.posix.dirname(relativeFile.split(path.sep).join('/'));
  const resolve = (p: string): string => path.posix.normalize(path.posix.join(dir, p));
  // A `${var.x}` profile is resolved by the CLI only; the client keeps literal names.
  const literalProfile = (workspace: unknown): string | undefined => {
    const profile = text(record(workspace).profile);
    return profile && !profile.includes('${') ? profile : undefined;
  };
  const bundleProfile = literalProfile(root.workspace);
  const targets = Object.entries(record(root.targets)).map(([name, t]): BundleTarget => {
    const variables = stringValues(record(record(t).variables), (v) => text(v));
    return {
      name,
      mode: text(record(t).mode),
      isDefault: record(t).default === true,
      ...(Object.keys(variables).length ? { variables } : {}),
      ...optional('profile', literalProfile(record(t).workspace) ?? bundleProfile),
    };
  });
  const pipelines = Object.entries(record(record(root.resources).pipelines)).map(([key, p]) => {
    const pipe = record(p);
    const libraries: PipelineLibrary[] = [];
    for (const lib of Array.isArray(pipe.libraries) ? pipe.libraries : []) {
      const l = record(lib);
      const glob = text(record(l.glob).include);
      const file = text(record(l.file).path);
      const notebook = text(record(l.notebook).path);
      if (glob) libraries.push({ kind: 'glob', path: resolve(glob) });
      if (file) libraries.push({ kind: 'file', path: resolve(file) });
      if (notebook) libraries.push({ kind: 'notebook', path: resolve(notebook) });
    }
    return {
      key,
      name: text(pipe.name),
      catalog: text(pipe.catalog),
      schema: text(pipe.schema) ?? text(pipe.target),
      libraries,
      declaredIn: relativeFile,
    };
  });
  const include = (Array.isArray(root.include) ? root.include : []).filter((i): i is string => typeof i === 'string').map(resolve);
  const variables = stringValues(record(root.variables), (v) => text(record(v).default) ?? text(v));
  return { name: text(record(root.bundle).name), ...(Object.keys(variables).length ? { variables } : {}), include, targets, pipelines };
}

function stringValues(entries: Record<string, unknown>, valueOf: (v: unknown) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) {
    const value = valueOf(v);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** Glob patterns (relative to the bundle root) of the SQL sources of every pipeline. */
export function librarySqlPatterns(pipelines: BundlePipeline[]): string[] {
  const patterns = new Set<string>();
  for (const p of pipelines) {
    for (const lib of p.libraries) {
      if (lib.kind === 'glob') patterns.add(lib.path.endsWith('/') ? `${lib.path}**/*.sql` : lib.path.replace(/\*\*$/, '**/*.sql'));
      else if (lib.path.endsWith('.sql')) patterns.add(lib.path);
    }
  }
  return [...patterns];
}

/** The target to use: the setting, then the user's last choice, then `default: true`, then a development one. */
export function chooseTarget(targets: BundleTarget[], setting?: string, lastChosen?: string): BundleTarget | undefined {
  const byName = (n?: string): BundleTarget | undefined => (n ? targets.find((t) => t.name === n) : undefined);
  return (
    byName(setting) ?? byName(lastChosen) ?? targets.find((t) => t.isDefault) ?? targets.find((t) => t.mode === 'development') ?? targets[0]
  );
}

/** Production targets ask for confirmation before deploy, run and destroy. */
export function isProductionTarget(target: BundleTarget): boolean {
  return target.mode === 'production' || /^prod/i.test(target.name);
}
