// Prints a Lakeflow SQL syntax tree as DuckDB SQL. Nodes that mean the same in
// both dialects are copied from the source text (comments and layout kept);
// nodes that differ are rebuilt from their printed children. Anything with no
// DuckDB equivalent is recorded as untranslatable with its span, and printed
// as written so the rest of the statement can still be checked.
import type * as A from '../../language/syntax/ast';
import { children } from '../../language/syntax/visit';
import type { FunctionCatalogue } from '../../language/facts/databricksFunctions';
import { CallArg, rewriteCall, sqlString } from './functionMap';
import { duckdbTypeOf } from './sparkTypes';
import { instantFrom, instantOfText } from './wallTime';
import type { SparkType } from './sparkTypeRules';
import { avgType, isDecimal, isFractional, isIntegral } from './sparkTypeRules';
import { typeFromSyntax } from './sparkTypeSyntax';
import { fixesIntegerType } from './sparkTyper';
import {
  STRING_PARAMETER_FUNCTIONS,
  decimalArithmetic,
  doubleDivide,
  exactDecimalDivide,
  implicitStringArg,
  timestampText,
  pinType,
} from './sparkArithmetic';

export interface Untranslatable {
  /** The construct, as a user would name it (`function xpath`, `LATERAL VIEW posexplode`). */
  construct: string;
  span: A.Span;
}

/** A `read_files(...)` / `cloud_files(...)` relation, resolved by the runtime. */
export interface FileSourceSpec {
  path: string;
  format: string;
  /** Other options by lower-case name, values as text. */
  options: Record<string, string>;
  stream: boolean;
  span: A.Span;
}

export interface PrintContext {
  text: string;
  /** Pipeline configuration values for `${key}`. */
  config: Readonly<Record<string, string>>;
  /** The DuckDB relation for a table reference, or undefined to print the name as written. */
  relation(ref: A.TableRef): string | undefined;
  /** The DuckDB relation for a file source; records it for the runtime. */
  fileSource(spec: FileSourceSpec): string;
  /** Relations (aliases or placeholder names) whose `*` must not show the hidden `_metadata` column. */
  hiddenMetadata: Set<string>;
  /** The statement reads `_metadata`, so file sources carry it (hidden from `*`). */
  metadataColumn: boolean;
  functions: FunctionCatalogue;
  problems: Untranslatable[];
  /** Spark's type of each expression the typer could tell (see sparkTyper.ts). */
  types?: ReadonlyMap<A.Node, SparkType | undefined>;
  /** spark.sql.ansi.enabled: invalid casts, overflow and division by zero fail instead of giving NULL. */
  ansi?: boolean;
  /** The session time zone has DST transitions: wall times become instants as Spark resolves them (wallTime.ts). */
  zoneTransitions?: boolean;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

const numberSuffixTypes: Record<string, string> = {
  L: 'BIGINT',
  S: 'SMALLINT',
  Y: 'TINYINT',
  D: 'DOUBLE',
  F: 'FLOAT',
  BD: 'DECIMAL(38,18)',
};

/** Higher-order functions: Spark name -> DuckDB list function (lambda printed as `lambda x: ...`). */
const listFunctions: Record<string, string> = { filter: 'list_filter', transform: 'list_transform' };

export class DuckdbPrinter {
  constructor(private readonly ctx: PrintContext) {}

  print(node: A.Node): string {
    const rewritten = this.rewrite(node);
    const sql = rewritten !== undefined ? rewritten : this.splice(node);
    return this.pinned(node) ? pinType(sql, this.typeOf(node), this.ctx.ansi ?? false) : sql;
  }

  private typeOf(node: A.Node): SparkType | undefined {
    return this.ctx.types?.get(node) ?? (node.kind === 'NumberLiteral' ? typeFromSyntax(node) : undefined);
  }

