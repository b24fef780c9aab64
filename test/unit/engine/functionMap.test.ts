// Each mapped Spark function, run on DuckDB, gives the answer the Spark SQL
// function reference documents for the same call (session time zone UTC).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CallArg, functionMappings, rewriteCall } from '../../../server/src/engine/translate/functionMap';
import { javaToStrftime } from '../../../server/src/engine/translate/javaDateFormat';
import { openTestDb, TestDb } from './duckdbHelper';

const str = (s: string): CallArg => ({ sql: `'${s.replace(/'/g, "''")}'`, atomic: true, stringLiteral: s });
const num = (n: number): CallArg => ({ sql: String(n), atomic: true, type: 'number' });
const expr = (sql: string, type?: CallArg['type']): CallArg => ({ sql, atomic: /^[\w.]+(\(.*\))?$/.test(sql), type });

function call(name: string, ...args: CallArg[]): string {
  const r = rewriteCall(name, { args });
  assert.ok(r && 'sql' in r, `${name} should translate: ${JSON.stringify(r)}`);
  return r.sql;
}

interface Case {
  spark: string;
  duckdb: () => string;
  /** The documented Spark answer, as DuckDB renders the same value as text. */
  expected: string | null | (string | null)[];
}

const ts = (s: string) => expr(`TIMESTAMP '${s}'`, 'timestamp');
const dt = (s: string) => expr(`DATE '${s}'`, 'date');

