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
}

export function pipelineContextOf(p: BundlePipeline): PipelineContext {
  const configuration = new Map<string, string>();
  for (const [k, v] of p.configuration) configuration.set(k, v.value);
  return { name: p.name?.value ?? p.key, catalog: p.catalog?.value, schema: p.schema?.value, configuration };
}

/** Replaces `${key}` with configured values; unknown keys stay as written. */
export function substituteParameters(text: string, ctx: PipelineContext): string {
  if (!text.includes('${') || !ctx.configuration) return text;
  return text.replace(/\$\{([A-Za-z0-9_.-]+)\}/g, (whole, key: string) => ctx.configuration?.get(key) ?? whole);
}
