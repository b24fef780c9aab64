// `lakeflow/lineageGraph`: the dataset graph of one pipeline (or the neighbourhood
// of one dataset), as the language server computes it. The client's pipeline
// explorer and lineage webview are built only from this answer.
import type { ProtocolRange } from './positions';

export const LINEAGE_GRAPH_METHOD = 'lakeflow/lineageGraph';

export type DatasetKind = 'streamingTable' | 'materializedView' | 'view' | 'temporaryView' | 'flow' | 'sink' | 'source' | 'external';

export interface LineageGraphParams {
  /** The pipeline's key under `resources.pipelines` of the bundle. */
  pipeline?: string;
  /** A file of the pipeline, when the key is unknown; that pipeline's graph is returned. */
  uri?: string;
  /** Restrict to this dataset's upstream and downstream. */
  dataset?: string;
  /** Include column-level edges (for one dataset). */
  columns?: boolean;
}

export interface LineageExpectation {
  name: string;
  /** `warn` (no ON VIOLATION), `drop` (DROP ROW), `fail` (FAIL UPDATE). */
  action: 'warn' | 'drop' | 'fail';
  range?: ProtocolRange;
}

export interface LineageColumn {
  name: string;
  type?: string;
}

export interface LineageNode {
  /** Stable id inside one graph (the dataset's qualified name). */
  id: string;
  name: string;
  kind: DatasetKind;
  /** The pipeline (bundle resource key) that defines it, when known. */
  pipeline?: string;
  /** bronze / silver / gold, or another layer name derived from the file path. */
  layer?: string;
  uri?: string;
  range?: ProtocolRange;
  expectations?: LineageExpectation[];
  columns?: LineageColumn[];
}

export interface LineageEdge {
  from: string;
  to: string;
  streaming?: boolean;
  /** Column-level edges: source column -> target column. */
  columns?: { from: string; to: string }[];
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
}
