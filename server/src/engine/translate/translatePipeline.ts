// Turns the parsed files of a pipeline into a PipelinePlan: each dataset's
// queries, flows and expectations printed as DuckDB SQL, its upstream
// datasets, and every construct that cannot run locally with its position.
import { sessionTimeZone } from '../../language/model/sparkSessionSettings';
import { zoneHasTransitions } from './wallTime';
import type * as A from '../../language/syntax/ast';
import { walk } from '../../language/syntax/visit';
import { LineIndex } from '../../language/syntax/lineIndex';
import type { FunctionCatalogue } from '../../language/facts/databricksFunctions';
import {
  CdcFlow,
  ColumnSelectionPlan,
  DatasetPlan,
  ExpectationPlan,
  FileSourcePlan,
  FlowPlan,
  PipelinePlan,
  PlanProblem,
  streamPlaceholder,
} from '../plan';
import { DuckdbPrinter, PrintContext, Untranslatable } from './printer';
import { duckdbTypeOf } from './sparkTypes';
import { SparkTyper } from './sparkTyper';
import type { SparkColumn } from './sparkTypeRules';
import { typeFromSyntax } from './sparkTypeSyntax';

export interface ParsedFile {
  path: string;
  text: string;
  statements: A.Statement[];
  errors: A.SyntaxError[];
}

export interface TranslateOptions {
  /** Pipeline configuration values for `${key}`. */
  config: Readonly<Record<string, string>>;
  /** The DuckDB schema that holds the datasets defined in a file. */
  schemaFor(file: string): string;
  /** Qualifiers that name the pipeline's own schema (`catalog.schema`, `schema`), lower case. */
  ownQualifiers?: string[][];
  functions: FunctionCatalogue;
}

const quote = (n: string) => `"${n.replace(/"/g, '""')}"`;
const lastName = (q: A.QualifiedName) => q.parts[q.parts.length - 1]?.name ?? '';

interface Declared {
  node: A.CreateDataset;
  file: ParsedFile;
  plan: DatasetPlan;
}

interface FlowSource {
  file: ParsedFile;
  /** The statement holding the flow (for syntax errors inside it). */
  statement: A.Statement;
  targetKey: string;
  targetSpan: A.Span;
  name: string;
  body: A.AutoCdc | A.InsertInto;
}

