// Turns the entities' histories into what the connector delivers: one
// database-wide `lsn` order (strictly increasing with commit time), then
// per entity a snapshot file and one file per time slice, with the
// out-of-order and late deliveries applied to the reserved key pairs.
import { Prng } from './prng';
import { ChangeEvent } from './changeEvent';
import { CdcTimeline } from './cdcTimeline';
import { EntityHistory } from './cdcHistory';
import { CDC_ENTITIES, CdcEntity } from './entityTypes';

/** Per entity, its files in delivery order, each a list of changes in write order. */
export type CdcFiles = Map<CdcEntity, ChangeEvent[][]>;

const TX_BASE = 7_340_000;

export function sequenceDatabase(histories: EntityHistory[], rng: Prng, timeline: CdcTimeline): CdcFiles {
  const entityOrder = (e: ChangeEvent) => CDC_ENTITIES.indexOf(e.entity);
  const all = histories.flatMap((h) => h.events);
  all.sort((a, b) => a.tsMs - b.tsMs || entityOrder(a) - entityOrder(b) || a.seq - b.seq);

  // lsn tracks commit time in microseconds, so batches started later continue
  // the sequence of earlier ones written to the same landing folder.
  let lsn = 0;
  let txId = TX_BASE;
  for (const e of all) {
    lsn = Math.max(lsn + 1, e.tsMs * 1000);
    e.lsn = lsn;
    // The snapshot is one transaction; later changes commit in small groups.
    if (e.op !== 'r' && !rng.chance(0.3)) txId += rng.int(1, 3);
    e.txId = txId;
  }

  const files: CdcFiles = new Map();
  for (const entity of CDC_ENTITIES)
    files.set(
      entity,
      Array.from({ length: timeline.slices + 1 }, () => []),
    );
  const fileOf = (e: ChangeEvent) => (e.op === 'r' ? 0 : 1 + timeline.sliceOf(e.tsMs));
  for (const e of all) (files.get(e.entity) as ChangeEvent[][])[fileOf(e)].push(e);

  for (const { deliveryFaults } of histories) {
    for (const { kind, older, newer } of deliveryFaults) {
      const entityFiles = files.get(older.entity) as ChangeEvent[][];
      const file = entityFiles[fileOf(older)];
      const i = file.indexOf(older);
      if (kind === 'out_of_order_update') {
        // Swap with the newer update: nothing of this key lies between them.
        const j = file.indexOf(newer);
        file[i] = newer;
        file[j] = older;
      } else {
        // Deliver in the next file, first, so it follows only its own newer update.
        file.splice(i, 1);
        entityFiles[fileOf(older) + 1].unshift(older);
      }
    }
  }
  for (const [entity, entityFiles] of files)
    files.set(
      entity,
      entityFiles.filter((f) => f.length > 0),
    );
  return files;
}
