#!/usr/bin/env node
// Language server benchmark: the BUILT server (lsp-server/dist/server.js --stdio) over a real JSON-RPC connection.
// For each generator (bench/gen-zone.mjs, the realistic mix of issue 19, and this file's own), a 100k-record zone is
// opened and edited with every kind of edit a user makes: rename an owner (a letter inserted at a line start), type a
// new record line (one keystroke at a time), delete a line, change a TTL, edit inside a TXT string, paste 1,000 lines,
// open a `(` that makes the rest of the file one record, and undo it. Each kind prints p50/p95 from didChange to the
// publishDiagnostics of that version, past the debounce (debounce 0), after a warm-up; then the same with the default
// settings (what the user waits for), the first five keystrokes after opening, the server's RSS, a one-line edit on 1M
// records against 100k, and completion, hover, semantic tokens and formatting. Targets: issue 19, design.md §5.
// The server runs with the environment of lsp-server/launch-env.json (what the VS Code client sets), or without it
// with --no-launch-env, to compare.
// Usage: node bench/lsp.mjs [--reps 20] [--generators gen-zone,own] [--no-1m] [--no-default] [--first-runs N]
//        [--first-only] (open and the first five keystrokes only) [--no-launch-env]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
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

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const REPS = Number(opt('reps', '20'));
const WARMUP = 3;
const RECORDS = 100_000;
const generators = opt('generators', 'gen-zone,own').split(',');
/** The server's launch environment (lsp-server/README.md, "Launch environment"), as the VS Code client passes it. */
const launchEnv = args.includes('--no-launch-env') ? {} : JSON.parse(readFileSync(join(root, 'lsp-server', 'launch-env.json'), 'utf8'));
/** The server's default debounce (lsp-server/src/settings.ts), read so the figure follows the setting. */
const DEFAULT_DEBOUNCE = Number(/debounceMs: (\d+)/.exec(readFileSync(join(root, 'lsp-server', 'src', 'settings.ts'), 'utf8').match(/defaultSettings[^\n]*/)[0])[1]);

/** This benchmark's own zone: A, AAAA with a TTL, single-string TXT, CNAME; no parentheses. */
function ownZone(n) {
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

const dir = mkdtempSync(join(tmpdir(), 'sts-lens-lsp-bench-'));
/** bench/gen-zone.mjs N: the realistic mix (A, AAAA with TTLs, MX to outside hosts, multi-string TXT, CNAME, SRV). */
function genZone(n) {
  const file = join(dir, `gen-${n}.zone`);
  spawnSync(process.execPath, [join(root, 'bench', 'gen-zone.mjs'), String(n), file], { stdio: 'inherit' });
  return readFileSync(file, 'utf8');
}
const makeZone = { 'gen-zone': genZone, own: ownZone };

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (xs) => `p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms, p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms (n=${String(xs.length).padStart(3)})`;
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const rssMb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
};

/** A server over stdio with its connection; `debounceMs` undefined leaves the default. */
async function startServer(debounceMs) {
  const child = spawn(process.execPath, [...(process.env.LSP_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), bundle, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...launchEnv },
  });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const key = `${p.uri}@${p.version}`;
    waiting.get(key)?.(p);
    waiting.delete(key);
  });
  conn.listen();
  const settings = debounceMs === undefined ? {} : { debounceMs };
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings } });
  await conn.sendNotification('initialized', {});
  return {
    pid: child.pid,
    conn,
    published: (uri, version) => new Promise((r) => waiting.set(`${uri}@${version}`, r)),
    async stop() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      conn.dispose();
    },
  };
}

