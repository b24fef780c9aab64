// "Did you mean ...?" for unknown names: the closest candidates by edit
// distance (case-insensitive), only those close enough to be a plausible
// typo, each with a quick fix that writes it in place of the unknown name.
import { Range } from '../../model/location';
import { QuickFix } from './diagnostic';

const MAX_SUGGESTIONS = 3;

/** Levenshtein distance with adjacent transpositions counted as one edit (`cusotmer` -> `customer`). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/** How many edits still read as a typo of a name this long: none up to 2 characters, 1 up to 4, 2 up to 8, then 3. */
function tolerance(length: number): number {
  return length <= 2 ? 0 : length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * The closest plausible candidates to `name`: those at the smallest distance
 * (sorted by name), at most three. `nameOf` gives the part of a candidate compared (the table name
 * of `bronze.policy`).
 */
export function closestNames(name: string, candidates: Iterable<string>, nameOf: (candidate: string) => string = (c) => c): string[] {
  const wanted = name.toLowerCase();
  const scored = new Map<string, { candidate: string; distance: number }>();
  for (const candidate of candidates) {
    const key = candidate.toLowerCase();
    const compared = nameOf(candidate).toLowerCase();
    if (key === wanted || scored.has(key)) continue;
    const distance = editDistance(wanted, compared);
    if (distance <= tolerance(Math.min(wanted.length, compared.length))) scored.set(key, { candidate, distance });
  }
  const ranked = [...scored.values()].sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  // Only the nearest (ties included): a second guess one edit further is mostly noise.
  const best = ranked[0]?.distance ?? 0;
  return ranked
    .filter((s) => s.distance === best)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.candidate);
}

/** A name as SQL text: back-quoted unless it is a plain identifier. */
export function sqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

export interface Suggestions {
  /** ` (did you mean 'a' or 'b'?)`, or '' without candidates. */
  hint: string;
  /** The nearest candidate's fix first. */
  fixes: QuickFix[];
}

/**
 * The message suffix and quick fixes for replacing the text at `range` by one
 * of the closest candidates. `written` maps a candidate to the text to write.
 */
export function suggestions(
  file: string,
  range: Range,
  name: string,
  candidates: Iterable<string>,
  written: (candidate: string) => string = sqlName,
  nameOf?: (candidate: string) => string,
): Suggestions {
  const best = closestNames(name, candidates, nameOf);
  if (best.length === 0) return { hint: '', fixes: [] };
  const quoted = best.map((c) => `'${c}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return {
    hint: ` (did you mean ${list}?)`,
    fixes: best.map((c) => ({ title: `Change to '${c}'`, edits: [{ file, range, newText: written(c) }] })),
  };
}
