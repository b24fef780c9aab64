// Spark's types for the expressions of one query, found from the syntax tree,
// the pipeline's own datasets (typed before their readers) and the schema hints
// of file sources. Unknown stays unknown: the printer then prints as before.
// The types are recorded per node so the printer can look them up while it
// rewrites the same tree.
import type * as A from '../../language/syntax/ast';
import { parseColumnList } from './sparkTypes';
import {
  SparkColumn,
  SparkType,
  arithmeticType,
  avgType,
  commonType,
  fromDuckdbSpelling,
  roundType,
  scalar,
  sumType,
} from './sparkTypeRules';
import { typeFromSyntax } from './sparkTypeSyntax';

export interface TypingEnv {
  /** Output columns of a pipeline dataset the reference names, undefined when not one of ours or unknown. */
  dataset(ref: A.TableRef): SparkColumn[] | undefined;
}

interface Rel {
  alias?: string;
  columns: SparkColumn[] | undefined;
  /** More columns than listed may exist (a file source with schema hints): `*` cannot be expanded. */
  open?: boolean;
}

interface Scope {
  rels: Rel[];
  outer?: Scope;
}

const lower = (s: string) => s.toLowerCase();
const fnName = (c: A.FunctionCall) =>
  c.name.parts
    .map((p) => p.name)
    .join('.')
    .toLowerCase();

/** Functions with a fixed result type. */
const FIXED: Record<string, SparkType> = {};
const fixed = (kind: Parameters<typeof scalar>[0], names: string) => names.split(' ').forEach((n) => (FIXED[n] = scalar(kind)));
fixed('bigint', 'count count_if approx_count_distinct unix_timestamp unix_seconds unix_millis unix_micros div array_position');
fixed('tinyint', 'getbit bit_get');
fixed(
  'int',
  'year month day dayofmonth dayofweek dayofyear quarter weekofyear weekday hour minute second row_number rank dense_rank ntile length char_length character_length octet_length instr locate position charindex size array_size datediff date_diff unix_date regexp_count',
);
fixed(
  'double',
  'signum sign stddev stddev_samp stddev_pop std variance var_samp var_pop corr covar_pop covar_samp kurtosis skewness percentile percent_rank cume_dist rand random exp ln log log10 log2 sqrt cbrt pow power sin cos tan asin acos atan atan2 degrees radians months_between',
);
fixed(
  'string',
  'lower upper lcase ucase trim ltrim rtrim btrim concat concat_ws lpad rpad date_format from_unixtime substr substring replace regexp_replace regexp_extract initcap md5 sha1 sha sha2 string format_number format_string get_json_object translate reverse repeat left right split_part dayname monthname base64 hex uuid',
);
fixed('date', 'to_date current_date curdate date_add date_sub dateadd last_day add_months next_day date_from_unix_date make_date date');
fixed(
  'timestamp',
  'current_timestamp now getdate to_timestamp timestamp_millis timestamp_micros timestamp_seconds date_trunc from_utc_timestamp to_utc_timestamp make_timestamp timestamp',
);
fixed('timestamp_ntz', 'to_timestamp_ntz make_timestamp_ntz convert_timezone');
fixed(
  'boolean',
  'isnull isnotnull startswith endswith rlike regexp_like contains array_contains exists forall every any some bool_and bool_or equal_null',
);
FIXED['int'] = scalar('int');
FIXED['bigint'] = scalar('bigint');
FIXED['double'] = scalar('double');
FIXED['boolean'] = scalar('boolean');

/** Integer-valued functions whose DuckDB counterpart answers in another integer type (BIGINT, HUGEINT). */
export const fixesIntegerType = (name: string): boolean => name in FIXED || name === 'sum' || name === 'try_sum';

