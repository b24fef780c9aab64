/**
 * The syntax tree of the Databricks SQL used by Lakeflow pipelines.
 *
 * Conventions (stable; later changes are additive only):
 * - Every node has `kind` (a string literal, the discriminant) and `span`
 *   (`{start, end}`, UTF-16 offsets into the document text, end exclusive; LSP
 *   positions are UTF-16 too, see lineIndex.ts to convert).
 * - Child nodes are plain properties (a node or an array of nodes); visit.ts
 *   iterates them generically, in source order. Non-node data (flags,
 *   strings) is never an object with a `kind`.
 * - Keywords and operators are normalised to UPPER CASE in fields such as
 *   `op` and `joinType`; identifiers keep their raw text (`text`), their
 *   unquoted `name` (case preserved: compare case-insensitively) and `quoted`.
 * - `${key}` pipeline parameters are `Param` nodes. As a name part they live
 *   inside an `Identifier` (`params`; `${catalog}` alone is an Identifier whose
 *   text is `${catalog}`), inside strings in `StringLiteral.params`, and as a
 *   value they are a `Param` expression.
 * - Error tolerance: where something required is absent the tree holds a
 *   zero-width `Missing` node (span at the end of the previous token, which is
 *   where a user types next); skipped text becomes an `Error` node, an
 *   unparseable statement an `Unknown` statement. A dotted name cut short
 *   (`t.` or `x.` before FROM) keeps its parts and a `missingPart`.
 *   Every problem is also in `ParseResult.errors`.
 * - Comments are not in the tree: `ParseResult.comments` lists them with spans
 *   (use `docCommentBefore` in comments.ts for hovers).
 */

export interface Span {
  start: number;
  end: number;
}

export interface NodeBase {
  kind: string;
  span: Span;
}

// ---------------------------------------------------------------- problems

export type SyntaxErrorCode =
  | 'unexpected-token' // a token that does not fit here (skipped or stopped at)
  | 'missing-token' // a required keyword or punctuation is absent
  | 'expected-expression'
  | 'expected-name'
  | 'expected-type'
  | 'expected-query'
  | 'unterminated-string'
  | 'unterminated-comment'
  | 'unterminated-identifier'
  | 'unterminated-parameter'
  | 'invalid-character'
  | 'invalid-number'
  | 'invalid-violation-action' // ON VIOLATION followed by something other than DROP ROW / FAIL UPDATE
  | 'too-deep' // nesting beyond the parser's depth bound
  | 'internal-error'; // a bug in the parser, caught at statement level

/** A problem in the text. (Shadows the global SyntaxError where imported.) */
export interface SyntaxError {
  message: string;
  span: Span;
  code: SyntaxErrorCode;
}

export interface Comment extends NodeBase {
  kind: 'Comment';
  /** The whole comment including its `--` or `/* *\/` markers. */
  text: string;
  block: boolean;
}

/** Something required that is absent: zero-width, at the end of the previous token. */
export interface Missing extends NodeBase {
  kind: 'Missing';
  /** What was expected, for messages and completion (`expression`, `table name`, `)`). */
  expected: string;
}

/** Text that was skipped inside a statement. */
export interface ErrorNode extends NodeBase {
  kind: 'Error';
  message: string;
}

// ---------------------------------------------------------------- names

export interface Param extends NodeBase {
  kind: 'Param';
  /** The key between `${` and `}`, e.g. `source_root`. */
  key: string;
}

export interface Identifier extends NodeBase {
  kind: 'Identifier';
  /** Source text, with back-quotes when quoted. */
  text: string;
  /** Unquoted name (`` `a``b` `` -> a`b); `${...}` occurrences are kept verbatim. */
  name: string;
  quoted: boolean;
  /** `${key}` occurrences inside this name part (absent when none). */
  params?: Param[];
}

/** A dotted name of a dataset, function or type: `${catalog}.${schema}.t`, `LIVE.x`. */
export interface QualifiedName extends NodeBase {
  kind: 'QualifiedName';
  parts: Identifier[];
  /** Set when the name ends with a dot and nothing after it (`cat.schema.`). */
  missingPart?: Missing;
}

// ---------------------------------------------------------------- statements

