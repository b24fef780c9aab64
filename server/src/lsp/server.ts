// Language server entry (bundled to server/out/server.js). The transport is
// chosen by the command line, as every LSP client expects: `--stdio`,
// `--node-ipc` or `--socket=<port>`. The disk is injected here, the one place
// that decides where files not open in the editor come from.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { diskFiles } from '../files/diskFiles';
import { LakeflowServer } from './lakeflowServer';

new LakeflowServer(createConnection(ProposedFeatures.all), { files: diskFiles() }).listen();
