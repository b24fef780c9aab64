// A code lens on each dataset: how many datasets feed it and read it, and a
// command that opens its lineage (the client's `lakeflow.showLineage`, given
// the same node shape its pipeline explorer passes).
import type { FeatureContext, SyntaxDocument } from './featureContext';
import { lineageNode } from './lineageNode';
import type { CodeLens } from './lspShapes';

export const SHOW_LINEAGE_COMMAND = 'lakeflow.showLineage';

export function codeLenses(ctx: FeatureContext, doc: SyntaxDocument, uriOf: (file: string) => string): CodeLens[] {
  const a = ctx.index.analysis(doc.file);
  if (!a) return [];
  return a.datasets.map((d) => {
    const up = ctx.index.upstream(d.key).length;
    const down = ctx.index.downstream(d.key).length;
    const plural = (n: number, w: string) => `${n} ${w}`;
    return {
      range: d.nameRange,
      command: {
        title: `↑ ${plural(up, 'upstream')} · ↓ ${plural(down, 'downstream')} · show lineage`,
        command: SHOW_LINEAGE_COMMAND,
        arguments: [{ type: 'dataset', pipeline: ctx.index.pipeline.name ?? '', node: lineageNode(ctx, d, uriOf) }],
      },
    };
  });
}
