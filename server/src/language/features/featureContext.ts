// What every feature is given: the pipeline's index, the document's syntax
// (parsed once per version by the caller and shared by all features), and the
// optional outside knowledge (Unity Catalog, bundle configuration locations).
import type { ParseResult } from '../syntax/ast';
import { LineIndex } from '../syntax/lineIndex';
import type { FunctionCatalogue } from '../facts/databricksFunctions';
import type { CatalogProvider } from '../model/catalogProvider';
import type { Location } from '../model/location';
import type { WorkspaceIndex } from '../model/workspaceIndex';

export interface SyntaxDocument {
  file: string;
  text: string;
  parsed: ParseResult;
  lines: LineIndex;
}

export function syntaxDocument(file: string, text: string, parse: (text: string) => ParseResult): SyntaxDocument {
  return { file, text, parsed: parse(text), lines: new LineIndex(text) };
}

export interface FeatureContext {
  index: WorkspaceIndex;
  functions: FunctionCatalogue;
  /** Unity Catalog, when configured: answers synchronously from its cache (peek) and is asked to fetch what is missing. */
  catalog?: CatalogProvider;
  /** Where each `${key}` of the pipeline configuration is written in the bundle YAML. */
  configurationLocations?: ReadonlyMap<string, Location>;
}

/** bronze / silver / gold from the file's path, else its folder name. */
export function layerOf(file: string): string | undefined {
  const parts = file.split('/');
  for (const layer of ['bronze', 'silver', 'gold']) if (parts.includes(layer)) return layer;
  return parts.length > 1 ? parts[parts.length - 2] : undefined;
}

const KIND_LABEL: Record<string, string> = {
  streaming_table: 'streaming table',
  materialized_view: 'materialized view',
  temporary_view: 'temporary view',
  view: 'view',
  table: 'table',
};

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}