/** An open zone document: its lines as the client holds them, and edits sent as the editor sends them. */
class Doc {
  constructor(server, uri, text) {
    this.server = server;
    this.uri = uri;
    this.lines = text.split('\n');
    this.version = 1;
  }
  async open() {
    const p = this.server.published(this.uri, 1);
    const t = performance.now();
    await this.server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: 'dns-zone', version: 1, text: this.lines.join('\n') } });
    await p;
    return performance.now() - t;
  }
  /** Replace [(l1,c1), (l2,c2)) with `text`; resolves with the ms from didChange to its publishDiagnostics. */
  async change(l1, c1, l2, c2, text) {
    const version = ++this.version;
    const p = this.server.published(this.uri, version);
    const t = performance.now();
    await this.server.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri, version },
      contentChanges: [{ range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } }, text }],
    });
    // The client's copy is edited while the server works (not part of the figure).
    const head = this.lines[l1].slice(0, c1);
    const tail = this.lines[l2].slice(c2);
    const added = (head + text + tail).split('\n');
    this.lines.splice(l1, l2 - l1 + 1, ...added);
    await p;
    return performance.now() - t;
  }
  /** The first line at or after `from` matching `re`. */
  find(from, re) {
    for (let l = from; l < this.lines.length; l++) if (re.test(this.lines[l])) return l;
    for (let l = 0; l < from; l++) if (re.test(this.lines[l])) return l;
    throw new Error(`no line matches ${re}`);
  }
}

/** The kinds of edit; each takes the document and a line to start looking from and returns the times it measured. */
const kinds = {
  async 'rename an owner'(d, at) {
    const l = d.find(at, /^[a-z_]/);
    return [await d.change(l, 0, l, 0, 'x')];
  },
  async 'type a new record line'(d, at, k) {
    // Each keystroke is an edit: a new line after a record, then `new<k> IN A 192.0.2.7` character by character.
    const l = d.find(at, /^[a-z_]/);
    const times = [await d.change(l, d.lines[l].length, l, d.lines[l].length, '\n')];
    const line = `new${k} IN A 192.0.2.7`;
    for (let c = 0; c < line.length; c++) times.push(await d.change(l + 1, c, l + 1, c, line[c]));
    return times;
  },
  async 'delete a line'(d, at) {
    const l = d.find(at, /^[a-z_]/);
    return [await d.change(l, 0, l + 1, 0, '')];
  },
  async 'change a TTL'(d, at) {
    const l = d.find(at, / 300 IN /);
    const c = d.lines[l].indexOf(' 300 ') + 1;
    return [await d.change(l, c, l, c + 3, '600')];
  },
  async 'edit inside a TXT string'(d, at) {
    const l = d.find(at, /TXT "/);
    const c = d.lines[l].indexOf('"') + 3;
    return [await d.change(l, c, l, c, 'q')];
  },
  async 'paste 1,000 lines'(d, at, k) {
    const l = d.find(at, /^[a-z_]/);
    const block = Array.from({ length: 1000 }, (_, j) => `paste${k}x${j} IN A 192.0.2.${j & 255}\n`).join('');
    return [await d.change(l, 0, l, 0, block)];
  },
  async 'open ( to the end, undo'(d, at) {
    // A `(` after the type makes the rest of the file one multi-line record; undo removes it (two figures per rep).
    const l = d.find(at, /^[a-z][^ ]* IN A /);
    const c = d.lines[l].indexOf(' IN A ') + 5;
    const open = await d.change(l, c, l, c, ' (');
    const undo = await d.change(l, c, l, c + 2, '');
    return [open, undo];
  },
};

/** Every kind of edit `reps` times (after `warmup` untimed rounds), spread over the file; times by kind. */
async function editFigures(d, reps, warmup) {
  const out = {};
  for (const name of Object.keys(kinds)) out[name] = [];
  const n = d.lines.length;
  for (let r = 0; r < warmup + reps; r++) {
    for (const [name, edit] of Object.entries(kinds)) {
      const at = Math.floor(((r * 7919 + name.length * 104729) % 997) / 997 * (n - 2000)) + 1000;
      const times = await edit(d, at, r);
      if (r >= warmup) out[name].push(...times);
    }
  }
  // `open ( … undo` measured as two figures: the open, then the undo.
  const both = out['open ( to the end, undo'];
  delete out['open ( to the end, undo'];
  out['open ( to the end'] = both.filter((_, i) => i % 2 === 0);
  out['undo the ('] = both.filter((_, i) => i % 2 === 1);
  return out;
}

function printKinds(figures, target, label) {
  for (const [name, xs] of Object.entries(figures)) {
    const p95 = pct(xs, 95);
    console.log(`  ${label} ${name.padEnd(26)} ${fmt(xs)}  target p95 <= ${target} ms ${p95 <= target ? 'met' : 'NOT met'}`);
  }
}

async function latency(conn, method, params, n = 50) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await conn.sendRequest(method, params(i));
    xs.push(performance.now() - s);
  }
  return xs;
}

