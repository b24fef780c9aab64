// One change of the simulated source database, before it is written as a
// Debezium envelope.
import { CdcEntity, CdcOp, Key, Row } from './entityTypes';
import { CdcFault } from './faultRates';

export interface ChangeEvent {
  entity: CdcEntity;
  op: CdcOp;
  /** Commit time in the source (`source.ts_ms`). */
  tsMs: number;
  before: Row | null;
  after: Row | null;
  /** The row's primary key; null for an injected null-key change. */
  key: Key | null;
  /** The single fault this change carries, if any. */
  fault: CdcFault | null;
  /** Generation order, the tie-breaker that keeps sorting deterministic. */
  seq: number;
  /** Assigned when the whole database is sequenced. */
  lsn: number;
  txId: number;
  /** Connector lag added to `tsMs` for the envelope's own `ts_ms`. */
  lagMs: number;
}
