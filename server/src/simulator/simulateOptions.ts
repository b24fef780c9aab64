// What a simulation is asked to produce, and the batch token derived from it.

export interface SimulateOptions {
  /** Landing root (`${source_root}`), created if missing. */
  out: string;
  /** IoT event lines to write, faulty lines and duplicates included. */
  events: number;
  seed: number;
  /** Start of the simulated window, epoch milliseconds (UTC). */
  startMs: number;
  /** Length of the window in days; events fall in [start, start + days). */
  days: number;
}

export const DEFAULT_OPTIONS = {
  events: 100_000,
  seed: 1,
  start: '2026-01-01T00:00:00Z',
  days: 7,
} as const;

export const DAY_MS = 86_400_000;

/**
 * The token in every file name of one run (`part-<batch>-<nnnnn>.json`). It is
 * derived from the start and the seed only, so a run with another start adds
 * files beside earlier ones, while re-running the same start and seed replaces
 * its own batch. It starts with the UTC start time so batches sort by time.
 */
export function batchToken(startMs: number, seed: number): string {
  const iso = new Date(startMs).toISOString(); // 2026-01-01T00:00:00.000Z
  const millis = iso.slice(20, 23);
  const stamp = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + 'T' + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19);
  return stamp + (millis === '000' ? '' : millis) + 's' + seed;
}