const cases: Case[] = [
  { spark: "date_format('2016-04-08', 'y')", duckdb: () => call('date_format', str('2016-04-08'), str('y')), expected: '2016' },
  {
    spark: "date_format(ts, 'yyyy-MM-dd HH:mm:ss.SSS')",
    duckdb: () => call('date_format', ts('2016-04-08 13:05:09.123'), str('yyyy-MM-dd HH:mm:ss.SSS')),
    expected: '2016-04-08 13:05:09.123',
  },
  { spark: "date_format(ts, 'MMM')", duckdb: () => call('date_format', ts('2016-04-08 13:05:09'), str('MMM')), expected: 'Apr' },
  { spark: "date_format(ts, 'MMMM')", duckdb: () => call('date_format', ts('2016-04-08 13:05:09'), str('MMMM')), expected: 'April' },
  { spark: "date_format(ts, 'EEE')", duckdb: () => call('date_format', ts('2016-04-08 13:05:09'), str('EEE')), expected: 'Fri' },
  { spark: "date_format(ts, 'EEEE')", duckdb: () => call('date_format', ts('2016-04-08 13:05:09'), str('EEEE')), expected: 'Friday' },
  {
    spark: "date_format(ts, 'hh:mm a')",
    duckdb: () => call('date_format', ts('2016-04-08 13:05:09'), str('hh:mm a')),
    expected: '01:05 PM',
  },
  {
    spark: "date_format(ts, 'dd/MM/yy')",
    duckdb: () => call('date_format', ts('2016-04-08 13:05:09'), str('dd/MM/yy')),
    expected: '08/04/16',
  },
  { spark: "date_format(ts, 'yyyy-MM')", duckdb: () => call('date_format', dt('2016-04-08'), str('yyyy-MM')), expected: '2016-04' },
  { spark: "date_format(ts, 'yyyy''Q''')", duckdb: () => call('date_format', dt('2016-04-08'), str("yyyy'-W'")), expected: '2016-W' },
  { spark: "dayofweek('2009-07-30')", duckdb: () => call('dayofweek', str('2009-07-30')), expected: '5' },
  { spark: "dayofweek('2024-01-07') (a Sunday)", duckdb: () => call('dayofweek', str('2024-01-07')), expected: '1' },
  { spark: "dayofweek('2024-01-06') (a Saturday)", duckdb: () => call('dayofweek', str('2024-01-06')), expected: '7' },
  {
    spark: "from_unixtime(0, 'yyyy-MM-dd HH:mm:ss')",
    duckdb: () => call('from_unixtime', num(0), str('yyyy-MM-dd HH:mm:ss')),
    expected: '1970-01-01 00:00:00',
  },
  { spark: 'from_unixtime(0)', duckdb: () => call('from_unixtime', num(0)), expected: '1970-01-01 00:00:00' },
  { spark: 'from_unixtime(1700000000)', duckdb: () => call('from_unixtime', num(1700000000)), expected: '2023-11-14 22:13:20' },
  {
    spark: 'timestamp_millis(1230219000123)',
    duckdb: () => call('timestamp_millis', num(1230219000123)),
    expected: '2008-12-25 15:30:00.123',
  },
  { spark: 'timestamp_seconds(1230219000)', duckdb: () => call('timestamp_seconds', num(1230219000)), expected: '2008-12-25 15:30:00' },
  { spark: "to_date('2009-07-30 04:17:52')", duckdb: () => call('to_date', str('2009-07-30 04:17:52')), expected: '2009-07-30' },
  {
    spark: "to_date('2016-12-31', 'yyyy-MM-dd')",
    duckdb: () => call('to_date', str('2016-12-31'), str('yyyy-MM-dd')),
    expected: '2016-12-31',
  },
  {
    spark: "to_date('31/12/2016', 'dd/MM/yyyy')",
    duckdb: () => call('to_date', str('31/12/2016'), str('dd/MM/yyyy')),
    expected: '2016-12-31',
  },
  { spark: "to_date('not a date') is NULL", duckdb: () => call('to_date', str('not a date')), expected: null },
  {
    spark: "to_timestamp('2016-12-31 00:12:00')",
    duckdb: () => call('to_timestamp', str('2016-12-31 00:12:00')),
    expected: '2016-12-31 00:12:00',
  },
  {
    spark: "to_timestamp('2016-12-31', 'yyyy-MM-dd')",
    duckdb: () => call('to_timestamp', str('2016-12-31'), str('yyyy-MM-dd')),
    expected: '2016-12-31 00:00:00',
  },
  { spark: "datediff('2009-07-31', '2009-07-30')", duckdb: () => call('datediff', str('2009-07-31'), str('2009-07-30')), expected: '1' },
  { spark: "datediff('2009-07-30', '2009-07-31')", duckdb: () => call('datediff', str('2009-07-30'), str('2009-07-31')), expected: '-1' },
  {
    spark: 'datediff(end, start) ignores the time of day',
    duckdb: () => call('datediff', ts('2009-07-31 01:00:00'), ts('2009-07-30 23:00:00')),
    expected: '1',
  },
  { spark: "date_sub('2016-07-30', 1)", duckdb: () => call('date_sub', str('2016-07-30'), num(1)), expected: '2016-07-29' },
  { spark: "date_add('2016-07-30', 1)", duckdb: () => call('date_add', str('2016-07-30'), num(1)), expected: '2016-07-31' },
  { spark: "add_months('2016-08-31', 1)", duckdb: () => call('add_months', str('2016-08-31'), num(1)), expected: '2016-09-30' },
  { spark: 'sequence(1, 5)', duckdb: () => call('sequence', num(1), num(5)), expected: '[1, 2, 3, 4, 5]' },
  { spark: 'sequence(5, 1)', duckdb: () => call('sequence', num(5), num(1)), expected: '[5, 4, 3, 2, 1]' },
  {
    spark: "sequence(to_date('2018-01-01'), to_date('2018-03-01'), interval 1 month)",
    duckdb: () =>
      call(
        'sequence',
        expr(call('to_date', str('2018-01-01')), 'date'),
        expr(call('to_date', str('2018-03-01')), 'date'),
        expr('INTERVAL 1 MONTH', 'interval'),
      ),
    expected: '[2018-01-01, 2018-02-01, 2018-03-01]',
  },
  { spark: 'explode(array(10, 20))', duckdb: () => call('explode', expr(call('array', num(10), num(20)))), expected: ['10', '20'] },
  { spark: 'array(1, 2, 3)', duckdb: () => call('array', num(1), num(2), num(3)), expected: '[1, 2, 3]' },
  { spark: 'array()', duckdb: () => call('array'), expected: '[]' },
  { spark: "nvl(NULL, array('2'))", duckdb: () => call('nvl', expr('NULL'), expr(call('array', str('2')))), expected: '[2]' },
  { spark: 'nvl2(NULL, 2, 1)', duckdb: () => call('nvl2', expr('NULL'), num(2), num(1)), expected: '1' },
  // Spark shows {"a":1,"b":2}; DuckDB renders the same struct as {'a': 1, 'b': 2}.
  {
    spark: "named_struct('a', 1, 'b', 2)",
    duckdb: () => call('named_struct', str('a'), num(1), str('b'), num(2)),
    expected: "{'a': 1, 'b': 2}",
  },
  { spark: "map(1.0, '2', 3.0, '4')", duckdb: () => call('map', expr('1.0'), str('2'), expr('3.0'), str('4')), expected: '{1.0=2, 3.0=4}' },
  {
    spark: "map_contains_key(map(1, 'a', 2, 'b'), 1)",
    duckdb: () => call('map_contains_key', expr(call('map', num(1), str('a'), num(2), str('b'))), num(1)),
    expected: 'true',
  },
  // The extended map (functionMapExtended.ts), each against the Spark function reference's example.
  {
    spark: "from_utc_timestamp('2016-08-31', 'Asia/Seoul')",
    duckdb: () => call('from_utc_timestamp', str('2016-08-31'), str('Asia/Seoul')),
    expected: '2016-08-31 09:00:00',
  },
  {
    spark: "to_utc_timestamp('2016-08-31', 'Asia/Seoul')",
    duckdb: () => call('to_utc_timestamp', str('2016-08-31'), str('Asia/Seoul')),
    expected: '2016-08-30 15:00:00',
  },
  {
    spark: "convert_timezone('America/Los_Angeles', 'Europe/Brussels', '2021-12-06 00:00:00')",
    duckdb: () => call('convert_timezone', str('America/Los_Angeles'), str('Europe/Brussels'), str('2021-12-06 00:00:00')),
    expected: '2021-12-06 09:00:00',
  },
  {
    spark: "convert_timezone('Europe/Brussels', '2021-12-06 00:00:00') from the UTC session",
    duckdb: () => call('convert_timezone', str('Europe/Brussels'), str('2021-12-06 00:00:00')),
    expected: '2021-12-06 01:00:00',
  },
  {
    spark: "months_between('1997-02-28 10:30:00', '1996-10-30')",
    duckdb: () => call('months_between', str('1997-02-28 10:30:00'), str('1996-10-30')),
    expected: '3.94959677',
  },
  {
    spark: "months_between('1997-02-28 10:30:00', '1996-10-30', false)",
    duckdb: () => call('months_between', str('1997-02-28 10:30:00'), str('1996-10-30'), expr('false')),
    expected: '3.9495967741935485',
  },
  {
    spark: "months_between('2024-03-31', '2024-02-29') (both month ends)",
    duckdb: () => call('months_between', str('2024-03-31'), str('2024-02-29')),
    expected: '1.0',
  },
  { spark: "next_day('2015-01-14', 'TU')", duckdb: () => call('next_day', str('2015-01-14'), str('TU')), expected: '2015-01-20' },
  {
    spark: "next_day('2015-01-14', 'Wednesday') is a week later",
    duckdb: () => call('next_day', str('2015-01-14'), str('Wednesday')),
    expected: '2015-01-21',
  },
  {
    spark: 'make_timestamp_ntz(2014, 12, 28, 6, 30, 45.887)',
    duckdb: () => call('make_timestamp_ntz', num(2014), num(12), num(28), num(6), num(30), num(45.887)),
    expected: '2014-12-28 06:30:45.887',
  },
  {
    spark: "unix_micros(TIMESTAMP('1970-01-01 00:00:01Z'))",
    duckdb: () => call('unix_micros', ts('1970-01-01 00:00:01')),
    expected: '1000000',
  },
  {
    spark: 'array_compact(array(1, 2, 3, null))',
    duckdb: () => call('array_compact', expr(call('array', num(1), num(2), num(3), expr('NULL')))),
    expected: '[1, 2, 3]',
  },
  {
    spark: 'arrays_overlap(array(1, 2, 3), array(3, 4, 5))',
    duckdb: () => call('arrays_overlap', expr(call('array', num(1), num(2), num(3))), expr(call('array', num(3), num(4), num(5)))),
    expected: 'true',
  },
  {
    spark: "array_prepend(array('b', 'd', 'c', 'a'), 'd')",
    duckdb: () => call('array_prepend', expr(call('array', str('b'), str('d'), str('c'), str('a'))), str('d')),
    expected: '[d, b, d, c, a]',
  },
  { spark: "array_repeat('123', 2)", duckdb: () => call('array_repeat', str('123'), num(2)), expected: '[123, 123]' },
  {
    spark: "map_from_arrays(array(1.0, 3.0), array('2', '4'))",
    duckdb: () => call('map_from_arrays', expr(call('array', expr('1.0'), expr('3.0'))), expr(call('array', str('2'), str('4')))),
    expected: '{1.0=2, 3.0=4}',
  },
  {
    spark: `json_object_keys('{"f1":"abc","f2":{"f3":"a", "f4":"b"}}')`,
    duckdb: () => call('json_object_keys', str('{"f1":"abc","f2":{"f3":"a", "f4":"b"}}')),
    expected: '[f1, f2]',
  },
  { spark: "elt(1, 'scala', 'java')", duckdb: () => call('elt', num(1), str('scala'), str('java')), expected: 'scala' },
  { spark: "elt(3, 'scala', 'java') is NULL", duckdb: () => call('elt', num(3), str('scala'), str('java')), expected: null },
  {
    spark: 'format_string("Hello World %d %s", 100, "days")',
    duckdb: () => call('format_string', str('Hello World %d %s'), num(100), str('days')),
    expected: 'Hello World 100 days',
  },
  { spark: 'format_number(12332.123456, 4)', duckdb: () => call('format_number', expr('12332.123456'), num(4)), expected: '12,332.1235' },
  { spark: "initcap('sPark sql')", duckdb: () => call('initcap', str('sPark sql')), expected: 'Spark Sql' },
  {
    spark: "regexp_count('Steven Jones and Stephen Smith are the best players', 'Ste(v|ph)en')",
    duckdb: () => call('regexp_count', str('Steven Jones and Stephen Smith are the best players'), str('Ste(v|ph)en')),
    expected: '2',
  },
  {
    spark: "regexp_substr('Steven Jones and Stephen Smith are the best players', 'Ste(v|ph)en')",
    duckdb: () => call('regexp_substr', str('Steven Jones and Stephen Smith are the best players'), str('Ste(v|ph)en')),
    expected: 'Steven',
  },
  {
    spark: "regexp_substr('Mary had a little lamb', 'Ste(v|ph)en') is NULL",
    duckdb: () => call('regexp_substr', str('Mary had a little lamb'), str('Ste(v|ph)en')),
    expected: null,
  },
  { spark: "charindex('bar', 'foobarbar')", duckdb: () => call('charindex', str('bar'), str('foobarbar')), expected: '4' },
  { spark: "charindex('bar', 'foobarbar', 5)", duckdb: () => call('charindex', str('bar'), str('foobarbar'), num(5)), expected: '7' },
  {
    spark: "substring_index('www.apache.org', '.', 2)",
    duckdb: () => call('substring_index', str('www.apache.org'), str('.'), num(2)),
    expected: 'www.apache',
  },
  {
    spark: "substring_index('www.apache.org', '.', -2)",
    duckdb: () => call('substring_index', str('www.apache.org'), str('.'), num(-2)),
    expected: 'apache.org',
  },
  {
    spark: "url_encode('https://spark.apache.org')",
    duckdb: () => call('url_encode', str('https://spark.apache.org')),
    expected: 'https%3A%2F%2Fspark.apache.org',
  },
  {
    spark: "url_decode('https%3A%2F%2Fspark.apache.org')",
    duckdb: () => call('url_decode', str('https%3A%2F%2Fspark.apache.org')),
    expected: 'https://spark.apache.org',
  },
  { spark: "nanvl(cast('NaN' as double), 123)", duckdb: () => call('nanvl', expr("CAST('NaN' AS DOUBLE)"), num(123)), expected: '123.0' },
  { spark: 'hypot(3, 4)', duckdb: () => call('hypot', num(3), num(4)), expected: '5.0' },
  { spark: 'negative(1)', duckdb: () => call('negative', num(1)), expected: '-1' },
  { spark: 'sec(0)', duckdb: () => call('sec', num(0)), expected: '1.0' },
  { spark: 'shiftleft(2, 1)', duckdb: () => call('shiftleft', num(2), num(1)), expected: '4' },
  { spark: 'shiftright(4, 1)', duckdb: () => call('shiftright', num(4), num(1)), expected: '2' },
  { spark: 'getbit(11, 0)', duckdb: () => call('getbit', num(11), num(0)), expected: '1' },
  { spark: 'bit_get(11, 2)', duckdb: () => call('bit_get', num(11), num(2)), expected: '0' },
  { spark: 'try_add(1, 2)', duckdb: () => call('try_add', num(1), num(2)), expected: '3' },
  { spark: 'try_add(2147483647, 1) is NULL', duckdb: () => call('try_add', num(2147483647), num(1)), expected: null },
  { spark: 'try_multiply(2147483647, 2) is NULL', duckdb: () => call('try_multiply', num(2147483647), num(2)), expected: null },
  { spark: 'try_subtract(2, 1)', duckdb: () => call('try_subtract', num(2), num(1)), expected: '1' },
  { spark: "md5('Spark')", duckdb: () => call('md5', str('Spark')), expected: '8cde774d6f7333752ed72cacddb05126' },
  { spark: 'md5(cast(42 as string)) == md5(42)', duckdb: () => call('md5', num(42)), expected: 'a1d0c6e83f027327d8461063f4ac58a6' },
  { spark: `get_json_object('{"a":"b"}', '$.a')`, duckdb: () => call('get_json_object', str('{"a":"b"}'), str('$.a')), expected: 'b' },
  {
    spark: `get_json_object('{"a":{"b":1}}', '$.a')`,
    duckdb: () => call('get_json_object', str('{"a":{"b":1}}'), str('$.a')),
    expected: '{"b":1}',
  },
  { spark: "concat('Spark', 'SQL')", duckdb: () => call('concat', str('Spark'), str('SQL')), expected: 'SparkSQL' },
  { spark: "concat('Spark', NULL) is NULL", duckdb: () => call('concat', str('Spark'), expr('NULL')), expected: null },
  {
    spark: "regexp_extract('100-200', '(\\d+)-(\\d+)')",
    duckdb: () => call('regexp_extract', str('100-200'), str('(\\d+)-(\\d+)')),
    expected: '100',
  },
  {
    spark: "regexp_replace('100-200', '(\\d+)', 'num')",
    duckdb: () => call('regexp_replace', str('100-200'), str('(\\d+)'), str('num')),
    expected: 'num-num',
  },
  {
    spark: "split('oneAtwoBthreeC', '[ABC]')",
    duckdb: () => call('split', str('oneAtwoBthreeC'), str('[ABC]')),
    expected: "[one, two, three, '']",
  },
  { spark: 'pmod(-10, 3)', duckdb: () => call('pmod', num(-10), num(3)), expected: '2' },
  { spark: 'size(array(1, 2))', duckdb: () => call('size', expr(call('array', num(1), num(2)))), expected: '2' },
  { spark: "startswith('Spark SQL', 'Spark')", duckdb: () => call('startswith', str('Spark SQL'), str('Spark')), expected: 'true' },
  { spark: 'try_divide(3, 0)', duckdb: () => call('try_divide', num(3), num(0)), expected: null },
  { spark: "substr('Spark SQL', 5)", duckdb: () => call('substr', str('Spark SQL'), num(5)), expected: 'k SQL' },
  { spark: "substr('Spark SQL', -3)", duckdb: () => call('substr', str('Spark SQL'), num(-3)), expected: 'SQL' },
  { spark: "substr('Spark SQL', 5, 1)", duckdb: () => call('substr', str('Spark SQL'), num(5), num(1)), expected: 'k' },
  {
    spark: "substring('Spark SQL', 0, 2) reads position 0 as 1",
    duckdb: () => call('substring', str('Spark SQL'), num(0), num(2)),
    expected: 'Sp',
  },
  { spark: "position('bar', 'foobarbar')", duckdb: () => call('position', str('bar'), str('foobarbar')), expected: '4' },
  { spark: "position('bar', 'foobarbar', 5)", duckdb: () => call('position', str('bar'), str('foobarbar'), num(5)), expected: '7' },
  { spark: "locate('bar', 'foobarbar')", duckdb: () => call('locate', str('bar'), str('foobarbar')), expected: '4' },
  { spark: 'log(10, 100)', duckdb: () => call('log', num(10), num(100)), expected: '2.0' },
  { spark: 'log(1) is the natural logarithm', duckdb: () => call('log', expr('exp(2)')), expected: '2.0' },
  { spark: 'log1p(0)', duckdb: () => call('log1p', num(0)), expected: '0.0' },
  { spark: 'expm1(0)', duckdb: () => call('expm1', num(0)), expected: '0.0' },
  { spark: 'e()', duckdb: () => call('e'), expected: '2.718281828459045' },
  { spark: 'bround(2.5, 0)', duckdb: () => call('bround', num(2.5), num(0)), expected: '2.0' },
  { spark: "decimal('5.2')", duckdb: () => call('decimal', str('5.2')), expected: '5' },
  { spark: 'chr(65)', duckdb: () => call('chr', num(65)), expected: 'A' },
  { spark: "trunc('2019-08-04', 'MM')", duckdb: () => call('trunc', str('2019-08-04'), str('MM')), expected: '2019-08-01' },
  { spark: "trunc('2019-08-04', 'week')", duckdb: () => call('trunc', str('2019-08-04'), str('week')), expected: '2019-07-29' },
  { spark: "trunc('2019-08-04', 'quarter')", duckdb: () => call('trunc', str('2019-08-04'), str('quarter')), expected: '2019-07-01' },
  {
    spark: "regexp_extract_all('100-200, 300-400', '(\\d+)-(\\d+)')",
    duckdb: () => call('regexp_extract_all', str('100-200, 300-400'), str('(\\d+)-(\\d+)')),
    expected: '[100, 300]',
  },
  {
    spark: 'array_distinct(array(1, 2, 3, null, 3))',
    duckdb: () => call('array_distinct', expr('[1, 2, 3, NULL, 3]')),
    expected: '[1, 2, 3, NULL]',
  },
  {
    spark: 'array_remove(array(1, 2, 3, null, 3), 3)',
    duckdb: () => call('array_remove', expr('[1, 2, 3, NULL, 3]'), num(3)),
    expected: '[1, 2, NULL]',
  },
  {
    spark: 'array_position(array(312, 773, 708, 708), 414)',
    duckdb: () => call('array_position', expr('[312, 773, 708, 708]'), num(414)),
    expected: '0',
  },
  {
    spark: 'array_position(array(312, 773, 708, 708), 773)',
    duckdb: () => call('array_position', expr('[312, 773, 708, 708]'), num(773)),
    expected: '2',
  },
  {
    spark: 'array_union(array(1, 2, 3), array(1, 3, 5))',
    duckdb: () => `list_sort(${call('array_union', expr('[1, 2, 3]'), expr('[1, 3, 5]'))})`,
    expected: '[1, 2, 3, 5]',
  },
  { spark: 'slice(array(1, 2, 3, 4), 2, 2)', duckdb: () => call('slice', expr('[1, 2, 3, 4]'), num(2), num(2)), expected: '[2, 3]' },
  { spark: 'slice(array(1, 2, 3, 4), -2, 2)', duckdb: () => call('slice', expr('[1, 2, 3, 4]'), num(-2), num(2)), expected: '[3, 4]' },
  { spark: 'get(array(1, 2, 3), 0)', duckdb: () => call('get', expr('[1, 2, 3]'), num(0)), expected: '1' },
  { spark: 'div(3, 2)', duckdb: () => call('div', num(3), num(2)), expected: '1' },
  { spark: "cast shorthand int('42')", duckdb: () => call('int', str('42')), expected: '42' },
];