  /**
   * Expressions whose DuckDB type can differ from Spark's are cast to Spark's:
   * decimal results (precision, scale), integer-valued functions (DuckDB's
   * date parts, counts and row numbers are BIGINT or HUGEINT where Spark's are
   * INT or BIGINT). Generators stay as they are: unnest cannot sit in a cast.
   */
  private pinned(node: A.Node): boolean {
    const t = this.ctx.types?.get(node);
    if (!t) return false;
    if (node.kind === 'FunctionCall') {
      const name = node.name.parts
        .map((p) => p.name)
        .join('.')
        .toLowerCase();
      if (/^(explode|explode_outer|posexplode|posexplode_outer|inline|inline_outer|stack)$/.test(name)) return false;
      return isDecimal(t) || (isIntegral(t) && fixesIntegerType(name));
    }
    if (node.kind === 'Case' || (node.kind === 'Binary' && ['+', '-', '*', '/', '%'].includes(node.op))) return isDecimal(t);
    return false;
  }

  /**
   * Source text of `node` with each child replaced by its printed form;
   * `gap` may adjust the keywords written between two children.
   */
  private splice(node: A.Node, replace?: (child: A.Node) => string | undefined, gap?: (text: string, next: A.Node) => string): string {
    const { text } = this.ctx;
    let out = '';
    let pos = node.span.start;
    for (const child of children(node)) {
      if (child.span.start < pos) continue; // defensive: overlapping spans
      const between = text.slice(pos, child.span.start);
      out += (gap ? gap(between, child) : between) + (replace?.(child) ?? this.print(child));
      pos = child.span.end;
    }
    return out + text.slice(pos, node.span.end);
  }

  private problem(construct: string, span: A.Span): void {
    this.ctx.problems.push({ construct, span });
  }

  substitute(value: string, span: A.Span): string {
    return value.replace(/\$\{([^}]*)\}/g, (whole, key: string) => {
      const v = this.ctx.config[key];
      if (v === undefined) {
        this.problem(`configuration value \${${key}} (not in the pipeline configuration)`, span);
        return whole;
      }
      return v;
    });
  }

