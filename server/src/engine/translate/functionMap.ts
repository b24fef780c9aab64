// The Spark/Databricks functions whose DuckDB spelling or answer differs, as
// data: each entry names the Spark function, the argument counts it accepts and
// either a template over the printed arguments or, where the rewrite depends on
// a literal argument (date patterns, struct field names), a small function.
//
// Template language: `$$` is a dollar sign, `$1`, `$2`, ... is the n-th argument (parenthesised unless it
// is atomic), `$*` all arguments comma-separated, `$over` the window clause of
// the call (appended at the end when a template does not place it).
// Functions not listed pass through unchanged (section 8 of the reference:
// `date_trunc`, `coalesce`, `count_if`, `max_by`, ... mean the same in DuckDB).
import { javaToStrftime } from './javaDateFormat';
import { extendedMappings } from './functionMapExtended';
import { timestampText } from './sparkArithmetic';
import { instantFrom, instantOfWall } from './wallTime';
import type { SparkType } from './sparkTypeRules';

/** A printed argument of a call, with what the printer knows about it syntactically. */
export interface CallArg {
  sql: string;
  /** Needs no parentheses inside an operator expression (name, literal, call, parenthesised). */
  atomic: boolean;
  /** The value when the argument is a string literal. */
  stringLiteral?: string;
  /** The type when the syntax alone tells (a typed literal, a cast, a known function). */
  type?: 'date' | 'timestamp' | 'interval' | 'number' | 'string';
  /** The column's name when the argument is a column reference (Spark names struct fields after it). */
  columnName?: string;
  /** Spark's implicit cast to STRING was added (a number passed to a string function). */
  implicitCast?: boolean;
  /** Spark's type of the argument, when the typer knows it. */
  sparkType?: SparkType;
}

export interface CallSite {
  args: CallArg[];
  over?: string;
}

export type RewriteResult = { sql: string } | { untranslatable: string };

export interface FunctionMapping {
  /** Lower-case Spark name. */
  name: string;
  minArgs: number;
  maxArgs: number;
  rewrite: string | ((call: CallSite) => RewriteResult | string);
}

const DEFAULT_TIMESTAMP_PATTERN = 'yyyy-MM-dd HH:mm:ss';

function pattern(call: CallSite, index: number, fn: string): { strftime: string } | { untranslatable: string } {
  const arg = call.args[index];
  if (arg.stringLiteral === undefined)
    return { untranslatable: `${fn} with a non-literal format (the Java pattern is converted when translating)` };
  const c = javaToStrftime(arg.stringLiteral);
  return c.ok ? { strftime: c.strftime } : { untranslatable: `${fn}: ${c.reason}` };
}

export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A string literal placed in a template: `$` doubled so it is not read as a placeholder. */
const templateString = (s: string): string => sqlString(s).replace(/\$/g, '$$$$');
/** strptime rejects strftime's no-padding flag and accepts unpadded numbers anyway. */
const forParsing = (strftime: string): string => strftime.replace(/%-/g, '%');

const isDateLike = (a: CallArg) => a.type === 'date' || a.type === 'timestamp';

/** Spark's TIMESTAMP of an argument: text and wall times read as Spark reads them in the session zone (wallTime.ts). */
const timestampOf = (a: CallArg): string =>
  instantFrom('$1', a.sparkType?.kind ?? (a.type === 'string' ? 'string' : undefined), 'TRY_CAST') ?? 'TRY_CAST($1 AS TIMESTAMPTZ)';

/** A strptime result: a wall time unless the pattern reads an offset (then DuckDB gives the instant). */
const parsedInstant = (f: string): string =>
  /%z|%Z/.test(f) ? `CAST(try_strptime($1, ${f}) AS TIMESTAMPTZ)` : instantOfWall(`try_strptime($1, ${f})`);

/** One rewrite under several Spark names. */
const aliases = (names: string[], m: Omit<FunctionMapping, 'name'>): FunctionMapping[] => names.map((name) => ({ name, ...m }));

