// The bundled pipeline as the product sees it: the bundle loader finds the
// pipeline's files, the language core's parser and analyser read them, and
// each dataset is reduced to the facts the pipeline tests check (kind, comment,
// expectations, the references its query makes, its read_files calls and its
// code without comments). No SQL is scanned here: a dataset the analyser
// misreads makes these tests fail.
import { loadWorkspace } from '../../../server/src/cli/pipelineLoader';
import { kindLabel } from '../../../server/src/language/features/featureContext';
import type { Dataset, FileAnalysis } from '../../../server/src/language/model/datasetTypes';
import { isFilesFunction } from '../../../server/src/language/model/readFilesSchema';
import type { WorkspaceIndex } from '../../../server/src/language/model/workspaceIndex';
import type * as ast from '../../../server/src/language/syntax/ast';
import { parse } from '../../../server/src/language/syntax/parser';
import { walk } from '../../../server/src/language/syntax/visit';

export interface ReadFilesCall {
  streaming: boolean;
  /** The path argument as written (`${source_root}/iot_events/`). */
  path: string;
  /** Named options, values as their string literals say. */
  options: Map<string, string>;
}

export interface AnalysedDataset {
  /** Path relative to pipelines/. */
  file: string;
  text: string;
  /** The text with every comment the parser found blanked out. */
  code: string;
  /** How many datasets the file defines (the pipeline's convention: one). */
  datasetsInFile: number;
  name: string;
  kind: string;
  comment: string | undefined;
  expectations: { name: string; expression: string; action: string }[];
  /** References the dataset's query makes (CTE names are resolved away by the analyser). */
  references: { name: string; streaming: boolean }[];
  readFiles: ReadFilesCall[];
}

export interface AnalysedPipeline {
  index: WorkspaceIndex;
  datasets: AnalysedDataset[];
}

/** Loads `bundle/databricks.yml` under `root` through the CLI's loader and analyses its one pipeline. */
export function analysePipeline(root: string): AnalysedPipeline {
  const loaded = loadWorkspace(root, [], { bundle: 'bundle/databricks.yml' });
  if (loaded.pipelines.length !== 1) throw new Error(`expected one pipeline in the bundle, found ${loaded.pipelines.length}`);
  const { index } = loaded.pipelines[0];
  const prefix = `${root.replace(/\\/g, '/')}/pipelines/`;
  const datasets = index.files().flatMap((file) => {
    const analysis = index.analysis(file)!;
    const text = index.text(file)!;
    return analysis.datasets.map((d) => describe(file.slice(prefix.length), text, analysis, d));
  });
  return { index, datasets };
}

function describe(file: string, text: string, analysis: FileAnalysis, d: Dataset): AnalysedDataset {
  const parsed = parse(text);
  let code = text;
  for (const c of parsed.comments) code = code.slice(0, c.span.start) + ' '.repeat(c.span.end - c.span.start) + code.slice(c.span.end);
  return {
    file,
    text,
    code,
    datasetsInFile: analysis.datasets.length,
    name: d.name,
    kind: kindLabel(d.kind),
    comment: d.comment,
    expectations: d.expectations.map((e) => ({ name: e.name, expression: e.expression, action: e.onViolation })),
    references: analysis.references
      .filter((r) => r.consumer === d.key)
      .map((r) => ({ name: [...(r.livePrefix ? ['LIVE'] : []), ...r.parts].join('.'), streaming: r.streaming })),
    readFiles: readFilesCalls(parsed),
  };
}

function readFilesCalls(parsed: ast.ParseResult): ReadFilesCall[] {
  const calls: ReadFilesCall[] = [];
  for (const st of parsed.statements) {
    walk(st, (n) => {
      if (n.kind !== 'TableFunction' || !isFilesFunction(n.call)) return;
      const fn = n;
      const options = new Map<string, string>();
      let path = '';
      for (const a of fn.call.args) {
        if (a.kind === 'NamedArgument' && a.value.kind === 'StringLiteral') options.set(a.name.name, a.value.value);
        else if (a.kind === 'StringLiteral' && path === '') path = a.value;
      }
      calls.push({ streaming: fn.stream, path, options });
    });
  }
  return calls;
}

/** `bronze/ingest_iot_events.sql` -> `iot_events`; `silver/stg_orders.sql` -> `stg_orders`. */
export function datasetNameFromPath(file: string): string {
  const base = file
    .split('/')
    .pop()!
    .replace(/\.sql$/, '');
  return base.startsWith('ingest_') ? base.slice('ingest_'.length) : base;
}
