// How the views name a dataset's kind: the words of the Lakeflow documentation
// ("Streaming table"), not the protocol's identifiers. Pure (no vscode import).
import type { DatasetKind } from '../../../protocol/src/lineageGraph';

export const KIND_LABEL: Record<DatasetKind, string> = {
  streamingTable: 'Streaming table',
  materializedView: 'Materialized view',
  view: 'View',
  temporaryView: 'Temporary view',
  flow: 'Flow',
  sink: 'Sink',
  source: 'Source files',
  external: 'External table',
};

export function kindLabel(kind: string): string {
  return (KIND_LABEL as Record<string, string>)[kind] ?? kind;
}