describe('function map: DuckDB answers equal the Spark-documented answers', () => {
  let db: TestDb;
  before(async () => {
    db = await openTestDb();
  });
  after(() => db.close());

  for (const c of cases) {
    test(c.spark, async () => {
      const sql = c.duckdb();
      if (Array.isArray(c.expected)) assert.deepEqual(await db.column(`SELECT ${sql}`), c.expected, sql);
      else assert.equal(await db.scalar(`SELECT ${sql}`), c.expected, sql);
    });
  }

  const values = (rows: (number | null)[]) => `(VALUES ${rows.map((r) => `(${r ?? 'NULL'})`).join(', ')}) AS tab(col)`;
  const agg = async (name: string, args: CallArg[], rows: (number | null)[]) =>
    db.scalar(`SELECT ${call(name, expr('col'), ...args)} FROM ${values(rows)}`);

  test('percentile_approx(col, array(0.5, 0.4, 0.1), 100) over 0,1,2,10 is [1, 1, 0], exact', async () => {
    const sql = call('percentile_approx', expr('col'), expr(call('array', num(0.5), num(0.4), num(0.1))), num(100));
    assert.match(sql, /quantile_disc/);
    assert.doesNotMatch(sql, /approx_quantile/);
    assert.equal(await db.scalar(`SELECT ${sql} FROM ${values([0, 1, 2, 10])}`), '[1, 1, 0]');
  });
  test('percentile_approx(col, 0.5, 100) over 0,6,7,9,10 is 7', async () => {
    assert.equal(await agg('percentile_approx', [num(0.5), num(100)], [0, 6, 7, 9, 10]), '7');
  });
  test('kurtosis and skewness over -10, -20, 100, 1000 are the population moments Spark documents', async () => {
    assert.equal(await agg('kurtosis', [], [-10, -20, 100, 1000]), '-0.7014368047529627');
    assert.ok(Math.abs(Number(await agg('skewness', [], [-10, -20, 100, 1000])) - 1.1135657469022011) < 1e-12);
  });
  test('try_sum and try_avg over 1, 2, 3', async () => {
    assert.equal(await agg('try_sum', [], [1, 2, 3]), '6');
    assert.equal(await agg('try_avg', [], [1, 2, 3]), '2.0');
  });
  test('collect_list over 1,2,1 keeps duplicates and skips NULL', async () => {
    const r = await db.scalar(`SELECT list_sort(${call('collect_list', expr('col'))}) FROM ${values([1, 2, null, 1])}`);
    assert.equal(r, '[1, 1, 2]');
  });
  test('collect_set over 1,2,1 is [1, 2]', async () => {
    const r = await db.scalar(`SELECT list_sort(${call('collect_set', expr('col'))}) FROM ${values([1, 2, 1, null])}`);
    assert.equal(r, '[1, 2]');
  });
  test('array_agg over 1,2,NULL,1 skips NULL as in Spark', async () => {
    assert.equal(await db.scalar(`SELECT list_sort(${call('array_agg', expr('col'))}) FROM ${values([1, 2, null, 1])}`), '[1, 1, 2]');
  });
  test('rand() is in [0, 1)', async () => {
    const r = Number(await db.scalar(`SELECT ${call('rand')}`));
    assert.ok(r >= 0 && r < 1);
  });
  test('collect_list of only NULLs is [] as in Spark', async () => {
    assert.equal(await agg('collect_list', [], [null]), '[]');
  });
  test('collect_list as a window function places OVER inside the NULL guard', async () => {
    const sql = rewriteCall('collect_list', { args: [expr('col')], over: 'OVER (ORDER BY col)' });
    assert.ok(sql && 'sql' in sql);
    const rows = await db.column(`SELECT ${sql.sql} FROM ${values([1, 2])} ORDER BY col`);
    assert.deepEqual(rows, ['[1]', '[1, 2]']);
  });
  test('current_timestamp() is a timestamp of now', async () => {
    const now = await db.scalar(`SELECT ${call('current_timestamp')}`);
    assert.ok(now && Math.abs(Date.parse(now.replace(' ', 'T').replace(/\+00$/, 'Z')) - Date.now()) < 60_000, String(now));
  });
});