/** Functions whose type is the type of their first argument. */
const SAME_AS_FIRST = new Set([
  'min',
  'max',
  'first',
  'last',
  'first_value',
  'last_value',
  'any_value',
  'max_by',
  'min_by',
  'lag',
  'lead',
  'nth_value',
  'abs',
  'negative',
  'positive',
  'percentile_approx',
  'approx_percentile',
  'nullif',
  'nullifzero',
]);
/** Functions whose type is the common type of all arguments. */
const COMMON_OF_ALL = new Set(['coalesce', 'nvl', 'ifnull', 'greatest', 'least', 'zeroifnull']);

export class SparkTyper {
  /** Type of each expression node typed so far (undefined: unknown). */
  readonly types = new Map<A.Node, SparkType | undefined>();

  constructor(private readonly env: TypingEnv) {}

  /** Output columns of a query, recording the types of every expression inside. */
  query(
    q: A.Query | A.Missing,
    ctes: ReadonlyMap<string, SparkColumn[] | undefined> = new Map(),
    outer?: Scope,
  ): SparkColumn[] | undefined {
    if (q.kind === 'Missing') return undefined;
    const local = new Map(ctes);
    for (const cte of q.with?.ctes ?? []) {
      if (cte.name.kind !== 'Identifier') continue;
      let cols = this.query(cte.query, local, outer);
      if (cols && cte.columns?.length) cols = cols.map((c, i) => ({ name: cte.columns?.[i]?.name ?? c.name, type: c.type }));
      local.set(lower(cte.name.name), cols);
    }
    const { columns, scope } = this.body(q.body, local, outer);
    const orderScope: Scope = { rels: [...(scope?.rels ?? []), { columns }], outer };
    for (const o of q.orderBy?.items ?? []) this.expr(o.expr, orderScope);
    return columns;
  }

  private body(
    b: A.QueryBody,
    ctes: ReadonlyMap<string, SparkColumn[] | undefined>,
    outer?: Scope,
  ): { columns: SparkColumn[] | undefined; scope?: Scope } {
    switch (b.kind) {
      case 'Select':
        return this.select(b, ctes, outer);
      case 'ParenQuery':
        return { columns: this.query(b.query, ctes, outer) };
      case 'SetOperation': {
        const l = this.body(b.left, ctes, outer).columns;
        const r = this.body(b.right, ctes, outer).columns;
        if (!l || !r || l.length !== r.length || b.byName) return { columns: l };
        return { columns: l.map((c, i) => ({ name: c.name, type: commonType([c.type, r[i].type]) })) };
      }
      default:
        return { columns: undefined };
    }
  }

  private select(
    s: A.Select,
    ctes: ReadonlyMap<string, SparkColumn[] | undefined>,
    outer?: Scope,
  ): { columns: SparkColumn[] | undefined; scope: Scope } {
    const scope: Scope = { rels: [], outer };
    for (const r of s.from?.relations ?? []) if (r.kind !== 'Missing') this.relation(r, ctes, scope);
    for (const lv of s.from?.lateralViews ?? []) this.lateralView(lv, scope);
    const columns: SparkColumn[] = [];
    let known = true;
    for (const item of s.items) {
      if (item.expr.kind === 'Star') {
        const expanded = this.star(item.expr, scope);
        if (expanded) columns.push(...expanded);
        else known = false;
        continue;
      }
      const type = this.expr(item.expr, scope);
      columns.push({ name: item.alias?.name ?? implicitName(item.expr), type });
    }
    // Spark lets later clauses name select aliases; they are looked up after the FROM columns.
    const withAliases: Scope = { rels: [...scope.rels, { columns }], outer };
    for (const c of [s.where?.condition, s.having?.condition, s.qualify?.condition]) if (c) this.expr(c, withAliases);
    for (const g of s.groupBy?.items ?? []) if (isExpr(g)) this.expr(g, withAliases);
    return { columns: known ? columns : undefined, scope };
  }

  private star(star: A.Star, scope: Scope): SparkColumn[] | undefined {
    const q = star.qualifier?.map((p) => lower(p.name));
    const rels = q ? scope.rels.filter((r) => r.alias === q[q.length - 1]) : scope.rels;
    if (rels.length === 0 || rels.some((r) => !r.columns || r.open)) return undefined;
    const except = new Set((star.except ?? []).map((c) => lower(c.parts[c.parts.length - 1]?.name ?? '')));
    return rels.flatMap((r) => r.columns!).filter((c) => !except.has(lower(c.name)) && lower(c.name) !== '_metadata');
  }

