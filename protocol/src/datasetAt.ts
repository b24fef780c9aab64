// `lakeflow/datasetAt`: which dataset the cursor is in (or on a reference to),
// so the client can open the lineage graph for it.
import type { ProtocolPosition, ProtocolRange } from './positions';

export const DATASET_AT_METHOD = 'lakeflow/datasetAt';

export interface DatasetAtParams {
  textDocument: { uri: string };
  position: ProtocolPosition;
}

/** `null` when the position is in no dataset definition or reference. */
export type DatasetAtResult = { name: string; uri: string; range: ProtocolRange } | null;
