// Go to definition and find references, for datasets (across every file of
// the pipeline), columns (through CTEs, aliases and `SELECT *`), CTE names
// (within their statement) and `${key}` parameters (to the bundle YAML).
import type { Location, Position } from '../model/location';
import { rangeContains } from '../model/location';
import { cteReferences } from './cteAt';
import { ColumnResolver, forEachColumnRef, ownedQueries, sortLocations, targetSite } from './columnScope';
import type { FeatureContext, SyntaxDocument } from './featureContext';
import type { DocumentHighlight } from './lspShapes';
import { SymbolAt, symbolAt } from './symbolAt';

export function definition(ctx: FeatureContext, doc: SyntaxDocument, position: Position): Location[] {
  const s = symbolAt(ctx, doc, position);
  return s ? definitionOf(ctx, doc, s) : [];
}

function definitionOf(ctx: FeatureContext, doc: SyntaxDocument, s: SymbolAt): Location[] {
  switch (s.kind) {
    case 'dataset':
      if (s.external) return [];
      return ctx.index.definitionsOf(s.key).map((d) => ({ file: d.file, range: d.nameRange }));
    case 'column': {
      const site = targetSite(ctx, doc.file, s.target);
      return site ? [site] : [];
    }
    case 'parameter': {
      const at = ctx.configurationLocations?.get(s.key);
      return at ? [at] : [];
    }
    case 'cte':
      return [{ file: doc.file, range: s.cte.definition }];
    case 'expectation':
      return [{ file: s.dataset.file, range: s.expectation.nameRange }];
    default:
      return [];
  }
}

export function references(ctx: FeatureContext, doc: SyntaxDocument, position: Position, includeDeclaration: boolean): Location[] {
  const s = symbolAt(ctx, doc, position);
  return s ? referencesOf(ctx, doc, s, includeDeclaration) : [];
}

function referencesOf(ctx: FeatureContext, doc: SyntaxDocument, s: SymbolAt, includeDeclaration: boolean): Location[] {
  switch (s.kind) {
    case 'dataset':
      return s.external ? externalReferences(ctx, s.external) : datasetReferences(ctx, s.key, includeDeclaration);
    case 'column':
      return columnReferences(ctx, doc.file, s, includeDeclaration);
    case 'cte':
      return cteReferences(doc, s.cte, includeDeclaration).map((range) => ({ file: doc.file, range }));
    case 'parameter': {
      const out: Location[] = [];
      for (const f of ctx.index.files())
        for (const p of ctx.index.analysis(f)?.parameters ?? []) if (p.key === s.key) out.push({ file: f, range: p.range });
      return sortLocations(out);
    }
    default:
      return [];
  }
}

/** Every written reference to a pipeline dataset: FROM/JOIN reads, flow targets, and (optionally) its definitions. */
export function datasetReferences(ctx: FeatureContext, key: string, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  if (includeDeclaration) for (const d of ctx.index.definitionsOf(key)) out.push({ file: d.file, range: d.nameRange });
  const files = new Set([...ctx.index.filesReading(key), ...ctx.index.flowsInto(key).map((f) => f.file)]);
  for (const f of files) {
    const a = ctx.index.analysis(f);
    if (!a) continue;
    // By resolution, not by written key: `silver.x` may name the dataset `x`.
    for (const r of a.references) {
      const res = ctx.index.resolve(r);
      if (res.kind === 'dataset' && res.key === key) out.push({ file: f, range: r.range });
    }
    for (const fl of a.flows) if (ctx.index.flowTarget(fl) === key) out.push({ file: f, range: fl.targetRange });
  }
  return sortLocations(out);
}

function externalReferences(ctx: FeatureContext, fullName: string): Location[] {
  const out: Location[] = [];
  for (const f of ctx.index.files()) {
    for (const r of ctx.index.analysis(f)?.references ?? []) {
      const res = ctx.index.resolve(r);
      if (res.kind !== 'dataset' && res.fullName?.toLowerCase() === fullName.toLowerCase()) out.push({ file: f, range: r.range });
    }
  }
  return sortLocations(out);
}

/**
 * References of a dataset's column: the column in the dataset itself (declared
 * column or select item, expectations) and every column reference of the
 * datasets that read it directly which resolves to it.
 */
function columnReferences(
  ctx: FeatureContext,
  file: string,
  s: Extract<SymbolAt, { kind: 'column' }>,
  includeDeclaration: boolean,
): Location[] {
  const out: Location[] = [];
  const t = s.target;
  if (t.kind !== 'dataset') {
    if (t.kind === 'query') {
      const a = ctx.index.analysis(file);
      const resolver = new ColumnResolver(ctx, file);
      for (const q of ownedQueries(a?.datasets ?? [], a?.flows ?? [])) {
        forEachColumnRef(q.shape, (o) => {
          const r = resolver.resolve(o);
          if (r.kind === 'query' && r.shape === t.shape && r.column.toLowerCase() === t.column.toLowerCase())
            out.push({ file, range: o.ref.range });
        });
      }
    } else out.push({ file, range: s.range });
    return sortLocations(out);
  }
  const key = t.key;
  const column = t.column.toLowerCase();
  const ds = ctx.index.definition(key);
  if (ds && includeDeclaration) {
    const site = targetSite(ctx, ds.file, t);
    if (site && site.file === ds.file && rangeContains(ds.range, site.range.start)) out.push(site);
  }
  if (ds)
    for (const e of ds.expectations)
      for (const c of e.facts.columns) if (c.name.toLowerCase() === column) out.push({ file: ds.file, range: c.range });
  for (const f of new Set(ctx.index.filesReading(key))) {
    const a = ctx.index.analysis(f);
    if (!a) continue;
    const resolver = new ColumnResolver(ctx, f);
    for (const q of ownedQueries(a.datasets, a.flows)) {
      forEachColumnRef(q.shape, (o) => {
        if (o.ref.name !== column && o.ref.qualifier !== column) return;
        const r = resolver.resolve(o);
        if (r.kind === 'dataset' && r.key === key && r.column.toLowerCase() === column) out.push({ file: f, range: o.ref.range });
      });
    }
  }
  return sortLocations(dedupe(out));
}

function dedupe(list: Location[]): Location[] {
  const seen = new Set<string>();
  return list.filter((l) => {
    const k = `${l.file}:${l.range.start.line}:${l.range.start.character}:${l.range.end.line}:${l.range.end.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The symbol's occurrences in this file: its definition as a write, every other mention as a read. */
export function documentHighlights(ctx: FeatureContext, doc: SyntaxDocument, position: Position): DocumentHighlight[] {
  // Asked on every cursor move: the symbol is worked out once.
  const s = symbolAt(ctx, doc, position);
  if (!s) return [];
  const key = (l: Location) => `${l.file}:${l.range.start.line}:${l.range.start.character}`;
  const defined = new Set(definitionOf(ctx, doc, s).map(key));
  if (s.kind === 'dataset' && s.declaration) defined.add(key({ file: doc.file, range: s.range }));
  return referencesOf(ctx, doc, s, true)
    .filter((l) => l.file === doc.file)
    .map((l) => ({ range: l.range, kind: defined.has(key(l)) ? 3 : 2 }));
}