  private relation(r: A.Relation, ctes: ReadonlyMap<string, SparkColumn[] | undefined>, scope: Scope): void {
    const add = (alias: A.TableAlias | undefined, fallback: string | undefined, columns: SparkColumn[] | undefined, open = false) => {
      const renamed =
        columns && alias?.columns?.length ? columns.map((c, i) => ({ name: alias.columns?.[i]?.name ?? c.name, type: c.type })) : columns;
      scope.rels.push({ alias: alias ? lower(alias.name.name) : fallback && lower(fallback), columns: renamed, open });
    };
    switch (r.kind) {
      case 'TableRef': {
        const parts = r.name.parts.map((p) => lower(p.name));
        const last = parts[parts.length - 1];
        const cols = parts.length === 1 && ctes.has(last) ? ctes.get(last) : this.env.dataset(r);
        add(r.alias, last, cols);
        return;
      }
      case 'TableFunction': {
        const src = fileSourceColumns(r);
        add(r.alias, undefined, src?.columns, src?.open);
        return;
      }
      case 'SubqueryRelation':
        add(r.alias, undefined, this.query(r.query, ctes, r.lateral ? scope : scope.outer));
        return;
      case 'ParenRelation':
        if (r.relation.kind !== 'Missing') this.relation(r.relation, ctes, scope);
        return;
      case 'Join':
        this.relation(r.left, ctes, scope);
        if (r.right.kind !== 'Missing') this.relation(r.right, ctes, scope);
        if (r.on) this.expr(r.on, scope);
        return;
      case 'ValuesRelation': {
        // Column i has the common type of the rows' i-th values (col1, col2, ... unless the alias names them).
        const width = r.rows[0]?.length ?? 0;
        const types = r.rows.map((row) => row.map((v) => this.expr(v, scope)));
        const cols = Array.from({ length: width }, (_, i) => ({ name: `col${i + 1}`, type: commonType(types.map((t) => t[i])) }));
        add(r.alias, undefined, cols);
        return;
      }
      case 'PivotRelation': {
        // The aggregates are typed over the source (the printer pins their types); the output stays unknown.
        const inner: Scope = { rels: [], outer: scope.outer };
        if (r.source.kind !== 'Missing') this.relation(r.source, ctes, inner);
        for (const v of r.values) this.expr(v.expr, inner);
        add(r.alias, undefined, undefined);
        return;
      }
    }
  }

  private lateralView(lv: A.LateralView, scope: Scope): void {
    if (lv.call.kind === 'Missing') return;
    const arg = lv.call.args[0] ? this.expr(lv.call.args[0], scope) : undefined;
    const names = lv.columnAliases.map((c) => c.name);
    const fn = fnName(lv.call).replace(/_outer$/, '');
    let cols: SparkColumn[] | undefined;
    if (fn === 'explode' && arg?.kind === 'array') cols = [{ name: names[0] ?? 'col', type: arg.element }];
    else if (fn === 'explode' && arg?.kind === 'map')
      cols = [
        { name: names[0] ?? 'key', type: arg.key },
        { name: names[1] ?? 'value', type: arg.value },
      ];
    else if (fn === 'posexplode' && arg?.kind === 'array')
      cols = [
        { name: names[0] ?? 'pos', type: scalar('int') },
        { name: names[1] ?? 'col', type: arg.element },
      ];
    else cols = names.map((name) => ({ name, type: undefined }));
    scope.rels.push({ alias: lv.tableAlias && lower(lv.tableAlias.name), columns: cols });
  }

