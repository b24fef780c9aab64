// Walking the layers: a call hierarchy over datasets where incoming calls are
// the upstream datasets (what feeds the item) and outgoing calls the
// downstream ones (what it feeds).
import type { DatasetReference } from '../model/datasetTypes';
import type { Position } from '../model/location';
import type { FeatureContext, SyntaxDocument } from './featureContext';
import { kindLabel, layerOf } from './featureContext';
import type { CallHierarchyCall, CallHierarchyItem } from './lspShapes';
import { datasetContaining, symbolAt } from './symbolAt';
import { datasetSymbolKind } from './symbols';

export function prepareCallHierarchy(ctx: FeatureContext, doc: SyntaxDocument, position: Position): CallHierarchyItem[] {
  const s = symbolAt(ctx, doc, position);
  const key = s?.kind === 'dataset' && !s.external ? s.key : datasetContaining(ctx, doc.file, position)?.key;
  const item = key ? callItem(ctx, key) : undefined;
  return item ? [item] : [];
}

export function callItem(ctx: FeatureContext, key: string): CallHierarchyItem | undefined {
  const d = ctx.index.definition(key);
  if (!d) return undefined;
  const layer = layerOf(d.file);
  return {
    name: d.name,
    kind: datasetSymbolKind(d.kind),
    detail: `${kindLabel(d.kind)}${layer ? ` · ${layer}` : ''}`,
    file: d.file,
    range: d.range,
    selectionRange: d.nameRange,
    data: { key: d.key },
  };
}

/** Upstream datasets; the ranges are where the item's query reads them. */
export function incomingCalls(ctx: FeatureContext, item: CallHierarchyItem): CallHierarchyCall[] {
  const d = ctx.index.definition(item.data.key);
  const refs = d ? (ctx.index.analysis(d.file)?.references ?? []).filter((r) => r.consumer === d.key) : [];
  return ctx.index.upstream(item.data.key).flatMap((u) => {
    const up = callItem(ctx, u.key);
    return up ? [{ item: up, fromRanges: refs.filter((r) => readsKey(ctx, r, u.key)).map((r) => r.range) }] : [];
  });
}

/** Downstream datasets; the ranges are where each of them reads the item. */
export function outgoingCalls(ctx: FeatureContext, item: CallHierarchyItem): CallHierarchyCall[] {
  return ctx.index.downstream(item.data.key).flatMap((dn) => {
    const down = callItem(ctx, dn.key);
    if (!down) return [];
    const refs = (ctx.index.analysis(down.file)?.references ?? []).filter((r) => r.consumer === dn.key && readsKey(ctx, r, item.data.key));
    return [{ item: down, fromRanges: refs.map((r) => r.range) }];
  });
}

/** The reference names the dataset `key` (by resolution: `silver.x` may name `x`). */
function readsKey(ctx: FeatureContext, r: DatasetReference, key: string): boolean {
  const res = ctx.index.resolve(r);
  return res.kind === 'dataset' && res.key === key;
}