/** A rewrite whose argument `index` is a Java date pattern, converted for strftime (or strptime when parsing). */
const withPattern =
  (fn: string, index: number, build: (format: string) => string, parsing = false) =>
  (c: CallSite): RewriteResult | string => {
    const p = c.args.length > index ? pattern(c, index, fn) : javaToStrftimeOk(DEFAULT_TIMESTAMP_PATTERN);
    return 'strftime' in p ? build(templateString(parsing ? forParsing(p.strftime) : p.strftime)) : p;
  };

const mappings: FunctionMapping[] = [
  // Dates and times.
  ...aliases(['current_timestamp', 'now', 'getdate'], { minArgs: 0, maxArgs: 0, rewrite: 'current_timestamp' }),
  { name: 'curdate', minArgs: 0, maxArgs: 0, rewrite: 'current_date' },
  { name: 'date_format', minArgs: 2, maxArgs: 2, rewrite: withPattern('date_format', 1, (f) => `strftime(CAST($1 AS TIMESTAMPTZ), ${f})`) },
  {
    name: 'from_unixtime',
    minArgs: 1,
    maxArgs: 2,
    rewrite: withPattern('from_unixtime', 1, (f) => `strftime(to_timestamp(CAST($1 AS BIGINT)), ${f})`),
  },
  // Epoch counts are instants: a UTC wall time read AT TIME ZONE 'UTC' is a TIMESTAMPTZ.
  { name: 'timestamp_millis', minArgs: 1, maxArgs: 1, rewrite: "(epoch_ms(CAST($1 AS BIGINT)) AT TIME ZONE 'UTC')" },
  { name: 'timestamp_micros', minArgs: 1, maxArgs: 1, rewrite: "(make_timestamp(CAST($1 AS BIGINT)) AT TIME ZONE 'UTC')" },
  {
    name: 'timestamp_seconds',
    minArgs: 1,
    maxArgs: 1,
    rewrite: "(make_timestamp(CAST(CAST($1 AS DOUBLE) * 1000000 AS BIGINT)) AT TIME ZONE 'UTC')",
  },
  { name: 'unix_millis', minArgs: 1, maxArgs: 1, rewrite: 'epoch_ms(CAST($1 AS TIMESTAMPTZ))' },
  { name: 'unix_seconds', minArgs: 1, maxArgs: 1, rewrite: 'CAST(floor(epoch(CAST($1 AS TIMESTAMPTZ))) AS BIGINT)' },
  // Spark's make_timestamp is in the session time zone (or the one given); make_timestamp_ntz is a wall time.
  {
    name: 'make_timestamp',
    minArgs: 6,
    maxArgs: 7,
    rewrite: (c) => (c.args.length === 6 ? instantOfWall('make_timestamp($*)') : 'make_timestamptz($*)'),
  },
  // Spark's date_trunc always answers a TIMESTAMP, cut in the session time zone.
  { name: 'date_trunc', minArgs: 2, maxArgs: 2, rewrite: 'date_trunc($1, CAST($2 AS TIMESTAMPTZ))' },
  {
    name: 'unix_timestamp',
    minArgs: 0,
    maxArgs: 2,
    rewrite: (c) => {
      if (c.args.length === 0) return 'CAST(epoch(current_timestamp) AS BIGINT)';
      if (c.args.length === 1) return `CAST(epoch(${timestampOf(c.args[0])}) AS BIGINT)`;
      // A parsed wall time is in the session time zone (a pattern with an offset gives an instant already).
      return withPattern('unix_timestamp', 1, (f) => `CAST(epoch(${parsedInstant(f)}) AS BIGINT)`, true)(c);
    },
  },
  {
    name: 'to_date',
    minArgs: 1,
    maxArgs: 2,
    rewrite: (c) => {
      if (c.args.length === 1) return isDateLike(c.args[0]) ? `CAST($1 AS DATE)` : `CAST(TRY_CAST($1 AS TIMESTAMP) AS DATE)`;
      return withPattern('to_date', 1, (f) => `CAST(try_strptime($1, ${f}) AS DATE)`, true)(c);
    },
  },
  {
    name: 'to_timestamp',
    minArgs: 1,
    maxArgs: 2,
    rewrite: (c) => {
      if (c.args.length === 1) return timestampOf(c.args[0]);
      return withPattern('to_timestamp', 1, parsedInstant, true)(c);
    },
  },
  { name: 'to_timestamp_ntz', minArgs: 1, maxArgs: 1, rewrite: 'TRY_CAST($1 AS TIMESTAMP)' },
  // Spark numbers days 1 = Sunday .. 7 = Saturday; DuckDB 0 = Sunday.
  { name: 'dayofweek', minArgs: 1, maxArgs: 1, rewrite: '(dayofweek(CAST($1 AS DATE)) + 1)' },
  { name: 'weekday', minArgs: 1, maxArgs: 1, rewrite: '(isodow(CAST($1 AS DATE)) - 1)' },
  { name: 'dayname', minArgs: 1, maxArgs: 1, rewrite: "strftime(CAST($1 AS DATE), '%a')" },
  { name: 'monthname', minArgs: 1, maxArgs: 1, rewrite: "strftime(CAST($1 AS DATE), '%b')" },
  {
    name: 'datediff',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 2
        ? "date_diff('day', CAST($2 AS DATE), CAST($1 AS DATE))"
        : unitCall(c, 'datediff', (u) => `date_sub(${u}, $2, $3)`),
  },
  {
    name: 'date_diff',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 2
        ? "date_diff('day', CAST($2 AS DATE), CAST($1 AS DATE))"
        : unitCall(c, 'date_diff', (u) => `date_sub(${u}, $2, $3)`),
  },
  { name: 'timestampdiff', minArgs: 3, maxArgs: 3, rewrite: (c) => unitCall(c, 'timestampdiff', (u) => `date_sub(${u}, $2, $3)`) },
  {
    name: 'date_sub',
    minArgs: 2,
    maxArgs: 2,
    rewrite: '(CAST($1 AS DATE) - CAST($2 AS INTEGER))',
  },
  {
    name: 'date_add',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 2 ? '(CAST($1 AS DATE) + CAST($2 AS INTEGER))' : unitCall(c, 'date_add', (u) => `($3 + to_${u.slice(1, -1)}s($2))`),
  },
  {
    name: 'dateadd',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 2 ? '(CAST($1 AS DATE) + CAST($2 AS INTEGER))' : unitCall(c, 'dateadd', (u) => `($3 + to_${u.slice(1, -1)}s($2))`),
  },
  { name: 'timestampadd', minArgs: 3, maxArgs: 3, rewrite: (c) => unitCall(c, 'timestampadd', (u) => `($3 + to_${u.slice(1, -1)}s($2))`) },
  { name: 'add_months', minArgs: 2, maxArgs: 2, rewrite: 'CAST(CAST($1 AS DATE) + to_months(CAST($2 AS INTEGER)) AS DATE)' },
  { name: 'date_from_unix_date', minArgs: 1, maxArgs: 1, rewrite: "(DATE '1970-01-01' + CAST($1 AS INTEGER))" },
  { name: 'unix_date', minArgs: 1, maxArgs: 1, rewrite: "(CAST($1 AS DATE) - DATE '1970-01-01')" },
  // Arrays, generators and structs.
  { name: 'array', minArgs: 0, maxArgs: 1000, rewrite: '[$*]' },
  {
    name: 'sequence',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) => {
      const [start, stop, step] = c.args;
      if (isDateLike(start) || isDateLike(stop) || step?.type === 'interval') {
        const series = `generate_series(CAST($1 AS TIMESTAMPTZ), CAST($2 AS TIMESTAMPTZ), ${step ? '$3' : 'INTERVAL 1 DAY'})`;
        // Spark keeps the element type of the bounds: dates stay dates. When the
        // syntax does not tell, a step of whole days or more means dates.
        const subDaily = step?.type === 'interval' && /HOUR|MINUTE|SECOND/i.test(step.sql);
        return start.type === 'timestamp' || subDaily ? series : `list_transform(${series}, lambda __d: CAST(__d AS DATE))`;
      }
      // Spark counts down when start > stop and no step is given; DuckDB would return [].
      const series = step ? 'generate_series($1, $2, $3)' : 'generate_series($1, $2, CASE WHEN $1 <= $2 THEN 1 ELSE -1 END)';
      // Spark keeps INT elements for INT bounds; DuckDB's series is BIGINT.
      return start.sparkType?.kind === 'int' && stop.sparkType?.kind === 'int' ? `CAST(${series} AS INTEGER[])` : series;
    },
  },
  { name: 'explode', minArgs: 1, maxArgs: 1, rewrite: 'unnest($1)' },
  { name: 'explode_outer', minArgs: 1, maxArgs: 1, rewrite: 'unnest(CASE WHEN len($1) > 0 THEN $1 ELSE [NULL] END)' },
  { name: 'size', minArgs: 1, maxArgs: 1, rewrite: 'coalesce(len($1), -1)' },
  { name: 'array_size', minArgs: 1, maxArgs: 1, rewrite: 'len($1)' },
  { name: 'array_join', minArgs: 2, maxArgs: 2, rewrite: 'array_to_string($1, $2)' },
  { name: 'array_max', minArgs: 1, maxArgs: 1, rewrite: 'list_max($1)' },
  { name: 'array_min', minArgs: 1, maxArgs: 1, rewrite: 'list_min($1)' },
  {
    name: 'sort_array',
    minArgs: 1,
    maxArgs: 2,
    rewrite: (c) =>
      c.args[1]?.sql.toLowerCase() === 'false' ? "list_sort($1, 'DESC', 'NULLS LAST')" : "list_sort($1, 'ASC', 'NULLS FIRST')",
  },
  { name: 'element_at', minArgs: 2, maxArgs: 2, rewrite: '$1[$2]' },
  {
    // Spark alternates keys and values; DuckDB takes a key list and a value list.
    name: 'map',
    minArgs: 2,
    maxArgs: 1000,
    rewrite: (c) => {
      if (c.args.length % 2 !== 0) return { untranslatable: 'map with an odd number of arguments' };
      const at = (from: number) => c.args.flatMap((_, i) => (i % 2 === from ? [`$${i + 1}`] : [])).join(', ');
      return `map([${at(0)}], [${at(1)}])`;
    },
  },
  { name: 'map_contains_key', minArgs: 2, maxArgs: 2, rewrite: 'map_contains($1, $2)' },
  {
    name: 'named_struct',
    minArgs: 2,
    maxArgs: 1000,
    rewrite: (c) => {
      if (c.args.length % 2 !== 0) return { untranslatable: 'named_struct with an odd number of arguments' };
      const fields: string[] = [];
      for (let i = 0; i < c.args.length; i += 2) {
        const name = c.args[i].stringLiteral;
        if (name === undefined) return { untranslatable: 'named_struct with a non-literal field name' };
        fields.push(`"${name.replace(/"/g, '""').replace(/\$/g, '$$$$')}" := $${i + 2}`);
      }
      return `struct_pack(${fields.join(', ')})`;
    },
  },
  {
    // Spark names each field after its column, or col1, col2, ... for other expressions.
    name: 'struct',
    minArgs: 1,
    maxArgs: 1000,
    rewrite: (c) =>
      `struct_pack(${c.args.map((a, i) => `"${(a.columnName ?? `col${i + 1}`).replace(/"/g, '""').replace(/\$/g, '$$$$')}" := $${i + 1}`).join(', ')})`,
  },
  // Aggregates. Spark's collectors skip NULLs and return [] for no rows.
  { name: 'collect_list', minArgs: 1, maxArgs: 1, rewrite: 'coalesce(list($1) FILTER (WHERE $1 IS NOT NULL)$over, [])' },
  { name: 'collect_set', minArgs: 1, maxArgs: 1, rewrite: 'coalesce(list(DISTINCT $1) FILTER (WHERE $1 IS NOT NULL)$over, [])' },
  // Exact and cheap; approx_quantile is very slow with many groups (reference section 8).
  { name: 'percentile_approx', minArgs: 2, maxArgs: 3, rewrite: 'quantile_disc($1, $2)' },
  { name: 'approx_percentile', minArgs: 2, maxArgs: 3, rewrite: 'quantile_disc($1, $2)' },
  { name: 'percentile', minArgs: 2, maxArgs: 2, rewrite: 'quantile_cont($1, $2)' },
  { name: 'std', minArgs: 1, maxArgs: 1, rewrite: 'stddev_samp($1)' },
  { name: 'every', minArgs: 1, maxArgs: 1, rewrite: 'bool_and($1)' },
  { name: 'any', minArgs: 1, maxArgs: 1, rewrite: 'bool_or($1)' },
  { name: 'some', minArgs: 1, maxArgs: 1, rewrite: 'bool_or($1)' },
  // Nulls and conditionals.
  { name: 'nvl', minArgs: 2, maxArgs: 2, rewrite: 'coalesce($1, $2)' },
  { name: 'nvl2', minArgs: 3, maxArgs: 3, rewrite: 'CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END' },
  { name: 'iff', minArgs: 3, maxArgs: 3, rewrite: 'if($1, $2, $3)' },
  { name: 'isnull', minArgs: 1, maxArgs: 1, rewrite: '($1 IS NULL)' },
  { name: 'isnotnull', minArgs: 1, maxArgs: 1, rewrite: '($1 IS NOT NULL)' },
  { name: 'zeroifnull', minArgs: 1, maxArgs: 1, rewrite: 'coalesce($1, 0)' },
  { name: 'nullifzero', minArgs: 1, maxArgs: 1, rewrite: 'nullif($1, 0)' },
  { name: 'equal_null', minArgs: 2, maxArgs: 2, rewrite: '($1 IS NOT DISTINCT FROM $2)' },
  { name: 'try_divide', minArgs: 2, maxArgs: 2, rewrite: '($1 / nullif($2, 0))' },
  // Strings, hashes, JSON.
  { name: 'md5', minArgs: 1, maxArgs: 1, rewrite: 'md5(CAST($1 AS VARCHAR))' },
  { name: 'sha1', minArgs: 1, maxArgs: 1, rewrite: 'sha1(CAST($1 AS VARCHAR))' },
  { name: 'sha', minArgs: 1, maxArgs: 1, rewrite: 'sha1(CAST($1 AS VARCHAR))' },
  {
    name: 'sha2',
    minArgs: 2,
    maxArgs: 2,
    rewrite: (c) =>
      c.args[1].sql === '256' || c.args[1].sql === '0'
        ? 'sha256(CAST($1 AS VARCHAR))'
        : { untranslatable: `sha2 with bit length ${c.args[1].sql} (only 256)` },
  },
  { name: 'get_json_object', minArgs: 2, maxArgs: 2, rewrite: 'json_extract_string($1, $2)' },
  // Spark's concat is NULL when any argument is; DuckDB's concat skips NULLs.
  { name: 'concat', minArgs: 1, maxArgs: 1000, rewrite: (c) => '(' + c.args.map((_, i) => `$${i + 1}`).join(' || ') + ')' },
  { name: 'startswith', minArgs: 2, maxArgs: 2, rewrite: 'starts_with($1, $2)' },
  { name: 'endswith', minArgs: 2, maxArgs: 2, rewrite: 'ends_with($1, $2)' },
  { name: 'rlike', minArgs: 2, maxArgs: 2, rewrite: 'regexp_matches($1, $2)' },
  { name: 'regexp_like', minArgs: 2, maxArgs: 2, rewrite: 'regexp_matches($1, $2)' },
  { name: 'regexp', minArgs: 2, maxArgs: 2, rewrite: 'regexp_matches($1, $2)' },
  { name: 'regexp_replace', minArgs: 3, maxArgs: 3, rewrite: "regexp_replace($1, $2, $3, 'g')" },
  {
    name: 'regexp_extract',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) => (c.args.length === 2 ? 'regexp_extract($1, $2, 1)' : 'regexp_extract($1, $2, $3)'),
  },
  {
    name: 'split',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 3 && c.args[2].sql !== '-1' ? { untranslatable: 'split with a limit' } : 'string_split_regex($1, $2)',
  },
  { name: 'pmod', minArgs: 2, maxArgs: 2, rewrite: '((($1 % $2) + $2) % $2)' },
  { name: 'signum', minArgs: 1, maxArgs: 1, rewrite: 'CAST(sign($1) AS DOUBLE)' },
  // DuckDB's count_if is NULL over no true or only NULL inputs; Spark's is 0.
  { name: 'count_if', minArgs: 1, maxArgs: 1, rewrite: 'coalesce(count_if($1)$over, 0)' },
  // Spark counts string positions from 1 but reads position 0 as 1.
  ...aliases(['substr', 'substring'], {
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 2 ? 'substring($1, CASE WHEN $2 = 0 THEN 1 ELSE $2 END)' : 'substring($1, CASE WHEN $2 = 0 THEN 1 ELSE $2 END, $3)',
  }),
  ...aliases(['position', 'locate'], {
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) =>
      c.args.length === 2
        ? 'instr($2, $1)'
        : 'CASE WHEN instr(substring($2, $3), $1) = 0 THEN 0 ELSE instr(substring($2, $3), $1) + $3 - 1 END',
  }),
  { name: 'btrim', minArgs: 1, maxArgs: 2, rewrite: (c) => (c.args.length === 1 ? 'trim($1)' : 'trim($1, $2)') },
  ...aliases(['char', 'chr'], { minArgs: 1, maxArgs: 1, rewrite: 'chr(CAST($1 % 256 AS INTEGER))' }),
  { name: 'octet_length', minArgs: 1, maxArgs: 1, rewrite: 'strlen($1)' },
  { name: 'space', minArgs: 1, maxArgs: 1, rewrite: "repeat(' ', $1)" },
  {
    name: 'regexp_extract_all',
    minArgs: 2,
    maxArgs: 3,
    rewrite: (c) => (c.args.length === 2 ? 'regexp_extract_all($1, $2, 1)' : 'regexp_extract_all($1, $2, $3)'),
  },
  // Spark's log(x) is natural; DuckDB's log(x) is base 10.
  { name: 'log', minArgs: 1, maxArgs: 2, rewrite: (c) => (c.args.length === 1 ? 'ln($1)' : '(ln($2) / ln($1))') },
  { name: 'log1p', minArgs: 1, maxArgs: 1, rewrite: 'ln(1 + $1)' },
  { name: 'expm1', minArgs: 1, maxArgs: 1, rewrite: '(exp($1) - 1)' },
  { name: 'e', minArgs: 0, maxArgs: 0, rewrite: 'exp(1)' },
  ...aliases(['rand', 'random'], { minArgs: 0, maxArgs: 1, rewrite: 'random()' }),
  { name: 'bround', minArgs: 1, maxArgs: 2, rewrite: (c) => (c.args.length === 1 ? 'round_even($1, 0)' : 'round_even($1, $2)') },
  { name: 'div', minArgs: 2, maxArgs: 2, rewrite: '($1 // $2)' },
  { name: 'decimal', minArgs: 1, maxArgs: 1, rewrite: 'CAST($1 AS DECIMAL(10,0))' },
  {
    name: 'trunc',
    minArgs: 2,
    maxArgs: 2,
    rewrite: (c) => {
      const unit = { YEAR: 'year', YYYY: 'year', YY: 'year', QUARTER: 'quarter', MONTH: 'month', MM: 'month', MON: 'month', WEEK: 'week' }[
        (c.args[1].stringLiteral ?? '').toUpperCase()
      ];
      return unit ? `CAST(date_trunc('${unit}', CAST($1 AS DATE)) AS DATE)` : { untranslatable: `trunc with format ${c.args[1].sql}` };
    },
  },
  { name: 'array_agg', minArgs: 1, maxArgs: 1, rewrite: 'coalesce(list($1) FILTER (WHERE $1 IS NOT NULL)$over, [])' },
  { name: 'array_distinct', minArgs: 1, maxArgs: 1, rewrite: 'list_filter($1, lambda __x, __i: list_position($1, __x) = __i)' },
  { name: 'array_remove', minArgs: 2, maxArgs: 2, rewrite: 'list_filter($1, lambda __x: __x IS DISTINCT FROM $2)' },
  { name: 'array_position', minArgs: 2, maxArgs: 2, rewrite: 'CASE WHEN $1 IS NULL THEN NULL ELSE coalesce(list_position($1, $2), 0) END' },
  {
    name: 'array_union',
    minArgs: 2,
    maxArgs: 2,
    rewrite: 'CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL ELSE list_distinct(list_concat($1, $2)) END',
  },
  { name: 'slice', minArgs: 3, maxArgs: 3, rewrite: 'list_slice($1, $2, CASE WHEN $2 < 0 THEN len($1) + $2 + $3 ELSE $2 + $3 - 1 END)' },
  { name: 'get', minArgs: 2, maxArgs: 2, rewrite: '$1[$2 + 1]' },
  // Spark's casting shorthands.
  ...(
    [
      ['int', 'INTEGER'],
      ['bigint', 'BIGINT'],
      ['smallint', 'SMALLINT'],
      ['tinyint', 'TINYINT'],
      ['double', 'DOUBLE'],
      ['float', 'FLOAT'],
      ['boolean', 'BOOLEAN'],
      ['date', 'DATE'],
    ] as const
  ).map(([name, type]): FunctionMapping => ({ name, minArgs: 1, maxArgs: 1, rewrite: `CAST($1 AS ${type})` })),
  { name: 'timestamp', minArgs: 1, maxArgs: 1, rewrite: (c) => timestampOf(c.args[0]) },
  {
    name: 'string',
    minArgs: 1,
    maxArgs: 1,
    rewrite: (c) => (c.args[0].sparkType?.kind === 'timestamp' ? timestampText('$1') : 'CAST($1 AS VARCHAR)'),
  },
  ...extendedMappings,
];

