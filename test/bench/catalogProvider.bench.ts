// The Unity Catalog provider on a large schema served by the stand-in: a cold
// listing of 10,000 tables over HTTP (paged), the same answer from memory, the
// synchronous peek completion uses, and a restart that reads the disk cache.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUnityCatalogProvider, UnityCatalogProviderOptions } from '../../server/src/catalog/unityCatalogProvider';
import { Raw, UnityCatalogStandIn, sampleWorkspace } from '../support/unityCatalogStandIn';
import { printTable, time } from './measure';

const TABLES = 10_000;
/** Microseconds: the cached paths are far below a millisecond. */
const us = (ms: number) => Math.round(ms * 1000);
const TOKEN = 'dapi-bench-token-0000000000';

function bigWorkspace() {
  const base = sampleWorkspace();
  const tables: Raw[] = [];
  for (let i = 0; i < TABLES; i++) {
    const name = `sensor_${String(i).padStart(5, '0')}`;
    tables.push({
      name,
      catalog_name: 'main',
      schema_name: 'iot',
      full_name: `main.iot.${name}`,
      table_type: 'MANAGED',
      comment: `Readings of sensor ${i}`,
      columns: Array.from({ length: 12 }, (_, c) => ({
        name: `c${c}`,
        type_text: 'double',
        type_name: 'DOUBLE',
        position: c,
        nullable: true,
      })),
    });
  }
  return { ...base, tables: [...base.tables, ...tables] };
}

export async function run(): Promise<void> {
  const standIn = await UnityCatalogStandIn.start({ token: TOKEN, pageSize: 1000, workspace: bigWorkspace() });
  const storageDir = await mkdtemp(join(tmpdir(), 'uc-bench-'));
  const options: UnityCatalogProviderOptions = { host: standIn.url, token: TOKEN, env: {}, homeDir: storageDir, storageDir };
  try {
    const rows: Record<string, string | number>[] = [];
    const cold = await time(async () => {
      const p = await createUnityCatalogProvider({ ...options, storageDir: undefined });
      await p.listTables('main', 'iot');
      await p.dispose();
    }, 5);
    rows.push({ operation: `cold listTables, ${TABLES} tables, ${TABLES / 1000} pages`, median_us: us(cold.median), p95_us: us(cold.p95) });

    const provider = await createUnityCatalogProvider(options);
    await provider.listTables('main', 'iot');
    for (let i = 0; i < 200; i++) await provider.getTable(`main.iot.sensor_${String(i).padStart(5, '0')}`);
    await provider.dispose();
    const warm = await createUnityCatalogProvider(options);
    const cached = await time(() => warm.listTables('main', 'iot'), 200, 10);
    rows.push({ operation: 'cached listTables', median_us: us(cached.median), p95_us: us(cached.p95) });
    const peek = await time(() => warm.peekTables('main', 'iot'), 2000, 100);
    rows.push({ operation: 'peekTables (completion path)', median_us: us(peek.median), p95_us: us(peek.p95) });
    const peekTable = await time(() => warm.peekTable('main.iot.sensor_00042'), 2000, 100);
    rows.push({ operation: 'peekTable with columns', median_us: us(peekTable.median), p95_us: us(peekTable.p95) });
    const restart = await time(async () => (await createUnityCatalogProvider(options)).dispose(), 10);
    rows.push({
      operation: 'start with disk cache (10,000 tables + 200 with columns)',
      median_us: us(restart.median),
      p95_us: us(restart.p95),
    });
    await warm.dispose();
    printTable(rows);
  } finally {
    await standIn.close();
    await rm(storageDir, { recursive: true, force: true });
  }
}
