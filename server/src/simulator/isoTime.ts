// ISO-8601 UTC timestamps with milliseconds (`2026-01-01T00:00:00.000Z`), the
// format docs/landing-data.md fixes for every timestamp field.

const HOUR_MS = 3_600_000;

export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

// "mm:ss" for each second of an hour, ".mmmZ" for each millisecond.
const MINUTE_SECOND = Array.from({ length: 3600 }, (_, s) => `${pad2(Math.floor(s / 60))}:${pad2(s % 60)}`);
const MILLIS = Array.from({ length: 1000 }, (_, ms) => `.${String(ms).padStart(3, '0')}Z`);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Formats many timestamps that arrive in roughly ascending order, as event
 * generation produces them: the `YYYY-MM-DDTHH:` prefix is cached per hour
 * and the rest comes from lookup tables. Same output as `isoMillis` for years
 * 0000-9999.
 */
export class IsoFormatter {
  private hour = NaN;
  private prefix = '';

  format(ms: number): string {
    const hour = Math.floor(ms / HOUR_MS);
    if (hour !== this.hour) {
      this.hour = hour;
      this.prefix = new Date(hour * HOUR_MS).toISOString().slice(0, 14);
    }
    const inHour = ms - hour * HOUR_MS;
    return this.prefix + MINUTE_SECOND[Math.floor(inHour / 1000)] + MILLIS[inHour % 1000];
  }
}
