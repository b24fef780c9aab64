// `npm run test:oracle` (and a script suite of `npm test`): Apache Spark as the
// local engine's oracle. The bundled pipeline runs on seeded simulator data in
// the local engine and, rewritten mechanically (sdpProject.ts), in Spark's
// declarative pipelines; every dataset is compared (row counts, all rows both
// ways after the normalisation listed in spark_oracle.py, column types), then
// each non-file dataset's query runs in Spark SQL over the engine's own
// upstream tables so a difference is pinned on the dataset that makes it.
// The oracle pipelines under test/fixtures/oracle/ are compared the same way.
// Prints `oracle: N/26 datasets equal` and closes with `N passed, N failed`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../../server/src/simulator/simulate';
import { loadLocalPipeline } from '../../server/src/engine/localPipeline';
import { diskFiles, toFileId } from '../../server/src/files/diskFiles';
import { rewritePipeline } from './sdpProject';
import { functionMappings } from '../../server/src/engine/translate/functionMap';
import {
  CompareRequest,
  ExpectationRequest,
  REPO,
  SparkJob,
  compareRequests,
  difference,
  ensureVenv,
  expectationRequests,
  runEngine,
  runSpark,
  sparkConf,
  writeSdpProject,
} from './oracleHarness';

const EVENTS = Number(process.env.ORACLE_EVENTS ?? 5000);
const FIXTURES = join(REPO, 'test/fixtures/oracle');

interface Group {
  name: string;
  requests: CompareRequest[];
  expectations: ExpectationRequest[];
  problems: string[];
}

async function bundleGroup(dir: string, job: SparkJob): Promise<Group> {
  const landing = join(dir, 'landing');
  await simulate({ out: landing, events: EVENTS, seed: 7, startMs: Date.parse('2026-01-01T00:00:00Z'), days: 7 });
  const configuration = { source_root: toFileId(landing) };
  const local = loadLocalPipeline({
    bundleFile: toFileId(join(REPO, 'bundle/databricks.yml')),
    target: 'dev',
    configuration,
    files: diskFiles(),
  });
  const config = local.config;
  const files = local.plan.datasets.map((d) => d.file).filter((f, i, a) => a.indexOf(f) === i);
  const project = rewritePipeline(
    files.map((f) => ({ path: f, text: readFileSync(f, 'utf8') })),
    config,
  );
  const engineDir = join(dir, 'bundle');
  const { summary, tables } = await runEngine(local.plan, mkdirp(engineDir), local.name);
  const conf = sparkConf(config);
  const spec = writeSdpProject(project, dir, 'bundle', { ...conf, source_root: landing });
  job.pipelines.push({ name: 'bundle', spec });
  job.views.push(...tables.map((t) => ({ name: t.dataset, parquet: t.parquet })));
  job.batchSources.push(...project.sources.map((s) => ({ ...s, timeZone: conf['spark.sql.session.timeZone'] })));
  const failed = summary.datasets.filter((d) => d.status !== 'completed').map((d) => `${d.name}: ${d.status} ${d.message ?? ''}`);
  return {
    name: 'bundle',
    requests: compareRequests('bundle', project, tables, { sdp: true, query: true }, conf),
    expectations: expectationRequests('bundle', project, summary, conf),
    problems: [...project.problems, ...failed],
  };
}

function mkdirp(p: string): string {
  mkdirSync(p, { recursive: true });
  return p;
}

/**
 * One fixture pipeline: a folder of SQL files, data inline or in its landing/
 * folder, and the pipeline configuration (e.g. its session time zone) in an
 * optional configuration.json.
 */
