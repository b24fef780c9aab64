// Simulator throughput: `lakeflow simulate` for 100k and 1M events into a
// temporary folder, median of 3 runs, each in a fresh child process so peak
// RSS belongs to that run alone. Baseline in the same run: streaming the same
// number of bytes of one fixed line to disk the same way (same chunk size and
// file split), i.e. the cost of the disk alone; the ratio is simulator/baseline.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mib, printTable, summarize } from './measure';
import { simulate, eventsPerFile } from '../../server/src/simulator/simulate';
import { DEFAULT_OPTIONS } from '../../server/src/simulator/simulateOptions';

const SIZES = [100_000, 1_000_000];
const RUNS = 3;

interface ChildResult {
  ms: number;
  /** CPU time (user + system, all threads): steadier than wall time on a shared machine. */
  cpuMs: number;
  bytes: number;
  maxRssKb: number;
}

/** Runs one measurement in a child process and returns its figures. */
function inChild(mode: 'simulate' | 'baseline', events: number, bytes = 0): ChildResult {
  const out = execFileSync(process.execPath, [__filename, mode, String(events), String(bytes)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() as string) as ChildResult;
}

async function childSimulate(events: number): Promise<ChildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-bench-'));
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const manifest = await simulate({
      out: dir,
      events,
      seed: DEFAULT_OPTIONS.seed,
      startMs: Date.parse(DEFAULT_OPTIONS.start),
      days: DEFAULT_OPTIONS.days,
    });
    const ms = performance.now() - t0;
    const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
    return { ms, cpuMs: cpuMs(cpu0), bytes, maxRssKb: process.resourceUsage().maxRSS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Streams `bytes` of one fixed event line, split into files like the simulator. */
async function childBaseline(events: number, bytes: number): Promise<ChildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lakeflow-bench-'));
  const line =
    '{"event_id":"evt-20260101T000000s1-123456","device_id":"dev-000123","sensor_type":"temperature","value":21.37,"unit":"celsius",' +
    '"event_ts":"2026-01-01T00:00:00.123Z","battery_level":87,"signal_strength":-67,"firmware_version":"1.4.2"}\n';
  const chunk = line.repeat(2000);
  const fileBytes = eventsPerFile(events) * line.length;
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let written = 0;
    for (let index = 0; written < bytes; index++) {
      const stream = createWriteStream(join(dir, `part-${index}.json`), { highWaterMark: 4 * 1024 * 1024 });
      for (let inFile = 0; inFile < fileBytes && written < bytes; inFile += chunk.length, written += chunk.length) {
        if (!stream.write(Buffer.from(chunk))) await new Promise<void>((r) => stream.once('drain', () => r()));
      }
      await new Promise<void>((r) => {
        stream.once('close', () => r());
        stream.end();
      });
    }
    return { ms: performance.now() - t0, cpuMs: cpuMs(cpu0), bytes: written, maxRssKb: process.resourceUsage().maxRSS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const events of SIZES) {
    const sims = Array.from({ length: RUNS }, () => inChild('simulate', events));
    const bytes = sims[0].bytes;
    const bases = Array.from({ length: RUNS }, () => inChild('baseline', events, bytes));
    const sim = summarize(sims.map((r) => r.ms)).median;
    const base = summarize(bases.map((r) => r.ms)).median;
    const cpu = summarize(sims.map((r) => r.cpuMs)).median;
    rows.push({
      events,
      output: mib(bytes),
      'median ms': Math.round(sim),
      'events/s': Math.round(events / (sim / 1000)),
      'MB/s': bytes / 1e6 / (sim / 1000),
      'CPU ms': Math.round(cpu),
      'events/CPU-s': Math.round(events / (cpu / 1000)),
      'peak RSS': mib(Math.max(...sims.map((r) => r.maxRssKb)) * 1024),
      'baseline ms': Math.round(base),
      'baseline MB/s': bytes / 1e6 / (base / 1000),
      'x baseline': sim / base,
    });
  }
  console.log(
    `lakeflow simulate, median of ${RUNS} runs (each in its own process); baseline = same bytes of a fixed line streamed to disk`,
  );
  console.log(
    `machine load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  printTable(rows);
}

if (require.main === module) {
  const [mode, events, bytes] = process.argv.slice(2);
  const measured = mode === 'simulate' ? childSimulate(Number(events)) : childBaseline(Number(events), Number(bytes));
  void measured.then((r) => console.log(JSON.stringify(r)));
}
