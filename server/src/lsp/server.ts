// Language server entry (bundled to server/out/server.js). The transport is
// chosen by the command line, as every LSP client expects: `--stdio`,
// `--node-ipc` or `--socket=<port>`. The disk is injected here, the one place
// that decides where files not open in the editor come from, and the settings'
// defaults are read from the extension manifest this server ships in.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { manifestDefaults, ServerSettings } from '../../../protocol/src/settings';
import { diskFiles } from '../files/diskFiles';
import { LakeflowServer } from './lakeflowServer';

/** The nearest package.json above this file that declares the `lakeflow.*` settings. */
function defaultsFromManifest(): ServerSettings {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const found = manifestDefaults(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
      if (found) return found;
    } catch {
      // no manifest here: look further up
    }
    if (dirname(dir) === dir) break;
  }
  // Installed without its manifest: only what the client sends, and the bundles' own libraries.
  return { sqlFilePatterns: [], catalog: { enabled: false, ttlSeconds: 0, timeoutMs: 0 } };
}

new LakeflowServer(createConnection(ProposedFeatures.all), { files: diskFiles(), defaults: defaultsFromManifest() }).listen();
