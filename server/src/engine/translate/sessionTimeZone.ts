// Spark's session time zone (`spark.sql.session.timeZone` in the pipeline
// configuration, UTC when absent) as the name DuckDB's `TimeZone` setting
// takes. Spark's TIMESTAMP is an instant shown, cast and cut into parts in
// this zone; the engine keeps it as DuckDB's TIMESTAMPTZ and sets TimeZone to
// the same zone, so hour(), CAST(... AS DATE), date_format and CAST('...' AS
// TIMESTAMP) answer as Spark does.

export const SESSION_TIME_ZONE_KEY = 'spark.sql.session.timeZone';

export type SessionTimeZone = { ok: true; zone: string } | { ok: false; reason: string };

/** Spark's zone offsets: `+08`, `-5`, `+05:30`, `+0530`, optionally after `UTC`/`GMT`/`UT`. */
const OFFSET = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/i;

const isIanaZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

/** The pipeline's session time zone in DuckDB's spelling, or why it cannot be used. */
export function sessionTimeZone(config: Readonly<Record<string, string>>): SessionTimeZone {
  const raw = config[SESSION_TIME_ZONE_KEY];
  if (raw === undefined || raw.trim() === '') return { ok: true, zone: 'UTC' };
  const value = raw.trim();
  if (/^(Z|UTC|GMT|UT)$/i.test(value)) return { ok: true, zone: 'UTC' };
  const offset = OFFSET.exec(value);
  if (offset) {
    const [, sign, h, m = '0', s = '0'] = offset;
    const hours = Number(h);
    if (hours > 18 || Number(m) > 59 || Number(s) > 59)
      return { ok: false, reason: `${SESSION_TIME_ZONE_KEY} '${raw}' is not a valid zone offset (from -18:00 to +18:00)` };
    // DuckDB knows fixed offsets only as whole-hour Etc/GMT zones, whose sign is POSIX's (inverted).
    if (Number(m) !== 0 || Number(s) !== 0)
      return {
        ok: false,
        reason: `${SESSION_TIME_ZONE_KEY} '${raw}': the local engine runs fixed offsets of whole hours only; use a region such as Asia/Kolkata`,
      };
    if (hours === 0) return { ok: true, zone: 'UTC' };
    if (hours > (sign === '+' ? 14 : 12))
      return { ok: false, reason: `${SESSION_TIME_ZONE_KEY} '${raw}': the local engine runs offsets from -12 to +14 hours only` };
    return { ok: true, zone: `Etc/GMT${sign === '+' ? '-' : '+'}${hours}` };
  }
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value) && isIanaZone(value)) return { ok: true, zone: value };
  return {
    ok: false,
    reason: `${SESSION_TIME_ZONE_KEY} '${raw}' is not a time zone: give a region such as America/Los_Angeles, or an offset such as +08:00`,
  };
}