export function translatePipeline(files: ParsedFile[], options: TranslateOptions): PipelinePlan {
  const lineIndexes = new Map<string, LineIndex>();
  const at = (file: ParsedFile, span: A.Span, message: string): PlanProblem => {
    let li = lineIndexes.get(file.path);
    if (!li) lineIndexes.set(file.path, (li = new LineIndex(file.text)));
    const p = li.positionAt(span.start);
    return { file: file.path, span, line: p.line, character: p.character, message };
  };

  const declared = new Map<string, Declared>();
  const flows: FlowSource[] = [];
  const problems: PlanProblem[] = [];

  for (const file of files) {
    for (const st of file.statements) {
      if (st.kind === 'CreateDataset' && !st.warehouse && st.name.kind === 'QualifiedName') {
        const name = lastName(st.name);
        const key = name.toLowerCase();
        if (declared.has(key)) {
          problems.push(at(file, st.name.span, `dataset ${name} is defined more than once`));
          continue;
        }
        const schema = options.schemaFor(file.path);
        declared.set(key, {
          node: st,
          file,
          plan: {
            name,
            key,
            kind: planKind(st.datasetKind),
            schema,
            table: `${quote(schema)}.${quote(name)}`,
            file: file.path,
            span: st.span,
            expectations: [],
            flows: [],
            dependsOn: [],
            problems: [],
          },
        });
        if (st.body && (st.body.kind === 'AutoCdc' || st.body.kind === 'InsertInto')) {
          flows.push({ file, statement: st, targetKey: key, targetSpan: st.name.span, name, body: st.body });
        }
      } else if (st.kind === 'CreateFlow' && st.body.kind !== 'Missing') {
        const target = st.body.target;
        if (target?.kind === 'QualifiedName') {
          const name = st.name.kind === 'QualifiedName' ? lastName(st.name) : lastName(target);
          flows.push({ file, statement: st, targetKey: lastName(target).toLowerCase(), targetSpan: target.span, name, body: st.body });
        }
      } else if (st.kind === 'AutoCdc' && st.target?.kind === 'QualifiedName') {
        flows.push({
          file,
          statement: st,
          targetKey: lastName(st.target).toLowerCase(),
          targetSpan: st.target.span,
          name: lastName(st.target),
          body: st,
        });
      }
    }
  }

  const isOwnQualifier = (parts: string[]) =>
    parts.length === 0 ||
    (parts.length === 1 && parts[0] === 'live') ||
    (options.ownQualifiers ?? []).some((q) => q.length === parts.length && q.every((p, i) => p === parts[i]));

  // Spark's types: each dataset's output columns, typed on first use (readers
  // after the datasets they read; a cycle leaves the types unknown).
  const ansi = (options.config['spark.sql.ansi.enabled'] ?? '').trim().toLowerCase() === 'true';
  const zone = sessionTimeZone(options.config);
  const zoneTransitions = zone.ok && zoneHasTransitions(zone.zone);
  const columnsOf = new Map<string, SparkColumn[] | undefined>();
  const ownDataset = (ref: A.TableRef): string | undefined => {
    const parts = ref.name.parts.map((p) => p.name.toLowerCase());
    const key = parts[parts.length - 1];
    return declared.has(key) && isOwnQualifier(parts.slice(0, -1)) ? key : undefined;
  };
  const typingEnv = { dataset: (ref: A.TableRef) => datasetColumns(ownDataset(ref)) };
  const datasetColumns = (key: string | undefined): SparkColumn[] | undefined => {
    if (key === undefined) return undefined;
    if (columnsOf.has(key)) return columnsOf.get(key);
    columnsOf.set(key, undefined);
    const d = declared.get(key)!;
    const body = d.node.body;
    let cols = body?.kind === 'Query' ? new SparkTyper(typingEnv).query(body) : undefined;
    const declaredCols = (d.node.elements ?? []).filter((e): e is A.ColumnDef => e.kind === 'ColumnDef');
    if (declaredCols.some((c) => c.type)) {
      cols = declaredCols.map((c, i) => ({
        name: c.name.name,
        type:
          c.type && c.type.kind === 'DataType'
            ? typeFromSyntax(c.type)
            : (cols?.find((x) => x.name.toLowerCase() === c.name.name.toLowerCase())?.type ?? cols?.[i]?.type),
      }));
    }
    columnsOf.set(key, cols);
    return cols;
  };

  /** Translates one statement part in the context of the dataset it feeds. */
  const translator = (file: ParsedFile, consumer: DatasetPlan, streaming: boolean, flowName: string) => {
    const untranslatable: Untranslatable[] = [];
    const typer = new SparkTyper(typingEnv);
    const fileSources: FileSourcePlan[] = [];
    const streamSources: string[] = [];
    const cteNames = new Set<string>();
    const ctx: PrintContext = {
      text: file.text,
      config: options.config,
      functions: options.functions,
      problems: untranslatable,
      types: typer.types,
      ansi,
      zoneTransitions,
      hiddenMetadata: new Set(),
      metadataColumn: false,
      relation: (ref) => {
        const parts = ref.name.parts.map((p) => p.name.toLowerCase());
        const key = parts[parts.length - 1];
        if (parts.length === 1 && cteNames.has(key)) return undefined;
        const target = declared.get(key);
        if (!target || !isOwnQualifier(parts.slice(0, -1))) return undefined;
        if (!consumer.dependsOn.includes(key)) consumer.dependsOn.push(key);
        if (ref.stream && streaming) {
          if (!streamSources.includes(key)) streamSources.push(key);
          return streamPlaceholder(key);
        }
        return target.plan.table;
      },
      fileSource: (spec) => {
        const placeholder = quote(`__lakeflow_src_${consumer.key}_${flowName.toLowerCase()}_${fileSources.length + 1}`);
        fileSources.push({ ...spec, placeholder, needsMetadata: false });
        return placeholder;
      },
    };
    const printer = new DuckdbPrinter(ctx);
    return {
      print(node: A.Node): string {
        walk(node, (n) => {
          if (n.kind === 'Cte' && n.name.kind === 'Identifier') cteNames.add(n.name.name.toLowerCase());
        });
        if (node.kind === 'Query') typer.query(node);
        else if (isExpression(node)) typer.exprOver(node, datasetColumns(consumer.key));
        ctx.metadataColumn = mentionsMetadata(node);
        const sql = printer.print(node);
        for (const s of fileSources) s.needsMetadata = ctx.metadataColumn;
        return sql;
      },
      finish(): { fileSources: FileSourcePlan[]; streamSources: string[] } {
        for (const u of untranslatable) consumer.problems.push(at(file, u.span, `cannot run locally: ${u.construct}`));
        return { fileSources, streamSources };
      },
    };
  };

  const syntaxProblems = (file: ParsedFile, span: A.Span, plan: DatasetPlan) => {
    for (const e of file.errors)
      if (e.span.start >= span.start && e.span.start <= span.end) plan.problems.push(at(file, e.span, `syntax error: ${e.message}`));
  };

  for (const { node, file, plan } of declared.values()) {
    syntaxProblems(file, node.span, plan);
    const streaming = plan.kind === 'streaming_table';
    const t = translator(file, plan, streaming, plan.key);
    const body = node.body;
    if (body?.kind === 'Query') {
      const sql = withDeclaredColumns(
        t.print(body),
        node.elements ?? [],
        (n) => t.print(n),
        (span, what) => plan.problems.push(at(file, span, `cannot run locally: ${what}`)),
      );
      const { fileSources, streamSources } = t.finish();
      plan.flows.push({ kind: 'query', name: plan.name, sql, once: false, fileSources, streamSources });
    } else if (body?.kind === 'Missing') {
      plan.problems.push(at(file, body.span, `incomplete statement (expected ${body.expected})`));
    } else if (!body && plan.kind !== 'streaming_table') {
      plan.problems.push(at(file, node.span, `${plan.name} has no query`));
    }
    const et = translator(file, plan, false, 'expectations');
    for (const el of node.elements ?? []) {
      if (el.kind !== 'Expectation' || el.name.kind !== 'Identifier') continue;
      const action = el.onViolation?.action === 'DROP_ROW' ? 'drop' : el.onViolation?.action === 'FAIL_UPDATE' ? 'fail' : 'warn';
      const e: ExpectationPlan = { name: el.name.name, sql: et.print(el.expr), action };
      plan.expectations.push(e);
    }
    et.finish();
  }

  for (const f of flows) {
    const target = declared.get(f.targetKey);
    if (!target) {
      problems.push(at(f.file, f.targetSpan, `flow ${f.name} writes to ${f.targetKey}, which the pipeline does not declare`));
      continue;
    }
    const plan = target.plan;
    if (f.statement.kind !== 'CreateDataset') syntaxProblems(f.file, f.statement.span, plan);
    const t = translator(f.file, plan, true, f.name);
    let flow: FlowPlan | undefined;
    if (f.body.kind === 'InsertInto') {
      if (f.body.query.kind === 'Missing') {
        plan.problems.push(at(f.file, f.body.span, 'INSERT flow without a query'));
        continue;
      }
      if (f.body.replaceUsing || f.body.replaceWhere) {
        // Replacing rows by key or condition has no local equivalent yet; appending would be wrong.
        plan.problems.push(
          at(f.file, f.body.span, `cannot run locally: INSERT ... ${f.body.replaceUsing ? 'REPLACE USING' : 'REPLACE WHERE'} flow`),
        );
        continue;
      }
      const sql = t.print(f.body.query);
      flow = { kind: 'query', name: f.name, sql, once: f.body.once, ...t.finish() };
    } else {
      flow = cdcFlow(f.body, f.name, t, (span, m) => plan.problems.push(at(f.file, span, m)));
    }
    if (flow) plan.flows.push(flow);
  }

  for (const d of declared.values()) {
    if (d.plan.kind === 'streaming_table' && d.plan.flows.length === 0 && d.plan.problems.length === 0) {
      d.plan.problems.push(at(d.file, d.node.span, `streaming table ${d.plan.name} has neither a query nor a flow`));
    }
  }
  return {
    datasets: [...declared.values()].map((d) => d.plan),
    problems,
    timeZone: zone.ok ? zone.zone : 'UTC',
    ...(zone.ok ? {} : { timeZoneProblem: zone.reason }),
  };
}

