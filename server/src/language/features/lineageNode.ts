// One dataset as a node of the lineage graph: the shape the `lakeflow/lineageGraph`
// answer and the lineage code lens carry. Declared here as plain data, like
// lspShapes.ts, because the language core imports nothing from protocol/; lsp/
// assigns it to the protocol's LineageNode, so the compiler keeps the two equal.
import { Dataset, datasetDisplayName } from '../model/datasetTypes';
import type { Range } from '../model/location';
import type { FeatureContext } from './featureContext';
import { layerOf } from './featureContext';

export type LineageNodeKind = 'streamingTable' | 'materializedView' | 'view' | 'temporaryView';

export interface LineageNodeData {
  id: string;
  name: string;
  kind: LineageNodeKind;
  pipeline?: string;
  layer?: string;
  uri: string;
  range: Range;
  expectations: { name: string; action: 'warn' | 'drop' | 'fail'; range: Range }[];
  columns: { name: string; type?: string }[];
}

const KIND: Record<Dataset['kind'], LineageNodeKind> = {
  streaming_table: 'streamingTable',
  materialized_view: 'materializedView',
  view: 'view',
  temporary_view: 'temporaryView',
  // A pipeline managed table is written by flows, like a streaming table.
  table: 'streamingTable',
};

export function lineageNode(ctx: FeatureContext, d: Dataset, uriOf: (file: string) => string): LineageNodeData {
  const layer = layerOf(d.file);
  return {
    id: datasetDisplayName(d),
    name: datasetDisplayName(d),
    kind: KIND[d.kind],
    ...(ctx.index.pipeline.name ? { pipeline: ctx.index.pipeline.name } : {}),
    ...(layer ? { layer } : {}),
    uri: uriOf(d.file),
    range: d.nameRange,
    expectations: d.expectations.map((e) => ({ name: e.name, action: e.onViolation, range: e.range })),
    columns: ctx.index.columnsOf(d.key).columns.map((c) => ({ name: c.name, ...(c.type ? { type: c.type } : {}) })),
  };
}
