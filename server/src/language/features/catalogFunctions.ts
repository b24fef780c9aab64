// SQL functions registered in Unity Catalog, next to the built-ins: completion
// after `catalog.schema.` in an expression (and, by their bare names, the
// functions of the pipeline's own catalog and schema, which is where Databricks
// resolves an unqualified function), and the signature of `catalog.schema.fn(`
// for signature help. Answers from the provider's cache at once and asks it for
// what is missing, like tables.
import type { Token } from '../syntax/tokens';
import type { CatalogFunctionInfo } from '../model/catalogProvider';
import { substituteParameters } from '../model/pipelineContext';
import type { FeatureContext } from './featureContext';
import { CompletionItem, CompletionKind, Range } from './lspShapes';

/** What signature help and completion show of a function (the shape of the built-ins' entries). */
export interface FunctionSignature {
  signature: string;
  summary: string;
  returns: string;
}

/** The functions of `catalog.schema`: the cached list (a fetch is started when it is missing or stale). */
function functionsOf(ctx: FeatureContext, catalog: string, schema: string): { functions: readonly CatalogFunctionInfo[]; known: boolean } {
  const provider = ctx.catalog;
  if (!provider?.peekFunctions || !provider.listFunctions) return { functions: [], known: true };
  const cached = provider.peekFunctions(catalog, schema);
  if (!cached?.fresh) void provider.listFunctions(catalog, schema);
  // Only a reachable catalog is worth asking again for: offline or off, what is cached is all there is.
  const reachable = provider.state.kind === 'connected' || provider.state.kind === 'connecting';
  return { functions: cached?.value ?? [], known: cached !== undefined || !reachable };
}

export function catalogFunctionSignature(f: CatalogFunctionInfo, qualified: boolean): FunctionSignature {
  const parameters = f.parameters.map((p) => `${p.name} ${p.typeText}${p.defaultValue !== undefined ? ` DEFAULT ${p.defaultValue}` : ''}`);
  const name = qualified ? f.fullName : f.name;
  const described = f.parameters.filter((p) => p.comment).map((p) => `- \`${p.name}\`: ${p.comment}`);
  const summary = [f.comment ?? `Unity Catalog function \`${f.fullName}\``, ...(described.length > 0 ? ['', ...described] : [])].join('\n');
  return { signature: `${name}(${parameters.join(', ')})`, summary, returns: f.returns };
}

/**
 * Completion items for functions: after `catalog.schema.` the functions of that
 * schema; with no qualifier those of the pipeline's own catalog and schema.
 * `incomplete` is true while a listing is still being fetched.
 */
export function catalogFunctionItems(
  ctx: FeatureContext,
  qualifier: readonly string[],
  replace: Range,
): { items: CompletionItem[]; incomplete: boolean } {
  const pipeline = ctx.index.pipeline;
  const [catalog, schema] =
    qualifier.length === 2
      ? qualifier.map((q) => substituteParameters(q, pipeline))
      : qualifier.length === 0
        ? [pipeline.catalog, pipeline.schema]
        : [];
  if (!catalog || !schema || catalog.includes('${') || schema.includes('${')) return { items: [], incomplete: false };
  const { functions, known } = functionsOf(ctx, catalog, schema);
  const items = functions.map((f): CompletionItem => {
    const s = catalogFunctionSignature(f, qualifier.length === 2);
    return {
      label: f.name,
      kind: CompletionKind.Function,
      detail: `${s.signature}${s.returns ? ` -> ${s.returns}` : ''} · Unity Catalog`,
      documentation: { kind: 'markdown', value: s.summary },
      sortText: (qualifier.length === 2 ? '0' : '1') + f.name.toLowerCase(),
      textEdit: { range: replace, newText: f.name },
    };
  });
  return { items, incomplete: !known };
}

/**
 * The catalog function whose name ends at token `nameIndex` (the token before
 * a call's `(`): `catalog.schema.fn` written out, or a bare name of the
 * pipeline's own catalog and schema.
 */
export function catalogFunctionAt(ctx: FeatureContext, tokens: readonly Token[], nameIndex: number): FunctionSignature | undefined {
  const name = tokens[nameIndex];
  if (!name || (name.kind !== 'word' && name.kind !== 'quoted')) return undefined;
  const dot = (i: number) => tokens[i]?.kind === 'op' && tokens[i].text === '.';
  const part = (i: number) => (tokens[i]?.kind === 'word' || tokens[i]?.kind === 'quoted' ? tokens[i].value : undefined);
  const pipeline = ctx.index.pipeline;
  let catalog: string | undefined;
  let schema: string | undefined;
  let qualified = false;
  if (dot(nameIndex - 1) && dot(nameIndex - 3) && part(nameIndex - 2) && part(nameIndex - 4)) {
    catalog = substituteParameters(part(nameIndex - 4)!, pipeline);
    schema = substituteParameters(part(nameIndex - 2)!, pipeline);
    qualified = true;
  } else if (!dot(nameIndex - 1)) {
    catalog = pipeline.catalog;
    schema = pipeline.schema;
  }
  if (!catalog || !schema) return undefined;
  const wanted = name.value.toLowerCase();
  const f = functionsOf(ctx, catalog, schema).functions.find((x) => x.name.toLowerCase() === wanted);
  return f ? catalogFunctionSignature(f, qualified) : undefined;
}