/** A pipeline managed table (`CREATE TABLE ... FLOW`) is appended to by its flows: locally, like a streaming table. */
function planKind(kind: A.DatasetKind): A.DatasetKind {
  return kind === 'table' ? 'streaming_table' : kind;
}

type Translator = { print(n: A.Node): string; finish(): { fileSources: FileSourcePlan[]; streamSources: string[] } };

function cdcFlow(node: A.AutoCdc, name: string, t: Translator, problem: (span: A.Span, message: string) => void): CdcFlow | undefined {
  if (node.snapshot) {
    problem(node.span, `cannot run locally: ${node.spelling} ... FROM SNAPSHOT`);
    return undefined;
  }
  if (node.source.kind === 'Missing' || !node.sequenceBy || node.keys.length === 0) {
    problem(node.span, `${node.spelling} needs a source, KEYS and SEQUENCE BY`);
    return undefined;
  }
  // Databricks accepts TRUNCATE only for SCD type 1.
  if (node.applyAsTruncate && node.scdType === 2)
    problem(node.applyAsTruncate.span, `APPLY AS TRUNCATE WHEN with STORED AS SCD TYPE 2 (Lakeflow allows it only for SCD type 1)`);
  const names = (es: A.Expr[]) => es.map((e) => t.print(e));
  const selection = (s: A.ColumnSelection | undefined): ColumnSelectionPlan | undefined =>
    s && { columns: s.star ? [] : names(s.columns), except: names(s.except) };
  const sourceSql = `SELECT * FROM ${t.print(node.source)}`;
  const flow: CdcFlow = {
    kind: 'cdc',
    name,
    sourceSql,
    keys: names(node.keys),
    sequenceBy: t.print(node.sequenceBy),
    deleteWhen: node.applyAsDelete && t.print(node.applyAsDelete),
    truncateWhen: node.applyAsTruncate && t.print(node.applyAsTruncate),
    ...(node.ignoreNullUpdates ? { ignoreNullUpdates: true } : {}),
    columns: selection(node.columns),
    scdType: node.scdType === 2 ? 2 : 1,
    trackHistory: selection(node.trackHistory),
    ...t.finish(),
  };
  return flow;
}

