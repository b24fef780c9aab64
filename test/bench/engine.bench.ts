// The local run, bronze to gold, on 100,000, 1,000,000 and 10,000,000 simulated events:
// wall time, events per second and peak memory (RSS of this process, sampled;
// DuckDB runs in-process), beside a plain DuckDB script that only reads the
// bronze landing files into tables on the same data: the floor, as a ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { simulate } from '../../server/src/simulator/simulate';
import { loadLocalPipeline } from '../../server/src/engine/localPipeline';
import { runPipeline } from '../../server/src/engine/runtime/runPipeline';
import { diskFiles, toFileId } from '../../server/src/files/diskFiles';
import { mib, printTable } from './measure';

const REPO = resolve(__dirname, '../../..');
const SIZES = (process.env.ENGINE_BENCH_EVENTS ?? '100000,1000000,10000000').split(',').map(Number);
const BRONZE_FOLDERS = [
  'iot_events',
  ...['customers', 'products', 'orders', 'devices', 'locations', 'alerts', 'alert_thresholds'].map((e) => `cdc/${e}`),
];

/**
 * Runs `fn` while sampling the process RSS every 10 ms; returns wall seconds,
 * CPU seconds of the whole process (DuckDB's threads included: the figure that
 * does not depend on how busy the shared machine is) and the peak RSS.
 */
async function measured(fn: () => Promise<unknown>): Promise<{ seconds: number; cpuSeconds: number; peakRss: number }> {
  let peak = process.memoryUsage.rss();
  const cpu0 = process.cpuUsage();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const t0 = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRss: peak };
}

async function bronzeFloor(landing: string, database: string): Promise<void> {
  const instance = await DuckDBInstance.create(database, { threads: '2' });
  const con = await instance.connect();
  for (const [i, folder] of BRONZE_FOLDERS.entries()) {
    await con.run(
      `CREATE TABLE t${i} AS SELECT *, filename FROM read_json('${join(landing, folder)}/*.json', format = 'newline_delimited', filename = true)`,
    );
  }
  await con.run('CHECKPOINT');
  con.closeSync();
  instance.closeSync();
}

export async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const events of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'lakeflow-bench-'));
    try {
      const landing = join(dir, 'landing');
      await simulate({ out: landing, events, seed: 7, startMs: Date.parse('2026-01-01T00:00:00Z'), days: 7 });
      const floor = await measured(() => bronzeFloor(landing, join(dir, 'floor.duckdb')));
      let completed = 0;
      const pipeline = await measured(async () => {
        const p = loadLocalPipeline({
          bundleFile: toFileId(join(REPO, 'bundle/databricks.yml')),
          target: 'local',
          configuration: { source_root: toFileId(landing) },
          files: diskFiles(),
        });
        const s = await runPipeline(p.plan, {
          database: join(dir, 'lakehouse.duckdb'),
          pipelineName: p.name,
          baseDir: REPO,
          settings: { threads: '2' },
        });
        completed = s.datasets.filter((d) => d.status === 'completed').length;
      });
      rows.push({
        events,
        'datasets completed': `${completed}/26`,
        'pipeline s': pipeline.seconds,
        'events/s': Math.round(events / pipeline.seconds),
        'CPU s': pipeline.cpuSeconds,
        'peak RSS': mib(pipeline.peakRss),
        'floor s (bronze reads only)': floor.seconds,
        'floor CPU s': floor.cpuSeconds,
        'ratio wall': pipeline.seconds / floor.seconds,
        'ratio CPU': pipeline.cpuSeconds / floor.cpuSeconds,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(rows);
  console.log(
    `targets: 1,000,000 events bronze to gold in under 10 s and under 2 GB; 10,000,000 in under 60 s and under 4 GB (2 cores); load average now ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
  );
}