  private rewrite(node: A.Node): string | undefined {
    switch (node.kind) {
      case 'Missing':
        this.problem(`incomplete statement (expected ${node.expected})`, node.span);
        return '';
      case 'Error':
        this.problem(`unparsed text (${node.message})`, node.span);
        return '';
      case 'Identifier':
        if (node.quoted) return quoteIdent(this.substitute(node.name, node.span));
        return node.params ? this.substitute(node.text, node.span) : node.text;
      case 'Param': {
        const v = this.ctx.config[node.key];
        if (v === undefined) this.problem(`configuration value \${${node.key}} (not in the pipeline configuration)`, node.span);
        return v ?? 'NULL';
      }
      case 'StringLiteral':
        return sqlString(this.substitute(node.value, node.span));
      case 'NumberLiteral': {
        if (!node.suffix) {
          // DuckDB counts the zero of `0.4` as a digit (DECIMAL(2,1)); Spark's type is DECIMAL(1,1).
          const t = typeFromSyntax(node);
          return isDecimal(t) && /^0*\./.test(node.text) ? `CAST(${node.text} AS DECIMAL(${t.p},${t.s}))` : node.text;
        }
        const digits = node.text.slice(0, node.text.length - node.suffix.length);
        return `CAST(${digits} AS ${numberSuffixTypes[node.suffix] ?? 'DOUBLE'})`;
      }
      case 'TypedLiteral': {
        const t = node.typeName.toUpperCase();
        if (t === 'X') return `from_hex(${sqlString(node.value.value)})`;
        // TIMESTAMP '...' is read in the session time zone (DuckDB's TimeZone); TIMESTAMP_NTZ is a wall time.
        const type = t === 'TIMESTAMP_NTZ' ? 'TIMESTAMP' : t.startsWith('TIMESTAMP') ? 'TIMESTAMPTZ' : t;
        if (type === 'TIMESTAMPTZ' && this.ctx.zoneTransitions) return instantOfText(sqlString(node.value.value), 'CAST');
        return `${type} ${sqlString(node.value.value)}`;
      }
      case 'Interval':
        if (node.parts.length <= 1) return undefined;
        return '(' + node.parts.map((p) => `INTERVAL ${this.print(p)}`).join(' + ') + ')';
      case 'IntervalPart':
        if (node.toUnit) this.problem(`interval ${node.unit} TO ${node.toUnit}`, node.span);
        return undefined;
      case 'Cast': {
        const t = duckdbTypeOf(node.type);
        if (!t.ok) {
          this.problem(`CAST to ${t.reason}`, node.span);
          return undefined;
        }
        return this.cast(node, t.duckdb);
      }
      case 'Binary':
        return this.binary(node);
      case 'Unary':
        return node.op === '!' ? `NOT ${this.print(node.operand)}` : undefined;
      case 'Like':
        return this.like(node);
      case 'Star':
        return this.star(node);
      case 'FunctionCall':
        return this.call(node);
      case 'Lambda':
        return `lambda ${node.params.map((p) => this.print(p)).join(', ')}: ${this.print(node.body)}`;
      case 'JsonPath':
        return this.jsonPath(node);
      case 'Subscript':
        // Spark arrays count from 0, DuckDB lists from 1; a string index is a map key.
        if (node.index.kind === 'StringLiteral') return undefined;
        return `${this.print(node.object)}[${this.print(node.index)} + 1]`;
      case 'TableRef': {
        // A local lakehouse keeps no Delta history to travel back in.
        if (node.timeTravel) this.problem(`time travel (${node.timeTravel.by} AS OF)`, node.timeTravel.span);
        const rel = this.ctx.relation(node);
        // DuckDB reads Spark's TABLESAMPLE clause as written, after the alias; it has no buckets.
        if (node.sample?.bucket) this.problem('TABLESAMPLE (BUCKET ...)', node.sample.span);
        const sample = node.sample ? ' ' + this.print(node.sample) : '';
        if (rel === undefined) return node.stream ? this.print(node.name) + this.aliasText(node.alias) + sample : undefined;
        const implicitAlias = node.name.parts[node.name.parts.length - 1];
        return rel + (node.alias ? this.aliasText(node.alias) : ` AS ${quoteIdent(implicitAlias.name)}`) + sample;
      }
      case 'TableFunction':
        return this.tableFunction(node);
      case 'Join':
        return this.join(node);
      case 'SetOperation':
        return node.op === 'MINUS'
          ? this.splice(node, undefined, (gap, next) => (next === node.right ? gap.replace(/\bMINUS\b/i, 'EXCEPT') : gap))
          : undefined;
      case 'Select':
        return this.select(node);
      case 'Query':
        // Hive-style distribution hints mean nothing to a single-node engine.
        return this.splice(node, (c) => (c === node.sortBy || c === node.clusterBy || c === node.distributeBy ? '' : undefined));
      case 'GroupByClause':
        // Hive's `GROUP BY a, b WITH ROLLUP` is DuckDB's `GROUP BY ROLLUP (a, b)`.
        return node.modifier && !node.all ? `GROUP BY ${node.modifier} (${node.items.map((i) => this.print(i)).join(', ')})` : undefined;
      case 'LateralView':
        return this.lateralView(node);
      case 'PipeOperator':
        // DuckDB has no pipe syntax: name the step so the run reports it at its position.
        this.problem(`SQL pipe syntax (|> ${node.op === 'unknown' ? '...' : node.op})`, node.span);
        return undefined;
      case 'PivotRelation': {
        // Spark names a single aggregate's columns after the values alone; DuckDB would append its alias.
        const single = !node.unpivot && node.values.length === 1 ? node.values[0] : undefined;
        return single?.alias ? this.splice(node, (c) => (c === single ? this.print(single.expr) : undefined)) : undefined;
      }
      case 'OrderItem':
        // Spark sorts NULLs first ascending and last descending; DuckDB last both ways.
        return node.nulls ? undefined : `${this.splice(node)} ${node.direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST'}`;
      case 'DataType': {
        const t = duckdbTypeOf(node);
        if (!t.ok) this.problem(t.reason, node.span);
        return t.ok ? t.duckdb : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * Spark's CAST: outside ANSI mode an invalid value gives NULL (TRY_CAST);
   * a double becomes a decimal through its shortest decimal text (Spark's
   * BigDecimal(double.toString)), and a fraction becomes an integer by
   * truncation where DuckDB would round.
   */
  private cast(node: A.Cast, target: string): string {
    const ansi = this.ctx.ansi ?? false;
    const fn = node.form === 'TRY_CAST' || !ansi ? 'TRY_CAST' : 'CAST';
    let inner = this.print(node.expr);
    const from = this.typeOf(node.expr);
    const to = this.typeOf(node);
    if (isDecimal(to) && isFractional(from)) inner = `CAST(${inner} AS VARCHAR)`;
    else if (isIntegral(to) && isFractional(from) && !ansi && to) {
      // Outside ANSI mode Spark saturates a double at the integer type's bounds (NaN is 0;
      // DuckDB's greatest/least skip NULLs, so NULL is kept explicitly).
      const [lo, hi] = INTEGER_BOUNDS[to.kind];
      inner = `CASE WHEN ${inner} IS NULL THEN NULL WHEN isnan(${inner}) THEN 0 ELSE least(greatest(trunc(${inner}), ${lo}), ${hi}) END`;
    } else if (isIntegral(to) && (isFractional(from) || isDecimal(from))) inner = `trunc(${inner})`;
    // Spark reads '3.9' as 3 (it truncates the fraction); DuckDB would round it to 4.
    else if (isIntegral(to) && from?.kind === 'string' && !ansi) inner = `trunc(TRY_CAST(${inner} AS DECIMAL(38,9)))`;
    else if (to?.kind === 'string' && from?.kind === 'timestamp') return timestampText(inner);
    else if (to?.kind === 'timestamp' && this.ctx.zoneTransitions) {
      const instant = instantFrom(inner, from?.kind, fn);
      if (instant) return instant;
    }
    return `${fn}(${inner} AS ${target})`;
  }

  /** ` AS alias`, whether or not the source wrote AS (the alias node's span may include it). */
  private aliasText(alias: A.TableAlias | undefined): string {
    if (!alias) return '';
    const printed = this.print(alias);
    return /^AS\b/i.test(printed) ? ` ${printed}` : ` AS ${printed}`;
  }

  private binary(node: A.Binary): string | undefined {
    const l = () => this.print(node.left);
    const r = () => this.print(node.right);
    const t = this.typeOf(node);
    const ansi = this.ctx.ansi ?? false;
    if (['+', '-', '*', '/', '%'].includes(node.op) && isDecimal(t)) {
      return decimalArithmetic(node.op, { sql: l(), type: this.typeOf(node.left) }, { sql: r(), type: this.typeOf(node.right) }, t, ansi);
    }
    if (node.op === '/' && isFractional(t)) return doubleDivide(l(), r(), ansi);
    switch (node.op) {
      case '==':
        return `${l()} = ${r()}`;
      case '<=>':
        return `(${l()} IS NOT DISTINCT FROM ${r()})`;
      case 'DIV':
        return `CAST((${l()} // ${r()}) AS BIGINT)`;
      case '^':
        return `xor(${l()}, ${r()})`;
      default:
        return undefined;
    }
  }

  private like(node: A.LikeExpr): string | undefined {
    if (node.op === 'RLIKE' || node.op === 'REGEXP') {
      const m = `regexp_matches(${this.print(node.expr)}, ${this.print(node.patterns[0])})`;
      return node.not ? `NOT ${m}` : m;
    }
    if (node.quantifier) {
      // DuckDB has no LIKE ANY/ALL: spell it out as OR / AND of LIKEs.
      const e = this.print(node.expr);
      const joiner = node.quantifier === 'ALL' ? ' AND ' : ' OR ';
      const body = node.patterns.map((p) => `${e} ${node.op} ${this.print(p)}`).join(joiner);
      return `${node.not ? 'NOT ' : ''}(${body})`;
    }
    return undefined;
  }

  private star(node: A.Star): string {
    const qualifier = node.qualifier ? node.qualifier.map((q) => this.print(q)).join('.') + '.' : '';
    const excluded = (node.except ?? []).map((c) => this.print(c));
    const relationName = node.qualifier?.[node.qualifier.length - 1]?.name.toLowerCase();
    const hidesMetadata = relationName !== undefined ? this.ctx.hiddenMetadata.has(relationName) : this.ctx.hiddenMetadata.size > 0;
    if (hidesMetadata) excluded.push('_metadata');
    return excluded.length > 0 ? `${qualifier}* EXCLUDE (${excluded.join(', ')})` : `${qualifier}*`;
  }

  private callArg(e: A.Expr, fn = '', index = 0): CallArg {
    const printed = this.print(e);
    const sql = implicitStringArg(fn, index, { sql: printed, type: this.typeOf(e) });
    const atomic = [
      'ColumnRef',
      'StringLiteral',
      'NumberLiteral',
      'BooleanLiteral',
      'NullLiteral',
      'FunctionCall',
      'Paren',
      'Cast',
      'TypedLiteral',
      'Param',
    ].includes(e.kind);
    return {
      sql,
      atomic,
      stringLiteral: e.kind === 'StringLiteral' ? this.substitute(e.value, e.span) : undefined,
      type: typeOfExpr(e),
      columnName: e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]?.name : undefined,
      implicitCast: sql !== printed,
      sparkType: this.typeOf(e),
    };
  }

  private call(node: A.FunctionCall): string | undefined {
    const name = node.name.parts
      .map((p) => p.name)
      .join('.')
      .toLowerCase();
    const list = listFunctions[name];
    if (list) return `${list}(${node.args.map((a) => this.print(a)).join(', ')})`;
    if (name === 'aggregate' || name === 'reduce') {
      if (node.args.length !== 3) {
        this.problem(`${name} with a finish function`, node.span);
        return undefined;
      }
      const [arr, start, merge] = node.args.map((a) => this.print(a));
      return `list_reduce(${arr}, ${merge}, ${start})`;
    }
    if (name === 'exists' || name === 'forall') {
      const [arr, fn] = node.args.map((a) => this.print(a));
      return `${name === 'exists' ? 'list_bool_or' : 'list_bool_and'}(list_transform(${arr}, ${fn}))`;
    }
    if (name === 'read_files' || name === 'cloud_files') {
      this.problem(`${name} outside FROM`, node.span);
      return undefined;
    }
    const over = node.over ? `OVER ${this.print(node.over)}` : undefined;
    const typed = this.typedCall(name, node, over);
    if (typed !== undefined) return typed;
    const args = node.args.map((a, i) => this.callArg(a, name, i));
    const r = rewriteCall(name, { args, over });
    if (r === undefined && STRING_PARAMETER_FUNCTIONS.has(name) && args.some((a) => a.implicitCast)) {
      // Same function in DuckDB, but with Spark's implicit cast of its non-string arguments.
      return `${name}(${args.map((a) => a.sql).join(', ')})${over ? ` ${over}` : ''}`;
    }
    if (r === undefined) {
      const info = this.ctx.functions.get(name);
      // Unmapped functions that DuckDB lacks or answers differently would fail
      // or, worse, run with another meaning: stop the dataset instead.
      const why = {
        missing: 'no DuckDB equivalent',
        different: 'DuckDB answers differently',
        alt: 'DuckDB spells or answers it differently and the engine has no mapping yet',
      } as const;
      if (info && info.duckdb.kind !== 'same') this.problem(`function ${name} (${why[info.duckdb.kind]})`, node.span);
      return undefined;
    }
    if ('untranslatable' in r) {
      this.problem(r.untranslatable, node.span);
      return undefined;
    }
    if (node.filter || node.withinGroup || node.distinct || node.nullTreatment) {
      this.problem(`${name} with DISTINCT, FILTER, WITHIN GROUP or IGNORE NULLS`, node.span);
    }
    return r.sql;
  }

  /**
   * Calls whose Spark answer depends on the argument's type: avg over a
   * decimal is an exact decimal quotient (DuckDB's is DOUBLE); bround on a
   * decimal rounds HALF_EVEN (round is HALF_UP in both engines).
   */
  private typedCall(name: string, node: A.FunctionCall, over: string | undefined): string | undefined {
    const argType = node.args[0] && this.typeOf(node.args[0]);
    if ((name === 'round' || name === 'bround') && (argType?.kind === 'double' || argType?.kind === 'float') && !over) {
      const d = literalDigits(node);
      if (!Number.isInteger(d) || d < 0 || d > 17) return undefined;
      return roundFractional(name, this.print(node.args[0]), d, argType.kind === 'float' ? 'FLOAT' : 'DOUBLE');
    }
    if (!isDecimal(argType) || node.filter || node.distinct) return undefined;
    const w = over ? ` ${over}` : '';
    if ((name === 'avg' || name === 'mean') && node.args.length === 1) {
      const x = this.print(node.args[0]);
      const result = avgType(argType);
      if (!isDecimal(result)) return undefined;
      const sum = { sql: `sum(${x})${w}`, type: { kind: 'decimal' as const, p: 38, s: argType.s } };
      const count = { sql: `count(${x})${w}`, type: { kind: 'bigint' as const } };
      return exactDecimalDivide(sum, count, result, false);
    }
    if (name === 'bround') {
      const d = literalDigits(node);
      return Number.isInteger(d) && d >= 0 ? halfEven(this.print(node.args[0]), d) : undefined;
    }
    return undefined;
  }

  private jsonPath(node: A.JsonPath): string {
    let path = '$';
    for (const step of node.steps) {
      if (step.kind === 'JsonKey') {
        const key = step.name.kind === 'Identifier' ? step.name.name : step.name.kind === 'StringLiteral' ? step.name.value : '';
        path += /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `.${JSON.stringify(key)}`;
      } else {
        path += step.index.kind === 'Star' ? '[*]' : `[${this.print(step.index)}]`;
      }
    }
    return `json_extract_string(${this.print(node.object)}, ${sqlString(path)})`;
  }

  private tableFunction(node: A.TableFunction): string | undefined {
    const name = node.call.name.parts
      .map((p) => p.name)
      .join('.')
      .toLowerCase();
    if (name !== 'read_files' && name !== 'cloud_files') {
      if (node.stream) this.problem(`STREAM over ${name}(...)`, node.span);
      return node.stream ? this.print(node.call) + this.aliasText(node.alias) : undefined;
    }
    const spec = this.fileSpec(name, node);
    if (!spec) return undefined;
    const rel = this.ctx.fileSource(spec);
    if (this.ctx.metadataColumn) this.ctx.hiddenMetadata.add((node.alias?.name.name ?? rel.replace(/"/g, '')).toLowerCase());
    return rel + this.aliasText(node.alias);
  }

  private fileSpec(name: string, node: A.TableFunction): FileSourceSpec | undefined {
    const [first, ...rest] = node.call.args;
    if (!first || first.kind !== 'StringLiteral') {
      this.problem(`${name} without a literal path`, node.span);
      return undefined;
    }
    const options: Record<string, string> = {};
    const literal = (e: A.Expr): string | undefined => {
      if (e.kind === 'StringLiteral') return this.substitute(e.value, e.span);
      if (e.kind === 'NumberLiteral') return String(e.value);
      if (e.kind === 'BooleanLiteral') return String(e.value);
      return undefined;
    };
    const positional: A.Expr[] = [];
    for (const a of rest) {
      if (a.kind !== 'NamedArgument') {
        positional.push(a);
        continue;
      }
      const v = literal(a.value);
      if (v === undefined) this.problem(`${name} option ${a.name.name} with a non-literal value`, a.span);
      else options[a.name.name.toLowerCase().replace(/^cloudfiles\./, '')] = v;
    }
    if (name === 'cloud_files') {
      // cloud_files(path, format [, map('k', 'v', ...)])
      const format = positional[0] && literal(positional[0]);
      if (format) options.format = format;
      const map = positional[1];
      if (map?.kind === 'FunctionCall' && map.name.parts[0]?.name.toLowerCase() === 'map') {
        for (let i = 0; i + 1 < map.args.length; i += 2) {
          const k = literal(map.args[i]);
          const v = literal(map.args[i + 1]);
          if (k !== undefined && v !== undefined) options[k.toLowerCase().replace(/^cloudfiles\./, '')] = v;
        }
      }
    } else if (positional.length > 0) {
      this.problem(`${name} with positional options`, positional[0].span);
    }
    const format = (options.format ?? 'json').toLowerCase();
    delete options.format;
    if (!['json', 'csv', 'parquet'].includes(format)) {
      this.problem(`${name} format '${format}' (the local engine reads json, csv and parquet)`, node.span);
      return undefined;
    }
    return { path: this.substitute(first.value, first.span), format, options, stream: node.stream, span: node.span };
  }

  private join(node: A.Join): string {
    const fix = (gap: string) =>
      node.joinType.endsWith('SEMI')
        ? gap.replace(/\b(LEFT\s+)?SEMI\b/i, 'SEMI')
        : node.joinType.endsWith('ANTI')
          ? gap.replace(/\b(LEFT\s+)?ANTI\b/i, 'ANTI')
          : gap;
    return this.splice(node, undefined, (gap, next) => (next === node.right ? fix(gap) : gap));
  }

  private select(node: A.Select): string {
    // `*` over a file source must not show `_metadata` (Spark's hidden column):
    // relations are printed first so the star knows which ones hide it.
    const saved = new Set(this.ctx.hiddenMetadata);
    this.ctx.hiddenMetadata.clear();
    const from = node.from ? this.print(node.from) : undefined;
    const out = this.splice(node, (c) => (c === node.from ? from : undefined));
    this.ctx.hiddenMetadata.clear();
    for (const s of saved) this.ctx.hiddenMetadata.add(s);
    return out;
  }

  private lateralView(node: A.LateralView): string | undefined {
    if (node.call.kind === 'Missing') return undefined;
    const call = node.call;
    const fn = call.name.parts
      .map((p) => p.name)
      .join('.')
      .toLowerCase();
    const base = fn.replace(/_outer$/, '');
    const cols = node.columnAliases.map((c) => this.print(c));
    const table = node.tableAlias ? this.print(node.tableAlias) : '__lateral';
    // OUTER keeps one row of NULLs for an empty input.
    const outer = fn.endsWith('_outer') || node.outer;
    const keep = (arg: string, list = arg) => (outer ? `CASE WHEN len(${arg}) > 0 THEN ${list} ELSE [NULL] END` : list);
    const named = cols.length ? `${table}(${cols.join(', ')})` : table;
    if (base === 'inline') {
      if (call.args.length !== 1) return this.problemAt(`LATERAL VIEW inline with ${call.args.length} arguments`, node.span);
      return `, LATERAL (SELECT unnest(${keep(this.print(call.args[0]))}, recursive := true)) AS ${named}`;
    }
    if (base === 'stack') return this.stackRows(call, cols, named, node.span);
    // explode(array) AS v; explode(map) AS k, v; posexplode(array) AS pos, v.
    const names = cols.length;
    if (
      (base !== 'explode' && base !== 'posexplode') ||
      names < 1 ||
      names > 2 ||
      (base === 'posexplode' && names !== 2) ||
      call.args.length !== 1
    ) {
      return this.problemAt(`LATERAL VIEW ${fn}${names ? ` with ${names} column name(s)` : ''}`, node.span);
    }
    const arg = this.print(call.args[0]);
    // Unnesting several lists of one length in one SELECT zips them.
    const lists =
      base === 'posexplode'
        ? [`CAST(range(0, len(${arg})) AS INTEGER[])`, arg]
        : names === 2
          ? [`map_keys(${arg})`, `map_values(${arg})`]
          : [arg];
    return `, LATERAL (SELECT ${lists.map((l, i) => `unnest(${keep(arg, l)}) AS ${cols[i]}`).join(', ')}) AS ${table}`;
  }

  /** `stack(n, v1, ..., vk)`: k values as n rows of ceil(k / n) columns, NULL-padded, a LATERAL VALUES list. */
  private stackRows(call: A.FunctionCall, cols: string[], named: string, span: A.Span): string | undefined {
    const n = call.args[0]?.kind === 'NumberLiteral' ? Number(call.args[0].text) : NaN;
    const values = call.args.slice(1).map((a) => this.print(a));
    if (!Number.isInteger(n) || n < 1 || values.length === 0) return this.problemAt('LATERAL VIEW stack without a literal row count', span);
    const width = Math.ceil(values.length / n);
    if (cols.length !== width) return this.problemAt(`LATERAL VIEW stack of ${width} columns named by ${cols.length}`, span);
    const rows = Array.from(
      { length: n },
      (_, r) => `(${Array.from({ length: width }, (_, c) => values[r * width + c] ?? 'NULL').join(', ')})`,
    );
    return `, LATERAL (VALUES ${rows.join(', ')}) AS ${named}`;
  }

  private problemAt(construct: string, span: A.Span): undefined {
    this.problem(construct, span);
    return undefined;
  }
}

const INTEGER_BOUNDS: Record<string, [string, string]> = {
  tinyint: ['-128', '127'],
  smallint: ['-32768', '32767'],
  int: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/**
 * bround: HALF_EVEN at `d` fraction digits, exactly on a decimal: HALF_UP
 * (DuckDB's round) except that an exact tie whose kept digit is even moves
 * back one unit toward zero.
 */
function halfEven(x: string, d: number): string {
  const scaled = `((${x}) * CAST(1${'0'.repeat(d)} AS DECIMAL(${d + 1},0)))`;
  const unit = d === 0 ? '1' : `CAST(0.${'0'.repeat(d - 1)}1 AS DECIMAL(${d},${d}))`;
  const tieToEven = `abs(${scaled} - trunc(${scaled})) = 0.5 AND trunc(${scaled}) % 2 = 0`;
  return `CASE WHEN ${tieToEven} THEN round(${x}, ${d}) - sign(${x}) * ${unit} ELSE round(${x}, ${d}) END`;
}

/** round/bround's digits argument when it is a literal (0 when absent, NaN when not a literal). */
const literalDigits = (node: A.FunctionCall): number =>
  node.args[1] ? (node.args[1].kind === 'NumberLiteral' ? Number(node.args[1].text) : NaN) : 0;

/**
 * round/bround on a DOUBLE or FLOAT as Spark does it: on the double's shortest
 * decimal text (Scala's BigDecimal(double)), so 2.675 is a tie that rounds up
 * where DuckDB's binary rounding gives 2.67. NaN, infinities and magnitudes
 * beyond the decimal keep DuckDB's answer (no fraction digits to round there).
 */
function roundFractional(name: string, x: string, d: number, type: 'DOUBLE' | 'FLOAT'): string {
  const dec = `CAST(CAST(CAST(${x} AS DOUBLE) AS VARCHAR) AS DECIMAL(38,20))`;
  const rounded = name === 'round' ? `round(${dec}, ${d})` : halfEven(dec, d);
  return `CASE WHEN isnan(${x}) OR isinf(${x}) OR abs(${x}) >= 1e17 THEN ${x} ELSE CAST(${rounded} AS ${type}) END`;
}

/** What the syntax alone says about an expression's type (for rewrites that depend on it). */
export function typeOfExpr(e: A.Expr): CallArg['type'] {
  switch (e.kind) {
    case 'NumberLiteral':
      return 'number';
    case 'StringLiteral':
      return 'string';
    case 'Interval':
      return 'interval';
    case 'TypedLiteral':
      return e.typeName.toUpperCase() === 'DATE' ? 'date' : e.typeName.toUpperCase().startsWith('TIMESTAMP') ? 'timestamp' : undefined;
    case 'Cast':
      if (e.type.kind === 'DataType') {
        const n = e.type.name.toUpperCase();
        if (n === 'DATE') return 'date';
        if (n.startsWith('TIMESTAMP')) return 'timestamp';
      }
      return undefined;
    case 'FunctionCall': {
      const n = e.name.parts
        .map((p) => p.name)
        .join('.')
        .toLowerCase();
      if (
        ['to_date', 'current_date', 'curdate', 'date_add', 'date_sub', 'last_day', 'date', 'make_date', 'add_months', 'next_day'].includes(
          n,
        )
      )
        return 'date';
      if (
        [
          'to_timestamp',
          'current_timestamp',
          'now',
          'timestamp_millis',
          'timestamp_seconds',
          'timestamp_micros',
          'timestamp',
          'from_utc_timestamp',
          'make_timestamp',
        ].includes(n)
      )
        return 'timestamp';
      return undefined;
    }
    case 'Paren':
      return typeOfExpr(e.expr);
    default:
      return undefined;
  }
}
