// The language server through the real protocol (stdio, the LSP client
// library), on the bundled pipeline and on a generated 10,000-dataset
// workspace: hover, definition, completion and diagnostics-after-edit latency
// (median, p95), start to first diagnostics, and the server's peak memory.
// The npm `sql-language-server` runs side by side on the same files when it
// is installed in a folder outside the repository (SQLLS_DIR, default
// /tmp/sqlls: `npm install --prefix /tmp/sqlls sql-language-server`).
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { repositoryRoot } from '../support/serverProcess';
import { positionOf } from '../support/lspSession';
import { printTable, summarize, Timing } from './measure';

const DATASETS = 10_000;
const trace = (line: string) => process.env.BENCH_VERBOSE && console.log(line);
const RUNS = 200;
const EDIT_RUNS = 60;

interface Driven {
  connection: ProtocolConnection;
  child: ChildProcess;
  started: number;
  diagnostics: Map<string, { at: number; messages: string[] }>;
  waiters: (() => void)[];
  exited: boolean;
}

async function launch(command: string, args: string[], root: string, initializationOptions: unknown): Promise<Driven> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'bench-home-')), DATABRICKS_HOST: '', DATABRICKS_TOKEN: '' },
    stdio: ['pipe', 'pipe', process.env.BENCH_STDERR ? 'inherit' : 'ignore'],
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const d: Driven = { connection, child, started, diagnostics: new Map(), waiters: [], exited: false };
  child.on('exit', () => {
    d.exited = true;
    d.waiters.splice(0).forEach((w) => w());
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { message: string }[] }) => {
    d.diagnostics.set(p.uri, { at: performance.now(), messages: p.diagnostics.map((x) => x.message) });
    d.waiters.splice(0).forEach((w) => w());
  });
  connection.onRequest('workspace/configuration', () => [null]);
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {},
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return d;
}

/** When diagnostics for `uri` satisfying `ok` arrive (published after `since`). */
function waitDiagnostics(d: Driven, uri: string, ok: (messages: string[]) => boolean, since = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const hit = d.diagnostics.get(uri);
      if (d.exited) reject(new Error('the server exited'));
      else if (hit && hit.at > since && ok(hit.messages)) resolve(hit.at);
      else d.waiters.push(check);
    };
    check();
  });
}