export type Statement = CreateDataset | CreateFlow | AutoCdc | InsertInto | SetStatement | UseStatement | Query | Unknown;

/** `USE CATALOG c` / `USE SCHEMA s` / `USE [DATABASE] c.s`: the default for the rest of the file. */
export interface UseStatement extends NodeBase {
  kind: 'UseStatement';
  /** The word after USE, when written. */
  target?: 'CATALOG' | 'SCHEMA' | 'DATABASE';
  name: QualifiedName | Missing;
}

/** Text that no statement rule recognised (or an empty statement between `;;`). */
export interface Unknown extends NodeBase {
  kind: 'Unknown';
  text: string;
}

export type DatasetKind = 'streaming_table' | 'materialized_view' | 'temporary_view' | 'view' | 'table';

/**
 * CREATE ... STREAMING TABLE / MATERIALIZED VIEW / [TEMPORARY] VIEW and the
 * legacy LIVE spellings. Also the warehouse `CREATE STREAMING TABLE IF NOT
 * EXISTS ... SCHEDULE` grammar, flagged with `warehouse`.
 */
export interface CreateDataset extends NodeBase {
  kind: 'CreateDataset';
  datasetKind: DatasetKind;
  /** The words naming the kind as written, upper-cased: `STREAMING LIVE TABLE`, `MATERIALIZED VIEW`. */
  spelling: string;
  /** Span of the kind words (`STREAMING TABLE`), for messages and quick fixes. */
  spellingSpan: Span;
  /** LIVE TABLE, STREAMING LIVE TABLE, LIVE VIEW. */
  legacy: boolean;
  orRefresh: boolean;
  orReplace: boolean;
  /** PRIVATE (current) or TEMPORARY (deprecated spelling on tables; the kind of a temporary view). */
  visibility?: 'PRIVATE' | 'TEMPORARY';
  /** Span of the PRIVATE / TEMPORARY keyword. */
  visibilitySpan?: Span;
  ifNotExists: boolean;
  /** True when warehouse-only syntax appears (IF NOT EXISTS, SCHEDULE, TRIGGER ON UPDATE): not a pipeline dataset. */
  warehouse: boolean;
  name: QualifiedName | Missing;
  /** The parenthesised column and constraint list, when present. */
  elements?: TableElement[];
  clauses: CreateClause[];
  /** `AS query`, or the flow after `AS`/`FLOW` (AUTO CDC, INSERT ...). */
  body?: Query | AutoCdc | InsertInto | Missing;
}

export type TableElement = ColumnDef | Expectation | TableConstraint | ErrorNode;

export interface ColumnDef extends NodeBase {
  kind: 'ColumnDef';
  name: Identifier;
  /** Absent in view column lists (`(a COMMENT 'x', b)`). */
  type?: DataType | Missing;
  notNull: boolean;
  generated?: Expr;
  default?: Expr;
  comment?: StringLiteral;
  /** `MASK fn [USING COLUMNS (...)]`. */
  mask?: QualifiedName;
  /** Inline `PRIMARY KEY` / `REFERENCES` etc. on the column. */
  inlineConstraints?: TableConstraint[];
}

/** `CONSTRAINT name EXPECT (expr) [ON VIOLATION DROP ROW | FAIL UPDATE]`. */
export interface Expectation extends NodeBase {
  kind: 'Expectation';
  name: Identifier | Missing;
  /** The expression inside the parentheses (a Missing when empty). */
  expr: Expr;
  onViolation?: ViolationAction;
}

export interface ViolationAction extends NodeBase {
  kind: 'ViolationAction';
  /** `invalid` when the words after ON VIOLATION are not DROP ROW / FAIL UPDATE (also reported). */
  action: 'DROP_ROW' | 'FAIL_UPDATE' | 'invalid';
  /** The words after ON VIOLATION as written. */
  text: string;
}

/** Informational PRIMARY KEY / FOREIGN KEY, CHECK, or an unrecognised constraint. */
export interface TableConstraint extends NodeBase {
  kind: 'TableConstraint';
  name?: Identifier;
  constraintType: 'PRIMARY_KEY' | 'FOREIGN_KEY' | 'CHECK' | 'UNKNOWN';
  columns: Identifier[];
  references?: QualifiedName;
  referencedColumns?: Identifier[];
  check?: Expr;
}

