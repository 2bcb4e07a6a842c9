#!/usr/bin/env node
// Language server benchmark: the BUILT server (lsp-server/dist/server.js --stdio) over a real JSON-RPC connection.
// A generated 100k-record zone is opened, then edited one character at a time (50 edits); prints p50/p95 from
// didChange to publishDiagnostics (the debounce is set to 0 ms, so the figures are the time past the debounce),
// and completion and hover latency on the zone and on a policy. Targets: design.md §5.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'lsp-server', 'dist', 'server.js');
if (!existsSync(bundle)) {
  console.log(`lsp: ${bundle} is missing; build it first (pnpm run build)`);
  process.exit(1);
}
const require = createRequire(join(root, 'lsp-server', 'package.json'));
const rpc = require('vscode-jsonrpc/node');

const RECORDS = 100_000;
const EDITS = 50;

function generateZone(n) {
  const out = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 2026010101 3600 1800 1209600 300', '@ IN NS ns1', '@ IN MX 10 mx1', 'ns1 IN A 192.0.2.1', 'mx1 IN A 192.0.2.2'];
  for (let i = out.length; i < n; i++) {
    const k = i % 4;
    if (k === 0) out.push(`host${i} IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    else if (k === 1) out.push(`host${i} 300 IN AAAA 2001:db8::${(i & 0xffff).toString(16)}`);
    else if (k === 2) out.push(`txt${i} IN TXT "record ${i}"`);
    else out.push(`alias${i} IN CNAME host${i - 3}`);
  }
  out.push('_mta-sts IN TXT "v=STSv1; id=20260101000000"');
  return `${out.join('\n')}\n`;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (xs) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;

const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const waiting = new Map();
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  const key = `${p.uri}@${p.version}`;
  waiting.get(key)?.(p);
  waiting.delete(key);
});
conn.listen();
const published = (uri, version) => new Promise((r) => waiting.set(`${uri}@${version}`, r));
await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } });
await conn.sendNotification('initialized', {});

const zoneText = generateZone(RECORDS);
const zoneUri = 'file:///bench/example.com.zone';
let t = performance.now();
let p = published(zoneUri, 1);
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: zoneUri, languageId: 'dns-zone', version: 1, text: zoneText } });
await p;
console.log(`zone: ${RECORDS} records, ${(zoneText.length / 1e6).toFixed(1)} MB; open -> publishDiagnostics ${(performance.now() - t).toFixed(0)} ms`);

const lines = zoneText.split('\n');
const editTimes = [];
for (let i = 0; i < EDITS; i++) {
  const line = 1000 + i * 997;
  const version = i + 2;
  p = published(zoneUri, version);
  t = performance.now();
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: zoneUri, version },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: lines[line][0] === 'h' ? 'H' : 'h' }],
  });
  await p;
  editTimes.push(performance.now() - t);
}
console.log(`zone: one-character edit -> publishDiagnostics: ${fmt(editTimes)}  (target p95 <= 50 ms)`);
// The first edits after opening run while V8 is still compiling the re-parse and rule code; the rest is steady state.
console.log(`zone:   first 5 edits ${editTimes.slice(0, 5).map((x) => x.toFixed(0)).join(', ')} ms; edits 6-${EDITS}: ${fmt(editTimes.slice(5))}`);

async function latency(method, params, n = 50) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await conn.sendRequest(method, params(i));
    xs.push(performance.now() - s);
  }
  return xs;
}
const last = lines.length - 2;
console.log(`zone: completion ${fmt(await latency('textDocument/completion', (i) => ({ textDocument: { uri: zoneUri }, position: { line: 5000 + i, character: 0 } })))}  (target p95 <= 20 ms)`);
console.log(`zone: hover      ${fmt(await latency('textDocument/hover', (i) => ({ textDocument: { uri: zoneUri }, position: { line: i % 2 ? last : 5000 + i, character: 10 } })))}  (target p95 <= 20 ms)`);

// Whole-document requests on the large zone (each reads the current version's one parse).
for (const [label, method, extra] of [
  ['semantic tokens', 'textDocument/semanticTokens/full', {}],
  ['tokens, 60 lines', 'textDocument/semanticTokens/range', { range: { start: { line: 50000, character: 0 }, end: { line: 50060, character: 0 } } }],
  ['symbols', 'textDocument/documentSymbol', {}],
  ['folding', 'textDocument/foldingRange', {}],
  ['formatting', 'textDocument/formatting', { options: { tabSize: 8, insertSpaces: true } }],
]) {
  console.log(`zone: ${label.padEnd(16)} ${fmt(await latency(method, () => ({ textDocument: { uri: zoneUri }, ...extra }), 5))}`);
}

const policyUri = 'file:///bench/example.com/mta-sts.txt';
p = published(policyUri, 1);
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: policyUri, languageId: 'mta-sts', version: 1, text: 'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n' } });
await p;
const policyEdits = [];
for (let i = 0; i < EDITS; i++) {
  const version = i + 2;
  p = published(policyUri, version);
  const s = performance.now();
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version }, contentChanges: [{ range: { start: { line: 3, character: 9 }, end: { line: 3, character: 10 } }, text: String(6 + (i % 2)) }] });
  await p;
  policyEdits.push(performance.now() - s);
}
console.log(`policy: edit -> publishDiagnostics ${fmt(policyEdits)}  (target <= 5 ms)`);
console.log(`policy: completion ${fmt(await latency('textDocument/completion', () => ({ textDocument: { uri: policyUri }, position: { line: 1, character: 6 } })))}`);
console.log(`policy: hover      ${fmt(await latency('textDocument/hover', () => ({ textDocument: { uri: policyUri }, position: { line: 3, character: 10 } })))}`);

await conn.sendRequest('shutdown');
await conn.sendNotification('exit');
conn.dispose();