  private column(parts: string[], scope: Scope | undefined): SparkType | undefined {
    for (let sc = scope; sc; sc = sc.outer) {
      if (parts.length > 1) {
        const rel = sc.rels.find((r) => r.alias === parts[0]);
        if (rel) return rel.columns ? fieldPath(rel.columns, parts.slice(1)) : undefined;
      }
      for (const rel of sc.rels) {
        if (!rel.columns) continue;
        const hit = rel.columns.find((c) => lower(c.name) === parts[0]);
        if (hit) return fieldPath([hit], parts);
      }
      if (sc.rels.some((r) => !r.columns)) return undefined;
    }
    return undefined;
  }

  /** Types an expression over a relation with the given columns (an expectation over its dataset). */
  exprOver(e: A.Expr, columns: SparkColumn[] | undefined): SparkType | undefined {
    return this.expr(e, { rels: [{ columns }] });
  }

  /** Types `e` in `scope` and records it. */
  private expr(e: A.Expr, scope: Scope): SparkType | undefined {
    const t = this.compute(e, scope);
    this.types.set(e, t);
    return t;
  }

  private compute(e: A.Expr, scope: Scope): SparkType | undefined {
    const sub = (x: A.Expr) => this.expr(x, scope);
    switch (e.kind) {
      case 'ColumnRef':
        return this.column(
          e.parts.map((p) => lower(p.name)),
          scope,
        );
      case 'FieldAccess': {
        const o = sub(e.object);
        return o?.kind === 'struct' && e.field.kind === 'Identifier' ? fieldPath(o.fields, [lower(e.field.name)]) : undefined;
      }
      case 'Paren':
        return sub(e.expr);
      case 'Binary': {
        const l = sub(e.left);
        const r = sub(e.right);
        const op = e.op.toUpperCase();
        if (['+', '-', '*', '/', '%', 'DIV'].includes(op)) return arithmeticType(op, l, r);
        if (op === '||') return scalar('string');
        return scalar('boolean');
      }
      case 'Unary': {
        const t = sub(e.operand);
        return e.op === 'NOT' || e.op === '!' ? scalar('boolean') : t;
      }
      case 'Case': {
        if (e.operand) sub(e.operand);
        for (const w of e.whens) sub(w.condition);
        const results = e.whens.map((w) => sub(w.result));
        return commonType(e.else ? [...results, sub(e.else)] : results);
      }
      case 'In':
      case 'Between':
      case 'Like':
      case 'Is':
      case 'IsDistinctFrom':
        for (const c of childExprs(e)) sub(c);
        return scalar('boolean');
      case 'Exists':
        if (e.query.kind === 'Query') this.query(e.query, new Map(), scope);
        return scalar('boolean');
      case 'Subquery':
        return this.query(e.query, new Map(), scope)?.[0]?.type;
      case 'Cast':
        sub(e.expr);
        return e.type.kind === 'DataType' ? typeFromSyntax(e.type) : undefined;
      case 'FunctionCall':
        return this.call(e, scope);
      default:
        return typeFromSyntax(e);
    }
  }

  private call(c: A.FunctionCall, scope: Scope): SparkType | undefined {
    const name = fnName(c);
    const args = c.args.map((a) => (a.kind === 'Lambda' ? undefined : this.expr(a, scope)));
    if (c.filter) this.expr(c.filter, scope);
    if (c.over && c.over.kind === 'WindowSpec') {
      for (const p of c.over.partitionBy) this.expr(p, scope);
      for (const o of c.over.orderBy) this.expr(o.expr, scope);
    }
    if (name in FIXED) return FIXED[name];
    if (SAME_AS_FIRST.has(name)) return args[0] && withoutLiteralDigits(args[0]);
    if (COMMON_OF_ALL.has(name)) return commonType(name === 'zeroifnull' ? [args[0], scalar('int')] : args);
    switch (name) {
      case 'sum':
      case 'try_sum':
        return sumType(args[0]);
      case 'avg':
      case 'mean':
      case 'try_avg':
        return avgType(args[0]);
      case 'round':
      case 'bround':
        return roundType(args[0], roundDigits(c.args[1]));
      case 'if':
      case 'iff':
        return commonType([args[1], args[2]]);
      case 'nvl2':
        return commonType([args[1], args[2]]);
      case 'collect_list':
      case 'collect_set':
      case 'array_agg':
        return { kind: 'array', element: args[0] };
      case 'array':
        return { kind: 'array', element: commonType(args) };
      case 'sequence':
        return { kind: 'array', element: args[0] && withoutLiteralDigits(args[0]) };
      case 'split':
        return { kind: 'array', element: scalar('string') };
      case 'explode':
      case 'explode_outer': {
        const a = args[0];
        return a?.kind === 'array' ? a.element : undefined;
      }
      case 'named_struct': {
        const fields: SparkColumn[] = [];
        for (let i = 0; i + 1 < c.args.length; i += 2) {
          const n = c.args[i];
          if (n.kind !== 'StringLiteral') return undefined;
          fields.push({ name: n.value, type: args[i + 1] });
        }
        return { kind: 'struct', fields };
      }
      default:
        return undefined;
    }
  }
}