/** One-line edits (owner renames) on a zone of `n` records from `gen`: their times, after a warm-up. */
async function oneLineEdits(gen, n, reps) {
  const server = await startServer(0);
  const d = new Doc(server, `file:///bench/one-line-${n}.zone`, makeZone[gen](n));
  await d.open();
  const xs = [];
  for (let r = 0; r < WARMUP + reps; r++) {
    const at = 1000 + Math.floor(((r * 7919) % 997) / 997 * (d.lines.length - 2000));
    const [t] = await kinds['rename an owner'](d, at);
    if (r >= WARMUP) xs.push(t);
  }
  await server.stop();
  return xs;
}

/** Open `d` and type five letters at once: [open, keystroke 1, …, keystroke 5] in ms. */
async function openAndType(d) {
  const opened = await d.open();
  const l = d.find(Math.floor(d.lines.length / 2), /^[a-z_]/);
  const first = [];
  for (let c = 0; c < 5; c++) first.push(await d.change(l, c, l, c, 'abcde'[c]));
  return [opened, ...first];
}
const FIRST_RUNS = Number(opt('first-runs', '1'));
const firstRuns = [];

console.log(`language server benchmark: ${os.cpus().length} CPUs, load ${load()}; ${REPS} reps of each edit after ${WARMUP} warm-up rounds; launch environment ${Object.keys(launchEnv).length ? Object.entries(launchEnv).map(([k, v]) => `${k}=${v}`).join(' ') : 'none (--no-launch-env)'}`);
const oneLine100k = {};
for (const gen of generators) {
  const text = makeZone[gen](RECORDS);
  console.log(`\n== ${gen === 'own' ? "bench/lsp.mjs's own generator" : 'bench/gen-zone.mjs (issue 19)'}: ${RECORDS.toLocaleString('en')} records, ${(text.length / 1e6).toFixed(1)} MB (load ${load()})`);

  // A fresh server: open, then five keystrokes at once, as a user starts typing (V8 still compiling). With
  // --first-runs N, N fresh servers, and the median of each figure (one run is at the mercy of the machine's moment).
  for (let run = 1; run < FIRST_RUNS; run++) {
    const server = await startServer(0);
    const d = new Doc(server, 'file:///bench/example.com.zone', text);
    firstRuns.push(await openAndType(d));
    await server.stop();
  }
  {
    const server = await startServer(0);
    const idle = rssMb(server.pid);
    const d = new Doc(server, 'file:///bench/example.com.zone', text);
    firstRuns.push(await openAndType(d));
    const open = rssMb(server.pid);
    const median = (k) => pct(firstRuns.map((r) => r[k]), 50);
    const opened = median(0);
    const first = [1, 2, 3, 4, 5].map(median);
    const of = FIRST_RUNS > 1 ? ` (medians of ${FIRST_RUNS} fresh servers)` : '';
    console.log(`  open -> publishDiagnostics ${opened.toFixed(0)} ms${of}`);
    console.log(`  first 5 keystrokes after opening: ${first.map((x) => x.toFixed(0)).join(', ')} ms${of}  target each <= 60 ms ${Math.max(...first) <= 60 ? 'met' : 'NOT met'}`);
    firstRuns.length = 0;
    if (args.includes('--first-only')) {
      await server.stop();
      continue;
    }
    const figures = await editFigures(d, REPS, WARMUP);
    printKinds(figures, 30, 'debounce 0:');
    oneLine100k[gen] = figures['rename an owner'];
    const after = rssMb(server.pid);
    const mb = text.length / 1e6;
    console.log(`  RSS: idle ${idle.toFixed(0)} MB, zone open ${open.toFixed(0)} MB, after the edits ${after.toFixed(0)} MB; beyond idle ${((after - idle) / mb).toFixed(1)}x the file (${mb.toFixed(1)} MB)  target <= 4x ${after - idle <= 4 * mb ? 'met' : 'NOT met'}`);

    const last = d.lines.length - 2;
    const uri = d.uri;
    const c = server.conn;
    const comp = await latency(c, 'textDocument/completion', (i) => ({ textDocument: { uri }, position: { line: 5000 + i, character: 0 } }));
    console.log(`  completion                 ${fmt(comp)}  target p95 <= 20 ms ${pct(comp, 95) <= 20 ? 'met' : 'NOT met'}`);
    const hov = await latency(c, 'textDocument/hover', (i) => ({ textDocument: { uri }, position: { line: i % 2 ? last : 5000 + i, character: 10 } }));
    console.log(`  hover                      ${fmt(hov)}  target p95 <= 20 ms ${pct(hov, 95) <= 20 ? 'met' : 'NOT met'}`);
    for (const [label, method, extra] of [
      ['semantic tokens (full)', 'textDocument/semanticTokens/full', {}],
      ['semantic tokens, 60 lines', 'textDocument/semanticTokens/range', { range: { start: { line: 50000, character: 0 }, end: { line: 50060, character: 0 } } }],
      ['symbols', 'textDocument/documentSymbol', {}],
      ['folding', 'textDocument/foldingRange', {}],
      ['formatting', 'textDocument/formatting', { options: { tabSize: 8, insertSpaces: true } }],
    ]) {
      console.log(`  ${label.padEnd(26)} ${fmt(await latency(c, method, () => ({ textDocument: { uri }, ...extra }), 5))}`);
    }
    await server.stop();
  }

  // The defaults: from the keystroke to the diagnostics, debounce included.
  if (!args.includes('--no-default')) {
    const server = await startServer(undefined);
    const d = new Doc(server, 'file:///bench/example.com.zone', text);
    await d.open();
    const figures = await editFigures(d, Math.max(5, Math.floor(REPS / 2)), 1);
    console.log(`  with the default settings (debounce ${DEFAULT_DEBOUNCE} ms), keystroke -> publishDiagnostics (load ${load()}):`);
    printKinds(figures, 150, 'defaults:  ');
    await server.stop();
  }
}

