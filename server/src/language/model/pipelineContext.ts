// What the model needs to know about the pipeline the files belong to: its
// default catalog and schema (to recognise qualified references to its own
// datasets) and its configuration (the values of `${key}`).
import { BundlePipeline } from './bundleTypes';

export interface PipelineContext {
  name?: string;
  catalog?: string;
  schema?: string;
  /** `${key}` values; undefined when no bundle gives a configuration (then keys are not checked). */
  configuration?: ReadonlyMap<string, string>;
  /** Python sources define datasets too, unseen here: a name the SQL does not define may still be the pipeline's. */
  pythonSources?: boolean;
}

export function pipelineContextOf(p: BundlePipeline): PipelineContext {
  const configuration = new Map<string, string>();
  for (const [k, v] of p.configuration) configuration.set(k, v.value);
  return {
    name: p.name?.value ?? p.key,
    catalog: p.catalog?.value,
    schema: p.schema?.value,
    configuration,
    ...(p.pythonSources ? { pythonSources: true } : {}),
  };
}

/** Replaces `${key}` with configured values; unknown keys stay as written. */
export function substituteParameters(text: string, ctx: PipelineContext): string {
  if (!text.includes('${') || !ctx.configuration) return text;
  return text.replace(/\$\{([A-Za-z0-9_.-]+)\}/g, (whole, key: string) => ctx.configuration?.get(key) ?? whole);
}

/**
 * The key a dataset name is known by in this pipeline: lower case, without the
 * qualifiers that equal the pipeline's default catalog and schema. `x`,
 * `silver.x` and `main.silver.x` are one key ('x') in a pipeline publishing
 * to main.silver; `bronze.x` stays 'bronze.x', another table. A qualifier the
 * pipeline does not settle (no default, `${key}` not configured) is kept.
 */
export function datasetKey(parts: readonly string[], ctx: PipelineContext): string {
  const names = parts.map((p) => substituteParameters(p, ctx).toLowerCase());
  const name = names[names.length - 1] ?? '';
  const qualifiers = names.slice(0, -1);
  const catalog = ctx.catalog?.toLowerCase();
  const schema = ctx.schema?.toLowerCase();
  if (qualifiers.length === 2 && catalog !== undefined && qualifiers[0] === catalog) qualifiers.shift();
  if (qualifiers.length === 1 && schema !== undefined && qualifiers[0] === schema) qualifiers.shift();
  return [...qualifiers, name].join('.');
}
