// AUTO CDC / APPLY CHANGES on DuckDB. Change events are kept in a companion
// table beside the target (SCD 1: the latest event per key, deletes kept as
// tombstones so a late, older update cannot resurrect a row; SCD 2: every
// event), and the target is recomputed from it, so out-of-order and late
// events resolve by the sequence whatever order files deliver them in.
// IGNORE NULL UPDATES fills an event's nulls from the key's earlier events
// (by sequence, since its last delete) before either SCD type sees it.
// APPLY AS TRUNCATE WHEN (SCD 1) keeps the latest truncate event as a marker
// row, so only events sequenced after it survive, in this update and later ones.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CdcFlow, ColumnSelectionPlan } from '../plan';
import { columnsOf, count, normalName, quoteIdent } from './sql';

const SEQ = '__lakeflow_seq';
const DELETED = '__lakeflow_deleted';
const TRUNCATE = '__lakeflow_truncate';

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
  const truncate = flow.scdType === 1 && flow.truncateWhen !== undefined;
  const flags = [SEQ, DELETED, ...(truncate ? [TRUNCATE] : [])];
  const newEvents =
    `SELECT ${columns.map(quoteIdent).join(', ')}, (${flow.sequenceBy}) AS ${SEQ}, ${deleted} AS ${DELETED}` +
    (truncate ? `, coalesce((${flow.truncateWhen}), false) AS ${TRUNCATE}` : '') +
    ` FROM ${sourceRelation}`;
  const events = await count(con, sourceRelation);
  const union = existingCompanion ? `(${newEvents}) UNION ALL BY NAME (SELECT * FROM ${existingCompanion})` : newEvents;
  const all = flow.ignoreNullUpdates ? fillNullUpdates(union, columns, keys, keyList, flags) : union;

  if (flow.scdType === 1) {
    const latest = (from: string) =>
      `SELECT * EXCLUDE (__rn) FROM (SELECT *, row_number() OVER (PARTITION BY ${keyList} ORDER BY ${SEQ} DESC, ${DELETED} DESC) AS __rn FROM ${from}) WHERE __rn = 1`;
    const isTruncate = `coalesce(${TRUNCATE}, false)`;
    await con.run(
      truncate
        ? `CREATE OR REPLACE TABLE ${stage.companion} AS WITH __all AS (${all}), ` +
            `__marker AS (SELECT * FROM __all WHERE ${isTruncate} ORDER BY ${SEQ} DESC LIMIT 1), ` +
            `__after AS (SELECT __all.* FROM __all WHERE NOT ${isTruncate} AND NOT EXISTS (SELECT 1 FROM __marker WHERE __marker.${SEQ} >= __all.${SEQ})) ` +
            `(${latest('__after')}) UNION ALL BY NAME (SELECT * FROM __marker)`
        : `CREATE OR REPLACE TABLE ${stage.companion} AS ${latest(`(${all})`)}`,
    );
    const live = truncate ? `NOT ${DELETED} AND NOT ${isTruncate}` : `NOT ${DELETED}`;
    await con.run(
      `CREATE OR REPLACE TABLE ${stage.target} AS SELECT * EXCLUDE (${flags.join(', ')}) FROM ${stage.companion} WHERE ${live}`,
    );
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

/**
 * Each event with its nulls replaced by the key's latest earlier non-null
 * value. A delete starts a new segment, so a re-inserted key does not inherit
 * values from before its delete. Filling is idempotent, so the SCD 1
 * companion (already filled) can be merged with new events again.
 */
function fillNullUpdates(events: string, columns: string[], keys: string[], keyList: string, flags: string[]): string {
  const segmented = `SELECT *, sum(CASE WHEN ${DELETED} THEN 1 ELSE 0 END) OVER (PARTITION BY ${keyList} ORDER BY ${SEQ}, ${DELETED} ROWS UNBOUNDED PRECEDING) AS __segment FROM (${events})`;
  const items = columns.map((c) =>
    keys.includes(c.toLowerCase())
      ? quoteIdent(c)
      : `last_value(${quoteIdent(c)} IGNORE NULLS) OVER (PARTITION BY ${keyList}, __segment ORDER BY ${SEQ}, ${DELETED} ROWS UNBOUNDED PRECEDING) AS ${quoteIdent(c)}`,
  );
  return `SELECT ${items.join(', ')}, ${flags.join(', ')} FROM (${segmented})`;
}