export type CreateClause =
  | UsingClause
  | PartitionedByClause
  | ClusterByClause
  | LocationClause
  | CommentClause
  | TblPropertiesClause
  | RowFilterClause
  | RefreshPolicyClause
  | ScheduleClause
  | CollationClause
  | ErrorNode;

/** `DEFAULT COLLATION UTF8_BINARY`. */
export interface CollationClause extends NodeBase {
  kind: 'CollationClause';
  collation: Identifier | Missing;
}

export interface UsingClause extends NodeBase {
  kind: 'UsingClause';
  format: Identifier | Missing;
}

export interface PartitionedByClause extends NodeBase {
  kind: 'PartitionedByClause';
  columns: Expr[];
}

export interface ClusterByClause extends NodeBase {
  kind: 'ClusterByClause';
  auto: boolean;
  columns: Expr[];
}

export interface LocationClause extends NodeBase {
  kind: 'LocationClause';
  path: StringLiteral | Missing;
}

export interface CommentClause extends NodeBase {
  kind: 'CommentClause';
  text: StringLiteral | Missing;
}

export interface TblPropertiesClause extends NodeBase {
  kind: 'TblPropertiesClause';
  properties: Property[];
}

export interface Property extends NodeBase {
  kind: 'Property';
  /** `'k'` or a dotted key `a.b.c`. */
  key: StringLiteral | QualifiedName;
  value?: Expr;
}

export interface RowFilterClause extends NodeBase {
  kind: 'RowFilterClause';
  fn: QualifiedName | Missing;
  columns: Expr[];
}

/** `REFRESH POLICY AUTO | INCREMENTAL [STRICT] | FULL` (kept as words). */
export interface RefreshPolicyClause extends NodeBase {
  kind: 'RefreshPolicyClause';
  policy: string;
}

/** Warehouse-only `SCHEDULE ...` / `TRIGGER ON UPDATE ...` (kept as text). */
export interface ScheduleClause extends NodeBase {
  kind: 'ScheduleClause';
  text: string;
}

/** `CREATE FLOW name [COMMENT 'c'] AS (AUTO CDC ... | INSERT ...)`. */
export interface CreateFlow extends NodeBase {
  kind: 'CreateFlow';
  name: QualifiedName | Missing;
  comment?: StringLiteral;
  body: AutoCdc | InsertInto | Missing;
}

/** `AUTO CDC [ONCE] INTO t FROM s ...` (or `FROM SNAPSHOT (query)`) and its legacy spelling `APPLY CHANGES INTO`. */
export interface AutoCdc extends NodeBase {
  kind: 'AutoCdc';
  /** `AUTO CDC` or `APPLY CHANGES`. */
  spelling: string;
  /** `AUTO CDC ONCE INTO`: a one-time flow (its source need not be a stream). */
  once?: boolean;
  /** `FROM SNAPSHOT (query) [WITH VERSION (query)]`: the source is the snapshot query (a SubqueryRelation). */
  snapshot?: boolean;
  withVersion?: Query;
  /** Absent inside `CREATE STREAMING TABLE ... FLOW AUTO CDC` where the table is the target. */
  target?: QualifiedName | Missing;
  source: Relation | Missing;
  keys: Expr[];
  ignoreNullUpdates: boolean;
  applyAsDelete?: Expr;
  applyAsTruncate?: Expr;
  sequenceBy?: Expr;
  columns?: ColumnSelection;
  /** 1 or 2 when written; `scdTypeSpan` points at the number. */
  scdType?: number;
  scdTypeSpan?: Span;
  trackHistory?: ColumnSelection;
}

/** `col, ...` or `* EXCEPT (col, ...)` in COLUMNS / TRACK HISTORY ON. */
export interface ColumnSelection extends NodeBase {
  kind: 'ColumnSelection';
  star: boolean;
  columns: Expr[];
  except: Expr[];
}

