// A throwaway lakehouse for runtime tests: a temp folder with landing files,
// inline pipeline SQL translated with `root` pointing at it, a DuckDB file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runPipeline, RunOptions, RunSummary } from '../../../server/src/engine/runtime/runPipeline';
import { eventLogPath, PipelineEvent } from '../../../server/src/engine/runtime/eventLog';
import { translate } from './translateHelper';

export class Lakehouse {
  readonly db: string;

  /** `dir` given: work on an existing lakehouse (e.g. from another process). */
  constructor(
    private readonly sql: Record<string, string>,
    readonly dir = mkdtempSync(join(tmpdir(), 'lakeflow-engine-')),
    /** Pipeline configuration beyond `root` (e.g. spark.sql.session.timeZone). */
    private readonly config: Record<string, string> = {},
  ) {
    this.db = join(dir, 'lake.duckdb');
  }

  /** Writes JSON lines under the landing folder. */
  land(path: string, records: object[]): void {
    const file = join(this.dir, 'landing', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }

  async run(options: Partial<RunOptions> = {}): Promise<RunSummary> {
    const plan = translate(this.sql, { ...this.config, root: join(this.dir, 'landing') });
    return runPipeline(plan, {
      database: this.db,
      pipelineName: 'test',
      baseDir: this.dir,
      concurrency: 2,
      settings: { threads: '2' },
      ...options,
    });
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    const instance = await DuckDBInstance.create(this.db);
    try {
      const con = await instance.connect();
      const rows = (await con.runAndReadAll(sql)).getRowObjectsJson();
      con.closeSync();
      return JSON.parse(JSON.stringify(rows));
    } finally {
      instance.closeSync();
    }
  }

  events(): PipelineEvent[] {
    return readFileSync(eventLogPath(this.db), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as PipelineEvent);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function result(s: RunSummary, name: string) {
  const r = s.datasets.find((d) => d.name === name);
  if (!r) throw new Error(`no result for ${name}: ${s.datasets.map((d) => d.name).join(', ')}`);
  return r;
}