async function stop(d: Driven): Promise<number | undefined> {
  const peak = peakRssMiB(d.child.pid);
  try {
    await Promise.race([d.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    await d.connection.sendNotification('exit');
  } catch {
    /* already gone */
  }
  d.child.kill();
  d.connection.dispose();
  return peak;
}

/** VmHWM: the process's peak resident memory (Linux). */
function peakRssMiB(pid: number | undefined): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** A request that gets no answer within 10 s counts as unanswered (the feature does not work there). */
function answered<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${what} within 10 s`)), 10_000)),
  );
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function timeRequests(d: Driven, method: string, params: () => unknown, runs = RUNS): Promise<Timing> {
  for (let i = 0; i < 10; i++) await answered(d.connection.sendRequest(method, params()), method);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await answered(d.connection.sendRequest(method, params()), method);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** Edits that alternate between two unknown references, so every edit changes the published diagnostics. */
async function timeEdits(d: Driven, uri: string, edit: (name: string) => string, exact: boolean, firstVersion: number): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < EDIT_RUNS + 5; i++) {
    const name = `missing_${firstVersion + i}`;
    const t0 = performance.now();
    await d.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: firstVersion + i },
      contentChanges: [{ text: edit(name) }],
    });
    const at = await answered(
      waitDiagnostics(d, uri, (m) => !exact || m.some((x) => x.includes(name)), t0),
      'an edit (diagnostics)',
    );
    if (i >= 5) samples.push(at - t0);
  }
  return summarize(samples);
}

/** 10,000 datasets in three layers, one per file as the bundled pipeline does: bronze ingests files, silver joins bronze, gold aggregates silver. */
function generateWorkspace(root: string): { hot: string; hotText: string } {
  const bronze = Math.round(DATASETS * 0.2);
  const silver = Math.round(DATASETS * 0.4);
  const gold = DATASETS - bronze - silver;
  for (const layer of ['bronze', 'silver', 'gold']) mkdirSync(join(root, 'pipelines', layer), { recursive: true });
  for (let i = 0; i < bronze; i++) {
    writeFileSync(
      join(root, 'pipelines/bronze', `b_${i}.sql`),
      `CREATE OR REFRESH STREAMING TABLE b_${i} (
  CONSTRAINT valid_device EXPECT (device_id IS NOT NULL) ON VIOLATION DROP ROW
)
COMMENT 'Raw readings of line ${i}'
AS SELECT * FROM STREAM read_files('/Volumes/main/raw/line_${i}', format => 'json', schema => 'device_id STRING, site_id STRING, reading DOUBLE, unit STRING, ts TIMESTAMP');
`,
    );
  }
  for (let i = 0; i < silver; i++) {
    const a = i % bronze;
    const b = (i * 7 + 3) % bronze;
    writeFileSync(
      join(root, 'pipelines/silver', `s_${i}.sql`),
      `CREATE OR REFRESH MATERIALIZED VIEW s_${i}
AS SELECT x.device_id, x.site_id, x.reading * 1.8 + 32 AS reading_f, y.reading AS other_reading, date_trunc('hour', x.ts) AS hour
FROM b_${a} AS x
JOIN b_${b} AS y ON y.device_id = x.device_id
WHERE x.reading IS NOT NULL;
`,
    );
  }
  for (let i = 0; i < gold; i++) {
    const s = i % silver;
    writeFileSync(
      join(root, 'pipelines/gold', `g_${i}.sql`),
      `CREATE OR REFRESH MATERIALIZED VIEW g_${i}
AS SELECT site_id, hour, avg(reading_f) AS avg_reading, count(*) AS readings
FROM s_${s}
GROUP BY site_id, hour;
`,
    );
  }
  const hot = join(root, 'pipelines/silver/s_17.sql');
  return { hot, hotText: readFileSync(hot, 'utf8') };
}

interface Scenario {
  label: string;
  root: string;
  file: string;
  text: string;
  hover: string;
  definition: string;
  completion: string;
  editAnchor: string;
  /** A column reference the column edit renames (the edit then reads an unknown column: no graph change). */
  columnAnchor: string;
}

const ours = (s: Scenario) => launch(process.execPath, [join(repositoryRoot, 'server/out/server.js'), '--stdio'], s.root, {});

/**
 * `features.exact`: the server reports the unknown dataset an edit introduces, so each
 * wait is for that very finding; otherwise (sql-language-server, which has no pipeline
 * knowledge) for the next diagnostics it publishes after the edit.
 */
async function measure(
  s: Scenario,
  start: (s: Scenario) => Promise<Driven>,
  features: { hover: boolean; definition: boolean; exact: boolean },
): Promise<Record<string, string | number>> {
  const d = await start(s);
  trace(`${s.label}: initialized`);
  const uri = pathToFileURL(s.file).href;
  // Open the file with an unknown reference at once: the first diagnostics for it mark "indexed and checked".
  const broken = s.text.replace(s.editAnchor, `${s.editAnchor} JOIN missing_at_start USING (device_id)`);
  await d.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text: broken } });
  const first = (await waitDiagnostics(d, uri, (m) => !features.exact || m.length > 0)) - d.started;
  trace(`${s.label}: first diagnostics after ${Math.round(first)} ms`);
  const pos = (needle: string) => ({ textDocument: { uri }, position: positionOf(s.text, needle, needle.length) });
  const row: Record<string, string | number> = { workspace: s.label, 'start→diagnostics ms': Math.round(first) };
  const fmt = (t: Timing) => `${t.median.toFixed(2)} / ${t.p95.toFixed(2)}`;
  await d.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 1000 },
    contentChanges: [{ text: s.text }],
  });
  if (features.hover) row['hover med/p95'] = fmt(await timeRequests(d, 'textDocument/hover', () => pos(s.hover)));
  if (features.definition) row['definition med/p95'] = fmt(await timeRequests(d, 'textDocument/definition', () => pos(s.definition)));
  const attempt = async (fn: () => Promise<Timing>): Promise<Timing | string> => {
    try {
      return await fn();
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
  const completion = await attempt(() => timeRequests(d, 'textDocument/completion', () => pos(s.completion)));
  row['completion med/p95'] = typeof completion === 'string' ? completion : fmt(completion);
  const edits = await attempt(() =>
    timeEdits(d, uri, (name) => s.text.replace(s.editAnchor, `${s.editAnchor} JOIN ${name} USING (device_id)`), features.exact, 2),
  );
  row['diag after edit (new join) med/p95'] = typeof edits === 'string' ? edits : fmt(edits);
  const columnEdits = await attempt(() =>
    timeEdits(d, uri, (name) => s.text.replace(s.columnAnchor, s.columnAnchor.replace(/\.\w+$/, `.${name}`)), features.exact, 500),
  );
  row['diag after edit (column) med/p95'] = typeof columnEdits === 'string' ? columnEdits : fmt(columnEdits);
  (row as Record<string, unknown>).__columnEdits = columnEdits;
  row['peak RSS MiB'] = (await stop(d)) ?? 'n/a';
  (row as Record<string, unknown>).__completion = completion;
  (row as Record<string, unknown>).__edits = edits;
  (row as Record<string, unknown>).__first = first;
  return row;
}

function sqlLanguageServer(): ((s: Scenario) => Promise<Driven>) | undefined {
  const dir = process.env.SQLLS_DIR ?? '/tmp/sqlls';
  const cli = join(dir, 'node_modules/sql-language-server/dist/bin/cli.js');
  if (!existsSync(cli)) return undefined;
  return (s) => launch(process.execPath, [cli, 'up', '--method', 'stdio'], s.root, {});
}

export async function run(): Promise<void> {
  const fct = join(repositoryRoot, 'pipelines/gold/facts/fct_alerts.sql');
  const bundled: Scenario = {
    label: 'bundled (26)',
    root: repositoryRoot,
    file: fct,
    text: readFileSync(fct, 'utf8'),
    hover: 'FROM stg_al',
    definition: 'LEFT JOIN dim_dev',
    completion: '  a.sev',
    editAnchor: 'LEFT JOIN stg_alert_thresholds AS t ON t.threshold_id = a.threshold_id',
    columnAnchor: 'a.sensor_type',
  };
  const tmp = mkdtempSync(join(tmpdir(), 'lsp-bench-'));
  try {
    const generatedAt = performance.now();
    const { hot, hotText } = generateWorkspace(tmp);
    console.log(`generated ${DATASETS} datasets in ${Math.round(performance.now() - generatedAt)} ms under ${tmp}`);
    const large: Scenario = {
      label: `generated (${DATASETS})`,
      root: tmp,
      file: hot,
      text: hotText,
      hover: 'FROM b_',
      definition: 'JOIN b_',
      completion: 'ON y.',
      editAnchor: 'ON y.device_id = x.device_id',
      columnAnchor: 'x.site_id',
    };
    const rows: Record<string, string | number>[] = [];
    for (const s of [bundled, large]) rows.push(await measure(s, ours, { hover: true, definition: true, exact: true }));
    const other = sqlLanguageServer();
    const theirs: Record<string, string | number>[] = [];
    if (other) {
      for (const s of [bundled, large]) {
        try {
          theirs.push({ server: 'sql-language-server', ...(await measure(s, other, { hover: false, definition: false, exact: false })) });
        } catch (e) {
          console.log(`sql-language-server on ${s.label}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    } else console.log('sql-language-server: not installed (npm install --prefix /tmp/sqlls sql-language-server); no side-by-side figures');
    const clean = (r: Record<string, string | number>) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('__')));
    console.log('\nlakeflow-language-server (ms):');
    printTable(rows.map(clean));
    if (theirs.length > 0) {
      console.log('\nsql-language-server on the same files (ms; it has no hover or definition):');
      printTable(theirs.map(clean));
      console.log('\nratio sql-language-server / lakeflow (median; > 1 means lakeflow is faster):');
      printTable(
        theirs.map((t, i) => {
          const o = rows[i] as Record<string, unknown>;
          const x = t as Record<string, unknown>;
          const ratio = (a: unknown, b: unknown) =>
            typeof a === 'object' && typeof b === 'object' ? ((a as Timing).median / (b as Timing).median).toFixed(2) : 'n/a';
          return {
            workspace: String(t.workspace),
            completion: ratio(x.__completion, o.__completion),
            'diag after edit': ratio(x.__columnEdits, o.__columnEdits),
            'start→diagnostics': ((x.__first as number) / (o.__first as number)).toFixed(2),
          };
        }),
      );
    }
    const big = rows[1] as Record<string, unknown>;
    const p95 = (k: string) => (big[k] as Timing | undefined)?.p95;
    console.log(
      `\ntargets at ${DATASETS}: completion p95 ${p95('__completion')?.toFixed(2)} ms (< 15), diagnostics after edit p95 ${p95('__columnEdits')?.toFixed(2)} ms (column edit) / ${p95('__edits')?.toFixed(2)} ms (edit adding a join) (< 30); hover/definition p95 in the table (< 5)`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
