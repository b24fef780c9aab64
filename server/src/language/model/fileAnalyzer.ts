// Turns one parsed SQL file into its FileAnalysis: the facts about datasets,
// flows, references and parameters that the workspace index combines.
// Depends only on that file's text, so it is cached per (file, version).
import type * as ast from '../syntax/ast';
import type { FunctionCatalogue } from '../facts/databricksFunctions';
import { walk } from '../syntax/visit';
import { docCommentBefore } from '../syntax/comments';
import { Dataset, DeclaredColumn, Expectation, FileAnalysis, Flow, ParameterUse } from './datasetTypes';
import { expressionFacts } from './expectationFacts';
import { typeText } from './exprTypes';
import { addReference, buildQuery, identifierName, ShapeContext } from './queryShapeBuilder';
import { SpanToRange, spanMapper } from './spanRanges';

const LEGACY_REPLACEMENT: Record<string, string> = {
  'STREAMING LIVE TABLE': 'STREAMING TABLE',
  'LIVE TABLE': 'MATERIALIZED VIEW',
  'LIVE VIEW': 'TEMPORARY VIEW',
  'INCREMENTAL LIVE TABLE': 'STREAMING TABLE',
  'STREAMING LIVE VIEW': 'TEMPORARY VIEW',
  'INCREMENTAL LIVE VIEW': 'TEMPORARY VIEW',
};

/** Lower-case last part: the key of a name when nothing says which catalog and schema the pipeline publishes to. */
export const lastPartKey = (parts: readonly string[]): string => (parts[parts.length - 1] ?? '').toLowerCase();

/**
 * `keyOf` turns a written name (`x`, `silver.x`) into the key the pipeline
 * knows it by (see `datasetKey` in pipelineContext.ts).
 */
export function analyzeFile(
  file: string,
  version: number,
  text: string,
  parsed: ast.ParseResult,
  functions: FunctionCatalogue,
  keyOf: (parts: readonly string[]) => string = lastPartKey,
): FileAnalysis {
  const toRange = spanMapper(text);
  const result: FileAnalysis = {
    file,
    version,
    datasets: [],
    flows: [],
    references: [],
    parameters: collectParameters(parsed.statements, toRange),
    syntaxErrors: parsed.errors.map((e) => ({ message: e.message, range: toRange(e.span), code: e.code })),
  };
  if (parsed.foreignCells?.length) result.foreignCells = parsed.foreignCells.map((c) => ({ language: c.language, range: toRange(c.span) }));
  const context = (consumer: string | undefined, reads: Dataset['reads']): ShapeContext => ({
    text,
    toRange,
    functions,
    references: result.references,
    reads,
    consumer,
    keyOf,
  });
  for (const st of parsed.statements) {
    switch (st.kind) {
      case 'CreateDataset': {
        const before = result.datasets.length;
        analyzeCreate(st, file, text, toRange, functions, result, context);
        const doc = docCommentBefore(text, parsed.comments, st.span.start);
        if (doc) for (const d of result.datasets.slice(before)) d.doc = doc;
        break;
      }
      case 'CreateFlow':
        if (st.body.kind !== 'Missing')
          analyzeFlow(
            st.body,
            st.name.kind === 'Missing' ? undefined : lastName(st.name),
            undefined,
            file,
            st.span,
            toRange,
            result,
            context,
          );
        break;
      case 'AutoCdc':
      case 'InsertInto':
        analyzeFlow(st, undefined, undefined, file, st.span, toRange, result, context);
        break;
      case 'Query':
        // A bare query in a pipeline file defines nothing; still record what it reads.
        buildQuery(st, context(undefined, []));
        break;
    }
  }
  return result;
}

/** A defined or written-to name's parts, without the legacy `LIVE.` (it means the pipeline's own schema). */
function writtenName(name: ast.QualifiedName): string[] {
  const parts =
    name.parts.length >= 2 && !name.parts[0].quoted && name.parts[0].name.toLowerCase() === 'live' ? name.parts.slice(1) : name.parts;
  return parts.map(identifierName);
}

function lastName(name: ast.QualifiedName): ast.Identifier {
  return name.parts[name.parts.length - 1];
}

