// Walks a Unity Catalog listing to its end: pages are asked with max_results=0
// (server-chosen size) and followed while next_page_token is present, even
// through empty pages. Caps on pages and items, and a token seen twice, stop a
// server that never ends; what was read so far is kept.
import { CatalogHttpClient } from './catalogHttpClient';
import { Outcome } from './catalogFailure';
import { Checked, Page } from './unityCatalogShapes';

export interface PagingLimits {
  readonly maxPages: number;
  readonly maxItems: number;
}

export interface Listing<T> {
  readonly items: readonly T[];
  /** True when a cap stopped the walk before the last page. */
  readonly truncated: boolean;
}

export async function listAllPages<T>(
  http: CatalogHttpClient,
  path: string,
  query: Readonly<Record<string, string>>,
  parsePage: (body: unknown) => Checked<Page<T>>,
  limits: PagingLimits,
  log: (line: string) => void,
): Promise<Outcome<Listing<T>>> {
  const items: T[] = [];
  const seenTokens = new Set<string>();
  let pageToken: string | undefined;
  for (let pages = 0; ;) {
    const answer = await http.getJson(path, { ...query, max_results: '0', page_token: pageToken });
    if (!answer.ok) return answer;
    const page = parsePage(answer.value);
    if (!page.ok) return { ok: false, failure: { kind: 'malformed', message: `GET ${path}: ${page.problem}` } };
    pages++;
    items.push(...page.value.items);
    pageToken = page.value.nextPageToken;
    if (pageToken === undefined) return { ok: true, value: { items, truncated: false } };
    const stop =
      items.length >= limits.maxItems
        ? `${limits.maxItems} items`
        : pages >= limits.maxPages
          ? `${limits.maxPages} pages`
          : seenTokens.has(pageToken)
            ? 'a repeated page token'
            : undefined;
    if (stop !== undefined) {
      log(`GET ${path}: listing stopped after ${pages} pages and ${items.length} items (${stop}); the rest is left out`);
      return { ok: true, value: { items: items.slice(0, limits.maxItems), truncated: true } };
    }
    seenTokens.add(pageToken);
  }
}
