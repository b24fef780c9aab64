// Time layout of the CDC streams: the snapshot at the window's start, then
// changes cut into time slices, one file per slice after the snapshot file.
// Late updates need a later file to land in, hence at least two slices.
import { DAY_MS } from './simulateOptions';

export class CdcTimeline {
  readonly slices: number;
  readonly sliceMs: number;
  /** Changes begin after the snapshot has been taken. */
  readonly changesFromMs: number;
  readonly endMs: number;

  constructor(
    readonly startMs: number,
    days: number,
    snapshotRows: number,
  ) {
    this.endMs = startMs + days * DAY_MS;
    this.slices = Math.max(2, days);
    this.sliceMs = Math.floor((days * DAY_MS) / this.slices);
    this.changesFromMs = startMs + Math.max(60_000, snapshotRows + 1);
  }

  /** 0-based slice of a change time. */
  sliceOf(tsMs: number): number {
    return Math.min(this.slices - 1, Math.floor((tsMs - this.startMs) / this.sliceMs));
  }

  /** [from, to) of a slice, clipped to when changes may happen. */
  sliceBounds(slice: number): [number, number] {
    const from = Math.max(this.changesFromMs, this.startMs + slice * this.sliceMs);
    const to = slice === this.slices - 1 ? this.endMs : this.startMs + (slice + 1) * this.sliceMs;
    return [from, to];
  }
}
