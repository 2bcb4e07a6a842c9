// Drives the BUILT server (`node lsp-server/dist/server.js --stdio`) in a child process, over a real JSON-RPC
// connection, as an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const bundle = join(serverDir, 'dist', 'server.js');
export const fixtures = join(serverDir, 'test', 'fixtures');
export const workspace = join(fixtures, 'workspace');

export const uriOf = (path: string) => pathToFileURL(path).href;
export const fixtureText = (path: string) => readFileSync(path, 'utf8');

export interface Session {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** The next publishDiagnostics for `uri` (optionally of `version`). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  open(path: string, languageId: string, text?: string): Promise<string>;
  stop(): Promise<void>;
  stderr(): string;
}

/** Start the server and initialize it with `folder` (the fixture workspace unless given) as its workspace folder. */
export async function startSession(capabilities: ClientCapabilities = {}, initializationOptions: unknown = { settings: { debounceMs: 20 } }, folder = workspace): Promise<Session> {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build it with \`pnpm --filter @sts-lens/lsp-server build\``);
  const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting: { uri: string; version: number | undefined; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    const i = waiting.findIndex((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(p.diagnostics);
  });
  connection.onRequest('workspace/configuration', () => [{ debounceMs: 20 }]);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(folder),
    workspaceFolders: [{ uri: uriOf(folder), name: 'workspace' }],
    capabilities,
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    child,
    diagnostics: (uri, version) => new Promise((resolve) => waiting.push({ uri, version, resolve })),
    async open(path, languageId, text) {
      const uri = uriOf(path);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: text ?? fixtureText(path) } });
      return uri;
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
      connection.dispose();
    },
    stderr: () => err,
  };
}

/** Apply LSP text edits to `text` (positions are 0-based lines and UTF-16 characters). */
export function applyLspEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
