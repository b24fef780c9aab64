// Test-side reader of a landing folder, written from docs/landing-data.md and
// deliberately independent of the simulator's code: it finds files by
// walking the folder, parses every line, and recounts records and faults on
// its own terms so the manifest can be checked against it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { main } from '../../../server/src/cli/main';
import { CliIo } from '../../../server/src/cli/io';

export const CDC_ENTITY_KEYS: Record<string, string> = {
  customers: 'customer_id',
  products: 'product_id',
  locations: 'location_id',
  devices: 'device_id',
  orders: 'order_id',
  alert_thresholds: 'threshold_id',
  alerts: 'alert_id',
};
export const CDC_ENTITIES = Object.keys(CDC_ENTITY_KEYS);

export const SENSOR_RANGES: Record<string, [number, number]> = {
  temperature: [-40, 85],
  humidity: [0, 100],
  pressure: [300, 1100],
  motion: [0, 1],
};

/** Parsed JSON of unknown shape; the tests assert the shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data navigated freely, its shape asserted
export type Json = any;

export interface LandingFile {
  /** Relative to the landing root, `/`-separated. */
  path: string;
  /** `iot_events` or the CDC entity name, from the folder. */
  entity: string;
  bytes: number;
  raw: string[];
  rows: Json[];
}

export interface CdcChange {
  file: string;
  fileIndex: number;
  position: number;
  key: string | number | null;
  change: Json;
}

export function readLanding(root: string): { manifest: Json; files: LandingFile[] } {
  const files: LandingFile[] = [];
  for (const path of walk(root)) {
    const rel = relative(root, path).split(sep).join('/');
    if (rel === 'manifest.json') continue;
    const text = readFileSync(path, 'utf8');
    const raw = text.split('\n');
    if (raw[raw.length - 1] !== '') throw new Error(`${rel}: last line lacks a newline`);
    raw.pop();
    const parts = rel.split('/');
    files.push({
      path: rel,
      entity: parts[0] === 'cdc' ? parts[1] : parts[0],
      bytes: statSync(path).size,
      raw,
      rows: raw.map((l) => JSON.parse(l)),
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { manifest: JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')), files };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

/** CDC changes of one entity in delivery order (files by name, then line). */
export function cdcChanges(files: LandingFile[], entity: string): CdcChange[] {
  const keyField = CDC_ENTITY_KEYS[entity];
  return files
    .filter((f) => f.entity === entity)
    .flatMap((f, fileIndex) =>
      f.rows.map((change, position) => {
        const row = change.op === 'd' ? change.before : change.after;
        return { file: f.path, fileIndex, position, key: row[keyField], change };
      }),
    );
}

export type IotClass = 'valid' | 'null_event_id' | 'null_device_id' | 'unknown_sensor_type' | 'out_of_range_value';

/** Every fault a reading shows (a correct simulator yields at most one). */
export function iotFaultsOf(row: Json): IotClass[] {
  const faults: IotClass[] = [];
  if (row.event_id === null) faults.push('null_event_id');
  if (row.device_id === null) faults.push('null_device_id');
  const range = SENSOR_RANGES[row.sensor_type];
  if (!range) faults.push('unknown_sensor_type');
  else if (row.value < range[0] || row.value > range[1]) faults.push('out_of_range_value');
  return faults;
}

/** Recounts IoT faults; duplicates are lines equal to an earlier valid line. */
export function recountIot(files: LandingFile[]) {
  const counts: Record<string, number> = {
    null_event_id: 0,
    null_device_id: 0,
    unknown_sensor_type: 0,
    out_of_range_value: 0,
    duplicate_event: 0,
  };
  const seenValid = new Set<string>();
  const validIds = new Set<string>();
  let lines = 0;
  let multiFault = 0;
  let duplicateIdWithOtherContent = 0;
  for (const f of files.filter((f) => f.entity === 'iot_events')) {
    f.rows.forEach((row, i) => {
      lines++;
      const faults = iotFaultsOf(row);
      if (faults.length > 1) multiFault++;
      if (faults.length > 0) counts[faults[0]]++;
      else if (seenValid.has(f.raw[i])) counts.duplicate_event++;
      else {
        if (validIds.has(row.event_id)) duplicateIdWithOtherContent++;
        seenValid.add(f.raw[i]);
        validIds.add(row.event_id);
      }
    });
  }
  return { lines, counts, distinctValid: validIds.size, multiFault, duplicateIdWithOtherContent };
}

/**
 * Recounts one entity's CDC faults. A change is out of order when an earlier
 * line of the same file has the same key and a greater lsn; late when a
 * greater lsn of its key came in an earlier file.
 */
export function recountCdc(files: LandingFile[], entity: string) {
  const keyField = CDC_ENTITY_KEYS[entity];
  const counts = { null_key: 0, delete: 0, out_of_order_update: 0, late_update: 0 };
  const ops: Record<string, number> = { r: 0, c: 0, u: 0, d: 0 };
  const latest = new Map<unknown, Json>();
  const maxBefore = new Map<unknown, number>();
  let currentFile = -1;
  let maxInFile = new Map<unknown, number>();
  for (const c of cdcChanges(files, entity)) {
    const { change } = c;
    ops[change.op]++;
    if (change.op === 'd') counts.delete++;
    if (change.after && change.after[keyField] === null) {
      counts.null_key++;
      continue;
    }
    if (c.fileIndex !== currentFile) {
      for (const [k, v] of maxInFile) maxBefore.set(k, Math.max(v, maxBefore.get(k) ?? -Infinity));
      maxInFile = new Map();
      currentFile = c.fileIndex;
    }
    const lsn: number = change.source.lsn;
    if (lsn < (maxInFile.get(c.key) ?? -Infinity)) counts.out_of_order_update++;
    else if (lsn < (maxBefore.get(c.key) ?? -Infinity)) counts.late_update++;
    maxInFile.set(c.key, Math.max(lsn, maxInFile.get(c.key) ?? -Infinity));
    const seen = latest.get(c.key);
    if (!seen || seen.source.lsn < lsn) latest.set(c.key, change);
  }
  const deleted = [...latest.values()].filter((c) => c.op === 'd').length;
  return { counts, ops, distinctKeys: latest.size, liveKeys: latest.size - deleted, deletedKeys: deleted, latest };
}

// --- running the command in-process -----------------------------------------

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runLakeflow(args: string[]): Promise<RunResult> {
  const io: CliIo & { stdout: string; stderr: string } = {
    stdout: '',
    stderr: '',
    cwd: process.cwd(),
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** A fresh temporary folder and its removal. */
export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'lakeflow-sim-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
