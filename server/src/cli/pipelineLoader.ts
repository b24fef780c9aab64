// Builds the workspace indexes the headless commands analyse: a bundle's
// pipelines (`--bundle FILE`, or a databricks.yml in the given directory), or
// a directory without a bundle as one pipeline of all its .sql files.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBundle } from '../language/model/bundleLoader';
import { BundleContext } from '../language/model/bundleTypes';
import { FileProvider } from '../language/model/fileProvider';
import { pipelineContextOf } from '../language/model/pipelineContext';
import { WorkspaceIndex } from '../language/model/workspaceIndex';
import { parse } from '../language/syntax/parser';
import { diskFiles, isDirectory, toFileId } from '../files/diskFiles';
import { UsageError } from './io';

export interface LoadedPipeline {
  /** Pipeline key in the bundle, or the directory analysed. */
  name: string;
  index: WorkspaceIndex;
}

export interface LoadedWorkspace {
  bundle?: BundleContext;
  pipelines: LoadedPipeline[];
  /** The directory file names are shown relative to. */
  base: string;
}

export function loadWorkspace(
  cwd: string,
  paths: string[],
  options: { bundle?: string; target?: string },
  files: FileProvider = diskFiles(),
): LoadedWorkspace {
  const base = toFileId(cwd);
  const targets = (paths.length > 0 ? paths : ['.']).map((p) => toFileId(resolve(cwd, p)));
  let bundleFile = options.bundle ? toFileId(resolve(cwd, options.bundle)) : undefined;
  if (!bundleFile && targets.length === 1 && isDirectory(targets[0]) && existsSync(`${targets[0]}/databricks.yml`))
    bundleFile = `${targets[0]}/databricks.yml`;
  if (bundleFile) {
    if (files.readText(bundleFile) === undefined) throw new UsageError(`bundle file not found: ${bundleFile}`);
    const bundle = loadBundle(bundleFile, files, { target: options.target });
    const pipelines = bundle.pipelines.map((p) => {
      const index = new WorkspaceIndex({ parse, pipeline: pipelineContextOf(p) });
      for (const f of p.files) index.updateFile(f, files.readText(f) ?? '');
      return { name: p.key, index };
    });
    return { bundle, pipelines, base };
  }
  const sqlFiles = new Set<string>();
  for (const t of targets) {
    if (isDirectory(t)) {
      for (const f of files.listFiles(t)) if (f.endsWith('.sql')) sqlFiles.add(f);
    } else if (files.readText(t) !== undefined) {
      sqlFiles.add(t);
    } else {
      throw new UsageError(`no such file or directory: ${t}`);
    }
  }
  const index = new WorkspaceIndex({ parse });
  for (const f of [...sqlFiles].sort()) index.updateFile(f, files.readText(f) ?? '');
  return { pipelines: [{ name: paths.join(' ') || '.', index }], base };
}
