// ISO-8601 UTC timestamps with milliseconds (`2026-01-01T00:00:00.000Z`), the
// format pipelines/README.md fixes for every timestamp field.

const HOUR_MS = 3_600_000;

export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Formats many timestamps that arrive in roughly ascending order, as event
 * generation produces them: the `YYYY-MM-DDTHH:` prefix is cached per hour so
 * each call only builds minutes, seconds and milliseconds. Same output as
 * `isoMillis` for years 0000-9999.
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
    const minutes = Math.floor(inHour / 60_000);
    const seconds = Math.floor((inHour % 60_000) / 1000);
    const millis = inHour % 1000;
    return (
      this.prefix +
      (minutes < 10 ? '0' : '') + minutes + ':' +
      (seconds < 10 ? '0' : '') + seconds + '.' +
      (millis < 10 ? '00' : millis < 100 ? '0' : '') + millis + 'Z'
    );
  }
}
