// Reads a bundle: databricks.yml, its `include`d YAML files, variables, the
// selected target's overrides, and each pipeline's settings and library files.
// Tolerant: YAML errors and missing files become problems, never exceptions.
import { sessionSettingProblem } from './sparkSessionSettings';
import { isMap } from 'yaml';
import { BundleContext, BundlePipeline, BundleProblem, LocatedValue, PipelineLibrary } from './bundleTypes';
import { interpolate } from './bundleVariables';
import { FileProvider } from './fileProvider';
import { globToRegExp } from './glob';
import { dirname, normalizePath, resolvePath } from './paths';
import { mapEntries, mapGet, scalarText, seqItems, YamlSource } from './yamlSource';

export interface LoadBundleOptions {
  /** Target name; default: the target marked `default: true`. */
  target?: string;
}

interface RawPipeline {
  key: string;
  /** Each layer (base definition, then target override) with the file that holds it. */
  layers: { source: YamlSource; node: unknown }[];
}

export function loadBundle(file: string, files: FileProvider, options: LoadBundleOptions = {}): BundleContext {
  const root = dirname(file);
  const problems: BundleProblem[] = [];
  const sources: YamlSource[] = [];
  const mainText = files.readText(file);
  if (mainText === undefined) {
    return {
      file,
      root,
      variables: new Map(),
      pipelines: [],
      yamlFiles: [],
      problems: [
        {
          kind: 'includeMissing',
          message: `bundle file not found: ${file}`,
          location: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        },
      ],
    };
  }
  const main = new YamlSource(file, mainText);
  sources.push(main);
  for (const include of seqItems(mapGet(main.root, 'include'))) {
    const pattern = scalarText(include);
    if (pattern === undefined) continue;
    const matched = expandPattern(resolvePath(root, pattern), files);
    if (matched.length === 0) {
      problems.push({ kind: 'includeMatchesNothing', message: `include '${pattern}' matches no file`, location: main.locationOf(include) });
    }
    for (const f of matched) {
      if (sources.some((s) => s.file === f)) continue;
      const text = files.readText(f);
      if (text === undefined) continue;
      sources.push(new YamlSource(f, text));
    }
  }
  for (const s of sources)
    for (const e of s.errors()) problems.push({ kind: 'yamlSyntax', message: `YAML: ${e.message}`, location: e.location });

  const bundleName = scalarText(mapGet(mapGet(main.root, 'bundle'), 'name'));
  const targets = new Map<string, { source: YamlSource; node: unknown }>();
  for (const s of sources)
    for (const [name, , node] of mapEntries(mapGet(s.root, 'targets'))) if (!targets.has(name)) targets.set(name, { source: s, node });
  let target = options.target;
  if (target === undefined) {
    for (const [name, t] of targets) if (scalarText(mapGet(t.node, 'default')) === 'true') target = name;
  } else if (!targets.has(target) && targets.size > 0) {
    problems.push({
      kind: 'unknownTarget',
      message: `target '${target}' is not defined in the bundle`,
      location: main.locationOf(mapGet(main.root, 'targets')),
    });
  }
  const selected = target === undefined ? undefined : targets.get(target);

  // Variables: declared defaults, then the target's overrides (a scalar or {default: v}).
  const variables = new Map<string, string | undefined>();
  for (const s of sources) {
    for (const [name, , decl] of mapEntries(mapGet(s.root, 'variables'))) {
      variables.set(
        name,
        isMap(decl) ? (mapGet(decl, 'lookup') !== undefined ? undefined : scalarText(mapGet(decl, 'default'))) : scalarText(decl),
      );
    }
  }
  for (const [name, , v] of mapEntries(mapGet(selected?.node, 'variables'))) {
    variables.set(name, isMap(v) ? scalarText(mapGet(v, 'default')) : scalarText(v));
  }
  const bundle = { name: bundleName, target };

  const raw = new Map<string, RawPipeline>();
  for (const s of sources) {
    for (const [key, , node] of mapEntries(mapGet(mapGet(s.root, 'resources'), 'pipelines'))) {
      const entry = raw.get(key) ?? { key, layers: [] };
      entry.layers.push({ source: s, node });
      raw.set(key, entry);
    }
  }
  for (const [key, , node] of mapEntries(mapGet(mapGet(selected?.node, 'resources'), 'pipelines'))) {
    const entry = raw.get(key) ?? { key, layers: [] };
    entry.layers.push({ source: selected!.source, node });
    raw.set(key, entry);
  }

  const value = (source: YamlSource, node: unknown): LocatedValue | undefined => {
    const text = scalarText(node);
    if (text === undefined) return undefined;
    const r = interpolate(text, variables, bundle);
    for (const name of r.unknownVariables) {
      problems.push({ kind: 'unknownVariable', message: `unknown bundle variable 'var.${name}'`, location: source.locationOf(node) });
    }
    return { value: r.value, location: source.locationOf(node), ...(r.dynamic ? { dynamic: true } : {}) };
  };

  const pipelines: BundlePipeline[] = [];
  for (const { key, layers } of raw.values()) {
    const p: BundlePipeline = {
      key,
      configuration: new Map(),
      libraries: [],
      files: [],
      location: layers[0].source.locationOf(layers[0].node),
    };
    let schemaSeen = false;
    for (const { source, node } of layers) {
      const get = (k: string) => mapGet(node, k);
      p.name = value(source, get('name')) ?? p.name;
      p.catalog = value(source, get('catalog')) ?? p.catalog;
      const schema = value(source, get('schema'));
      const legacyTarget = value(source, get('target'));
      if (schema) {
        p.schema = schema;
        schemaSeen = true;
      } else if (legacyTarget && !schemaSeen) p.schema = legacyTarget;
      if (schema && legacyTarget) {
        problems.push({
          kind: 'schemaAndTarget',
          message: `pipeline '${key}' sets both 'schema' and the legacy 'target'; set only one`,
          location: source.locationOf(get('target')),
        });
      }
      for (const [ck, , cv] of mapEntries(get('configuration'))) {
        const v = value(source, cv);
        if (!v) continue;
        p.configuration.set(ck, v);
        const refused = v.dynamic ? undefined : sessionSettingProblem(ck, v.value);
        if (refused) problems.push({ kind: 'sessionSetting', message: refused, location: v.location });
      }
      for (const lib of seqItems(get('libraries'))) {
        const parsed = readLibrary(source, lib, problems);
        if (parsed) p.libraries.push(parsed);
      }
    }
    p.files = libraryFiles(p, files, problems);
    pipelines.push(p);
  }
  const resolvedVariables = new Map<string, string>();
  for (const [k, v] of variables) if (v !== undefined) resolvedVariables.set(k, v);
  return { file, root, name: bundleName, target, variables: resolvedVariables, pipelines, yamlFiles: sources.map((s) => s.file), problems };
}