/**
 * A column list with types (or generated columns) shapes the output: the
 * query's columns are cast to the declared types, generated ones computed.
 */
function withDeclaredColumns(
  sql: string,
  elements: A.TableElement[],
  print: (n: A.Node) => string,
  problem: (span: A.Span, what: string) => void,
): string {
  const columns = elements.filter((e): e is A.ColumnDef => e.kind === 'ColumnDef');
  if (columns.length === 0 || !columns.some((c) => c.type || c.generated)) return sql;
  const items = columns.map((c) => {
    const name = quote(c.name.name);
    const value = c.generated ? `(${print(c.generated)})` : name;
    if (!c.type) return `${value} AS ${name}`;
    const t = duckdbTypeOf(c.type);
    if (!t.ok) {
      problem(c.span, `column ${c.name.name} of ${t.reason}`);
      return `${value} AS ${name}`;
    }
    return `CAST(${value} AS ${t.duckdb}) AS ${name}`;
  });
  return `SELECT ${items.join(', ')} FROM (${sql}) AS __declared`;
}

const EXPRESSION_KINDS = new Set([
  'ColumnRef',
  'FunctionCall',
  'Binary',
  'Unary',
  'Case',
  'In',
  'Between',
  'Like',
  'Is',
  'IsDistinctFrom',
  'Paren',
  'Cast',
  'Exists',
]);
const isExpression = (n: A.Node): n is A.Expr => EXPRESSION_KINDS.has(n.kind);

function mentionsMetadata(node: A.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.kind === 'ColumnRef' && n.parts[0]?.name.toLowerCase() === '_metadata') found = true;
    return undefined;
  });
  return found;
}
