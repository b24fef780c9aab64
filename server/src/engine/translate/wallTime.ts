// A wall time (no offset) read as an instant in the session time zone, the way
// Spark does it (java.time's ZonedDateTime.of): in the hour repeated when the
// clocks go back, the EARLIER offset (summer time); in the hour skipped when
// they go forward, shifted forward by the gap. DuckDB's ICU agrees on the gap
// but takes the later offset in the overlap, so an ambiguous wall time is
// moved back an hour when that instant shows the same wall time.

/** Zones with no daylight saving time need none of this (UTC, fixed offsets). */
export const zoneHasTransitions = (zone: string): boolean => zone !== 'UTC' && !/^Etc\//.test(zone);

/**
 * `wall` is a DuckDB TIMESTAMP expression; the result is the TIMESTAMPTZ Spark
 * reads it as in the session time zone, or in `zone` (a SQL expression) when given.
 */
export function instantOfWall(wall: string, zone?: string): string {
  const later = zone ? `(${wall} AT TIME ZONE ${zone})` : `CAST(${wall} AS TIMESTAMPTZ)`;
  const earlier = `${later} - INTERVAL 1 HOUR`;
  const earlierWall = zone ? `((${earlier}) AT TIME ZONE ${zone})` : `CAST(${earlier} AS TIMESTAMP)`;
  return `(CASE WHEN ${earlierWall} = ${wall} THEN ${earlier} ELSE ${later} END)`;
}

/**
 * Text or a TIMESTAMP_NTZ wall time as Spark's TIMESTAMP (`kind` is the Spark
 * type's kind); undefined for anything a plain cast to TIMESTAMPTZ reads right.
 */
export function instantFrom(sql: string, kind: string | undefined, cast: 'CAST' | 'TRY_CAST'): string | undefined {
  if (kind === 'string') return instantOfText(sql, cast);
  if (kind === 'timestamp_ntz') return instantOfWall(sql);
  return undefined;
}

/** A time written with an offset or Z after its time of day is an instant as written; others are wall times. */
const WITH_OFFSET = String.raw`\d:\d\d(:\d\d(\.\d*)?)?\s*([zZ]|UTC|GMT|[+-]\d\d?(:?\d\d)?)$`;

/**
 * `text` is a VARCHAR expression; `cast` is TRY_CAST (invalid text is NULL) or
 * CAST (ANSI mode: invalid text fails). The result is Spark's TIMESTAMP.
 */
export function instantOfText(text: string, cast: 'CAST' | 'TRY_CAST'): string {
  return (
    `(CASE WHEN regexp_matches(trim(${text}), '${WITH_OFFSET}') THEN ${cast}(${text} AS TIMESTAMPTZ) ` +
    `ELSE ${instantOfWall(`${cast}(${text} AS TIMESTAMP)`)} END)`
  );
}
