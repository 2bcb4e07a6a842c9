#!/usr/bin/env node
// sts-lens-lsp: the STS Lens language server. `node server.js --stdio` (also --node-ipc, --socket=N, as any
// vscode-languageserver server).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.ts';

if (process.argv.includes('--version')) {
  process.stdout.write('sts-lens-lsp 0.1.0\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('usage: sts-lens-lsp --stdio   (the STS Lens language server; an editor starts it)\n');
  process.exit(2);
}
// A failed request to the client (an editor without some optional method) must not take the server down.
process.on('unhandledRejection', (reason) => process.stderr.write(`sts-lens-lsp: ${reason instanceof Error ? reason.message : String(reason)}\n`));
startServer(createConnection(ProposedFeatures.all));
