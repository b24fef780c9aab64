// More Spark/Databricks functions with a DuckDB rewrite, beyond the core map in
// functionMap.ts: time zones, arrays and maps, regular expressions, number
// formatting, bits, URLs, try_* arithmetic and moment statistics. Same
// template language; each entry has a test against Spark's documented answer.
import type { FunctionMapping } from './functionMap';
import { instantOfWall } from './wallTime';

/** Spark's session time zone in a local run: the engine sets DuckDB's TimeZone to it. */
const SESSION_TZ = "current_setting('TimeZone')";

/** ISO order: index + 1 is DuckDB's isodow. */
const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export const extendedMappings: FunctionMapping[] = [
  // Time zones. from_utc_timestamp: the wall time in the zone, read as UTC;
  // to_utc_timestamp: the UTC wall time, read in the zone (Spark's convertTz).
  { name: 'from_utc_timestamp', minArgs: 2, maxArgs: 2, rewrite: `((CAST($1 AS TIMESTAMPTZ) AT TIME ZONE $2) AT TIME ZONE 'UTC')` },
  { name: 'to_utc_timestamp', minArgs: 2, maxArgs: 2, rewrite: instantOfWall(`(CAST($1 AS TIMESTAMPTZ) AT TIME ZONE 'UTC')`, '$2') },
  {
    name: 'convert_timezone',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 2
        ? `(${instantOfWall('CAST($2 AS TIMESTAMP)', SESSION_TZ)} AT TIME ZONE $1)`
        : `(${instantOfWall('CAST($3 AS TIMESTAMP)', '$1')} AT TIME ZONE $2)`,
  },
  {
    // Whole months when the days match or both are month ends; else the day and
    // time difference over a 31-day month, rounded to 8 digits unless roundOff is false.
    name: 'months_between',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) => {
      const a = 'CAST($1 AS TIMESTAMPTZ)';
      const b = 'CAST($2 AS TIMESTAMPTZ)';
      const months = `((year(${a}) * 12 + month(${a})) - (year(${b}) * 12 + month(${b})))`;
      const inMonth = (t: string) => `((day(${t}) - 1) * 86400 + epoch(${t}) - epoch(date_trunc('day', ${t})))`;
      const exact = `day(${a}) = day(${b}) OR (CAST(${a} AS DATE) = last_day(${a}) AND CAST(${b} AS DATE) = last_day(${b}))`;
      const fraction = `${months} + (${inMonth(a)} - ${inMonth(b)}) / 2678400.0`;
      const roundOff = c.args[2]?.sql.toLowerCase() !== 'false';
      return `CASE WHEN ${exact} THEN CAST(${months} AS DOUBLE) ELSE ${roundOff ? `round(${fraction}, 8)` : fraction} END`;
    },
  },
  {
    name: 'next_day',
    minArgs: 2,
    maxArgs: 2,
    rewrite: (c) => {
      const day = (c.args[1].stringLiteral ?? '').toUpperCase();
      // Spark accepts a day's two-letter, three-letter or full English name.
      const target = DAY_NAMES.findIndex((n) => n === day || n.slice(0, 3) === day || n.slice(0, 2) === day);
      if (target < 0) return { untranslatable: 'next_day with a non-literal or unknown day of week' };
      return `CAST(CAST($1 AS DATE) + CAST((${target + 1} - isodow(CAST($1 AS DATE)) + 6) % 7 + 1 AS INTEGER) AS DATE)`;
    },
  },
  { name: 'make_timestamp_ntz', minArgs: 6, maxArgs: 6, rewrite: 'make_timestamp($*)' },
  { name: 'unix_micros', minArgs: 1, maxArgs: 1, rewrite: 'epoch_us(CAST($1 AS TIMESTAMPTZ))' },
  // Arrays and maps.
  { name: 'array_compact', minArgs: 1, maxArgs: 1, rewrite: 'list_filter($1, lambda __x: __x IS NOT NULL)' },
  { name: 'arrays_overlap', minArgs: 2, maxArgs: 2, rewrite: 'list_has_any($1, $2)' },
  { name: 'array_prepend', minArgs: 2, maxArgs: 2, rewrite: 'CASE WHEN $1 IS NULL THEN NULL ELSE list_prepend($2, $1) END' },
  { name: 'array_repeat', minArgs: 2, maxArgs: 2, rewrite: 'repeat([$1], $2)' },
  { name: 'map_from_arrays', minArgs: 2, maxArgs: 2, rewrite: 'map($1, $2)' },
  { name: 'json_object_keys', minArgs: 1, maxArgs: 1, rewrite: 'json_keys($1)' },
  // Spark counts from 1 and answers NULL out of range, as DuckDB's list index does.
  {
    name: 'elt',
    minArgs: 2,
    maxArgs: 1000,
    rewrite: (c) =>
      `[${c.args
        .slice(1)
        .map((_, i) => `$${i + 2}`)
        .join(', ')}][$1]`,
  },
  // Strings.
  { name: 'format_string', minArgs: 1, maxArgs: 1000, rewrite: 'printf($*)' },
  {
    name: 'format_number',
    minArgs: 2,
    maxArgs: 2,
    rewrite: (c) =>
      /^\d+$/.test(c.args[1].sql)
        ? `format('{:,.${c.args[1].sql}f}', $1)`
        : { untranslatable: 'format_number with a pattern or a non-literal scale' },
  },
  {
    name: 'initcap',
    minArgs: 1,
    maxArgs: 1,
    rewrite: "array_to_string(list_transform(string_split(lower($1), ' '), lambda __w: upper(__w[1]) || __w[2:]), ' ')",
  },
  { name: 'regexp_count', minArgs: 2, maxArgs: 2, rewrite: 'len(regexp_extract_all($1, $2))' },
  { name: 'regexp_substr', minArgs: 2, maxArgs: 2, rewrite: "nullif(regexp_extract($1, $2), '')" },
  {
    name: 'charindex',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 2 ? 'instr($2, $1)' : 'CASE WHEN instr(substr($2, $3), $1) = 0 THEN 0 ELSE instr(substr($2, $3), $1) + $3 - 1 END',
  },
  {
    name: 'substring_index',
    minArgs: 3,
    maxArgs: 3,
    rewrite:
      "CASE WHEN $3 > 0 THEN array_to_string(list_slice(string_split($1, $2), 1, $3), $2) WHEN $3 < 0 THEN array_to_string(list_slice(string_split($1, $2), $3, -1), $2) ELSE '' END",
  },
  { name: 'url_encode', minArgs: 1, maxArgs: 1, rewrite: "replace(url_encode($1), '%20', '+')" },
  { name: 'url_decode', minArgs: 1, maxArgs: 1, rewrite: "url_decode(replace($1, '+', ' '))" },
  // Numbers and bits.
  { name: 'nanvl', minArgs: 2, maxArgs: 2, rewrite: 'CASE WHEN isnan($1) THEN $2 ELSE $1 END' },
  { name: 'hypot', minArgs: 2, maxArgs: 2, rewrite: 'sqrt($1 * $1 + $2 * $2)' },
  { name: 'negative', minArgs: 1, maxArgs: 1, rewrite: '(- $1)' },
  { name: 'positive', minArgs: 1, maxArgs: 1, rewrite: '(+ $1)' },
  { name: 'sec', minArgs: 1, maxArgs: 1, rewrite: '(1 / cos($1))' },
  { name: 'csc', minArgs: 1, maxArgs: 1, rewrite: '(1 / sin($1))' },
  // DuckDB refuses to shift a negative number left; Spark multiplies (and wraps).
  { name: 'shiftleft', minArgs: 2, maxArgs: 2, rewrite: '($1 * (1 << $2))' },
  { name: 'shiftright', minArgs: 2, maxArgs: 2, rewrite: '($1 >> $2)' },
  ...['getbit', 'bit_get'].map((name): FunctionMapping => ({ name, minArgs: 2, maxArgs: 2, rewrite: '(($1 >> $2) & 1)' })),
  // try_* arithmetic: NULL instead of an overflow error.
  { name: 'try_add', minArgs: 2, maxArgs: 2, rewrite: 'try($1 + $2)' },
  { name: 'try_subtract', minArgs: 2, maxArgs: 2, rewrite: 'try($1 - $2)' },
  { name: 'try_multiply', minArgs: 2, maxArgs: 2, rewrite: 'try($1 * $2)' },
  { name: 'try_sum', minArgs: 1, maxArgs: 1, rewrite: 'sum($1)$over' },
  { name: 'try_avg', minArgs: 1, maxArgs: 1, rewrite: 'avg($1)$over' },
  // Moments: Spark's are the population forms.
  { name: 'kurtosis', minArgs: 1, maxArgs: 1, rewrite: 'kurtosis_pop($1)$over' },
  // DuckDB's sample skewness is NULL below 3 values; Spark's population skewness of 2 values is 0.
  {
    name: 'skewness',
    minArgs: 1,
    maxArgs: 1,
    rewrite:
      'CASE WHEN count($1)$over = 2 THEN 0.0 ELSE (skewness($1)$over * (count($1)$over - 2) / sqrt(count($1)$over * (count($1)$over - 1))) END',
  },
];
