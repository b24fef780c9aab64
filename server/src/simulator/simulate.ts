// One simulation run: the snapshot world, the CDC change log, then the files
// streamed to the landing folder and the manifest published last. CDC streams
// (a few changes per entity row) are sequenced in memory; IoT events, the
// bulk of the data, are generated chunk by chunk while being written.
import { Prng } from './prng';
import { SimulateOptions, batchToken, DAY_MS } from './simulateOptions';
import { entityScale } from './entityScale';
import { buildSnapshotWorld } from './snapshotWorld';
import { cdcModels } from './cdcModels';
import { CdcTimeline } from './cdcTimeline';
import { entityHistory } from './cdcHistory';
import { CdcFiles, sequenceDatabase } from './cdcSequence';
import { debeziumLine } from './debeziumEnvelope';
import { IotEventGenerator } from './iotEvents';
import { JsonLinesWriter } from './jsonLinesWriter';
import { LandingFolder, describeIoError } from './landingFolder';
import { LandingEntity, partPath } from './landingLayout';
import { Manifest, ManifestFile, accumulate, buildManifest, publishedBatches } from './manifest';

/** Lines per IoT file: about ten files per run, within sane file sizes. */
export function eventsPerFile(events: number): number {
  return Math.max(1000, Math.min(100_000, Math.ceil(events / 10)));
}

const LINES_PER_CHUNK = 2000;
const CDC_LINES_PER_CHUNK = 500;

/** The simulation was interrupted (Ctrl-C); nothing of its batch is left. */
export class SimulationInterrupted extends Error {
  constructor() {
    super('interrupted: no part of the batch was kept');
  }
}

export async function simulate(options: SimulateOptions, signal?: AbortSignal): Promise<Manifest> {
  const batch = batchToken(options.startMs, options.seed);
  const folder = new LandingFolder(options.out, batch);
  const before = publishedBatches(folder.existingManifest());
  await folder.prepare(before.map((b) => b.batch));

  const scale = entityScale(options.events);
  const world = buildSnapshotWorld(new Prng(options.seed, 'entities'), scale, options.startMs);
  const models = cdcModels(world, scale);
  const snapshotRows = models.reduce((n, m) => n + m.snapshot.length, 0);
  const timeline = new CdcTimeline(options.startMs, options.days, snapshotRows);
  const cdcRng = new Prng(options.seed, 'cdc');
  const seq = { next: 0 };
  const histories = models.map((m) => entityHistory(m, cdcRng, timeline, seq));
  const cdc = sequenceDatabase(histories, cdcRng, timeline);
  const events = new IotEventGenerator(
    new Prng(options.seed, 'events'),
    world.devices,
    options.events,
    options.startMs,
    options.days * DAY_MS,
    batch,
  );

  const written: ManifestFile[] = [];
  const stopIfAborted = () => {
    if (signal?.aborted) throw new SimulationInterrupted();
  };
  try {
    await writeCdc(folder, cdc, written, stopIfAborted);
    await writeEvents(folder, events, eventsPerFile(options.events), written, stopIfAborted);
    written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest = accumulate(buildManifest(options, batch, written, events.tally, cdc), before);
    stopIfAborted();
    await folder.publishFiles(written.map((f) => f.path));
    await folder.publishManifest(JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } catch (e) {
    await folder.discard(written.map((f) => f.path));
    throw e;
  }
}

async function writeCdc(folder: LandingFolder, cdc: CdcFiles, written: ManifestFile[], check: () => void): Promise<void> {
  for (const [entity, files] of cdc) {
    for (let index = 0; index < files.length; index++) {
      check();
      const lines = files[index];
      await writeFile(folder, entity, index, written, async (w) => {
        for (let i = 0; i < lines.length; i += CDC_LINES_PER_CHUNK) {
          const part = lines.slice(i, i + CDC_LINES_PER_CHUNK);
          await w.write(part.map(debeziumLine).join(''), part.length);
        }
      });
    }
  }
}

async function writeEvents(
  folder: LandingFolder,
  events: IotEventGenerator,
  perFile: number,
  written: ManifestFile[],
  check: () => void,
): Promise<void> {
  // Chunk buffers go back to this pool once the stream has written them; the
  // pool holds about high-water-mark / chunk size buffers.
  const pool: Buffer[] = [];
  for (let index = 0; !events.done; index++) {
    await writeFile(folder, 'iot_events', index, written, async (w) => {
      let left = perFile;
      while (left > 0 && !events.done) {
        check();
        const { bytes, lines, buffer } = events.chunk(Math.min(LINES_PER_CHUNK, left), pool.pop());
        await w.write(bytes, lines, () => pool.push(buffer));
        left -= lines;
      }
    });
  }
}

/** Records the file before opening it, so a failure part-way still discards it. */
async function writeFile(
  folder: LandingFolder,
  entity: LandingEntity,
  index: number,
  written: ManifestFile[],
  fill: (w: JsonLinesWriter) => Promise<void>,
): Promise<void> {
  const path = partPath(entity, folder.batch, index);
  const entry: ManifestFile = { path, entity, records: 0, bytes: 0 };
  written.push(entry);
  const writer = new JsonLinesWriter(folder.writingPath(path));
  try {
    await fill(writer);
    await writer.close();
  } catch (e) {
    await writer.close().catch(() => undefined);
    if (e instanceof SimulationInterrupted) throw e;
    throw describeIoError('write', folder.path(path), e);
  }
  entry.records = writer.records;
  entry.bytes = writer.bytes;
}
