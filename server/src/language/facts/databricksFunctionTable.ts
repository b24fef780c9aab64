// Databricks SQL built-in functions: name, kind, signature, return type, DuckDB
// equivalent (as measured for the local engine) and a one-line summary. Kept as
// the tab-separated table it was gathered in, so it can be compared with its
// source line by line; `databricksFunctions.ts` parses it once on first use.
export const DATABRICKS_FUNCTION_TABLE = `
name	kind	signature	returns	duckdb	summary
abs	scalar	abs(expr)	same-as-input	same	Absolute value.
acos	scalar	acos(expr)	DOUBLE	same	Inverse cosine in radians.
acosh	scalar	acosh(expr)	DOUBLE	same	Inverse hyperbolic cosine.
add_months	scalar	add_months(startDate, numMonths)	DATE	alt:CAST(startDate + to_months(numMonths) AS DATE)	Shift a date by whole months, clamping to month end.
aes_decrypt	scalar	aes_decrypt(expr, key [, mode [, padding [, aad]]])	BINARY	missing	Decrypt AES-encrypted binary.
aes_encrypt	scalar	aes_encrypt(expr, key [, mode [, padding [, iv [, aad]]]])	BINARY	missing	AES-encrypt binary with a 16/24/32-byte key.
aggregate	higher_order	aggregate(array, start, (acc, x) -> merge [, acc -> finish])	same-as-start	alt:list_reduce(array, lambda acc, x: merge, start)	Fold array from a start value; DuckDB aggregate means list_aggregate.
any	aggregate	any(expr)	BOOLEAN	alt:bool_or(expr)	True when at least one value is true.
any_value	aggregate	any_value(expr [, ignoreNull])	same-as-input	same	Some value of the group, not deterministic.
approx_count_distinct	aggregate	approx_count_distinct(expr [, relativeSD])	BIGINT	same	HyperLogLog++ estimate of distinct values.
approx_percentile	aggregate	approx_percentile(col, percentage [, accuracy])	same-as-input	alt:quantile_disc(col, percentage)	Approximate percentile picked from actual values; DuckDB approx_quantile interpolates differently.
approx_top_k	aggregate	approx_top_k(expr [, k [, maxItemsTracked]])	ARRAY<STRUCT<item, count>>	different	Frequent items with counts; DuckDB returns only the values.
array	scalar	array(expr [, ...])	ARRAY	alt:[expr, ...] | list_value(expr, ...)	Build an array from the arguments.
array_agg	aggregate	array_agg(expr)	ARRAY	alt:array_agg(expr) FILTER (WHERE expr IS NOT NULL)	Collect values into an array, skipping NULLs (DuckDB keeps NULLs).
array_append	scalar	array_append(array, elem)	ARRAY	same	Add an element at the end of an array.
array_compact	scalar	array_compact(array)	ARRAY	alt:list_filter(array, lambda x: x IS NOT NULL)	Drop NULL elements from an array.
array_contains	scalar	array_contains(array, value)	BOOLEAN	same	True when array holds value; NULL-element edge case returns false in DuckDB.
array_distinct	scalar	array_distinct(array)	ARRAY	alt:list_filter(array, lambda x, i: list_position(array, x) = i)	Deduplicate keeping first-seen order and NULL; DuckDB reorders, drops NULL.
array_except	scalar	array_except(array1, array2)	ARRAY	alt:list_distinct(list_filter(array1, lambda x: NOT list_contains(array2, x)))	Distinct elements of array1 absent from array2.
array_insert	scalar	array_insert(array, pos, elem)	ARRAY	alt:list_concat(array[1:pos-1], [elem], array[pos:])	Insert elem at 1-based pos (negative counts from end).
array_intersect	scalar	array_intersect(array1, array2)	ARRAY	same	Distinct elements present in both arrays.
array_join	scalar	array_join(array, delimiter [, nullReplacement])	STRING	alt:array_to_string(array, delimiter)	Join array elements into a string.
array_max	scalar	array_max(array)	element type	alt:list_max(array)	Largest non-NULL element.
array_min	scalar	array_min(array)	element type	alt:list_min(array)	Smallest non-NULL element.
array_position	scalar	array_position(array, elem)	BIGINT	alt:coalesce(list_position(array, elem), 0)	1-based index of first match, 0 if absent (DuckDB: NULL).
array_prepend	scalar	array_prepend(array, elem)	ARRAY	alt:list_prepend(elem, array)	Add element at the front; DuckDB takes (element, array) order.
array_remove	scalar	array_remove(array, elem)	ARRAY	alt:list_filter(array, lambda x: x IS DISTINCT FROM elem)	Remove every element equal to elem.
array_repeat	scalar	array_repeat(elem, count)	ARRAY	alt:repeat([elem], count)	Array holding elem count times.
array_size	scalar	array_size(array)	INT	alt:len(array)	Number of elements in an array.
array_sort	higher_order	array_sort(array [, (left, right) -> comparator])	ARRAY	same	Ascending sort, NULLs last; comparator lambda unsupported in DuckDB array_sort.
array_union	scalar	array_union(array1, array2)	ARRAY	alt:list_distinct(list_concat(array1, array2))	Distinct elements from either array.
arrays_overlap	scalar	arrays_overlap(array1, array2)	BOOLEAN	alt:list_has_any(array1, array2)	True when the arrays share a non-NULL element.
arrays_zip	scalar	arrays_zip(array1 [, ...])	ARRAY<STRUCT>	alt:list_zip(array1, ...)	Merge arrays element-wise into an array of structs.
ascii	scalar	ascii(str)	INT	same	Code point of the first character.
asin	scalar	asin(expr)	DOUBLE	same	Inverse sine in radians.
asinh	scalar	asinh(expr)	DOUBLE	same	Inverse hyperbolic sine.
assert_true	scalar	assert_true(cond [, message])		alt:CASE WHEN cond THEN NULL ELSE error(message) END	Raise an error unless cond holds; otherwise NULL.
atan	scalar	atan(expr)	DOUBLE	same	Inverse tangent in radians.
atan2	scalar	atan2(exprY, exprX)	DOUBLE	same	Angle of point (x, y) from the positive x-axis.
atanh	scalar	atanh(expr)	DOUBLE	same	Inverse hyperbolic tangent.
avg	aggregate	avg(expr)	DOUBLE	same	Arithmetic mean of non-NULL values.
base64	scalar	base64(bin)	STRING	same	Encode binary or string as base64 text.
bigint	scalar	bigint(expr)	BIGINT	alt:CAST(expr AS BIGINT)	Shorthand for CAST(expr AS BIGINT).
bin	scalar	bin(expr)	STRING	same	Binary-digit string of a BIGINT.
binary	scalar	binary(expr)	BINARY	missing	Shorthand for CAST(expr AS BINARY).
bit_and	aggregate	bit_and(expr)	same-as-input	same	Bitwise AND over the group.
bit_count	scalar	bit_count(expr)	INT	same	Count of set bits in an integer or boolean.
bit_get	scalar	bit_get(expr, pos)	TINYINT	alt:((expr >> pos) & 1)	Value of the bit at zero-based position pos.
bit_length	scalar	bit_length(expr)	INT	same	Length of string or binary in bits.
bit_or	aggregate	bit_or(expr)	same-as-input	same	Bitwise OR over the group.
bit_xor	aggregate	bit_xor(expr)	same-as-input	same	Bitwise XOR over the group.
bitmap_and_agg	aggregate	bitmap_and_agg(bitmap)	BINARY	missing	Bitwise AND of bitmaps in the group.
bitmap_bit_position	scalar	bitmap_bit_position(expr)	BIGINT	missing	Bit offset of a value inside its bitmap bucket.
bitmap_bucket_number	scalar	bitmap_bucket_number(expr)	BIGINT	missing	Bitmap bucket id holding a value.
bitmap_construct_agg	aggregate	bitmap_construct_agg(bitPosition)	BINARY	missing	Build a bitmap with the given positions set.
bitmap_count	scalar	bitmap_count(bitmap)	BIGINT	missing	Number of set bits in a bitmap binary.
bitmap_or_agg	aggregate	bitmap_or_agg(bitmap)	BINARY	missing	Bitwise OR of bitmaps in the group.
bool_and	aggregate	bool_and(expr)	BOOLEAN	same	True when all non-NULL values are true.
bool_or	aggregate	bool_or(expr)	BOOLEAN	same	True when at least one value is true.
boolean	scalar	boolean(expr)	BOOLEAN	alt:CAST(expr AS BOOLEAN)	Shorthand for CAST(expr AS BOOLEAN).
bround	scalar	bround(expr [, d])	same-as-input	alt:round_even(expr, d)	Round to d decimals using banker's (half-even) rounding.
btrim	scalar	btrim(str [, trimStr])	STRING	alt:trim(str [, trimStr])	Strip characters from both ends (default spaces).
cardinality	scalar	cardinality(expr)	INT	alt:len(array) | cardinality(map)	Size of an array or map; DuckDB cardinality accepts only maps.
cast	scalar	cast(expr AS type)		different	Type conversion; fractional-to-integer truncates (DuckDB rounds).
cbrt	scalar	cbrt(expr)	DOUBLE	same	Cube root.
ceil	scalar	ceil(expr [, targetScale])	same-as-input	same	Round up, optionally to targetScale digits (DuckDB lacks scale argument).
ceiling	scalar	ceiling(expr [, targetScale])	same-as-input	same	Synonym of ceil.
char	scalar	char(expr)	STRING	alt:chr(expr % 256)	Character for a code point; values above 255 wrap modulo 256.
char_length	scalar	char_length(expr)	INT	same	Number of characters (or bytes for binary).
character_length	scalar	character_length(expr)	INT	same	Synonym of char_length.
charindex	scalar	charindex(substr, str [, pos])	INT	alt:instr(str, substr)	1-based position of substr in str, searching from pos.
chr	scalar	chr(expr)	STRING	alt:chr(expr % 256)	Character for a code point modulo 256; DuckDB uses full Unicode.
cloud_files	table_valued	cloud_files(path, format [, map(option, value ...)])	TABLE	alt:read_csv(path, ...) | read_json(path, ...) | read_parquet(path, ...)	Legacy DLT Auto Loader source for streaming file ingestion.
cloud_files_state	table_valued	cloud_files_state({ TABLE(table_name) | checkpoint })	TABLE	missing	File-level ingestion state of an Auto Loader stream.
coalesce	scalar	coalesce(expr1, expr2 [, ...])	same-as-input	same	First argument that is not NULL.
collate	scalar	collate(expr, collationName)	STRING	alt:(expr COLLATE collationName)	Attach a collation to a string expression.
collation	scalar	collation(expr)	STRING	missing	Name of the collation attached to a string.
collect_list	aggregate	collect_list(expr)	ARRAY	alt:list(expr) FILTER (WHERE expr IS NOT NULL)	Collect non-NULL values into an array.
collect_set	aggregate	collect_set(expr)	ARRAY	alt:list(DISTINCT expr) FILTER (WHERE expr IS NOT NULL)	Collect distinct non-NULL values into an array.
concat	scalar	concat(expr1 [, ...])	STRING	alt:(expr1 || expr2 || ...)	Join strings/binaries/arrays; NULL if any input NULL (DuckDB skips NULLs).
concat_ws	scalar	concat_ws(sep [, str | array] ...)	STRING	same	Join with separator, skipping NULLs; DuckDB stringifies array arguments.
contains	scalar	contains(left, right)	BOOLEAN	same	True when right occurs inside left.
conv	scalar	conv(num, fromBase, toBase)	STRING	missing	Re-express a number string from one radix in another.
convert_timezone	scalar	convert_timezone([sourceTz,] targetTz, sourceTs)	TIMESTAMP_NTZ	alt:((sourceTs AT TIME ZONE sourceTz) AT TIME ZONE targetTz)	Shift a local timestamp from one zone to another.
corr	aggregate	corr(expr1, expr2)	DOUBLE	same	Pearson correlation coefficient.
cos	scalar	cos(expr)	DOUBLE	same	Cosine of an angle in radians.
cosh	scalar	cosh(expr)	DOUBLE	same	Hyperbolic cosine.
cot	scalar	cot(expr)	DOUBLE	same	Cotangent of an angle in radians.
count	aggregate	count(* | expr [, ...] | DISTINCT expr [, ...])	BIGINT	same	Number of rows or of non-NULL values.
count_if	aggregate	count_if(cond)	BIGINT	same	Number of rows where cond is true.
count_min_sketch	aggregate	count_min_sketch(col, eps, confidence, seed)	BINARY	missing	Count-min sketch of the column as binary.
covar_pop	aggregate	covar_pop(expr1, expr2)	DOUBLE	same	Population covariance.
covar_samp	aggregate	covar_samp(expr1, expr2)	DOUBLE	same	Sample covariance.
crc32	scalar	crc32(expr)	BIGINT	missing	CRC-32 checksum of string or binary.
csc	scalar	csc(expr)	DOUBLE	alt:(1 / sin(expr))	Cosecant of an angle in radians.
cume_dist	window	cume_dist() OVER (...)	DOUBLE	same	Fraction of partition rows at or before the current row.
curdate	scalar	curdate()	DATE	alt:current_date	Synonym of current_date.
current_catalog	scalar	current_catalog()	STRING	same	Name of the current catalog (DuckDB: attached database).
current_database	scalar	current_database()	STRING	alt:current_schema()	Current schema name (Spark sense); DuckDB returns the catalog name.
current_date	scalar	current_date()	DATE	same	Date at the start of query evaluation.
current_metastore	scalar	current_metastore()	STRING	missing	Unity Catalog metastore id of the session.
current_schema	scalar	current_schema()	STRING	same	Name of the current schema.
current_time	scalar	current_time([precision])	TIME	same	Time of day at query start.
current_timestamp	scalar	current_timestamp()	TIMESTAMP	alt:current_timestamp	Timestamp at query start; DuckDB rejects the empty parentheses.
current_timezone	scalar	current_timezone()	STRING	alt:current_setting('TimeZone')	Session time zone name.
current_user	scalar	current_user()	STRING	same	User running the query.
current_version	scalar	current_version()	STRUCT	missing	Databricks SQL / Runtime version details.
date	scalar	date(expr)	DATE	same	Shorthand for CAST(expr AS DATE).
date_add	scalar	date_add(startDate, numDays) | date_add(unit, value, expr)	DATE	same	Add days to a date; 3-arg unit form unsupported by DuckDB date_add.
date_diff	scalar	date_diff(endDate, startDate) | date_diff(unit, start, end)	BIGINT	alt:date_sub('unit', start, end) | (endDate - startDate)	Synonym of datediff; DuckDB date_diff counts unit boundaries, not elapsed units.
date_format	scalar	date_format(expr, fmt)	STRING	alt:strftime(expr, <fmt converted to strftime>)	Render a date/timestamp with a Java datetime pattern.
date_from_unix_date	scalar	date_from_unix_date(days)	DATE	alt:(DATE '1970-01-01' + days)	Date that is days after 1970-01-01.
date_part	scalar	date_part(field, source)		same	Function form of extract; SECOND keeps fractions (DuckDB: whole).
date_sub	scalar	date_sub(startDate, numDays)	DATE	alt:(startDate - numDays)	Subtract days from a date; DuckDB date_sub means elapsed-unit difference.
date_trunc	scalar	date_trunc(unit, expr)	TIMESTAMP	same	Truncate timestamp to unit; DuckDB rejects aliases like 'MM', 'YY'.
dateadd	scalar	dateadd(startDate, numDays) | dateadd(unit, value, expr)	DATE	alt:(startDate + numDays) | (expr + to_<unit>s(value))	Synonym of date_add.
datediff	scalar	datediff(endDate, startDate) | datediff(unit, start, end)	INT	alt:date_diff('day', startDate, endDate) | date_sub('unit', start, end)	Days from startDate to endDate; DuckDB datediff requires a unit.
datepart	scalar	datepart(field, source)		same	Synonym of date_part; SECOND keeps fractions (DuckDB: whole).
day	scalar	day(expr)	INT	same	Day of month.
dayname	scalar	dayname(expr)	STRING	alt:strftime(expr, '%a')	Three-letter weekday name like 'Wed'; DuckDB gives full name.
dayofmonth	scalar	dayofmonth(expr)	INT	same	Day of month.
dayofweek	scalar	dayofweek(expr)	INT	alt:(dayofweek(expr) + 1)	Weekday number 1=Sunday..7=Saturday; DuckDB is 0=Sunday..6.
dayofyear	scalar	dayofyear(expr)	INT	same	Day number within the year.
decimal	scalar	decimal(expr)	DECIMAL(10,0)	alt:CAST(expr AS DECIMAL(10,0))	Shorthand for CAST(expr AS DECIMAL(10,0)).
decode	scalar	decode(expr, charset) | decode(expr, search1, result1 [, searchN, resultN ...] [, default])		alt:CASE expr WHEN search1 THEN result1 ... ELSE default END	Charset-decode binary or CASE-style lookup; DuckDB decode only converts BLOB.
degrees	scalar	degrees(expr)	DOUBLE	same	Convert radians to degrees.
dense_rank	window	dense_rank() OVER (...)	INT	same	Rank without gaps after ties.
div	scalar	div(dividend, divisor)	BIGINT	alt:(dividend // divisor)	Integral quotient, fraction discarded (also infix: a div b).
double	scalar	double(expr)	DOUBLE	alt:CAST(expr AS DOUBLE)	Shorthand for CAST(expr AS DOUBLE).
e	scalar	e()	DOUBLE	alt:exp(1)	Euler's number constant.
element_at	scalar	element_at(array, index) | element_at(map, key)	element type	alt:array[index] | map[key]	Array item (1-based) or map value; DuckDB element_at returns lists.
elt	scalar	elt(n, input1, input2 [, ...])	same-as-input	alt:[input1, input2, ...][n]	Return the n-th of the following arguments.
encode	scalar	encode(str, charset)	BINARY	alt:encode(str)	Encode string to binary in a charset; DuckDB encode is UTF-8 only.
endswith	scalar	endswith(expr, suffix)	BOOLEAN	alt:ends_with(expr, suffix)	True when expr ends with suffix.
equal_null	scalar	equal_null(expr1, expr2)	BOOLEAN	alt:(expr1 IS NOT DISTINCT FROM expr2)	NULL-safe equality; two NULLs compare as true.
event_log	table_valued	event_log({ TABLE(table_name) | pipeline_id })	TABLE	missing	Event log rows of a pipeline, MV or streaming table.
every	aggregate	every(expr)	BOOLEAN	alt:bool_and(expr)	Synonym of bool_and.
exists	higher_order	exists(array, x -> cond)	BOOLEAN	alt:list_bool_or(list_transform(array, lambda x: cond))	True when the predicate holds for some element.
exp	scalar	exp(expr)	DOUBLE	same	e raised to the given power.
explode	generator	explode(collection)		alt:unnest(collection)	One row per array element or map entry (col / key, value).
explode_outer	generator	explode_outer(collection)		alt:unnest(CASE WHEN len(collection) > 0 THEN collection ELSE [NULL] END)	Like explode but emits a NULL row for empty/NULL input.
expm1	scalar	expm1(expr)	DOUBLE	alt:(exp(expr) - 1)	exp(expr) minus 1, precise near zero.
extract	scalar	extract(field FROM source)		same	Pull a field from a datetime/interval; SECOND keeps fractions (DuckDB: whole).
factorial	scalar	factorial(expr)	BIGINT	same	n! for n in 0..20, else NULL.
filter	higher_order	filter(array, x -> cond | (x, i) -> cond)	ARRAY	same	Keep array elements passing the lambda; DuckDB index argument is 1-based.
find_in_set	scalar	find_in_set(searchExpr, sourceExpr)	INT	alt:coalesce(list_position(string_split(sourceExpr, ','), searchExpr), 0)	1-based index of a word in a comma list, 0 if absent.
first	aggregate	first(expr [, ignoreNull])	same-as-input	same	First value of the group (order-dependent).
first_value	window	first_value(expr [, ignoreNull]) OVER (...)	same-as-input	same	First value in the window frame.
flatten	scalar	flatten(arrayOfArrays)	ARRAY	same	Concatenate nested arrays one level.
float	scalar	float(expr)	FLOAT	alt:CAST(expr AS FLOAT)	Shorthand for CAST(expr AS FLOAT).
floor	scalar	floor(expr [, targetScale])	same-as-input	same	Round down, optionally to targetScale digits (DuckDB lacks scale argument).
forall	higher_order	forall(array, x -> cond)	BOOLEAN	alt:list_bool_and(list_transform(array, lambda x: cond))	True when the predicate holds for every element.
format_number	scalar	format_number(expr, scale | fmt)	STRING	alt:format('{:,.<scale>f}', expr)	Format number with thousands separators and fixed decimals.
format_string	scalar	format_string(fmt, expr [, ...])	STRING	alt:printf(fmt, expr, ...)	printf-style formatting of arguments.
from_avro	scalar	from_avro(avroBin, jsonSchema [, options])	STRUCT	missing	Decode Avro binary using a JSON schema.
from_csv	scalar	from_csv(csvStr, schema [, options])	STRUCT	missing	Parse one CSV line into a struct.
from_json	scalar	from_json(jsonStr, schema [, options])	STRUCT	alt:from_json(jsonStr, '<DuckDB JSON structure>')	Parse JSON text with a DDL schema; DuckDB wants JSON structure.
from_protobuf	scalar	from_protobuf(data, messageName [, descFilePath] [, options])	STRUCT	missing	Decode Protobuf binary into a struct.
from_unixtime	scalar	from_unixtime(unixTime [, fmt])	STRING	alt:strftime(to_timestamp(unixTime), <fmt converted to strftime>)	Format epoch seconds as text (default yyyy-MM-dd HH:mm:ss).
from_utc_timestamp	scalar	from_utc_timestamp(timestamp, timezone)	TIMESTAMP	alt:((timestamp AT TIME ZONE 'UTC') AT TIME ZONE timezone)	Read a UTC timestamp as wall-clock time in timezone.
from_xml	scalar	from_xml(xmlStr, schema [, options])	STRUCT	missing	Parse XML text into a struct.
get	scalar	get(array, index)	element type	alt:array[index + 1]	Array element at 0-based index, NULL if out of range.
get_json_object	scalar	get_json_object(json, path)	STRING	alt:json_extract_string(json, path)	Pull a value from JSON text by a $-path.
getbit	scalar	getbit(expr, pos)	TINYINT	alt:((expr >> pos) & 1)	Synonym of bit_get.
getdate	scalar	getdate()	TIMESTAMP	alt:current_timestamp	Synonym of current_timestamp.
greatest	scalar	greatest(expr1, expr2 [, ...])	same-as-input	same	Largest argument, skipping NULLs.
grouping	aggregate	grouping(col)	TINYINT	same	1 if col is aggregated away in this grouping set, else 0.
grouping_id	aggregate	grouping_id([col1 [, ...]])	BIGINT	same	Bit vector of grouping() over the listed columns.
hash	scalar	hash(expr1 [, ...])	INT	different	Murmur3 32-bit hash of the arguments; DuckDB hash is a different algorithm.
hex	scalar	hex(expr)	STRING	same	Hexadecimal text of a number, string or binary.
histogram_numeric	aggregate	histogram_numeric(expr, numBins)	ARRAY<STRUCT<x, y>>	missing	Approximate histogram as (center, height) pairs.
hll_sketch_agg	aggregate	hll_sketch_agg(expr [, lgConfigK])	BINARY	missing	Build a HyperLogLog sketch of distinct values.
hll_sketch_estimate	scalar	hll_sketch_estimate(sketch)	BIGINT	missing	Distinct-count estimate from an HLL sketch binary.
hll_union	scalar	hll_union(sketch1, sketch2 [, allowDifferentLgConfigK])	BINARY	missing	Merge two HLL sketches.
hll_union_agg	aggregate	hll_union_agg(sketch [, allowDifferentLgConfigK])	BINARY	missing	Merge HLL sketches across rows.
hour	scalar	hour(expr)	INT	same	Hour component.
hypot	scalar	hypot(expr1, expr2)	DOUBLE	alt:sqrt(expr1 * expr1 + expr2 * expr2)	Length of the hypotenuse sqrt(a^2 + b^2).
if	scalar	if(cond, expr1, expr2)	same-as-input	same	Pick expr1 when cond is true, otherwise expr2.
iff	scalar	iff(cond, expr1, expr2)	same-as-input	alt:if(cond, expr1, expr2)	Synonym of if: conditional choice between two values.
ifnull	scalar	ifnull(expr1, expr2)	same-as-input	same	expr2 when expr1 is NULL, else expr1.
ilike	scalar	ilike(str, pattern [, escape])	BOOLEAN	alt:(str ILIKE pattern)	Case-insensitive LIKE as a function call.
initcap	scalar	initcap(str)	STRING	missing	Capitalise the first letter of each word, lowercase the rest.
inline	generator	inline(arrayOfStructs)		alt:unnest(arrayOfStructs, recursive := true)	One row per struct, one column per field.
inline_outer	generator	inline_outer(arrayOfStructs)		missing	inline that keeps a NULL row for empty/NULL input.
input_file_block_length	scalar	input_file_block_length()	BIGINT	missing	Length of the block being read.
input_file_block_start	scalar	input_file_block_start()	BIGINT	missing	Byte offset of the block being read.
input_file_name	scalar	input_file_name()	STRING	missing	Path of the file the current row was read from.
instr	scalar	instr(str, substr)	INT	same	1-based position of first substr occurrence, 0 if none.
int	scalar	int(expr)	INT	alt:CAST(expr AS INTEGER)	Shorthand for CAST(expr AS INT).
is_account_group_member	scalar	is_account_group_member(group)	BOOLEAN	missing	True when the caller belongs to an account-level group.
is_member	scalar	is_member(group)	BOOLEAN	missing	True when the caller belongs to a workspace group.
is_valid_utf8	scalar	is_valid_utf8(str)	BOOLEAN	missing	True when the string is valid UTF-8.
is_variant_null	scalar	is_variant_null(variantExpr)	BOOLEAN	alt:(json_type(variantExpr) = 'NULL')	True when the VARIANT holds a JSON null.
isnan	scalar	isnan(expr)	BOOLEAN	same	Test whether a floating value is NaN.
isnotnull	scalar	isnotnull(expr)	BOOLEAN	alt:(expr IS NOT NULL)	True when the argument is not NULL.
isnull	scalar	isnull(expr)	BOOLEAN	alt:(expr IS NULL)	True when the argument is NULL.
java_method	scalar	java_method(class, method [, arg ...])	STRING	missing	Synonym of reflect.
json_array_length	scalar	json_array_length(jsonArray)	INT	same	Element count of the outermost JSON array.
json_object_keys	scalar	json_object_keys(jsonObject)	ARRAY<STRING>	alt:json_keys(jsonObject)	Top-level keys of a JSON object.
json_tuple	generator	json_tuple(jsonStr, field1 [, ...])		alt:json_extract_string(jsonStr, '$.' || field) per field	Pull several top-level fields from JSON as columns c0, c1, ...
kurtosis	aggregate	kurtosis(expr)	DOUBLE	alt:kurtosis_pop(expr)	Population excess kurtosis; DuckDB kurtosis is the sample-corrected variant.
lag	window	lag(expr [, offset [, default]]) [IGNORE NULLS] OVER (...)	same-as-input	same	Value from a preceding row.
last	aggregate	last(expr [, ignoreNull])	same-as-input	same	Last value of the group (order-dependent).
last_day	scalar	last_day(expr)	DATE	same	Last day of the month containing the date.
last_value	window	last_value(expr [, ignoreNull]) OVER (...)	same-as-input	same	Last value in the window frame.
lcase	scalar	lcase(str)	STRING	same	Lower-case a string.
lead	window	lead(expr [, offset [, default]]) [IGNORE NULLS] OVER (...)	same-as-input	same	Value from a following row.
least	scalar	least(expr1, expr2 [, ...])	same-as-input	same	Smallest argument, skipping NULLs.
left	scalar	left(str, len)	STRING	same	Leftmost len characters.
len	scalar	len(expr)	INT	same	Character count of string or byte count of binary.
length	scalar	length(expr)	INT	same	Character count of string or byte count of binary.
levenshtein	scalar	levenshtein(str1, str2 [, threshold])	INT	same	Edit distance; optional threshold argument unsupported in DuckDB.
like	scalar	like(str, pattern [, escape])	BOOLEAN	alt:(str LIKE pattern)	SQL LIKE match as a function call.
list_secrets	table_valued	list_secrets()	TABLE(scope STRING, key STRING)	missing	Secret scopes and keys visible to the user.
listagg	aggregate	listagg([ALL | DISTINCT] expr [, delimiter]) [WITHIN GROUP (ORDER BY key)]	STRING	alt:string_agg(expr, coalesce(delimiter, '') ORDER BY key)	Concatenate non-NULL strings; default delimiter '' (DuckDB default is comma).
ln	scalar	ln(expr)	DOUBLE	same	Natural logarithm.
localtimestamp	scalar	localtimestamp()	TIMESTAMP_NTZ	same	Current timestamp without time zone.
locate	scalar	locate(substr, str [, pos])	INT	alt:instr(str, substr)	1-based position of substr in str after pos, 0 if absent.
log	scalar	log([base,] expr)	DOUBLE	alt:ln(expr) | log(base, expr)	Logarithm to base; one-arg form is natural log (DuckDB: base 10).
log10	scalar	log10(expr)	DOUBLE	same	Base-10 logarithm.
log1p	scalar	log1p(expr)	DOUBLE	alt:ln(1 + expr)	Natural log of 1 + expr.
log2	scalar	log2(expr)	DOUBLE	same	Base-2 logarithm.
lower	scalar	lower(str)	STRING	same	Lower-case a string.
lpad	scalar	lpad(expr, len [, pad])	STRING	same	Left-pad/truncate to len; pad defaults to space (DuckDB requires pad).
ltrim	scalar	ltrim(str)	STRING	same	Remove leading spaces.
luhn_check	scalar	luhn_check(numStr)	BOOLEAN	missing	Validate a digit string with the Luhn checksum.
make_date	scalar	make_date(year, month, day)	DATE	same	Build a DATE from parts.
make_dt_interval	scalar	make_dt_interval([days [, hours [, mins [, secs]]]])	INTERVAL DAY TO SECOND	alt:(to_days(days) + to_hours(hours) + to_minutes(mins) + to_microseconds(secs * 1000000))	Build a day-time interval.
make_interval	scalar	make_interval([years [, months [, weeks [, days [, hours [, mins [, secs]]]]]]])	INTERVAL	alt:(to_years(years) + to_months(months) + to_weeks(weeks) + to_days(days) + to_hours(hours) + to_minutes(mins) + to_microseconds(secs * 1000000))	Build an interval from component counts.
make_time	scalar	make_time(hour, minute, second)	TIME	same	Build a TIME value from parts.
make_timestamp	scalar	make_timestamp(year, month, day, hour, min, sec [, timezone])	TIMESTAMP	same	Build a TIMESTAMP from parts.
make_timestamp_ltz	scalar	make_timestamp_ltz(year, month, day, hour, min, sec [, timezone])	TIMESTAMP	alt:make_timestamptz(year, month, day, hour, min, sec [, timezone])	Build a time-zone-aware TIMESTAMP from parts.
make_timestamp_ntz	scalar	make_timestamp_ntz(year, month, day, hour, min, sec)	TIMESTAMP_NTZ	alt:make_timestamp(year, month, day, hour, min, sec)	Build a TIMESTAMP_NTZ from parts.
make_valid_utf8	scalar	make_valid_utf8(str)	STRING	missing	Replace invalid UTF-8 bytes with U+FFFD.
make_ym_interval	scalar	make_ym_interval([years [, months]])	INTERVAL YEAR TO MONTH	alt:(to_years(years) + to_months(months))	Build a year-month interval.
map	scalar	map(key1, value1 [, ...])	MAP	alt:map([key1, ...], [value1, ...]) | MAP {key1: value1, ...}	Map from alternating key/value args; DuckDB map takes key and value lists.
map_concat	scalar	map_concat(map1 [, ...])	MAP	same	Union of several maps.
map_contains_key	scalar	map_contains_key(map, key)	BOOLEAN	alt:map_contains(map, key)	True when the map holds key.
map_entries	scalar	map_entries(map)	ARRAY<STRUCT<key, value>>	same	Unordered array of key/value structs.
map_filter	higher_order	map_filter(map, (k, v) -> cond)	MAP	alt:map_from_entries(list_filter(map_entries(map), lambda e: cond(e.key, e.value)))	Keep map entries satisfying the predicate.
map_from_arrays	scalar	map_from_arrays(keys, values)	MAP	alt:map(keys, values)	Map pairing a keys array with a values array.
map_from_entries	scalar	map_from_entries(arrayOfEntries)	MAP	same	Map built from an array of key/value structs.
map_keys	scalar	map_keys(map)	ARRAY	same	Unordered array of the keys.
map_values	scalar	map_values(map)	ARRAY	same	Unordered array of the values.
map_zip_with	higher_order	map_zip_with(map1, map2, (k, v1, v2) -> expr)	MAP	missing	Merge two maps by key with a lambda.
mask	scalar	mask(str [, upperChar [, lowerChar [, digitChar [, otherChar]]]])	STRING	missing	Replace letters and digits with mask characters.
max	aggregate	max(expr)	same-as-input	same	Largest value.
max_by	aggregate	max_by(x, y)	same-as-input	same	Value of x on the row where y is largest.
md5	scalar	md5(expr)	STRING	same	MD5 digest as 32 hex characters.
mean	aggregate	mean(expr)	DOUBLE	same	Synonym of avg.
median	aggregate	median(expr)	DOUBLE	same	Interpolated 50th percentile.
min	aggregate	min(expr)	same-as-input	same	Smallest value.
min_by	aggregate	min_by(x, y)	same-as-input	same	Value of x on the row where y is smallest.
minute	scalar	minute(expr)	INT	same	Minute component.
mod	scalar	mod(dividend, divisor)	same-as-input	same	Remainder after division, sign follows dividend.
mode	aggregate	mode(expr [, deterministic]) | mode() WITHIN GROUP (ORDER BY expr)	same-as-input	same	Most frequent value.
monotonically_increasing_id	scalar	monotonically_increasing_id()	BIGINT	missing	Unique increasing (not consecutive) 64-bit row id.
month	scalar	month(expr)	INT	same	Month component 1..12.
monthname	scalar	monthname(expr)	STRING	alt:strftime(expr, '%b')	Three-letter month name like 'Feb'; DuckDB gives full name.
months_between	scalar	months_between(expr1, expr2 [, roundOff])	DOUBLE	missing	Fractional months between two timestamps (31-day months).
named_struct	scalar	named_struct(name1, val1 [, ...])	STRUCT	alt:struct_pack(name1 := val1, ...)	Struct with explicitly named fields.
nanvl	scalar	nanvl(expr1, expr2)	DOUBLE	alt:CASE WHEN isnan(expr1) THEN expr2 ELSE expr1 END	Substitute expr2 when expr1 is NaN.
negative	scalar	negative(expr)	same-as-input	alt:(- expr)	Arithmetic negation.
next_day	scalar	next_day(startDate, dayOfWeek)	DATE	missing	First later date falling on the named weekday.
now	scalar	now()	TIMESTAMP	same	Synonym of current_timestamp.
nth_value	window	nth_value(expr, offset) [IGNORE NULLS] OVER (...)	same-as-input	same	Value from the offset-th row of the window frame.
ntile	window	ntile(n) OVER (...)	INT	same	Bucket number 1..n splitting the partition evenly.
nullif	scalar	nullif(expr1, expr2)	same-as-input	same	NULL when both arguments are equal, else expr1.
nullifzero	scalar	nullifzero(expr)	same-as-input	alt:nullif(expr, 0)	Turn zero into NULL.
nvl	scalar	nvl(expr1, expr2)	same-as-input	alt:coalesce(expr1, expr2)	Replace NULL expr1 with expr2.
nvl2	scalar	nvl2(expr1, expr2, expr3)	same-as-input	alt:CASE WHEN expr1 IS NOT NULL THEN expr2 ELSE expr3 END	expr2 if expr1 is non-NULL, otherwise expr3.
octet_length	scalar	octet_length(expr)	INT	alt:strlen(expr)	Length in bytes; DuckDB octet_length rejects plain strings.
overlay	scalar	overlay(input PLACING replace FROM pos [FOR len])	STRING	alt:(left(input, pos - 1) || replace || substr(input, pos + len))	Replace a substring starting at pos with another string.
parse_json	scalar	parse_json(jsonStr)	VARIANT	alt:CAST(jsonStr AS JSON)	Parse JSON text into a VARIANT value.
parse_url	scalar	parse_url(url, partToExtract [, key])	STRING	missing	Extract HOST, PATH, QUERY, PROTOCOL, etc. from a URL.
percent_rank	window	percent_rank() OVER (...)	DOUBLE	same	(rank - 1) / (rows in partition - 1).
percentile	aggregate	percentile(col, percentage [, frequency])	DOUBLE	alt:quantile_cont(col, percentage)	Exact interpolated percentile (array of percentages allowed).
percentile_approx	aggregate	percentile_approx(col, percentage [, accuracy])	same-as-input	alt:quantile_disc(col, percentage)	Synonym of approx_percentile.
percentile_cont	aggregate	percentile_cont(pct) WITHIN GROUP (ORDER BY col)	DOUBLE	same	Continuous (interpolated) percentile of an ordered group.
percentile_disc	aggregate	percentile_disc(pct) WITHIN GROUP (ORDER BY col)	same-as-input	same	Discrete percentile: first value reaching the fraction.
pi	scalar	pi()	DOUBLE	same	The constant pi.
pmod	scalar	pmod(dividend, divisor)	same-as-input	alt:(((dividend % divisor) + divisor) % divisor)	Non-negative modulus for a positive divisor.
posexplode	generator	posexplode(collection)		alt:unnest(collection), generate_subscripts(collection, 1) - 1 AS pos	Like explode plus a 0-based pos column.
posexplode_outer	generator	posexplode_outer(collection)		missing	posexplode that keeps a NULL row for empty/NULL input.
position	scalar	position(substr, str [, pos]) | position(substr IN str)	INT	alt:position(substr IN str)	Synonym of locate; DuckDB only accepts position(substr IN str).
positive	scalar	positive(expr)	same-as-input	alt:(+ expr)	Returns the argument unchanged (unary plus).
pow	scalar	pow(expr1, expr2)	DOUBLE	same	expr1 raised to expr2.
power	scalar	power(expr1, expr2)	DOUBLE	same	Synonym of pow.
printf	scalar	printf(fmt, expr [, ...])	STRING	same	Synonym of format_string.
quarter	scalar	quarter(expr)	INT	same	Quarter of the year, 1..4.
quote	scalar	quote(str)	STRING	missing	Wrap in single quotes, escaping embedded quotes.
radians	scalar	radians(expr)	DOUBLE	same	Convert degrees to radians.
raise_error	scalar	raise_error(message)		alt:error(message)	Abort the query with a custom error message.
rand	scalar	rand([seed])	DOUBLE	alt:random()	Uniform random double in [0, 1); DuckDB random() takes no seed.
randn	scalar	randn([seed])	DOUBLE	alt:(sqrt(-2 * ln(random())) * cos(2 * pi() * random()))	Random draw from the standard normal distribution.
random	scalar	random([seed])	DOUBLE	same	Synonym of rand; DuckDB random takes no seed.
randstr	scalar	randstr(length [, seed])	STRING	missing	Random alphanumeric string of given length.
range	table_valued	range(end) | range(start, end [, step [, numPartitions]])	TABLE(id BIGINT)	same	BIGINT rows from start to end exclusive; DuckDB column named range.
rank	window	rank() OVER (...)	INT	same	Rank with gaps after ties.
read_files	table_valued	read_files(path [, option => value ...])	TABLE	alt:read_csv(path, ...) | read_json(path, ...) | read_parquet(path, ...)	Read CSV/JSON/Parquet/Avro/ORC/XML/text/binary files with schema inference.
read_kafka	table_valued	read_kafka(option => value [, ...])	TABLE	missing	Batch or streaming read of Kafka topics.
read_kinesis	table_valued	read_kinesis(option => value [, ...])	TABLE	missing	Streaming read of Amazon Kinesis streams.
read_pubsub	table_valued	read_pubsub(option => value [, ...])	TABLE	missing	Streaming read of Google Pub/Sub subscriptions.
read_pulsar	table_valued	read_pulsar(option => value [, ...])	TABLE	missing	Streaming read of Apache Pulsar topics.
read_state_metadata	table_valued	read_state_metadata(path)	TABLE	missing	Metadata of a streaming checkpoint state store.
read_statestore	table_valued	read_statestore(path [, option => value ...])	TABLE	missing	Inspect stateful streaming query state rows.
reduce	higher_order	reduce(array, start, (acc, x) -> merge [, acc -> finish])	same-as-start	alt:list_reduce(array, lambda acc, x: merge, start)	Synonym of aggregate; DuckDB reduce lacks the start-value position.
reflect	scalar	reflect(class, method [, arg ...])	STRING	missing	Invoke a static Java method by reflection.
regexp	scalar	regexp(str, regex)	BOOLEAN	alt:regexp_matches(str, regex)	True when the Java regex matches part of str.
regexp_count	scalar	regexp_count(str, regex)	INT	alt:len(regexp_extract_all(str, regex))	Number of regex matches in str.
regexp_extract	scalar	regexp_extract(str, regex [, idx])	STRING	alt:regexp_extract(str, regex, idx)	Capture group idx of first match; default 1 (DuckDB default 0).
regexp_extract_all	scalar	regexp_extract_all(str, regex [, idx])	ARRAY<STRING>	alt:regexp_extract_all(str, regex, idx)	Group idx of every match; default 1 (DuckDB default 0).
regexp_instr	scalar	regexp_instr(str, regex)	INT	missing	1-based start of first regex match, 0 if none.
regexp_like	scalar	regexp_like(str, regex)	BOOLEAN	alt:regexp_matches(str, regex)	True when the regex matches part of str.
regexp_replace	scalar	regexp_replace(str, regex, rep [, position])	STRING	alt:regexp_replace(str, regex, rep, 'g')	Replace all regex matches; DuckDB needs the g flag for all.
regexp_substr	scalar	regexp_substr(str, regex)	STRING	alt:nullif(regexp_extract(str, regex), '')	First substring matching the regex, NULL if none.
regr_avgx	aggregate	regr_avgx(y, x)	DOUBLE	same	Mean of x over pairs where both are non-NULL.
regr_avgy	aggregate	regr_avgy(y, x)	DOUBLE	same	Mean of y over pairs where both are non-NULL.
regr_count	aggregate	regr_count(y, x)	BIGINT	same	Count of pairs where both are non-NULL.
regr_intercept	aggregate	regr_intercept(y, x)	DOUBLE	same	Intercept of the least-squares line.
regr_r2	aggregate	regr_r2(y, x)	DOUBLE	same	Coefficient of determination of the fit.
regr_slope	aggregate	regr_slope(y, x)	DOUBLE	same	Slope of the least-squares line.
regr_sxx	aggregate	regr_sxx(y, x)	DOUBLE	same	Sum of squared x deviations.
regr_sxy	aggregate	regr_sxy(y, x)	DOUBLE	same	Sum of x-y deviation products.
regr_syy	aggregate	regr_syy(y, x)	DOUBLE	same	Sum of squared y deviations.
repeat	scalar	repeat(str, n)	STRING	same	Concatenate str with itself n times.
replace	scalar	replace(str, search [, replace])	STRING	same	Replace all occurrences; 2-arg form deletes (DuckDB requires 3 args).
reverse	scalar	reverse(expr)	same-as-input	same	Reverse a string or array; DuckDB needs list_reverse for arrays.
right	scalar	right(str, len)	STRING	same	Rightmost len characters.
rint	scalar	rint(expr)	DOUBLE	alt:round_even(expr, 0)	Nearest integer as DOUBLE, ties to even.
rlike	scalar	rlike(str, regex)	BOOLEAN	alt:regexp_matches(str, regex)	True when the regex matches part of str (also infix RLIKE).
round	scalar	round(expr [, d])	same-as-input	same	Round to d decimals, half away from zero.
row_number	window	row_number() OVER (...)	INT	same	Sequential 1-based row number within the partition.
rpad	scalar	rpad(expr, len [, pad])	STRING	same	Right-pad/truncate to len; pad defaults to space (DuckDB requires pad).
rtrim	scalar	rtrim(str)	STRING	same	Remove trailing spaces.
schema_of_csv	scalar	schema_of_csv(csv [, options])	STRING	missing	Infer a DDL schema from a CSV sample line.
schema_of_json	scalar	schema_of_json(json [, options])	STRING	alt:json_structure(json)	Infer a DDL schema string from a JSON sample.
schema_of_json_agg	aggregate	schema_of_json_agg(json [, options])	STRING	missing	Merged DDL schema inferred from many JSON values.
schema_of_variant	scalar	schema_of_variant(variantExpr)	STRING	alt:json_structure(variantExpr)	DDL schema string describing a VARIANT value.
schema_of_variant_agg	aggregate	schema_of_variant_agg(variantExpr)	STRING	missing	Merged schema of many VARIANT values.
schema_of_xml	scalar	schema_of_xml(xml [, options])	STRING	missing	Infer a DDL schema from an XML sample.
sec	scalar	sec(expr)	DOUBLE	alt:(1 / cos(expr))	Secant of an angle in radians.
second	scalar	second(expr)	INT	same	Whole-second component.
secret	scalar	secret(scope, key)	STRING	missing	Fetch a value from the Databricks secret service.
sentences	scalar	sentences(str [, lang, country])	ARRAY<ARRAY<STRING>>	missing	Split text into sentences of words.
sequence	scalar	sequence(start, stop [, step])	ARRAY	alt:generate_series(start, stop [, step])	Inclusive array of numbers, dates or timestamps.
session_user	scalar	session_user()	STRING	same	Synonym of current_user.
session_window	scalar	session_window(timeColumn, gapDuration)	STRUCT<start: TIMESTAMP, end: TIMESTAMP>	missing	Group events into sessions split by inactivity gaps.
sha	scalar	sha(expr)	STRING	alt:sha1(expr)	Synonym of sha1.
sha1	scalar	sha1(expr)	STRING	same	SHA-1 digest as hex.
sha2	scalar	sha2(expr, bitLength)	STRING	alt:sha256(expr)	SHA-2 family digest (224/256/384/512) as hex.
shiftleft	scalar	shiftleft(expr, n)	same-as-input	alt:(expr << n)	Bitwise left shift (also <<).
shiftright	scalar	shiftright(expr, n)	same-as-input	alt:(expr >> n)	Arithmetic right shift keeping sign (also >>).
shiftrightunsigned	scalar	shiftrightunsigned(expr, n)	same-as-input	missing	Logical right shift filling zeros (also >>>).
shuffle	scalar	shuffle(array)	ARRAY	missing	Random permutation of an array.
sign	scalar	sign(expr)	DOUBLE	same	-1, 0 or 1 according to the sign.
signum	scalar	signum(expr)	DOUBLE	alt:sign(expr)	Synonym of sign.
sin	scalar	sin(expr)	DOUBLE	same	Sine of an angle in radians.
sinh	scalar	sinh(expr)	DOUBLE	same	Hyperbolic sine.
size	scalar	size(expr)	INT	alt:len(array) | cardinality(map)	Size of an array or map (NULL input gives -1 unless ANSI).
skewness	aggregate	skewness(expr)	DOUBLE	alt:(skewness(expr) * (count(expr) - 2) / sqrt(count(expr) * (count(expr) - 1)))	Population skewness; DuckDB skewness is sample-corrected.
slice	scalar	slice(array, start, length)	ARRAY	alt:list_slice(array, start, start + length - 1)	length elements from 1-based start (negative counts from end).
smallint	scalar	smallint(expr)	SMALLINT	alt:CAST(expr AS SMALLINT)	Shorthand for CAST(expr AS SMALLINT).
some	aggregate	some(expr)	BOOLEAN	alt:bool_or(expr)	Synonym of bool_or.
sort_array	scalar	sort_array(array [, ascending])	ARRAY	alt:list_sort(array, 'ASC', 'NULLS FIRST') | list_sort(array, 'DESC', 'NULLS LAST')	Sort; NULLs first ascending, last descending.
soundex	scalar	soundex(str)	STRING	missing	Soundex phonetic code.
space	scalar	space(n)	STRING	alt:repeat(' ', n)	String of n spaces.
spark_partition_id	scalar	spark_partition_id()	INT	missing	Id of the Spark partition processing the row.
split	scalar	split(str, regex [, limit])	ARRAY<STRING>	alt:string_split_regex(str, regex)	Split around regex matches; DuckDB split treats the pattern literally.
split_part	scalar	split_part(str, delimiter, partNum)	STRING	same	The partNum-th field after splitting on a literal delimiter.
sql_keywords	table_valued	sql_keywords()	TABLE(keyword STRING, reserved BOOLEAN)	alt:duckdb_keywords()	SQL keywords and whether they are reserved.
sqrt	scalar	sqrt(expr)	DOUBLE	same	Square root.
stack	generator	stack(numRows, expr1 [, ...])		missing	Spread the expressions over numRows rows.
startswith	scalar	startswith(expr, prefix)	BOOLEAN	alt:starts_with(expr, prefix)	True when expr begins with prefix.
std	aggregate	std(expr)	DOUBLE	alt:stddev_samp(expr)	Synonym of stddev_samp.
stddev	aggregate	stddev(expr)	DOUBLE	same	Synonym of stddev_samp.
stddev_pop	aggregate	stddev_pop(expr)	DOUBLE	same	Population standard deviation.
stddev_samp	aggregate	stddev_samp(expr)	DOUBLE	same	Sample standard deviation.
str_to_map	scalar	str_to_map(text [, pairDelim [, keyValueDelim]])	MAP<STRING,STRING>	alt:map_from_entries(list_transform(string_split(text, pairDelim), lambda p: {'k': split_part(p, keyValueDelim, 1), 'v': split_part(p, keyValueDelim, 2)}))	Parse 'k:v,k:v' text into a map.
string	scalar	string(expr)	STRING	alt:CAST(expr AS VARCHAR)	Shorthand for CAST(expr AS STRING).
string_agg	aggregate	string_agg([ALL | DISTINCT] expr [, delimiter]) [WITHIN GROUP (ORDER BY key)]	STRING	alt:string_agg(expr, coalesce(delimiter, '') ORDER BY key)	Synonym of listagg; default delimiter '' (DuckDB default is comma).
struct	scalar	struct(expr1 [, ...])	STRUCT	alt:struct_pack(col1 := expr1, ...) | row(expr1, ...)	Struct whose fields are named after inputs or col1..colN.
substr	scalar	substr(expr, pos [, len]) | substr(expr FROM pos [FOR len])	STRING	alt:substr(expr, CASE WHEN pos = 0 THEN 1 ELSE pos END, len)	Substring from 1-based pos; pos 0 acts like 1 (not in DuckDB).
substring	scalar	substring(expr, pos [, len]) | substring(expr FROM pos [FOR len])	STRING	alt:substring(expr, CASE WHEN pos = 0 THEN 1 ELSE pos END, len)	Synonym of substr; pos 0 acts like 1 (not in DuckDB).
substring_index	scalar	substring_index(expr, delim, count)	STRING	alt:array_to_string(list_slice(string_split(expr, delim), 1, count), delim)	Text before the count-th delimiter (from right if negative).
sum	aggregate	sum(expr)	same-as-input	same	Sum of non-NULL values.
table_changes	table_valued	table_changes(table_str, start [, end])	TABLE	missing	Change data feed rows of a Delta table.
tan	scalar	tan(expr)	DOUBLE	same	Tangent of an angle in radians.
tanh	scalar	tanh(expr)	DOUBLE	same	Hyperbolic tangent.
time_diff	scalar	time_diff(unit, start, end)	BIGINT	alt:date_sub('unit', start, end)	Whole units between two TIME values.
time_trunc	scalar	time_trunc(unit, time)	TIME	missing	Truncate a TIME to the given unit.
timediff	scalar	timediff(unit, start, end)	BIGINT	alt:date_sub('unit', start, end)	Synonym of timestampdiff.
timestamp	scalar	timestamp(expr)	TIMESTAMP	alt:CAST(expr AS TIMESTAMP)	Shorthand for CAST(expr AS TIMESTAMP).
timestamp_micros	scalar	timestamp_micros(micros)	TIMESTAMP	alt:make_timestamp(micros)	Timestamp from epoch microseconds.
timestamp_millis	scalar	timestamp_millis(millis)	TIMESTAMP	alt:epoch_ms(millis)	Timestamp from epoch milliseconds.
timestamp_seconds	scalar	timestamp_seconds(seconds)	TIMESTAMP	alt:to_timestamp(seconds)	Timestamp from epoch seconds (fractions allowed).
timestampadd	scalar	timestampadd(unit, value, expr)	TIMESTAMP	alt:(expr + to_<unit>s(value))	Add value units to a timestamp.
timestampdiff	scalar	timestampdiff(unit, start, end)	BIGINT	alt:date_sub('unit', start, end)	Whole units elapsed between two timestamps.
tinyint	scalar	tinyint(expr)	TINYINT	alt:CAST(expr AS TINYINT)	Shorthand for CAST(expr AS TINYINT).
to_avro	scalar	to_avro(expr [, jsonSchema])	BINARY	missing	Encode a value as Avro binary.
to_binary	scalar	to_binary(expr [, fmt])	BINARY	alt:unhex(expr) | encode(expr) | from_base64(expr)	String to binary via 'hex'/'utf-8'/'base64'; DuckDB to_binary means bit-string.
to_char	scalar	to_char(expr, fmt)	STRING	missing	Format number (or datetime) per a format string.
to_csv	scalar	to_csv(expr [, options])	STRING	missing	Render a struct as a CSV line.
to_date	scalar	to_date(expr [, fmt])	DATE	alt:CAST(expr AS DATE) | CAST(strptime(expr, <fmt converted>) AS DATE)	Parse or cast to DATE with an optional Java pattern.
to_json	scalar	to_json(expr [, options])	STRING	same	Serialise a struct, array or map as JSON text.
to_number	scalar	to_number(expr, fmt)	DECIMAL	missing	Parse a string to DECIMAL using a number format.
to_protobuf	scalar	to_protobuf(expr, messageName [, descFilePath] [, options])	BINARY	missing	Encode a struct as Protobuf binary.
to_time	scalar	to_time(str [, fmt])	TIME	alt:CAST(str AS TIME) | CAST(strptime(str, <fmt converted>) AS TIME)	Parse a string to TIME.
to_timestamp	scalar	to_timestamp(expr [, fmt])	TIMESTAMP	alt:CAST(expr AS TIMESTAMP) | strptime(expr, <fmt converted>)	Parse text to TIMESTAMP; DuckDB to_timestamp expects epoch seconds.
to_timestamp_ltz	scalar	to_timestamp_ltz(expr [, fmt])	TIMESTAMP	alt:CAST(expr AS TIMESTAMPTZ)	Parse to a session-time-zone TIMESTAMP.
to_timestamp_ntz	scalar	to_timestamp_ntz(expr [, fmt])	TIMESTAMP_NTZ	alt:CAST(expr AS TIMESTAMP)	Parse to a TIMESTAMP without time zone.
to_unix_timestamp	scalar	to_unix_timestamp(timeExpr [, fmt])	BIGINT	alt:epoch(strptime(timeExpr, <fmt converted>))::BIGINT	Epoch seconds of a parsed time.
to_utc_timestamp	scalar	to_utc_timestamp(timestamp, timezone)	TIMESTAMP	alt:((timestamp AT TIME ZONE timezone) AT TIME ZONE 'UTC')	Read wall-clock time in timezone as a UTC timestamp.
to_varchar	scalar	to_varchar(expr, fmt)	STRING	missing	Synonym of to_char.
to_variant_object	scalar	to_variant_object(expr)	VARIANT	missing	Convert struct/array/map to a VARIANT object.
to_xml	scalar	to_xml(expr [, options])	STRING	missing	Render a struct as XML text.
transform	higher_order	transform(array, x -> expr | (x, i) -> expr)	ARRAY	alt:list_transform(array, lambda x: expr)	Map each array element through a lambda (optional 0-based index).
transform_keys	higher_order	transform_keys(map, (k, v) -> newKey)	MAP	alt:map_from_entries(list_transform(map_entries(map), lambda e: {'k': newKey(e.key, e.value), 'v': e.value}))	Rewrite map keys with a lambda.
transform_values	higher_order	transform_values(map, (k, v) -> newValue)	MAP	alt:map_from_entries(list_transform(map_entries(map), lambda e: {'k': e.key, 'v': newValue(e.key, e.value)}))	Rewrite map values with a lambda.
translate	scalar	translate(input, from, to)	STRING	same	Map characters of from to matching characters of to.
trim	scalar	trim(str) | trim([BOTH | LEADING | TRAILING] [trimStr] FROM str)	STRING	same	Remove characters from one or both ends.
trunc	scalar	trunc(expr, fmt)	DATE	alt:CAST(date_trunc('<unit>', expr) AS DATE)	Truncate a date to YEAR/QUARTER/MONTH/WEEK; DuckDB trunc is numeric.
try_add	scalar	try_add(expr1, expr2)	same-as-input	alt:try(expr1 + expr2)	Addition returning NULL instead of failing on overflow.
try_aes_decrypt	scalar	try_aes_decrypt(expr, key [, mode [, padding [, aad]]])	BINARY	missing	AES decrypt returning NULL on failure.
try_avg	aggregate	try_avg(expr)	DOUBLE	alt:avg(expr)	Mean that yields NULL on overflow.
try_cast	scalar	try_cast(expr AS type)		same	Cast returning NULL when conversion fails.
try_divide	scalar	try_divide(dividend, divisor)	DOUBLE	alt:(dividend / nullif(divisor, 0))	Division yielding NULL for zero divisor (DuckDB / gives Infinity).
try_element_at	scalar	try_element_at(array, index) | try_element_at(map, key)	element type	alt:array[index] | map[key]	element_at returning NULL for bad index.
try_make_interval	scalar	try_make_interval([years [, months [, weeks [, days [, hours [, mins [, secs]]]]]]])	INTERVAL	alt:try(make_interval ...)	make_interval returning NULL on overflow.
try_make_timestamp	scalar	try_make_timestamp(year, month, day, hour, min, sec [, timezone])	TIMESTAMP	alt:try(make_timestamp(year, month, day, hour, min, sec))	make_timestamp returning NULL for invalid parts.
try_make_timestamp_ltz	scalar	try_make_timestamp_ltz(year, month, day, hour, min, sec [, timezone])	TIMESTAMP	alt:CAST(try(make_timestamp(year, month, day, hour, min, sec)) AS TIMESTAMPTZ)	make_timestamp_ltz returning NULL for invalid parts.
try_make_timestamp_ntz	scalar	try_make_timestamp_ntz(year, month, day, hour, min, sec)	TIMESTAMP_NTZ	alt:try(make_timestamp(year, month, day, hour, min, sec))	make_timestamp_ntz returning NULL for invalid parts.
try_mod	scalar	try_mod(dividend, divisor)	same-as-input	alt:(dividend % divisor)	Remainder yielding NULL for a zero divisor.
try_multiply	scalar	try_multiply(expr1, expr2)	same-as-input	alt:try(expr1 * expr2)	Multiplication returning NULL on overflow.
try_parse_json	scalar	try_parse_json(jsonStr)	VARIANT	alt:TRY_CAST(jsonStr AS JSON)	parse_json returning NULL on malformed input.
try_parse_url	scalar	try_parse_url(url, partToExtract [, key])	STRING	missing	Like parse_url but NULL on invalid URL.
try_reflect	scalar	try_reflect(class, method [, arg ...])	STRING	missing	reflect returning NULL on exceptions.
try_secret	scalar	try_secret(scope, key)	STRING	missing	Fetch a secret, or NULL when unavailable.
try_subtract	scalar	try_subtract(expr1, expr2)	same-as-input	alt:try(expr1 - expr2)	Subtraction returning NULL on overflow.
try_sum	aggregate	try_sum(expr)	same-as-input	alt:sum(expr)	Sum that yields NULL on overflow.
try_to_binary	scalar	try_to_binary(expr [, fmt])	BINARY	missing	Like to_binary but NULL on malformed input.
try_to_date	scalar	try_to_date(expr [, fmt])	DATE	alt:TRY_CAST(expr AS DATE) | CAST(try_strptime(expr, <fmt converted>) AS DATE)	Like to_date but NULL on parse failure.
try_to_number	scalar	try_to_number(expr, fmt)	DECIMAL	missing	Like to_number but NULL on mismatch.
try_to_time	scalar	try_to_time(str [, fmt])	TIME	alt:TRY_CAST(str AS TIME)	Like to_time but NULL on failure.
try_to_timestamp	scalar	try_to_timestamp(expr [, fmt])	TIMESTAMP	alt:TRY_CAST(expr AS TIMESTAMP) | try_strptime(expr, <fmt converted>)	Like to_timestamp but NULL on parse failure.
try_url_decode	scalar	try_url_decode(str)	STRING	alt:try(url_decode(replace(str, '+', ' ')))	Like url_decode but NULL on bad input.
try_validate_utf8	scalar	try_validate_utf8(str)	STRING	missing	Return input if valid UTF-8, else NULL.
try_variant_get	scalar	try_variant_get(variantExpr, path [, type])	VARIANT	alt:TRY_CAST(json_extract_string(variantExpr, path) AS type)	variant_get returning NULL when the cast fails.
try_zstd_decompress	scalar	try_zstd_decompress(value)	BINARY	missing	Zstandard decompress, NULL on failure.
typeof	scalar	typeof(expr)	STRING	different	Type name of the argument; DuckDB names differ (INTEGER vs int).
ucase	scalar	ucase(str)	STRING	same	Upper-case a string.
unbase64	scalar	unbase64(str)	BINARY	alt:from_base64(str)	Decode base64 text to binary.
unhex	scalar	unhex(str)	BINARY	same	Decode hexadecimal text to binary.
uniform	scalar	uniform(min, max [, seed])	same-as-input	alt:(min + random() * (max - min))	Random number uniformly drawn between min and max.
unix_date	scalar	unix_date(date)	INT	alt:(date - DATE '1970-01-01')	Days elapsed since 1970-01-01.
unix_micros	scalar	unix_micros(timestamp)	BIGINT	alt:epoch_us(timestamp)	Epoch microseconds of a timestamp.
unix_millis	scalar	unix_millis(timestamp)	BIGINT	alt:epoch_ms(timestamp)	Epoch milliseconds of a timestamp.
unix_seconds	scalar	unix_seconds(timestamp)	BIGINT	alt:floor(epoch(timestamp))::BIGINT	Whole epoch seconds of a timestamp.
unix_timestamp	scalar	unix_timestamp([timeExpr [, fmt]])	BIGINT	alt:epoch(strptime(timeExpr, <fmt converted>))::BIGINT	Epoch seconds of now or of a parsed time.
upper	scalar	upper(str)	STRING	same	Upper-case a string.
url_decode	scalar	url_decode(str)	STRING	alt:url_decode(replace(str, '+', ' '))	Decode form-urlencoded text; DuckDB leaves '+' undecoded.
url_encode	scalar	url_encode(str)	STRING	alt:replace(url_encode(str), '%20', '+')	Form-urlencode text (space becomes '+'; DuckDB emits %20).
user	scalar	user()	STRING	same	Synonym of current_user.
uuid	scalar	uuid()	STRING	same	Random version-4 UUID string.
validate_utf8	scalar	validate_utf8(str)	STRING	missing	Return input if valid UTF-8, else raise.
var_pop	aggregate	var_pop(expr)	DOUBLE	same	Population variance.
var_samp	aggregate	var_samp(expr)	DOUBLE	same	Sample variance.
variance	aggregate	variance(expr)	DOUBLE	same	Synonym of var_samp.
variant_explode	table_valued	variant_explode(variantExpr)	TABLE(pos INT, key STRING, value VARIANT)	alt:json_each(json)	One row per element of a VARIANT array or object.
variant_explode_outer	table_valued	variant_explode_outer(variantExpr)	TABLE(pos INT, key STRING, value VARIANT)	alt:json_each(json)	variant_explode keeping one NULL row for empty input.
variant_get	scalar	variant_get(variantExpr, path [, type])	VARIANT	alt:CAST(json_extract(variantExpr, path) AS type)	Extract a path from a VARIANT, optionally cast.
version	scalar	version()	STRING	same	Engine version string; content is engine-specific.
weekday	scalar	weekday(expr)	INT	alt:(isodow(expr) - 1)	Weekday number 0=Monday..6=Sunday; DuckDB weekday is 0=Sunday.
weekofyear	scalar	weekofyear(expr)	INT	same	ISO-8601 week number.
width_bucket	scalar	width_bucket(expr, minExpr, maxExpr, numBuckets)	BIGINT	alt:CASE WHEN expr < minExpr THEN 0 WHEN expr >= maxExpr THEN numBuckets + 1 ELSE floor((expr - minExpr) / (maxExpr - minExpr) * numBuckets)::BIGINT + 1 END	Equal-width histogram bucket number for a value.
window	scalar	window(timeColumn, windowDuration [, slideDuration [, startTime]])	STRUCT<start: TIMESTAMP, end: TIMESTAMP>	alt:struct_pack(start := time_bucket(INTERVAL windowDuration, timeColumn), "end" := time_bucket(INTERVAL windowDuration, timeColumn) + INTERVAL windowDuration)	Bucket rows into tumbling or sliding time windows.
window_time	scalar	window_time(windowColumn)	TIMESTAMP	missing	Event time of a window: its end minus one microsecond.
xpath	scalar	xpath(xml, xpath)	ARRAY<STRING>	missing	Text of all nodes matching an XPath in XML.
xpath_boolean	scalar	xpath_boolean(xml, xpath)	BOOLEAN	missing	True when an XPath matches or evaluates true.
xpath_double	scalar	xpath_double(xml, xpath)	DOUBLE	missing	XPath result as DOUBLE.
xpath_float	scalar	xpath_float(xml, xpath)	FLOAT	missing	XPath result as FLOAT.
xpath_int	scalar	xpath_int(xml, xpath)	INT	missing	XPath result as INT.
xpath_long	scalar	xpath_long(xml, xpath)	BIGINT	missing	XPath result as BIGINT.
xpath_number	scalar	xpath_number(xml, xpath)	DOUBLE	missing	Synonym of xpath_double.
xpath_short	scalar	xpath_short(xml, xpath)	SMALLINT	missing	XPath result as SMALLINT.
xpath_string	scalar	xpath_string(xml, xpath)	STRING	missing	Text of the first node matching an XPath.
xxhash64	scalar	xxhash64(expr1 [, ...])	BIGINT	missing	64-bit xxHash of the arguments (seed 42).
year	scalar	year(expr)	INT	same	Year component.
zeroifnull	scalar	zeroifnull(expr)	same-as-input	alt:coalesce(expr, 0)	Turn NULL into zero.
zip_with	higher_order	zip_with(left, right, (x, y) -> expr)	ARRAY	alt:list_transform(left, lambda x, i: expr(x, right[i]))	Combine two arrays element-wise with a lambda.
zstd_compress	scalar	zstd_compress(value [, level [, streaming_mode]])	BINARY	missing	Compress binary with Zstandard.
zstd_decompress	scalar	zstd_decompress(value)	BINARY	missing	Decompress Zstandard binary.
`;
