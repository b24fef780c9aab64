// Faults around an update of the repository's pipeline: a full disk (a tiny
// tmpfs), a read-only database, landing files deleted or truncated between
// runs, two runs at once on one database, a database from an older (and one
// from a newer) version of the tool, Ctrl-C during a run and during a
// simulation. After each: a clear message and a non-zero exit where something
// went wrong, the previous committed state intact, and the next run converging
// to the tables an uninterrupted run gives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { eventLogPath } from '../../../../server/src/engine/runtime/eventLog';
import { STATE_VERSION } from '../../../../server/src/engine/runtime/state';
import { FaultLakehouse, Fingerprint, finished, tablesInNeither } from './faultLakehouse';

const lake = new FaultLakehouse();
const base = lake.db('base.duckdb');
let previous: Fingerprint;
let next: Fingerprint;
let batch1Files: string[];
let batch1Orders: string[];

before(async () => {
  lake.simulate(600, 1, '2026-01-01');
  assert.equal((await lake.runHere(base)).code, 0);
  previous = await lake.fingerprint(base);
  batch1Files = readdirSync(join(lake.landing, 'iot_events')).sort();
  batch1Orders = readdirSync(join(lake.landing, 'cdc/orders')).sort();
  lake.simulate(600, 2, '2026-01-02');
  const reference = lake.db('reference.duckdb');
  lake.copyDb(base, reference);
  assert.equal((await lake.runHere(reference)).code, 0);
  next = await lake.fingerprint(reference);
  assert.notDeepEqual(previous, next);
});
after(() => lake.remove());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const shown = (db: string) => relative(lake.dir, db);

async function execSql(db: string, sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(db);
  try {
    const con = await instance.connect();
    await con.run(sql);
    con.closeSync();
  } finally {
    instance.closeSync();
  }
}

/** Mounts a tmpfs of `bytes` at a new folder; undefined when this machine refuses (not root, no CAP_SYS_ADMIN). */
function tmpfs(bytes: number): string | undefined {
  const at = join(lake.dir, `tmpfs-${Date.now()}`);
  mkdirSync(at);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', at], { encoding: 'utf8' });
  return r.status === 0 ? at : undefined;
}
const remount = (at: string, options: string) => assert.equal(spawnSync('mount', ['-o', `remount,${options}`, at]).status, 0);
const unmount = (at: string) => spawnSync('umount', [at]);

