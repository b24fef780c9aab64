// Applies a dataset's expectations to the rows an update produced: counts
// failures per expectation (a NULL result counts as a failure, as a filter
// would drop it), stops on FAIL UPDATE with a sample row, and keeps only the
// rows that pass every DROP ROW expectation.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ExpectationAction, ExpectationPlan } from '../plan';
import { rows } from './sql';

export interface ExpectationResult {
  name: string;
  action: ExpectationAction;
  passed: number;
  failed: number;
}

export class ExpectationFailure extends Error {
  constructor(
    message: string,
    readonly results: ExpectationResult[],
  ) {
    super(message);
  }
}

const violated = (e: ExpectationPlan) => `NOT coalesce((${e.sql}), false)`;

export interface CheckedRows {
  total: number;
  results: ExpectationResult[];
  /** WHERE condition keeping the rows that pass the DROP ROW expectations, or undefined when none drop. */
  keep?: string;
  dropped: number;
}

export async function checkExpectations(
  con: DuckDBConnection,
  dataset: string,
  relation: string,
  expectations: ExpectationPlan[],
): Promise<CheckedRows> {
  const drops = expectations.filter((e) => e.action === 'drop');
  const keep = drops.length > 0 ? drops.map((e) => `coalesce((${e.sql}), false)`).join(' AND ') : undefined;
  const measures = ['count(*) AS __total', ...expectations.map((e, i) => `count(*) FILTER (WHERE ${violated(e)}) AS __f${i}`)];
  if (keep) measures.push(`count(*) FILTER (WHERE NOT (${keep})) AS __dropped`);
  const [r] = await rows(con, `SELECT ${measures.join(', ')} FROM ${relation}`);
  const total = Number(r.__total);
  const results = expectations.map((e, i) => {
    const failed = Number(r[`__f${i}`]);
    return { name: e.name, action: e.action, failed, passed: total - failed };
  });
  for (const [i, e] of expectations.entries()) {
    if (e.action !== 'fail' || results[i].failed === 0) continue;
    const sample = await rows(con, `SELECT * FROM ${relation} WHERE ${violated(e)} LIMIT 1`);
    throw new ExpectationFailure(
      `expectation ${e.name} (ON VIOLATION FAIL UPDATE) failed for ${results[i].failed} of ${total} row(s) of ${dataset}; sample row: ${JSON.stringify(sample[0] ?? {})}`,
      results,
    );
  }
  return { total, results, keep, dropped: keep ? Number(r.__dropped) : 0 };
}
