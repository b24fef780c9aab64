// The Spark session settings of a pipeline's configuration that change what
// its SQL computes: `spark.sql.session.timeZone` (UTC when absent) and
// `spark.sql.ansi.enabled`. Checked here for the bundle's diagnostics (LF508:
// a value Spark itself refuses) and read by the local engine, which keeps
// Spark's TIMESTAMP as DuckDB's TIMESTAMPTZ and sets DuckDB's TimeZone to the
// session zone, so hour(), CAST(... AS DATE), date_format and
// CAST('...' AS TIMESTAMP) answer as Spark does.

export const SESSION_TIME_ZONE_KEY = 'spark.sql.session.timeZone';
export const ANSI_KEY = 'spark.sql.ansi.enabled';

/**
 * The zone in DuckDB's spelling, or why it cannot be used: `local` when
 * Spark accepts it but the local engine cannot run it.
 */
export type SessionTimeZone = { ok: true; zone: string } | { ok: false; reason: string; local?: true };

/** Spark's zone offsets (java.time.ZoneId): `+08`, `-5`, `+05:30`, `+0530`, optionally after `UTC`/`GMT`/`UT`. */
const OFFSET = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/i;

/** java.time.ZoneId.SHORT_IDS, which Spark resolves session zones with. */
const SHORT_IDS: Record<string, string> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
  EST: '-05:00',
  MST: '-07:00',
  HST: '-10:00',
};

const isRegion = (name: string): boolean => {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
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
  const written = raw.trim();
  const value = SHORT_IDS[written] ?? written;
  if (/^(Z|UTC|GMT|UT)$/i.test(value)) return { ok: true, zone: 'UTC' };
  const offset = OFFSET.exec(value);
  if (offset) {
    const [, sign, h, m = '0', s = '0'] = offset;
    const hours = Number(h);
    if (hours > 18 || Number(m) > 59 || Number(s) > 59 || (hours === 18 && (Number(m) > 0 || Number(s) > 0)))
      return { ok: false, reason: `${SESSION_TIME_ZONE_KEY} '${raw}' is not a valid zone offset (from -18:00 to +18:00)` };
    // DuckDB knows fixed offsets only as whole-hour Etc/GMT zones, whose sign is POSIX's (inverted).
    if (Number(m) !== 0 || Number(s) !== 0)
      return {
        ok: false,
        local: true,
        reason: `${SESSION_TIME_ZONE_KEY} '${raw}': the local engine runs fixed offsets of whole hours only; use a region such as Asia/Kolkata`,
      };
    if (hours === 0) return { ok: true, zone: 'UTC' };
    if (hours > (sign === '+' ? 14 : 12))
      return {
        ok: false,
        local: true,
        reason: `${SESSION_TIME_ZONE_KEY} '${raw}': the local engine runs offsets from -12 to +14 hours only`,
      };
    return { ok: true, zone: `Etc/GMT${sign === '+' ? '-' : '+'}${hours}` };
  }
  if (isRegion(value)) return { ok: true, zone: value };
  return {
    ok: false,
    reason: `${SESSION_TIME_ZONE_KEY} '${raw}' is not a time zone: give a region such as America/Los_Angeles, or an offset such as +08:00`,
  };
}

/** Why a session setting's value is one Spark refuses (the pipeline would not start), if it is. */
export function sessionSettingProblem(key: string, value: string): string | undefined {
  if (key === SESSION_TIME_ZONE_KEY) {
    const zone = sessionTimeZone({ [key]: value });
    return zone.ok || zone.local ? undefined : zone.reason;
  }
  if (key === ANSI_KEY && !/^(true|false)$/i.test(value.trim())) return `${ANSI_KEY} is true or false, not '${value}'`;
  return undefined;
}