describe('environment faults', () => {
  test('disk full (a tmpfs just larger than the previous state): clear message, exit 1, state kept, converges once there is room', async (t) => {
    const size = statSync(base).size;
    const mount = tmpfs(Math.ceil((size + 96 * 1024) / 4096) * 4096);
    let db: string;
    let limited: { shellPrefix?: string[] } = {};
    if (mount) {
      db = join(mount, 'lake.duckdb');
      copyFileSync(base, db);
    } else {
      // Fallback where mounting is refused: a file-size limit on the child, which the kernel enforces with SIGXFSZ.
      t.diagnostic('mount refused: disk full simulated with ulimit -f in the child');
      db = lake.db('full.duckdb');
      lake.copyDb(base, db);
      limited = { shellPrefix: ['sh', '-c', `ulimit -f ${Math.ceil(size / 512) + 64}; exec "$@"`, 'sh'] };
    }
    try {
      const r = await lake.run(db, [], limited);
      assert.notEqual(r.code, 0, 'the update cannot have fitted');
      if (mount) {
        const said = r.stderr + r.stdout;
        assert.match(said, /no space left on device/);
        assert.doesNotMatch(said, /at [\w.]+ \(|ENOSPC|IO Error/);
        t.diagnostic(
          `message: ${said
            .split('\n')
            .filter((l) => /no space/.test(l))
            .slice(0, 2)
            .join(' | ')}`,
        );
        remount(mount, 'size=512m');
      } else {
        limited = {};
      }
      assert.deepEqual(tablesInNeither(await lake.fingerprint(db), previous, next), []);
      const again = await lake.run(db, [], limited);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(await lake.fingerprint(db), next);
    } finally {
      if (mount) unmount(mount);
    }
  });

  test('a read-only database (on a read-only file system, or without write permission): exit 1 naming the file and the reason, the file unchanged', async (t) => {
    const mount = tmpfs(64 * 1024 * 1024);
    if (mount) {
      try {
        const db = join(mount, 'lake.duckdb');
        copyFileSync(base, db);
        const before = sha(db);
        remount(mount, 'ro');
        const r = await lake.run(db);
        assert.equal(r.code, 1);
        assert.equal(r.stderr, `lakeflow run: cannot write ${db}: read-only file system\n`);
        assert.equal(sha(db), before);
      } finally {
        unmount(mount);
      }
    } else t.diagnostic('mount refused: only the permission case below runs');
    // A file without write permission, as another user when this runs as root (root ignores file modes).
    const db = lake.db('readonly.duckdb');
    lake.copyDb(base, db);
    chmodSync(db, 0o444);
    for (const d of [lake.dir, join(lake.dir, 'db')]) chmodSync(d, 0o755);
    const before = sha(db);
    const r = await lake.run(db, [], process.getuid?.() === 0 ? { uid: 65534 } : {});
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `lakeflow run: cannot write ${db}: permission denied\n`);
    assert.equal(sha(db), before);
  });

  test('a landing file deleted and one truncated between runs: reported, not re-read, tables as an uninterrupted run', async () => {
    const db = lake.db('tampered.duckdb');
    lake.copyDb(base, db);
    const truncated = join('iot_events', batch1Files[0]);
    const deleted = join('cdc/orders', batch1Orders[0]);
    const saved = [truncated, deleted].map((f) => [f, readFileSync(join(lake.landing, f))] as const);
    try {
      truncateSync(join(lake.landing, truncated), 100);
      unlinkSync(join(lake.landing, deleted));
      const r = await lake.run(db);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout.replace(/\n {4,}/g, ' '),
        new RegExp(`warning: ${truncated} changed after it was read \\(\\d+ bytes then, 100 now\\): not read again`),
      );
      assert.deepEqual(await lake.fingerprint(db), next);
    } finally {
      for (const [f, bytes] of saved) writeFileSync(join(lake.landing, f), bytes);
    }
  });

  test('two runs at once on one database: the second refuses naming the other, the first completes', async () => {
    const db = lake.db('shared.duckdb');
    const { child: first, done: firstDone } = lake.startFrom(base, db);
    // Once the first has written its first event it holds the database.
    await waitUntil(() => readFileSafe(eventLogPath(db)).includes('create_update'));
    // In this process: no start-up time in which the first could finish.
    const second = await lake.runHere(db);
    assert.equal(second.code, 1);
    assert.equal(
      second.stderr,
      `lakeflow run: ${db} is in use by another lakeflow run (process ${first.pid}): wait for it to finish, or give another --db\n`,
    );
    const done = await firstDone;
    assert.equal(done.code, 0, done.stderr);
    assert.deepEqual(await lake.fingerprint(db), next);
  });

  test('a database of the previous state version (absolute paths, no hashes) is migrated: nothing re-read, new files read', async () => {
    const db = lake.db('old.duckdb');
    lake.copyDb(base, db);
    // What version 1 of the tool wrote: absolute file and source paths, no hash column, no meta table.
    const root = lake.landing.replace(/'/g, "''");
    await execSql(
      db,
      `ALTER TABLE _lakeflow.processed_files DROP COLUMN content_hash;
       UPDATE _lakeflow.processed_files SET file = '${root}/' || file, source = split_part(source, ':', 1) || ':${root}/' || split_part(source, ':', 2) || '/';
       DROP TABLE _lakeflow.meta;`,
    );
    const r = await lake.run(db);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await lake.fingerprint(db), next);
  });

  test('a database of a newer state version is refused, unchanged', async () => {
    const db = lake.db('newer.duckdb');
    lake.copyDb(base, db);
    await execSql(db, `UPDATE _lakeflow.meta SET value = '99' WHERE key = 'state_version'`);
    const before = sha(db);
    const r = await lake.run(db);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `lakeflow run: the database was written by a newer lakeflow (state version 99; this one knows up to ${STATE_VERSION}): use that version, or give another --db\n`,
    );
    assert.equal(sha(db), before);
  });

  test('Ctrl-C during a run: "interrupted: the previous state of <db> is intact", exit 130, no staging tables; the next run converges', async () => {
    const db = lake.db('interrupted.duckdb');
    const { child, done } = lake.startFrom(base, db);
    await waitUntil(() => /"status":"RUNNING"/.test(readFileSafe(eventLogPath(db))));
    child.kill('SIGINT');
    const r = await done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, new RegExp(`\\ninterrupted: the previous state of ${shown(db).replace(/[./]/g, '\\$&')} is intact\\n$`));
    assert.equal(await lake.scratchTables(db), 0);
    assert.deepEqual(tablesInNeither(await lake.fingerprint(db), previous, next), []);
    assert.match(readFileSafe(eventLogPath(db)), /is CANCELED: interrupted/);
    assert.equal((await lake.runHere(db)).code, 0);
    assert.deepEqual(await lake.fingerprint(db), next);
  });

  test('Ctrl-C during a simulation leaves no half batch: the landing folder and its manifest as they were', async () => {
    const landingBefore = readdirSync(join(lake.landing, 'iot_events')).sort();
    const manifestBefore = sha(join(lake.landing, 'manifest.json'));
    const child = spawnChild(['simulate', '--out', lake.landing, '--events', '3000000', '--seed', '77', '--start', '2026-03-01']);
    const done = finished(child);
    await waitUntil(() => readdirSync(join(lake.landing, 'iot_events')).some((f) => f.includes('s77-')));
    child.kill('SIGINT');
    const r = await done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /\ninterrupted: nothing of the batch was kept; .+ is as it was\n$/);
    assert.deepEqual(readdirSync(join(lake.landing, 'iot_events')).sort(), landingBefore);
    assert.equal(sha(join(lake.landing, 'manifest.json')), manifestBefore);
  });
});

/** Polls every 2 ms (the moments these faults aim at are short); fails after a minute. */
async function waitUntil(ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('the moment to inject the fault never came');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function spawnChild(args: string[]) {
  return spawn(process.execPath, [lake.runArgs('x')[0], ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}