function analyzeCreate(
  st: ast.CreateDataset,
  file: string,
  text: string,
  toRange: SpanToRange,
  functions: FunctionCatalogue,
  result: FileAnalysis,
  context: (consumer: string | undefined, reads: Dataset['reads']) => ShapeContext,
): void {
  const nameId = st.name.kind === 'Missing' || st.name.parts.length === 0 ? undefined : lastName(st.name);
  const written = st.name.kind === 'Missing' ? [] : writtenName(st.name);
  const key = nameId ? context(undefined, []).keyOf(written) : undefined;
  const reads: Dataset['reads'] = [];
  const columns: DeclaredColumn[] = [];
  const expectations: Expectation[] = [];
  for (const el of st.elements ?? []) {
    if (el.kind === 'ColumnDef') {
      const type = typeText(el.type && el.type.kind === 'DataType' ? el.type : undefined);
      columns.push({
        name: el.name.name,
        ...(type ? { type } : {}),
        notNull: el.notNull,
        ...(el.comment ? { comment: el.comment.value } : {}),
        range: toRange(el.span),
      });
    } else if (el.kind === 'Expectation') {
      expectations.push(expectation(el, text, toRange, functions));
    }
  }
  let comment: string | undefined;
  const properties: Record<string, string> = {};
  for (const c of st.clauses) {
    if (c.kind === 'CommentClause' && c.text.kind === 'StringLiteral') comment = c.text.value;
    if (c.kind === 'TblPropertiesClause') {
      for (const p of c.properties) {
        const k = p.key.kind === 'StringLiteral' ? p.key.value : p.key.parts.map((x) => x.name).join('.');
        properties[k] = p.value
          ? p.value.kind === 'StringLiteral'
            ? p.value.value
            : text.slice(p.value.span.start, p.value.span.end)
          : '';
      }
    }
  }
  let query: Dataset['query'];
  const body = st.body;
  if (body?.kind === 'Query') query = buildQuery(body, context(key, reads));
  if (nameId && key) {
    const ds: Dataset = {
      name: nameId.name,
      key,
      kind: st.datasetKind,
      file,
      range: toRange(st.span),
      nameRange: toRange(nameId.span),
      columns,
      expectations,
      properties,
      reads,
    };
    if (comment !== undefined) ds.comment = comment;
    if (written.length > 1) ds.qualifier = written.slice(0, -1);
    if (query) ds.query = query;
    if (st.legacy) {
      // `CREATE TEMPORARY LIVE VIEW` already says TEMPORARY: only LIVE goes.
      const replacement =
        st.spelling.endsWith('LIVE VIEW') && st.visibility === 'TEMPORARY' ? 'VIEW' : (LEGACY_REPLACEMENT[st.spelling] ?? st.spelling);
      ds.legacySpelling = { text: st.spelling, replacement, range: toRange(st.spellingSpan) };
    }
    if (st.warehouse) ds.warehouse = true;
    if (st.visibility === 'TEMPORARY' && st.datasetKind !== 'temporary_view') {
      ds.private = true;
      if (st.visibilitySpan) ds.temporaryTable = toRange(st.visibilitySpan);
    }
    result.datasets.push(ds);
  }
  if (body && (body.kind === 'AutoCdc' || body.kind === 'InsertInto')) {
    analyzeFlow(body, undefined, nameId ? { id: nameId, parts: written } : undefined, file, st.span, toRange, result, context);
  }
}

function expectation(el: ast.Expectation, text: string, toRange: SpanToRange, functions: FunctionCatalogue): Expectation {
  const action = el.onViolation;
  const e: Expectation = {
    name: el.name.kind === 'Missing' ? '' : el.name.name,
    expression: text.slice(el.expr.span.start, el.expr.span.end),
    onViolation: action?.action === 'DROP_ROW' ? 'drop' : action?.action === 'FAIL_UPDATE' ? 'fail' : 'warn',
    range: toRange(el.span),
    nameRange: toRange(el.name.span),
    expressionRange: toRange(el.expr.span),
    facts: expressionFacts(el.expr, toRange, functions),
  };
  if (action) e.actionRange = toRange(action.span);
  if (action?.action === 'invalid') e.invalidAction = action.text;
  return e;
}