/** `INSERT [ONCE] INTO [ONCE] t [BY NAME] [REPLACE USING (...) SEQUENCE BY c | REPLACE WHERE cond] query`, standalone or as a flow body. */
export interface InsertInto extends NodeBase {
  kind: 'InsertInto';
  once: boolean;
  overwrite: boolean;
  target: QualifiedName | Missing;
  columns?: Identifier[];
  byName: boolean;
  /** `REPLACE USING (cols) SEQUENCE BY col` after BY NAME: rows replaced by key. */
  replaceUsing?: Identifier[];
  sequenceBy?: Expr;
  /** `REPLACE WHERE condition` after BY NAME. */
  replaceWhere?: Expr;
  query: Query | Missing;
}

/** `SET key = value` (value kept as raw text). */
export interface SetStatement extends NodeBase {
  kind: 'SetStatement';
  key: string;
  keySpan: Span;
  value?: string;
  valueSpan?: Span;
}

// ---------------------------------------------------------------- queries

/** A full query: `[WITH ...] body [ORDER BY ...] [LIMIT ...]`. */
export interface Query extends NodeBase {
  kind: 'Query';
  with?: WithClause;
  body: QueryBody;
  orderBy?: OrderByClause;
  /** SORT BY / CLUSTER BY / DISTRIBUTE BY (Hive-style). */
  sortBy?: OrderByClause;
  clusterBy?: ExprListClause;
  distributeBy?: ExprListClause;
  limit?: LimitClause;
  offset?: LimitClause;
  /** `|> operation` steps after the query (pipe syntax), in order; absent when none. */
  pipes?: PipeOperator[];
}

/**
 * One `|> operation` of SQL pipe syntax: it transforms the relation the query
 * (and the steps before it) produced. Which fields are set depends on `op`:
 * SELECT / EXTEND / AGGREGATE: `items` (+ `groupBy` items, `window`); SET: `items`
 * (each `col = expr` as an item aliased `col`); DROP: `columns`; AS: `alias`;
 * WHERE: `condition`; LIMIT / OFFSET: `limit`, `offset`; ORDER BY: `orderBy`;
 * JOIN: `joinType`, `natural`, `right`, `on`, `using`; UNION / INTERSECT /
 * EXCEPT: `quantifier`, `byName`, `queries`; TABLESAMPLE: `sample`; PIVOT /
 * UNPIVOT: `pivot` (whose source is the piped relation, a Missing); WINDOW:
 * `window`. An operation we do not know is `op: 'unknown'` (reported).
 */
export interface PipeOperator extends NodeBase {
  kind: 'PipeOperator';
  op:
    | 'SELECT'
    | 'EXTEND'
    | 'SET'
    | 'DROP'
    | 'AS'
    | 'WHERE'
    | 'LIMIT'
    | 'AGGREGATE'
    | 'ORDER BY'
    | 'JOIN'
    | 'UNION'
    | 'INTERSECT'
    | 'EXCEPT'
    | 'MINUS'
    | 'TABLESAMPLE'
    | 'PIVOT'
    | 'UNPIVOT'
    | 'WINDOW'
    | 'unknown';
  /** Span of the operation's keyword(s). */
  opSpan: Span;
  quantifier?: 'ALL' | 'DISTINCT';
  items: SelectItem[];
  /** `GROUP BY expr [AS alias], ...` of AGGREGATE (and SELECT): items, since each may be aliased. */
  groupBy?: SelectItem[];
  window?: WindowClause;
  columns: Identifier[];
  alias?: Identifier;
  condition?: Expr;
  limit?: LimitClause;
  offset?: LimitClause;
  orderBy?: OrderByClause;
  joinType?: JoinType;
  natural?: boolean;
  right?: Relation | Missing;
  on?: Expr;
  using?: Identifier[];
  byName?: boolean;
  queries: Query[];
  sample?: TableSample;
  pivot?: PivotRelation;
}

export type QueryBody = Select | SetOperation | ParenQuery | ValuesBody | TableBody | Missing;

export interface WithClause extends NodeBase {
  kind: 'WithClause';
  recursive: boolean;
  ctes: Cte[];
}

export interface Cte extends NodeBase {
  kind: 'Cte';
  name: Identifier | Missing;
  columns?: Identifier[];
  query: Query | Missing;
}

export interface ParenQuery extends NodeBase {
  kind: 'ParenQuery';
  query: Query;
}

export interface ValuesBody extends NodeBase {
  kind: 'Values';
  rows: Expr[][];
}

/** `TABLE name` as a query body. */
export interface TableBody extends NodeBase {
  kind: 'TableBody';
  name: QualifiedName | Missing;
}

