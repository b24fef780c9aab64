// What the model knows about a bundle (databricks.yml plus included resource
// files): its pipelines, where their values sit in the YAML, and the problems
// met while reading it. Values keep their source location for diagnostics.
import { Location } from './location';

export interface LocatedValue {
  value: string;
  /** Where the value is written (the YAML scalar). */
  location: Location;
  /** True when `${...}` references remain that the bundle cannot resolve statically. */
  dynamic?: boolean;
}

export type LibraryKind = 'glob' | 'file' | 'notebook';

export interface PipelineLibrary {
  kind: LibraryKind;
  /** Absolute pattern (glob) or absolute path (file, notebook), resolved against the YAML file. */
  include: string;
  /** Absolute exclusion patterns (glob only). */
  exclude: string[];
  location: Location;
}

export interface BundlePipeline {
  /** Key under `resources.pipelines`. */
  key: string;
  name?: LocatedValue;
  catalog?: LocatedValue;
  /** `schema`, or the legacy `target` when `schema` is absent. */
  schema?: LocatedValue;
  configuration: Map<string, LocatedValue>;
  libraries: PipelineLibrary[];
  /** The SQL files the libraries select, sorted. */
  files: string[];
  /** The libraries also select Python sources, whose datasets the model cannot see. */
  pythonSources?: boolean;
  location: Location;
}

export type BundleProblemKind =
  | 'yamlSyntax'
  | 'includeMissing'
  | 'includeMatchesNothing'
  | 'unknownVariable'
  | 'libraryMatchesNothing'
  | 'libraryInvalid'
  | 'schemaAndTarget'
  | 'unknownTarget'
  | 'sessionSetting';

export interface BundleProblem {
  kind: BundleProblemKind;
  message: string;
  location: Location;
}

export interface BundleContext {
  /** The databricks.yml file id. */
  file: string;
  /** Directory of databricks.yml. */
  root: string;
  name?: string;
  /** The selected target (the one asked for, else the one marked `default: true`). */
  target?: string;
  variables: Map<string, string>;
  pipelines: BundlePipeline[];
  /** Every YAML file read (databricks.yml first). */
  yamlFiles: string[];
  problems: BundleProblem[];
}
