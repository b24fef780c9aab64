// Folder and file names of the landing layout (docs/landing-data.md): the
// contract with the bronze `read_files` paths.
import { CdcEntity } from './entityTypes';

export type LandingEntity = 'iot_events' | CdcEntity;

export function entityFolder(entity: LandingEntity): string {
  return entity === 'iot_events' ? 'iot_events' : `cdc/${entity}`;
}

/** `part-<batch>-<nnnnn>.json`, relative to the landing root, `/`-separated. */
export function partPath(entity: LandingEntity, batch: string, index: number): string {
  return `${entityFolder(entity)}/part-${batch}-${String(index).padStart(5, '0')}.json`;
}

/** Matches the part files of one batch inside an entity folder. */
export function isPartOfBatch(fileName: string, batch: string): boolean {
  return fileName.startsWith(`part-${batch}-`) && /^part-.+-\d{5}\.json$/.test(fileName);
}