function readLibrary(source: YamlSource, lib: unknown, problems: BundleProblem[]): PipelineLibrary | undefined {
  const base = dirname(source.file);
  const location = source.locationOf(lib);
  const glob = mapGet(lib, 'glob');
  const fileNode = mapGet(lib, 'file');
  const notebook = mapGet(lib, 'notebook');
  if (glob !== undefined && (fileNode !== undefined || notebook !== undefined)) {
    problems.push({ kind: 'libraryInvalid', message: "a library with 'glob' cannot also set 'file' or 'notebook'", location });
  }
  if (glob !== undefined) {
    const include = scalarText(mapGet(glob, 'include'));
    if (include === undefined) {
      problems.push({ kind: 'libraryInvalid', message: "'glob' needs an 'include' pattern", location });
      return undefined;
    }
    const exclude = seqItems(mapGet(glob, 'exclude'))
      .map(scalarText)
      .filter((e): e is string => e !== undefined)
      .map((e) => resolvePath(base, e));
    return { kind: 'glob', include: resolvePath(base, include), exclude, location: source.locationOf(mapGet(glob, 'include')) };
  }
  for (const [kind, node] of [
    ['file', fileNode],
    ['notebook', notebook],
  ] as const) {
    if (node === undefined) continue;
    const path = scalarText(mapGet(node, 'path'));
    if (path === undefined) {
      problems.push({ kind: 'libraryInvalid', message: `'${kind}' needs a 'path'`, location });
      return undefined;
    }
    return { kind, include: resolvePath(base, path), exclude: [], location: source.locationOf(mapGet(node, 'path')) };
  }
  return undefined;
}

/** Static directory prefix of a pattern: the segments before the first wildcard. */
function patternBase(pattern: string): string {
  const segments = normalizePath(pattern).split('/');
  const i = segments.findIndex((s) => /[*?[{]/.test(s));
  return i < 0 ? segments.slice(0, -1).join('/') : segments.slice(0, i).join('/');
}

function expandPattern(pattern: string, files: FileProvider): string[] {
  if (!/[*?[{]/.test(pattern)) return files.readText(pattern) === undefined ? [] : [pattern];
  const re = globToRegExp(pattern);
  return files.listFiles(patternBase(pattern) || '/').filter((f) => re.test(normalizePath(f)));
}

function libraryFiles(p: BundlePipeline, files: FileProvider, problems: BundleProblem[]): string[] {
  const out = new Set<string>();
  for (const lib of p.libraries) {
    let matched: string[];
    if (lib.kind === 'glob') {
      // A pattern naming a directory selects everything below it.
      const asDirectory = (g: string) => (/[*?[{]/.test(g) || files.readText(g) !== undefined ? g : g + '/**');
      const excludes = lib.exclude.map((e) => globToRegExp(asDirectory(e)));
      matched = expandPattern(asDirectory(lib.include), files).filter((f) => !excludes.some((re) => re.test(normalizePath(f))));
    } else {
      const candidates = [lib.include, lib.include + '.sql', lib.include + '.py'];
      matched = candidates.filter((c) => files.readText(c) !== undefined).slice(0, 1);
    }
    if (matched.length === 0) {
      problems.push({
        kind: 'libraryMatchesNothing',
        message: `library '${lib.include}' of pipeline '${p.key}' matches no file`,
        location: lib.location,
      });
    }
    for (const f of matched) if (f.endsWith('.sql')) out.add(f);
    if (matched.some((f) => f.endsWith('.py'))) p.pythonSources = true;
  }
  return [...out].sort();
}
