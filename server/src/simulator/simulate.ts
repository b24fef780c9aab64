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
import { Manifest, ManifestFile, buildManifest } from './manifest';

/** Lines per IoT file: about ten files per run, within sane file sizes. */
export function eventsPerFile(events: number): number {
  return Math.max(1000, Math.min(100_000, Math.ceil(events / 10)));
}

const LINES_PER_CHUNK = 2000;
const CDC_LINES_PER_CHUNK = 500;

export async function simulate(options: SimulateOptions): Promise<Manifest> {
  const batch = batchToken(options.startMs, options.seed);
  const folder = new LandingFolder(options.out, batch);
  await folder.prepare();

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
    new Prng(options.seed, 'events'), world.devices, options.events, options.startMs, options.days * DAY_MS, batch,
  );

  const written: ManifestFile[] = [];
  try {
    await writeCdc(folder, cdc, written);
    await writeEvents(folder, events, eventsPerFile(options.events), written);
    written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest = buildManifest(options, batch, written, events.tally, cdc);
    await folder.publishManifest(JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } catch (e) {
    await folder.discard(written.map((f) => f.path));
    throw e;
  }
}

async function writeCdc(folder: LandingFolder, cdc: CdcFiles, written: ManifestFile[]): Promise<void> {
  for (const [entity, files] of cdc) {
    for (let index = 0; index < files.length; index++) {
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

async function writeEvents(folder: LandingFolder, events: IotEventGenerator, perFile: number, written: ManifestFile[]): Promise<void> {
  // Chunk buffers go back to this pool once the stream has written them; the
  // pool holds about high-water-mark / chunk size buffers.
  const pool: Buffer[] = [];
  for (let index = 0; !events.done; index++) {
    await writeFile(folder, 'iot_events', index, written, async (w) => {
      let left = perFile;
      while (left > 0 && !events.done) {
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
  const writer = new JsonLinesWriter(folder.path(path));
  try {
    await fill(writer);
    await writer.close();
  } catch (e) {
    await writer.close().catch(() => undefined);
    throw describeIoError('write', folder.path(path), e);
  }
  entry.records = writer.records;
  entry.bytes = writer.bytes;
}