export interface SetOperation extends NodeBase {
  kind: 'SetOperation';
  op: 'UNION' | 'INTERSECT' | 'EXCEPT' | 'MINUS';
  quantifier?: 'ALL' | 'DISTINCT';
  /** `UNION [ALL] BY NAME`. */
  byName: boolean;
  left: QueryBody;
  right: QueryBody;
}

export interface Select extends NodeBase {
  kind: 'Select';
  quantifier?: 'ALL' | 'DISTINCT';
  items: SelectItem[];
  from?: FromClause;
  where?: ConditionClause;
  groupBy?: GroupByClause;
  having?: ConditionClause;
  qualify?: ConditionClause;
  window?: WindowClause;
}

export interface SelectItem extends NodeBase {
  kind: 'SelectItem';
  /** A `Star` for `*`, `t.*`, `struct.*`, `* EXCEPT (...)`. */
  expr: Expr;
  alias?: Identifier;
  /** `AS (a, b)` for generators. */
  aliases?: Identifier[];
}

export interface FromClause extends NodeBase {
  kind: 'FromClause';
  /** Comma-separated relations (joins nest inside). A Missing when FROM has nothing after it. */
  relations: (Relation | Missing)[];
  lateralViews: LateralView[];
}

/** WHERE / HAVING / QUALIFY. */
export interface ConditionClause extends NodeBase {
  kind: 'WhereClause' | 'HavingClause' | 'QualifyClause';
  condition: Expr;
}

export interface GroupByClause extends NodeBase {
  kind: 'GroupByClause';
  all: boolean;
  items: GroupingItem[];
  /** `WITH ROLLUP` / `WITH CUBE` after the list. */
  modifier?: 'ROLLUP' | 'CUBE';
}

export type GroupingItem = Expr | GroupingSets | RollupCube;

export interface GroupingSets extends NodeBase {
  kind: 'GroupingSets';
  sets: Expr[][];
}

export interface RollupCube extends NodeBase {
  kind: 'Rollup' | 'Cube';
  items: Expr[];
}

export interface WindowClause extends NodeBase {
  kind: 'WindowClause';
  windows: NamedWindow[];
}

export interface NamedWindow extends NodeBase {
  kind: 'NamedWindow';
  name: Identifier;
  spec: WindowSpec | Missing;
}

export interface OrderByClause extends NodeBase {
  kind: 'OrderByClause';
  items: OrderItem[];
}

export interface ExprListClause extends NodeBase {
  kind: 'ExprListClause';
  items: Expr[];
}

export interface LimitClause extends NodeBase {
  kind: 'LimitClause';
  /** LIMIT ALL has no value. */
  value?: Expr;
}

export interface OrderItem extends NodeBase {
  kind: 'OrderItem';
  expr: Expr;
  direction?: 'ASC' | 'DESC';
  nulls?: 'FIRST' | 'LAST';
}

// ---------------------------------------------------------------- relations

export type Relation = TableRef | TableFunction | SubqueryRelation | ValuesRelation | ParenRelation | Join | PivotRelation;

export interface TableAlias extends NodeBase {
  kind: 'TableAlias';
  name: Identifier;
  columns?: Identifier[];
}

/** A named table or view; `stream` for `STREAM(x)` / `STREAM x`. */
export interface TableRef extends NodeBase {
  kind: 'TableRef';
  name: QualifiedName;
  stream: boolean;
  /** Span of the STREAM keyword when present. */
  streamSpan?: Span;
  alias?: TableAlias;
  watermark?: Watermark;
  /** Delta time travel: `VERSION AS OF 3`, `TIMESTAMP AS OF '2024-01-01'`. */
  timeTravel?: TimeTravel;
  /** `TABLESAMPLE (10 PERCENT | 100 ROWS | BUCKET 1 OUT OF 4) [REPEATABLE (seed)]`. */
  sample?: TableSample;
}

export interface TimeTravel extends NodeBase {
  kind: 'TimeTravel';
  by: 'VERSION' | 'TIMESTAMP';
  value: Expr;
}