async function fixtureGroup(name: string, dir: string, job: SparkJob): Promise<Group> {
  const folder = join(FIXTURES, name);
  const sqlFiles = readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => join(folder, f));
  const configFile = join(folder, 'configuration.json');
  const configuration: Record<string, string> = {
    ...(existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, string>) : {}),
    source_root: toFileId(join(folder, 'landing')),
  };
  const local = loadLocalPipeline({ sqlFiles: sqlFiles.map(toFileId), configuration, files: diskFiles() });
  const project = rewritePipeline(
    sqlFiles.map((f) => ({ path: f, text: readFileSync(f, 'utf8') })),
    local.config,
  );
  const { summary, tables } = await runEngine(local.plan, mkdirp(join(dir, `fixture-${name}`)), name);
  const conf = sparkConf(local.config);
  const spec = writeSdpProject(project, dir, name, { ...conf, source_root: join(folder, 'landing') });
  job.pipelines.push({ name, spec });
  job.views.push(...tables.map((t) => ({ name: t.dataset, parquet: t.parquet })));
  job.batchSources.push(...project.sources.map((s) => ({ ...s, timeZone: conf['spark.sql.session.timeZone'] })));
  const failed = summary.datasets.filter((d) => d.status !== 'completed').map((d) => `${d.name}: ${d.status} ${d.message ?? ''}`);
  return {
    name,
    requests: compareRequests(name, project, tables, { sdp: true, query: true }, conf),
    expectations: expectationRequests(name, project, summary, conf),
    problems: [...project.problems, ...failed],
  };
}

/** The function checks run in UTC and again in a session time zone with DST, under their own dataset names. */
const FUNCTION_VARIANTS: { group: string; prefix: string; configuration: Record<string, string> }[] = [
  { group: 'functions', prefix: 'fn', configuration: {} },
  { group: 'functions-la', prefix: 'fnla', configuration: { 'spark.sql.session.timeZone': 'America/Los_Angeles' } },
];

/**
 * The function checks: one tiny dataset per row of functions/checks.tsv over
 * functions/input.sql, compared by query only (an SDP run of 150 datasets
 * would take minutes for nothing the query mode does not show).
 */
