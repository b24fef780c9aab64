// The I/O edge of the local run: finds the pipeline's SQL files (through the
// bundle, read by the language model's bundle loader, or a plain folder),
// parses them with the language core and translates them into a plan whose
// `${source_root}` points at the local landing folder.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { loadBundle } from '../language/model/bundleLoader';
import type { BundleContext } from '../language/model/bundleTypes';
import type { FileProvider } from '../language/model/fileProvider';
import { PipelineContext, pipelineContextOf } from '../language/model/pipelineContext';
import { WorkspaceIndex } from '../language/model/workspaceIndex';
import { createFunctionCatalogue } from '../language/facts/databricksFunctions';
import { parse } from '../language/syntax/parser';
import { LineIndex } from '../language/syntax/lineIndex';
import { mapPath, PathMapping, unmappedMessage } from './pathMap';
import { columnsNamedIn } from './sourceColumns';
import type * as A from '../language/syntax/ast';
import type { PipelinePlan } from './plan';
import { ParsedFile, translatePipeline } from './translate/translatePipeline';

export interface LocalPipelineOptions {
  /** databricks.yml, or undefined to use `sqlFiles`. */
  bundleFile?: string;
  target?: string;
  /** Pipeline key when the bundle has several (default: the first). */
  pipelineKey?: string;
  /** SQL files when there is no bundle. */
  sqlFiles?: string[];
  /** Overrides of configuration values; `source_root` is the landing folder. */
  configuration: Record<string, string>;
  files: FileProvider;
  /** Cloud path prefixes mapped to local folders (`--map`, `lakeflow.localRun.pathMap`). */
  pathMap?: PathMapping[];
}

export interface LocalPipeline {
  name: string;
  plan: PipelinePlan;
  /** The folder the SQL files share: their first folder below it names the schema. */
  root: string;
  bundle?: BundleContext;
  /** The language model's index of the same files (its dataset graph orders the run). */
  index: WorkspaceIndex;
  /** The pipeline configuration the SQL was translated with (bundle values, then overrides). */
  config: Readonly<Record<string, string>>;
}

