// `npm run bench oracle`: wall time of the local engine and of Apache Spark's
// declarative pipelines on the same simulated events (100,000 by default,
// ORACLE_BENCH_EVENTS to change), bronze to gold, as a ratio. Spark's figure
// is the whole `spark-pipelines`-style session: JVM start, graph registration
// and the run. Needs the oracle's venv (created on first use, see docs/oracle.md).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { simulate } from '../../server/src/simulator/simulate';
import { loadLocalPipeline } from '../../server/src/engine/localPipeline';
import { runPipeline } from '../../server/src/engine/runtime/runPipeline';
import { diskFiles, toFileId } from '../../server/src/files/diskFiles';
import { rewritePipeline } from '../oracle/sdpProject';
import { REPO, ensureVenv, runSpark, sparkConf, writeSdpProject } from '../oracle/oracleHarness';
import { printTable } from './measure';

const EVENTS = Number(process.env.ORACLE_BENCH_EVENTS ?? 100000);

export async function run(): Promise<void> {
  ensureVenv((s) => console.log(s));
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-bench-oracle-'));
  try {
    const landing = join(dir, 'landing');
    await simulate({ out: landing, events: EVENTS, seed: 7, startMs: Date.parse('2026-01-01T00:00:00Z'), days: 7 });
    const local = loadLocalPipeline({
      bundleFile: toFileId(join(REPO, 'bundle/databricks.yml')),
      target: 'dev',
      configuration: { source_root: toFileId(landing) },
      files: diskFiles(),
    });
    const t0 = performance.now();
    const summary = await runPipeline(local.plan, {
      database: join(dir, 'engine.duckdb'),
      pipelineName: local.name,
      baseDir: dir,
      settings: { threads: '2' },
    });
    const engineSeconds = (performance.now() - t0) / 1000;
    const files = [...new Set(local.plan.datasets.map((d) => d.file))];
    const project = rewritePipeline(
      files.map((f) => ({ path: f, text: readFileSync(f, 'utf8') })),
      local.config,
    );
    const spec = writeSdpProject(project, dir, 'bench', { ...sparkConf(local.config), source_root: landing });
    const spark = runSpark(
      { conf: sparkConf(local.config), pipelines: [{ name: 'bench', spec }], views: [], batchSources: [], compare: [], expectations: [] },
      dir,
    );
    const ok = spark.results.pipelines.every((p) => p.ok);
    printTable([
      {
        events: EVENTS,
        'engine datasets': `${summary.datasets.filter((d) => d.status === 'completed').length}/26`,
        'engine s': engineSeconds,
        'Spark SDP s (session)': spark.seconds,
        'Spark run s (after session start)': (spark.results.timings[`pipeline bench`] ?? NaN) - (spark.results.timings.session ?? 0),
        'Spark ok': ok ? 'yes' : spark.results.pipelines.map((p) => p.error).join('; '),
        'Spark / engine': spark.seconds / engineSeconds,
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