// Cost grows with the edit, not the file: a one-line edit on 1M records against 100k.
if (!args.includes('--no-1m') && !args.includes('--first-only')) {
  const gen = generators[0];
  const big = await oneLineEdits(gen, 1_000_000, REPS);
  const small = oneLine100k[gen];
  const ratio = pct(big, 50) / pct(small, 50);
  console.log(`\n== one-line edit (rename an owner), ${gen}, 1M records: ${fmt(big)}; 100k: ${fmt(small)}; p50 ratio ${ratio.toFixed(2)}  target <= 2 ${ratio <= 2 ? 'met' : 'NOT met'} (load ${load()})`);
}

// A policy beside them (small documents stay instant).
{
  const server = await startServer(0);
  const { conn } = server;
  const policyUri = 'file:///bench/example.com/mta-sts.txt';
  let p = server.published(policyUri, 1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: policyUri, languageId: 'mta-sts', version: 1, text: 'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n' } });
  await p;
  const policyEdits = [];
  for (let i = 0; i < 50; i++) {
    const version = i + 2;
    p = server.published(policyUri, version);
    const s = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version }, contentChanges: [{ range: { start: { line: 3, character: 9 }, end: { line: 3, character: 10 } }, text: String(6 + (i % 2)) }] });
    await p;
    policyEdits.push(performance.now() - s);
  }
  console.log(`\npolicy: edit -> publishDiagnostics ${fmt(policyEdits)}  (target <= 5 ms)`);
  console.log(`policy: completion ${fmt(await latency(conn, 'textDocument/completion', () => ({ textDocument: { uri: policyUri }, position: { line: 1, character: 6 } })))}`);
  console.log(`policy: hover      ${fmt(await latency(conn, 'textDocument/hover', () => ({ textDocument: { uri: policyUri }, position: { line: 3, character: 10 } })))}`);
  await server.stop();
}
console.log(`\nload at the end ${load()}`);
rmSync(dir, { recursive: true, force: true });
