// The folder the end-to-end suite opens as its workspace: a temporary copy of
// the checkout's sources (bundle, pipelines, fixtures, stand-ins), never the
// checkout itself, so Run Locally writes its `.lakeflow/` (landing data,
// lakehouse, event log) into the copy and a developer's own lakehouse in the
// checkout stays byte-identical. `stateDigest` fingerprints a `.lakeflow/`
// folder so the runner can prove it.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

/** Top-level entries never copied: build output, installs, VCS data and user state. */
const SKIP_TOP = new Set(['node_modules', 'out', '.e2e', '.git', '.lakeflow', '.vscode-test']);
/** Folders skipped at any depth (compiled output beside the sources, per-folder lakehouses). */
const SKIP_ANY = new Set(['node_modules', 'out', '.lakeflow']);

/** Copies the checkout at `root` into a new temporary folder and returns it. */
export function prepareWorkspace(root, parent = tmpdir()) {
  const workspace = mkdtempSync(join(parent, 'lakeflow-e2e-workspace-'));
  for (const entry of readdirSync(root)) {
    if (SKIP_TOP.has(entry) || entry.endsWith('.vsix')) continue;
    cpSync(join(root, entry), join(workspace, entry), {
      recursive: true,
      filter: (src) => !SKIP_ANY.has(src.split(sep).pop()),
    });
  }
  return workspace;
}

/** Path, size and SHA-256 of every file under `folder`; '' when it does not exist. */
export function stateDigest(folder) {
  if (!existsSync(folder)) return '';
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else
        hash
          .update(`${relative(folder, path)}\0${info.size}\0`)
          .update(readFileSync(path))
          .update('\0');
    }
  };
  walk(folder);
  return hash.digest('hex');
}