async function functionGroup(
  dir: string,
  job: SparkJob,
  check: (ok: boolean, label: string, why?: string) => void,
  variant: { group: string; prefix: string; configuration: Record<string, string> },
): Promise<Group> {
  const folder = join(FIXTURES, 'functions');
  const rows = readFileSync(join(folder, 'checks.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const missing = [...functionMappings.keys()].filter((n) => !rows.some((r) => r[0] === n));
  if (variant.prefix === 'fn')
    check(
      missing.length === 0,
      `every rewrite of the function map has an oracle row (${functionMappings.size} rewrites, ${rows.length} rows)`,
      `missing: ${missing.join(', ')}`,
    );
  const work = mkdirp(join(dir, `fixture-${variant.group}`));
  const named = (sql: string) => sql.replace(/\bfn_/g, `${variant.prefix}_`);
  // A third column spells the check for Spark when Spark 4.3 lacks the Databricks function.
  const checks = (column: number) =>
    rows
      .map(
        (r, i) =>
          `CREATE MATERIALIZED VIEW ${variant.prefix}_${String(i + 1).padStart(3, '0')}_${r[0]} AS SELECT ${r[column] ?? r[1]} AS v FROM ${variant.prefix}_input;`,
      )
      .join('\n');
  writeFileSync(join(work, 'checks.sql'), checks(1));
  const input = named(readFileSync(join(folder, 'input.sql'), 'utf8'));
  writeFileSync(join(work, 'input.sql'), input);
  const sqlFiles = [join(work, 'input.sql'), join(work, 'checks.sql')];
  const local = loadLocalPipeline({ sqlFiles: sqlFiles.map(toFileId), configuration: variant.configuration, files: diskFiles() });
  const project = rewritePipeline(
    [
      { path: 'input.sql', text: input },
      { path: 'checks.sql', text: checks(2) },
    ],
    local.config,
  );
  const { summary, tables } = await runEngine(local.plan, mkdirp(join(work, 'engine')), variant.group);
  job.views.push(...tables.map((t) => ({ name: t.dataset, parquet: t.parquet })));
  const failed = summary.datasets.filter((d) => d.status !== 'completed').map((d) => `${d.name}: ${d.status} ${d.message ?? ''}`);
  return {
    name: variant.group,
    requests: compareRequests(variant.group, project, tables, { sdp: false, query: true }, sparkConf(local.config)),
    expectations: [],
    problems: failed,
  };
}

async function main(): Promise<void> {
  ensureVenv((s) => console.log(s));
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-oracle-'));
  let passed = 0;
  let failed = 0;
  const check = (ok: boolean, label: string, why?: string) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok' : 'not ok'} - ${label}${ok || !why ? '' : `\n    ${why}`}`);
  };
  try {
    const job: SparkJob = { conf: sparkConf({}), pipelines: [], views: [], batchSources: [], compare: [], expectations: [] };
    // ORACLE_ONLY=bundle,money,functions runs only those groups (while working on one).
    const only = process.env.ORACLE_ONLY?.split(',');
    const wanted = (g: string) => !only || only.includes(g);
    const groups: Group[] = [];
    if (wanted('bundle')) groups.push(await bundleGroup(dir, job));
    const fixtures = readdirSync(FIXTURES)
      .filter((f) => readdirSync(join(FIXTURES, f)).some((x) => x.endsWith('.sql')))
      .sort();
    for (const f of fixtures.filter((x) => x !== 'functions' && wanted(x))) groups.push(await fixtureGroup(f, dir, job));
    for (const v of FUNCTION_VARIANTS) if (wanted(v.group)) groups.push(await functionGroup(dir, job, check, v));
    for (const g of groups) {
      job.compare.push(...g.requests);
      job.expectations.push(...g.expectations);
    }
    // A dataset the engine did not build has nothing to compare (reported as such below).
    const unbuilt = job.compare.filter((c) => !c.engine);
    job.compare = job.compare.filter((c) => c.engine);
    const { results, seconds } = runSpark(job, dir);
    job.compare.push(...unbuilt);
    results.compare.push(...unbuilt.map((c) => ({ ...c })));
    // The Spark side answers the requests in order; put each answer beside its request.
    results.compare = results.compare.map((r, i) => ({ ...job.compare[i], ...r }));
    console.log(
      `oracle: Spark session ${seconds.toFixed(1)} s (${job.pipelines.length} declarative pipelines, ${job.compare.length} comparisons; phases ${JSON.stringify(results.timings)})`,
    );
    for (const p of results.pipelines) check(p.ok, `spark-pipelines run ${p.name}`, p.error);
    for (const g of groups) {
      for (const p of g.problems) check(false, `${g.name}: local run`, p);
      for (const mode of ['sdp', 'query'] as const) {
        const rs = results.compare.filter((c) => c.group === g.name && c.mode === mode);
        if (rs.length === 0) continue;
        let equal = 0;
        for (const r of rs) {
          const why = difference(r);
          if (!why) equal++;
          check(!why, `${g.name} ${mode === 'sdp' ? 'SDP' : 'query over engine tables'}: ${r.dataset}`, why);
        }
        const tolerated = rs.reduce((n, r) => n + (r.withinTolerance ?? 0), 0);
        if (tolerated > 0) console.log(`oracle ${g.name} ${mode}: ${tolerated} row(s) equal only within the DOUBLE tolerance`);
        const label = mode === 'sdp' ? 'datasets equal' : "dataset queries equal over the engine's upstream tables";
        console.log(
          g.name === 'bundle' && mode === 'sdp'
            ? `oracle: ${equal}/${rs.length} datasets equal`
            : `oracle ${g.name}: ${equal}/${rs.length} ${label}`,
        );
      }
      const es = results.expectations.filter((e) => e.group === g.name);
      let same = 0;
      for (const e of es) {
        const ok = !e.error && e.sparkFailed === e.engineFailed;
        if (ok) same++;
        check(ok, `${g.name} expectation ${e.dataset}.${e.name}: failed rows Spark ${e.sparkFailed ?? e.error}, engine ${e.engineFailed}`);
      }
      if (es.length) console.log(`oracle ${g.name}: ${same}/${es.length} expectation counts equal`);
    }
  } catch (e) {
    check(false, 'oracle run', (e as Error).stack);
  } finally {
    if (!process.env.ORACLE_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`oracle: kept ${dir}`);
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

void main();