describe('function map: shape', () => {
  test('every mapping is reachable by its lower-case name', () => {
    for (const [k, m] of functionMappings) assert.equal(k, m.name.toLowerCase());
  });
  test('a wrong argument count is untranslatable, naming the function', () => {
    assert.deepEqual(rewriteCall('nvl', { args: [num(1)] }), { untranslatable: 'nvl with 1 argument(s)' });
  });
  test('a non-literal date pattern is untranslatable', () => {
    const r = rewriteCall('date_format', { args: [expr('ts'), expr('fmt')] });
    assert.ok(r && 'untranslatable' in r && /non-literal format/.test(r.untranslatable));
  });
  test('a dollar in an argument is not read as a placeholder', () => {
    const r = rewriteCall('get_json_object', { args: [expr('j'), str('$.a')] });
    assert.deepEqual(r, { sql: "json_extract_string(j, '$.a')" });
  });
  test('non-atomic arguments are parenthesised inside operators', () => {
    assert.deepEqual(rewriteCall('date_sub', { args: [expr('d'), expr('x + 1')] }), {
      sql: '(CAST(d AS DATE) - CAST((x + 1) AS INTEGER))',
    });
  });
});

describe('Java date patterns to strftime', () => {
  const table: [string, string][] = [
    ['yyyy-MM-dd', '%Y-%m-%d'],
    ['yyyy-MM-dd HH:mm:ss.SSS', '%Y-%m-%d %H:%M:%S.%g'],
    ['MMM', '%b'],
    ['MMMM', '%B'],
    ['EEE', '%a'],
    ['EEEE', '%A'],
    ['hh a', '%I %p'],
    ["yyyy'T'HH", '%YT%H'],
    ["'100%'", '100%%'],
    ["h 'o''clock'", "%-I o'clock"],
  ];
  for (const [java, strftime] of table) {
    test(`${java} -> ${strftime}`, () => assert.deepEqual(javaToStrftime(java), { ok: true, strftime }));
  }
  test('an unsupported letter is reported with the pattern', () => {
    const r = javaToStrftime('yyyy QQ');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /'QQ' in 'yyyy QQ'/);
  });
});
