// AUTO CDC / APPLY CHANGES on DuckDB. Change events are kept in a companion
// table beside the target (SCD 1: the latest event per key, deletes kept as
// tombstones so a late, older update cannot resurrect a row; SCD 2: every
// event), and the target is recomputed from it, so out-of-order and late
// events resolve by the sequence whatever order files deliver them in.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CdcFlow, ColumnSelectionPlan } from '../plan';
import { columnsOf, count, normalName, quoteIdent } from './sql';

const SEQ = '__lakeflow_seq';
const DELETED = '__lakeflow_deleted';

export interface CdcStage {
  /** Staged companion and target tables, ready to swap in. */
  companion: string;
  target: string;
  /** Change events read in this update. */
  events: number;
}

function select(all: string[], sel: ColumnSelectionPlan | undefined): string[] {
  if (!sel) return all;
  if (sel.columns.length > 0) {
    const wanted = new Set(sel.columns.map(normalName));
    return all.filter((c) => wanted.has(c.toLowerCase()));
  }
  const except = new Set(sel.except.map(normalName));
  return all.filter((c) => !except.has(c.toLowerCase()));
}

/**
 * Stages the companion and the target after applying the events of
 * `sourceRelation`. `existingCompanion` is undefined on the first update or a
 * full refresh.
 */
export async function stageCdc(
  con: DuckDBConnection,
  flow: CdcFlow,
  sourceRelation: string,
  existingCompanion: string | undefined,
  stage: { companion: string; target: string },
): Promise<CdcStage> {
  const sourceColumns = (await columnsOf(con, `SELECT * FROM ${sourceRelation}`)).map((c) => c.name);
  const columns = select(sourceColumns, flow.columns);
  const keys = flow.keys.map(normalName);
  const keyList = flow.keys.join(', ');
  const deleted = flow.deleteWhen ? `coalesce((${flow.deleteWhen}), false)` : 'false';
  const newEvents = `SELECT ${columns.map(quoteIdent).join(', ')}, (${flow.sequenceBy}) AS ${SEQ}, ${deleted} AS ${DELETED} FROM ${sourceRelation}`;
  const events = await count(con, sourceRelation);
  const all = existingCompanion ? `(${newEvents}) UNION ALL BY NAME (SELECT * FROM ${existingCompanion})` : newEvents;

  if (flow.scdType === 1) {
    await con.run(
      `CREATE OR REPLACE TABLE ${stage.companion} AS SELECT * EXCLUDE (__rn) FROM (` +
        `SELECT *, row_number() OVER (PARTITION BY ${keyList} ORDER BY ${SEQ} DESC, ${DELETED} DESC) AS __rn FROM (${all})) WHERE __rn = 1`,
    );
    await con.run(`CREATE OR REPLACE TABLE ${stage.target} AS SELECT * EXCLUDE (${SEQ}, ${DELETED}) FROM ${stage.companion} WHERE NOT ${DELETED}`);
    return { ...stage, events };
  }

  // SCD type 2: one version per run of events in which the tracked columns
  // stay the same; a delete closes the current version.
  await con.run(
    `CREATE OR REPLACE TABLE ${stage.companion} AS SELECT * FROM (${all}) ` +
      `QUALIFY row_number() OVER (PARTITION BY ${keyList}, ${SEQ} ORDER BY ${DELETED} DESC) = 1`,
  );
  const seqColumn = normalName(flow.sequenceBy);
  const valueColumns = columns.filter((c) => !keys.includes(c.toLowerCase()));
  const tracked = flow.trackHistory ? select(valueColumns, flow.trackHistory) : valueColumns.filter((c) => c.toLowerCase() !== seqColumn);
  const w = `(PARTITION BY ${keyList} ORDER BY ${SEQ})`;
  const changed = [
    `lag(${SEQ}) OVER ${w} IS NULL`,
    `${DELETED}`,
    `lag(${DELETED}) OVER ${w}`,
    ...tracked.map((c) => `${quoteIdent(c)} IS DISTINCT FROM lag(${quoteIdent(c)}) OVER ${w}`),
  ].join(' OR ');
  const flagged = `SELECT *, CASE WHEN ${changed} THEN 1 ELSE 0 END AS __new FROM ${stage.companion}`;
  const versioned = `SELECT *, sum(__new) OVER (PARTITION BY ${keyList} ORDER BY ${SEQ} ROWS UNBOUNDED PRECEDING) AS __v FROM (${flagged})`;
  const versions =
    `SELECT ${keyList}, __v, min(${SEQ}) AS __START_AT, bool_or(${DELETED}) AS __del` +
    valueColumns.map((c) => `, arg_max(${quoteIdent(c)}, ${SEQ}) AS ${quoteIdent(c)}`).join('') +
    ` FROM (${versioned}) GROUP BY ${keyList}, __v`;
  const withEnd = `SELECT *, lead(__START_AT) OVER (PARTITION BY ${keyList} ORDER BY __START_AT) AS __END_AT FROM (${versions})`;
  await con.run(
    `CREATE OR REPLACE TABLE ${stage.target} AS SELECT ${columns.map(quoteIdent).join(', ')}, __START_AT, __END_AT FROM (${withEnd}) WHERE NOT __del`,
  );
  return { ...stage, events };
}