/** Schema hints of a file source as Spark columns (other columns unknown), with the hidden `_metadata`. */
function fileSourceColumns(tf: A.TableFunction): { columns: SparkColumn[]; open: boolean } | undefined {
  const hints = tf.call.args.find((a): a is A.NamedArgument => a.kind === 'NamedArgument' && /^(schemaHints|schema)$/i.test(a.name.name));
  if (!hints || hints.value.kind !== 'StringLiteral') return undefined;
  const parsed = parseColumnList(hints.value.value);
  if (!parsed.ok) return undefined;
  const cols: SparkColumn[] = parsed.columns.map((c) => ({ name: c.name, type: fromDuckdbSpelling(c.duckdb) }));
  cols.push({
    name: '_metadata',
    type: {
      kind: 'struct',
      fields: [
        { name: 'file_path', type: scalar('string') },
        { name: 'file_name', type: scalar('string') },
        { name: 'file_size', type: scalar('bigint') },
        { name: 'file_modification_time', type: scalar('timestamp') },
      ],
    },
  });
  // With schemaHints (not schema) other columns may exist: those stay unknown.
  return { columns: cols, open: /^schemaHints$/i.test(hints.name.name) };
}

function fieldPath(columns: SparkColumn[], parts: string[]): SparkType | undefined {
  let t: SparkType | undefined = columns.find((c) => lower(c.name) === parts[0])?.type;
  for (const p of parts.slice(1)) {
    if (t?.kind !== 'struct') return undefined;
    t = t.fields.find((f) => lower(f.name) === p)?.type;
  }
  return t;
}

function implicitName(e: A.Expr): string {
  if (e.kind === 'ColumnRef') return e.parts[e.parts.length - 1]?.name ?? '';
  if (e.kind === 'FieldAccess' && e.field.kind === 'Identifier') return e.field.name;
  return '';
}

function roundDigits(e: A.Expr | undefined): number {
  if (!e) return 0;
  if (e.kind === 'NumberLiteral') return Number(e.text);
  if (e.kind === 'Unary' && e.op === '-' && e.operand.kind === 'NumberLiteral') return -Number(e.operand.text);
  return 0;
}

const withoutLiteralDigits = (t: SparkType): SparkType => ('literalDigits' in t && t.literalDigits !== undefined ? scalar(t.kind) : t);

function isExpr(g: A.GroupingItem): g is A.Expr {
  return g.kind !== 'GroupingSets' && g.kind !== 'Rollup' && g.kind !== 'Cube';
}

function childExprs(e: A.InExpr | A.Between | A.LikeExpr | A.IsExpr | A.IsDistinctFrom): A.Expr[] {
  switch (e.kind) {
    case 'In':
      return [e.expr, ...e.values];
    case 'Between':
      return [e.expr, e.low, e.high];
    case 'Like':
      return [e.expr, ...e.patterns];
    case 'Is':
      return [e.expr];
    case 'IsDistinctFrom':
      return [e.left, e.right];
  }
}
