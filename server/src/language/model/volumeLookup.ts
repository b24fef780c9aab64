// The model's narrow view of Unity Catalog volumes: "does the volume a
// `/Volumes/<catalog>/<schema>/<volume>/` path names exist". Synchronous like
// catalogLookup: it answers from the provider's cached listings (the same pages
// and cache as tables) and asks the provider to fetch what it lacks, so the next
// analysis knows more. Names are compared as the server compares them; while
// the server has not shown whether it ignores case, a name that matches only in
// another case is left unknown rather than reported.
import { CatalogProvider, Cached, NameCase } from './catalogProvider';

export type VolumeCheck =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'missing'; readonly level: 'catalog' | 'schema' | 'volume' };

export type VolumeLookup = (catalog: string, schema: string, volume: string) => VolumeCheck;

export const noVolumes: VolumeLookup = () => ({ kind: 'unknown' });

const UNKNOWN: VolumeCheck = { kind: 'unknown' };

export function volumeLookupFrom(provider: () => CatalogProvider | undefined): VolumeLookup {
  return (catalog, schema, volume) => {
    const p = provider();
    if (!p?.peekVolumes || !p.listVolumes) return UNKNOWN;
    const mode = p.nameCase?.() ?? 'unknown';
    const levels: [
      VolumeCheck & { kind: 'missing' },
      () => Cached<readonly { name: string }[]> | undefined,
      () => Promise<unknown>,
      string,
    ][] = [
      [{ kind: 'missing', level: 'catalog' }, () => p.peekCatalogs(), () => p.listCatalogs(), catalog],
      [{ kind: 'missing', level: 'schema' }, () => p.peekSchemas(catalog), () => p.listSchemas(catalog), schema],
      [{ kind: 'missing', level: 'volume' }, () => p.peekVolumes!(catalog, schema), () => p.listVolumes!(catalog, schema), volume],
    ];
    for (const [missing, peek, list, name] of levels) {
      const cached = peek();
      if (!cached || !cached.fresh) void list();
      if (!cached) return UNKNOWN;
      const found = listed(mode, name, cached.value);
      if (found === false) return missing;
      if (found === 'maybe') return UNKNOWN;
    }
    return { kind: 'exists' };
  };
}

/** A name as written against one the catalog listed, under what is known of the server. */
export function sameCatalogName(mode: NameCase, written: string, listed: string): boolean | 'maybe' {
  if (written === listed) return true;
  if (written.toLowerCase() !== listed.toLowerCase()) return false;
  return mode === 'insensitive' ? true : mode === 'sensitive' ? false : 'maybe';
}

/** Whether `name` is among the listed names: true, false, or 'maybe' (only in another case, and the server's rule is not known yet). */
function listed(mode: NameCase, name: string, items: readonly { name: string }[]): boolean | 'maybe' {
  let maybe = false;
  for (const item of items) {
    const same = sameCatalogName(mode, name, item.name);
    if (same === true) return true;
    if (same === 'maybe') maybe = true;
  }
  return maybe ? 'maybe' : false;
}