function javaToStrftimeOk(p: string): { strftime: string } {
  const c = javaToStrftime(p);
  if (!c.ok) throw new Error(c.reason); // only reached with the constant default pattern
  return { strftime: c.strftime };
}

const UNITS = new Set(['microsecond', 'millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);

/** Spark's unit argument is a bare keyword (`DAY`), printed as a name; DuckDB wants a string. */
function unitCall(c: CallSite, fn: string, build: (unit: string) => string): RewriteResult | string {
  const raw = (c.args[0].stringLiteral ?? c.args[0].sql).toLowerCase().replace(/s$/, '');
  if (!UNITS.has(raw)) return { untranslatable: `${fn} with unit $1` };
  return build(templateString(raw));
}

export const functionMappings: ReadonlyMap<string, FunctionMapping> = new Map(mappings.map((m) => [m.name, m]));

/** Expands a template against a call's printed arguments. */
export function expandTemplate(template: string, call: CallSite): string {
  const arg = (i: number) => {
    const a = call.args[i];
    return a.atomic ? a.sql : `(${a.sql})`;
  };
  let placedOver = false;
  const out = template.replace(/\$(\d+|\*|over|\$)/g, (_, k: string) => {
    if (k === '$') return '$';
    if (k === '*') return call.args.map((a) => a.sql).join(', ');
    if (k === 'over') {
      placedOver = true;
      return call.over ? ` ${call.over}` : '';
    }
    return arg(Number(k) - 1);
  });
  return call.over && !placedOver ? `${out} ${call.over}` : out;
}

/**
 * The DuckDB SQL for a call of `name`, or undefined when the function passes
 * through unchanged, or an untranslatable reason.
 */
export function rewriteCall(name: string, call: CallSite): RewriteResult | undefined {
  const m = functionMappings.get(name.toLowerCase());
  if (!m) return undefined;
  if (call.args.length < m.minArgs || call.args.length > m.maxArgs) {
    return { untranslatable: `${name} with ${call.args.length} argument(s)` };
  }
  const r = typeof m.rewrite === 'string' ? m.rewrite : m.rewrite(call);
  if (typeof r !== 'string' && 'untranslatable' in r) return r;
  return { sql: expandTemplate(typeof r === 'string' ? r : r.sql, call) };
}