export interface TableSample extends NodeBase {
  kind: 'TableSample';
  /** The numbers inside the parentheses (the method's words are not kept). */
  args: Expr[];
  /** `BUCKET x OUT OF y` rather than PERCENT or ROWS. */
  bucket?: boolean;
  repeatable?: Expr;
}

/**
 * `source PIVOT (agg [AS a], ... FOR col IN (v [AS x], ...)) [alias]` and
 * `source UNPIVOT [INCLUDE|EXCLUDE NULLS] (value FOR name IN (col [AS x], ...)) [alias]`;
 * multi-column forms write a parenthesised list (a Tuple) where one name stands.
 */
export interface PivotRelation extends NodeBase {
  kind: 'PivotRelation';
  /** A Missing only in a pipe step (`|> PIVOT (...)`), whose source is the piped relation. */
  source: Relation | Missing;
  unpivot: boolean;
  nulls?: 'INCLUDE' | 'EXCLUDE';
  /** PIVOT: the aggregates; UNPIVOT: the value column (or a Tuple of them). */
  values: SelectItem[];
  forColumns: Expr;
  in: SelectItem[];
  alias?: TableAlias;
}

/** `WATERMARK col DELAY OF INTERVAL ...` after a streaming source (before or after its alias). */
export interface Watermark extends NodeBase {
  kind: 'Watermark';
  column: Expr;
  delay: Expr;
}

/** A table-valued function in FROM: `read_files(...)`, `STREAM read_files(...)`, `range(10)`. */
export interface TableFunction extends NodeBase {
  kind: 'TableFunction';
  call: FunctionCall;
  stream: boolean;
  streamSpan?: Span;
  alias?: TableAlias;
  watermark?: Watermark;
}

export interface SubqueryRelation extends NodeBase {
  kind: 'SubqueryRelation';
  lateral: boolean;
  query: Query;
  alias?: TableAlias;
}

export interface ValuesRelation extends NodeBase {
  kind: 'ValuesRelation';
  rows: Expr[][];
  alias?: TableAlias;
}

