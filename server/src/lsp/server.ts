// Language server entry (bundled to server/out/server.js). The transport is
// chosen by the command line, as every LSP client expects: `--stdio`,
// `--node-ipc` or `--socket=<port>`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { LakeflowServer } from './lakeflowServer';

new LakeflowServer(createConnection(ProposedFeatures.all)).listen();
