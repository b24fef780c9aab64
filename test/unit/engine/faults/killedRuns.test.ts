// Kill -9 at dozens of seeded points of an incremental update of the
// repository's pipeline (26 datasets): at milestones of its event log (each
// dataset starting or ending) and at early times (while DuckDB opens the file
// or the plan is set up). Each kill must land (the child is killed, not
// finished); afterwards every table is in its previous or its new state, never
// half-written; and the next update converges to exactly the tables an
// uninterrupted update gives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { eventLogPath } from '../../../../server/src/engine/runtime/eventLog';
import { FaultLakehouse, Fingerprint, seeded, tablesInNeither } from './faultLakehouse';

const POINTS = 24;
const lake = new FaultLakehouse();
const base = lake.db('base.duckdb');
const reference = lake.db('reference.duckdb');
let previous: Fingerprint;
let next: Fingerprint;
let updateLines: number;

before(async () => {
  lake.simulate(600, 1, '2026-01-01');
  assert.equal((await lake.run(base)).code, 0);
  previous = await lake.fingerprint(base);
  lake.simulate(600, 2, '2026-01-02');
  lake.copyDb(base, reference);
  rmSync(eventLogPath(reference), { force: true });
  const r = await lake.run(reference);
  assert.equal(r.code, 0, r.stderr);
  next = await lake.fingerprint(reference);
  updateLines = readFileSync(eventLogPath(reference), 'utf8').split('\n').filter(Boolean).length;
});
after(() => lake.remove());

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0);

/** Starts the update on a copy of the base state and kills it once `due` holds; true when the kill landed. */
async function killedUpdate(db: string, due: (elapsedMs: number, logLines: number) => boolean): Promise<boolean> {
  const { child, done } = lake.startFrom(base, db);
  const started = Date.now();
  const poll = setInterval(() => {
    if (due(Date.now() - started, lines(eventLogPath(db)))) {
      clearInterval(poll);
      child.kill('SIGKILL');
    }
  }, 1);
  const result = await done;
  clearInterval(poll);
  return result.signal === 'SIGKILL';
}

test(`${POINTS} seeded kill points: previous state intact, next update converges`, { timeout: 170_000 }, async (t) => {
  assert.ok(updateLines > 40, `the update logs ${updateLines} events`);
  assert.notDeepEqual(previous, next, 'the second batch changes the tables');
  const random = seeded(20261206);
  const db = lake.db('killed.duckdb');
  const where: string[] = [];
  for (let i = 0; i < POINTS; i++) {
    // Every sixth point is early (by time), the others at an event-log milestone.
    let early = i % 6 === 0;
    let threshold = early ? Math.floor(random() * 150) : 1 + Math.floor(random() * (updateLines - 3));
    let landed = false;
    for (let attempt = 0; attempt < 4 && !landed; attempt++) {
      landed = await killedUpdate(db, (ms, logged) => (early ? ms >= threshold : logged >= threshold));
      // The update outran the kill: the same kind of point, earlier.
      if (!landed) threshold = Math.floor(threshold / 2);
      if (!landed && threshold === 0) early = true;
    }
    assert.ok(landed, `kill point ${i} never landed before the update finished on its own`);
    where.push(early ? `${threshold} ms` : `log line ${threshold}`);
    const state = await lake.fingerprint(db);
    assert.deepEqual(tablesInNeither(state, previous, next), [], `point ${i} (${where.at(-1)}): tables half-written`);
    const recovery = await lake.runHere(db);
    assert.equal(recovery.code, 0, `point ${i}: ${recovery.stderr}${recovery.stdout.slice(-500)}`);
    assert.deepEqual(await lake.fingerprint(db), next, `point ${i} (${where.at(-1)}): did not converge`);
    assert.equal(await lake.scratchTables(db), 0);
  }
  t.diagnostic(`killed at: ${where.join(', ')} (update of ${updateLines} log lines)`);
});
