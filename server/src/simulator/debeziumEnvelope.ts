// The Debezium change-event envelope as docs/landing-data.md specifies it.
import { ChangeEvent } from './changeEvent';

export const CONNECTOR_VERSION = '2.7.3.Final';

export function debeziumLine(e: ChangeEvent): string {
  return (
    JSON.stringify({
      before: e.before,
      after: e.after,
      op: e.op,
      ts_ms: e.tsMs + e.lagMs,
      source: {
        version: CONNECTOR_VERSION,
        connector: 'postgresql',
        name: 'iot',
        ts_ms: e.tsMs,
        db: 'iot',
        schema: 'public',
        table: e.entity,
        lsn: e.lsn,
        txId: e.txId,
      },
    }) + '\n'
  );
}
