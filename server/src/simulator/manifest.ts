// `manifest.json`: what one run wrote and injected, per file, per entity and
// per fault, plus the counts a correct pipeline must end up with. It holds no
// wall-clock time and no absolute path, so equal arguments give equal bytes.
import { ChangeEvent } from './changeEvent';
import { CDC_ENTITIES, CdcEntity, CdcOp, KEY_FIELD, Key } from './entityTypes';
import { CDC_FAULT_RATES, CDC_FAULTS, CdcFault, IOT_FAULT_RATES, IotFault } from './faultRates';
import { IotEventCounts } from './iotEvents';
import { LandingEntity, entityFolder } from './landingLayout';
import { isoMillis } from './isoTime';
import { DAY_MS, SimulateOptions } from './simulateOptions';

export const MANIFEST_FILE = 'manifest.json';
/** 2: `batches` lists every batch of the folder (format 1 described the last one only). */
export const MANIFEST_FORMAT = 2;

export interface ManifestFile {
  /** Relative to the landing root, `/`-separated. */
  path: string;
  entity: LandingEntity;
  records: number;
  bytes: number;
}

export interface EntityTotals {
  folder: string;
  files: number;
  records: number;
  bytes: number;
}

export interface CdcExpectation {
  key: string;
  ops: Record<CdcOp, number>;
  /** Keys seen in any change (null keys excluded). */
  distinct_keys: number;
  /** Keys whose change of greatest lsn is not a delete. */
  live_keys: number;
  /** Keys whose change of greatest lsn is a delete. */
  deleted_keys: number;
}

export interface IotExpectation {
  lines: number;
  /** Lines without a fault, each a distinct event id. */
  distinct_valid_events: number;
  /** Lines an expectation must drop (null ids, unknown sensor, out of range). */
  invalid_lines: number;
  duplicate_lines: number;
}

export interface Manifest {
  format: number;
  generator: 'lakeflow simulate';
  seed: number;
  options: { events: number; seed: number; start: string; days: number };
  batch: string;
  window: { start: string; end: string };
  files: ManifestFile[];
  entities: Record<LandingEntity, EntityTotals>;
  fault_rates: { iot_events: typeof IOT_FAULT_RATES; cdc: typeof CDC_FAULT_RATES };
  faults: { iot_events: Record<IotFault, number> } & Record<CdcEntity, Record<CdcFault, number>>;
  expected: { iot_events: IotExpectation } & Record<CdcEntity, CdcExpectation>;
  /**
   * Every batch published into the folder, oldest first, the last one being
   * the one the fields above describe. A folder's data is the union of them.
   */
  batches: ManifestBatch[];
}

/** One batch as the manifest keeps it. */
export type ManifestBatch = Omit<Manifest, 'format' | 'generator' | 'batches'>;

/** The batches of an existing manifest (format 1 held one, at its top level). */
export function publishedBatches(existing: Manifest | undefined): ManifestBatch[] {
  if (!existing) return [];
  if (Array.isArray(existing.batches)) return existing.batches;
  const { format: _f, generator: _g, batches: _b, ...only } = existing;
  return typeof only.batch === 'string' ? [only] : [];
}

/** The manifest of a folder after `batch`: its fields, and the batches before it plus it. */
export function accumulate(batch: Omit<Manifest, 'batches'>, before: ManifestBatch[]): Manifest {
  const { format: _f, generator: _g, ...own } = batch;
  return { ...batch, batches: [...before, own] };
}

export function buildManifest(
  options: SimulateOptions,
  batch: string,
  files: ManifestFile[],
  iot: IotEventCounts,
  cdc: Map<CdcEntity, ChangeEvent[][]>,
): Omit<Manifest, 'batches'> {
  const entities = {} as Record<LandingEntity, EntityTotals>;
  for (const entity of ['iot_events', ...CDC_ENTITIES] as LandingEntity[]) {
    const mine = files.filter((f) => f.entity === entity);
    entities[entity] = {
      folder: entityFolder(entity),
      files: mine.length,
      records: sum(mine.map((f) => f.records)),
      bytes: sum(mine.map((f) => f.bytes)),
    };
  }
  const faults = { iot_events: iot.faults } as Manifest['faults'];
  const expected = {
    iot_events: {
      lines: iot.lines,
      distinct_valid_events: iot.valid,
      invalid_lines: iot.lines - iot.valid - iot.faults.duplicate_event,
      duplicate_lines: iot.faults.duplicate_event,
    },
  } as Manifest['expected'];
  for (const entity of CDC_ENTITIES) {
    const events = (cdc.get(entity) ?? []).flat();
    faults[entity] = countFaults(events);
    expected[entity] = cdcExpectation(entity, events);
  }
  return {
    format: MANIFEST_FORMAT,
    generator: 'lakeflow simulate',
    seed: options.seed,
    options: { events: options.events, seed: options.seed, start: isoMillis(options.startMs), days: options.days },
    batch,
    window: { start: isoMillis(options.startMs), end: isoMillis(options.startMs + options.days * DAY_MS) },
    files,
    entities,
    fault_rates: { iot_events: IOT_FAULT_RATES, cdc: CDC_FAULT_RATES },
    faults,
    expected,
  };
}

function countFaults(events: ChangeEvent[]): Record<CdcFault, number> {
  const counts = Object.fromEntries(CDC_FAULTS.map((f) => [f, 0])) as Record<CdcFault, number>;
  for (const e of events) if (e.fault) counts[e.fault]++;
  return counts;
}

function cdcExpectation(entity: CdcEntity, events: ChangeEvent[]): CdcExpectation {
  const ops: Record<CdcOp, number> = { r: 0, c: 0, u: 0, d: 0 };
  const latest = new Map<Key, ChangeEvent>();
  for (const e of events) {
    ops[e.op]++;
    if (e.key === null) continue;
    const seen = latest.get(e.key);
    if (!seen || seen.lsn < e.lsn) latest.set(e.key, e);
  }
  const deleted = [...latest.values()].filter((e) => e.op === 'd').length;
  return { key: KEY_FIELD[entity], ops, distinct_keys: latest.size, live_keys: latest.size - deleted, deleted_keys: deleted };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