const LAYER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Common folder of the files. */
function commonRoot(files: string[]): string {
  if (files.length === 0) return '.';
  let parts = files[0].split('/').slice(0, -1);
  for (const f of files.slice(1)) {
    const p = f.split('/');
    let i = 0;
    while (i < parts.length && parts[i] === p[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/') || '/';
}

/**
 * One schema per layer: a file's first folder below the pipeline root
 * (`bronze/`, `silver/`, `gold/...`) names its schema; files at the root go
 * to the pipeline's own schema (from the bundle, else `main`).
 */
export function layerSchema(root: string, defaultSchema: string): (file: string) => string {
  return (file) => {
    const rel = relative(root, file).split(sep);
    return rel.length > 1 && LAYER.test(rel[0]) ? rel[0].toLowerCase() : defaultSchema;
  };
}

export function loadLocalPipeline(options: LocalPipelineOptions): LocalPipeline {
  let files: string[];
  let config: Record<string, string> = {};
  let name = 'pipeline';
  let bundle: BundleContext | undefined;
  let ownQualifiers: string[][] = [];
  let defaultSchema = 'main';
  let context: PipelineContext = {};
  if (options.bundleFile) {
    bundle = loadBundle(options.bundleFile, options.files, { target: options.target });
    const p = bundle.pipelines.find((x) => !options.pipelineKey || x.key === options.pipelineKey);
    if (!p)
      throw new Error(
        options.pipelineKey ? `bundle has no pipeline '${options.pipelineKey}'` : `bundle ${options.bundleFile} defines no pipeline`,
      );
    const ctx = pipelineContextOf(p);
    context = ctx;
    name = ctx.name ?? p.key;
    files = p.files.filter((f) => f.endsWith('.sql'));
    for (const [k, v] of ctx.configuration ?? []) config[k] = v;
    if (ctx.schema && !ctx.schema.includes('${')) {
      defaultSchema = ctx.schema;
      ownQualifiers = [[ctx.schema.toLowerCase()], ...(ctx.catalog ? [[ctx.catalog.toLowerCase(), ctx.schema.toLowerCase()]] : [])];
    }
  } else {
    files = options.sqlFiles ?? [];
  }
  config = { ...config, ...options.configuration };
  const root = commonRoot(files);
  const parsed: ParsedFile[] = files.map((path) => {
    const text = options.files.readText(path) ?? readFileSync(path, 'utf8');
    const r = parse(text);
    return { path, text, statements: r.statements, errors: r.errors };
  });
  const functions = createFunctionCatalogue();
  const plan = translatePipeline(parsed, { config, schemaFor: layerSchema(root, defaultSchema), ownQualifiers, functions });
  applyPathMap(plan, parsed, options.pathMap ?? []);
  attachReadColumns(plan, parsed);
  // The run is ordered by the union of the references the translator rewrote
  // and the model's dataset graph, so a read the model sees is never raced.
  const index = new WorkspaceIndex({ parse, pipeline: context, functions });
  for (const f of parsed) index.updateFile(f.path, f.text);
  const keys = new Set(plan.datasets.map((d) => d.key));
  for (const d of plan.datasets) {
    for (const u of index.upstream(d.key)) if (u.key !== d.key && keys.has(u.key) && !d.dependsOn.includes(u.key)) d.dependsOn.push(u.key);
  }
  return { name, plan, root, bundle, index, config };
}

/**
 * Points every file source at its local folder. A cloud path that no mapping
 * covers stops its dataset with one message naming the option that maps it,
 * instead of being listed as an empty relative folder.
 */
function applyPathMap(plan: PipelinePlan, parsed: ParsedFile[], mappings: PathMapping[]): void {
  const texts = new Map(parsed.map((f) => [f.path, f.text]));
  for (const d of plan.datasets) {
    const reported = new Set<string>();
    for (const flow of d.flows) {
      for (const source of flow.fileSources) {
        const mapped = mapPath(source.path, mappings);
        if (mapped.kind === 'mapped') source.path = mapped.path;
        if (mapped.kind !== 'unmapped' || reported.has(source.path)) continue;
        reported.add(source.path);
        const p = new LineIndex(texts.get(d.file) ?? '').positionAt(source.span.start);
        d.problems.push({ file: d.file, span: source.span, line: p.line, character: p.character, message: unmappedMessage(source.path) });
      }
    }
  }
}

/** The statements that define `key` (its CREATE and the flows into it). */
function statementsDefining(parsed: ParsedFile[], key: string): A.Statement[] {
  const nameOf = (n: A.QualifiedName | A.Missing | undefined) =>
    n && n.kind === 'QualifiedName' ? n.parts[n.parts.length - 1]?.name.toLowerCase() : undefined;
  return parsed.flatMap((f) =>
    f.statements.filter(
      (s) => (s.kind === 'CreateDataset' ? nameOf(s.name) : s.kind === 'CreateFlow' ? nameOf(flowTarget(s)) : undefined) === key,
    ),
  );
}

function flowTarget(s: A.CreateFlow): A.QualifiedName | A.Missing | undefined {
  const body = s.body;
  return body && (body.kind === 'AutoCdc' || body.kind === 'InsertInto') ? body.target : undefined;
}

/**
 * For sources with no declared schema: the columns their dataset and its
 * direct readers name, so the source has columns even when it has no files.
 */
function attachReadColumns(plan: PipelinePlan, parsed: ParsedFile[]): void {
  for (const d of plan.datasets) {
    const sources = d.flows.flatMap((f) => f.fileSources).filter((s) => !s.options.schema);
    if (sources.length === 0) continue;
    const readers = plan.datasets.filter((r) => r.dependsOn.includes(d.key)).map((r) => r.key);
    const columns = columnsNamedIn([d.key, ...readers].flatMap((k) => statementsDefining(parsed, k)));
    for (const s of sources) s.readColumns = columns;
  }
}