/** `(a JOIN b)` in FROM. */
export interface ParenRelation extends NodeBase {
  kind: 'ParenRelation';
  relation: Relation | Missing;
  alias?: TableAlias;
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'SEMI' | 'ANTI' | 'LEFT SEMI' | 'LEFT ANTI';

export interface Join extends NodeBase {
  kind: 'Join';
  joinType: JoinType;
  natural: boolean;
  left: Relation;
  right: Relation | Missing;
  on?: Expr;
  using?: Identifier[];
}

/** `LATERAL VIEW [OUTER] fn(args) [table_alias] [AS] col, ...`. */
export interface LateralView extends NodeBase {
  kind: 'LateralView';
  outer: boolean;
  call: FunctionCall | Missing;
  tableAlias?: Identifier;
  columnAliases: Identifier[];
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | ColumnRef
  | Star
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | TypedLiteral
  | IntervalLiteral
  | Param
  | FunctionCall
  | NamedArgument
  | Lambda
  | Cast
  | Case
  | Unary
  | Binary
  | InExpr
  | Between
  | LikeExpr
  | IsExpr
  | IsDistinctFrom
  | Exists
  | Subquery
  | Paren
  | Tuple
  | FieldAccess
  | Subscript
  | JsonPath
  | Extract
  | Missing
  | ErrorNode;

/** `a`, `t.a`, `t.a.b` (a struct field or a qualified column: resolution decides). */
export interface ColumnRef extends NodeBase {
  kind: 'ColumnRef';
  parts: Identifier[];
  /** Set for `x.` with nothing after the dot. */
  missingPart?: Missing;
}

/** `*`, `t.*`, `struct.*`, `* EXCEPT (a, b)`. */
export interface Star extends NodeBase {
  kind: 'Star';
  qualifier?: Identifier[];
  except?: ColumnRef[];
}

export interface StringLiteral extends NodeBase {
  kind: 'StringLiteral';
  /** Unescaped value (adjacent literals concatenated). */
  value: string;
  /** `r'...'` raw string (no escapes). */
  raw: boolean;
  /** `${key}` occurrences with their spans in the document. */
  params?: Param[];
}

export interface NumberLiteral extends NodeBase {
  kind: 'NumberLiteral';
  text: string;
  value: number;
  /** Upper-cased suffix: L, S, Y, D, F, BD. */
  suffix?: string;
}

export interface BooleanLiteral extends NodeBase {
  kind: 'BooleanLiteral';
  value: boolean;
}

export interface NullLiteral extends NodeBase {
  kind: 'NullLiteral';
}

/** `DATE'2024-01-01'`, `TIMESTAMP '...'`, `X'1F'`. */
export interface TypedLiteral extends NodeBase {
  kind: 'TypedLiteral';
  typeName: string;
  value: StringLiteral;
}

/** `INTERVAL 1 DAY`, `INTERVAL '1' DAY`, `INTERVAL 1 HOUR 30 MINUTES`, `INTERVAL '1 day'`. */
export interface IntervalLiteral extends NodeBase {
  kind: 'Interval';
  parts: IntervalPart[];
}

export interface IntervalPart extends NodeBase {
  kind: 'IntervalPart';
  value: Expr;
  /** Upper-cased unit as written (DAY, DAYS, HOUR ...), absent for `INTERVAL '1 day'`. */
  unit?: string;
  /** `YEAR TO MONTH` style. */
  toUnit?: string;
}

export interface FunctionCall extends NodeBase {
  kind: 'FunctionCall';
  name: QualifiedName;
  args: Expr[];
  distinct: boolean;
  /** `FILTER (WHERE cond)`. */
  filter?: Expr;
  /** `IGNORE NULLS` / `RESPECT NULLS` (inside or after the parentheses). */
  nullTreatment?: 'IGNORE' | 'RESPECT';
  /** `WITHIN GROUP (ORDER BY ...)`. */
  withinGroup?: OrderItem[];
  /** `OVER (...)` or `OVER w`. */
  over?: WindowSpec | Identifier;
}

/** `key => value` argument (read_files options). */
export interface NamedArgument extends NodeBase {
  kind: 'NamedArgument';
  name: Identifier;
  value: Expr;
}

export interface WindowSpec extends NodeBase {
  kind: 'WindowSpec';
  /** `OVER (w ORDER BY ...)` refines a named window. */
  baseWindow?: Identifier;
  partitionBy: Expr[];
  orderBy: OrderItem[];
  frame?: WindowFrame;
}

export interface WindowFrame extends NodeBase {
  kind: 'WindowFrame';
  units: 'ROWS' | 'RANGE';
  start: FrameBound;
  end?: FrameBound;
}

export interface FrameBound extends NodeBase {
  kind: 'FrameBound';
  bound: 'UNBOUNDED PRECEDING' | 'UNBOUNDED FOLLOWING' | 'CURRENT ROW' | 'PRECEDING' | 'FOLLOWING' | 'invalid';
  /** The `n` of `n PRECEDING`. */
  offset?: Expr;
}

/** `x -> x + 1`, `(a, b) -> a + b`. */
export interface Lambda extends NodeBase {
  kind: 'Lambda';
  params: Identifier[];
  body: Expr;
}

export interface Cast extends NodeBase {
  kind: 'Cast';
  /** `CAST(...)`, `TRY_CAST(...)` or the `::` operator. */
  form: 'CAST' | 'TRY_CAST' | '::';
  expr: Expr;
  type: DataType | Missing;
}

export interface Case extends NodeBase {
  kind: 'Case';
  operand?: Expr;
  whens: When[];
  else?: Expr;
}

export interface When extends NodeBase {
  kind: 'When';
  condition: Expr;
  result: Expr;
}

export interface Unary extends NodeBase {
  kind: 'Unary';
  op: 'NOT' | '!' | '-' | '+' | '~';
  operand: Expr;
}

/**
 * Binary operators, upper-cased: OR AND = == <> != <=> < <= > >= + - * / % DIV
 * || & | ^ << >>.
 */
export interface Binary extends NodeBase {
  kind: 'Binary';
  op: string;
  opSpan: Span;
  left: Expr;
  right: Expr;
}

export interface InExpr extends NodeBase {
  kind: 'In';
  expr: Expr;
  not: boolean;
  /** The list, or the subquery as one `Subquery` element. */
  values: Expr[];
}

export interface Between extends NodeBase {
  kind: 'Between';
  expr: Expr;
  not: boolean;
  low: Expr;
  high: Expr;
}

export interface LikeExpr extends NodeBase {
  kind: 'Like';
  op: 'LIKE' | 'ILIKE' | 'RLIKE' | 'REGEXP';
  not: boolean;
  expr: Expr;
  /** `LIKE ANY ('a%', 'b%')`: quantifier set, patterns in `patterns`. */
  quantifier?: 'ANY' | 'ALL' | 'SOME';
  patterns: Expr[];
  escape?: Expr;
}

export interface IsExpr extends NodeBase {
  kind: 'Is';
  expr: Expr;
  not: boolean;
  test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN';
}

export interface IsDistinctFrom extends NodeBase {
  kind: 'IsDistinctFrom';
  not: boolean;
  left: Expr;
  right: Expr;
}

export interface Exists extends NodeBase {
  kind: 'Exists';
  query: Query | Missing;
}

/** A scalar subquery in an expression. */
export interface Subquery extends NodeBase {
  kind: 'Subquery';
  query: Query;
}

export interface Paren extends NodeBase {
  kind: 'Paren';
  expr: Expr;
}

/** `(a, b)` row value. */
export interface Tuple extends NodeBase {
  kind: 'Tuple';
  items: Expr[];
}

/** `expr.field` where expr is not a plain name (`f(x).a`, `(s).a`, `a[0].b`). */
export interface FieldAccess extends NodeBase {
  kind: 'FieldAccess';
  object: Expr;
  field: Identifier | Missing;
}

export interface Subscript extends NodeBase {
  kind: 'Subscript';
  object: Expr;
  index: Expr;
}

/** `raw:a.b[0]`, `raw:['k']`, `` raw:`a.b` ``. */
export interface JsonPath extends NodeBase {
  kind: 'JsonPath';
  object: Expr;
  steps: JsonPathStep[];
}

export type JsonPathStep = JsonKey | JsonIndex;

export interface JsonKey extends NodeBase {
  kind: 'JsonKey';
  name: Identifier | StringLiteral | Missing;
}

export interface JsonIndex extends NodeBase {
  kind: 'JsonIndex';
  /** A Star for `[*]`. */
  index: Expr;
}

/** `EXTRACT(field FROM expr)`. */
export interface Extract extends NodeBase {
  kind: 'Extract';
  field: Identifier | Missing;
  expr: Expr;
}

// ---------------------------------------------------------------- types

export interface DataType extends NodeBase {
  kind: 'DataType';
  /** Upper-cased type name: INT, STRING, DECIMAL, ARRAY, MAP, STRUCT, TIMESTAMP_NTZ ... */
  name: string;
  /** Numeric parameters: DECIMAL(10,2) -> [10, 2]; VARCHAR(10) -> [10]. */
  params: number[];
  /** ARRAY<T> -> [T]; MAP<K, V> -> [K, V]. */
  typeArgs: (DataType | Missing)[];
  /** STRUCT<...> fields. */
  fields?: StructField[];
}

export interface StructField extends NodeBase {
  kind: 'StructField';
  name: Identifier;
  type: DataType | Missing;
  notNull: boolean;
  comment?: StringLiteral;
}

// ---------------------------------------------------------------- result

export interface ParseResult {
  statements: Statement[];
  errors: SyntaxError[];
  comments: Comment[];
  tokens: import('./tokens').Token[];
  /** Notebook source files: the cells in another language (`%python`, `%md`), skipped unparsed. */
  foreignCells?: import('./notebook').ForeignCell[];
}

export type Node =
  | Statement
  | Expr
  | Comment
  | QualifiedName
  | Identifier
  | TableElement
  | ColumnDef
  | ViolationAction
  | CreateClause
  | Property
  | ColumnSelection
  | QueryBody
  | WithClause
  | Cte
  | SelectItem
  | FromClause
  | ConditionClause
  | GroupByClause
  | GroupingSets
  | RollupCube
  | WindowClause
  | NamedWindow
  | OrderByClause
  | ExprListClause
  | LimitClause
  | OrderItem
  | Relation
  | PipeOperator
  | TableAlias
  | Watermark
  | TimeTravel
  | TableSample
  | LateralView
  | IntervalPart
  | WindowSpec
  | WindowFrame
  | FrameBound
  | When
  | JsonPathStep
  | DataType
  | StructField;