function analyzeFlow(
  body: ast.AutoCdc | ast.InsertInto,
  flowName: ast.Identifier | undefined,
  implied: { id: ast.Identifier; parts: string[] } | undefined,
  file: string,
  span: ast.Span,
  toRange: SpanToRange,
  result: FileAnalysis,
  context: (consumer: string | undefined, reads: Dataset['reads']) => ShapeContext,
): void {
  const explicit = body.target && body.target.kind === 'QualifiedName' && body.target.parts.length > 0 ? body.target : undefined;
  const targetName = explicit ? lastName(explicit) : implied?.id;
  const targetParts = explicit ? writtenName(explicit) : (implied?.parts ?? []);
  const reads: Flow['reads'] = [];
  const ctx = context(undefined, reads);
  const targetKey = targetName ? ctx.keyOf(targetParts) : undefined;
  ctx.consumer = targetKey;
  const flow: Flow = {
    file,
    range: toRange(span),
    target: targetName?.name ?? '',
    targetKey: targetKey ?? '',
    targetParts,
    targetRange: toRange(targetName?.span ?? body.span),
    kind: body.kind === 'AutoCdc' ? 'cdc' : 'insert',
    flowKind: flowKind(body),
    once: !!body.once,
    reads,
  };
  if (flowName) flow.name = flowName.name;
  if (body.kind === 'InsertInto') {
    ctx.onceFlow = body.once;
    flow.query = buildQuery(body.query, ctx);
  } else {
    // A one-time or snapshot flow reads its source as a batch.
    ctx.cdcSource = !body.once && !body.snapshot;
    const source = body.source;
    if (source.kind === 'TableRef') {
      const index = addReference(source.name, source.stream, ctx);
      reads.push({ streaming: source.stream, files: false, reference: index, range: toRange(source.span) });
    } else if (source.kind === 'SubqueryRelation') {
      // `FROM (SELECT ...)` or `FROM SNAPSHOT (...)`: its columns are the flow's input.
      flow.query = buildQuery(source.query, ctx);
    } else if (source.kind !== 'Missing') {
      // A function or join as CDC source: record its reads through the shape builder.
      const q: ast.Query = {
        kind: 'Query',
        span: source.span,
        body: {
          kind: 'Select',
          span: source.span,
          items: [],
          from: { kind: 'FromClause', span: source.span, relations: [source], lateralViews: [] },
        },
      };
      buildQuery(q, ctx);
    }
    if (body.withVersion) buildQuery(body.withVersion, { ...ctx, reads: [] });
    flow.scdType = body.scdType === 2 ? 2 : 1;
    if (body.sequenceBy) flow.sequenceBy = ctx.text.slice(body.sequenceBy.span.start, body.sequenceBy.span.end);
    if (body.applyAsTruncate) flow.truncateRange = toRange(body.applyAsTruncate.span);
    if (body.columns) {
      const names = (es: ast.Expr[]) =>
        es.map((c) => (c.kind === 'ColumnRef' ? (c.parts[c.parts.length - 1]?.name ?? '') : '')).filter(Boolean);
      flow.cdcColumns = { star: body.columns.star, columns: names(body.columns.columns), except: names(body.columns.except) };
    }
  }
  result.flows.push(flow);
}

function flowKind(body: ast.AutoCdc | ast.InsertInto): Flow['flowKind'] {
  if (body.kind === 'AutoCdc') return body.snapshot ? 'auto_cdc_snapshot' : 'auto_cdc';
  if (body.replaceUsing || body.replaceWhere) return 'replace';
  return body.once ? 'insert_once' : 'append';
}

function collectParameters(statements: ast.Statement[], toRange: SpanToRange): ParameterUse[] {
  const out: ParameterUse[] = [];
  for (const st of statements) {
    walk(st, (n) => {
      // Params inside identifiers and strings are child nodes too, so one test finds them all.
      if (n.kind === 'Param') out.push({ key: n.key, range: toRange(n.span) });
      return true;
    });
  }
  return out;
}
