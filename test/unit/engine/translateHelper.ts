// Translates inline Lakeflow SQL files for engine tests.
import { parse } from '../../../server/src/language/syntax/parser';
import { createFunctionCatalogue } from '../../../server/src/language/facts/databricksFunctions';
import { translatePipeline } from '../../../server/src/engine/translate/translatePipeline';
import type { PipelinePlan } from '../../../server/src/engine/plan';

export function translate(files: Record<string, string>, config: Record<string, string> = {}): PipelinePlan {
  const parsed = Object.entries(files).map(([path, text]) => {
    const r = parse(text);
    return { path, text, statements: r.statements, errors: r.errors };
  });
  return translatePipeline(parsed, {
    config,
    schemaFor: (f) => (f.includes('/') ? f.split('/')[0] : 'main'),
    functions: createFunctionCatalogue(),
  });
}

/** The SQL of the single query flow of dataset `name`. */
export function flowSql(plan: PipelinePlan, name: string): string {
  const d = plan.datasets.find((x) => x.name === name);
  if (!d) throw new Error(`no dataset ${name}`);
  const f = d.flows[0];
  if (!f || f.kind !== 'query') throw new Error(`${name} has no query flow`);
  return f.sql;
}
