#!/usr/bin/env node
// `sts-lens lint --format json` on generated 1 MB and 20 MB policies: wall time, throughput and peak RSS of the
// built bundle, as a user runs it. Prints figures; judges nothing (target: linear, >= 50 MB/s).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCoreRunner, coreImport } from './core-runner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'cli/dist/sts-lens.js');
const RUNS = 3;
const MB = 1024 * 1024;

if (!existsSync(bundle)) {
  console.error(`bench/lint: ${bundle} is missing; build it first: pnpm --filter @sts-lens/cli build`);
  process.exit(1);
}

/** A policy of about `bytes` bytes: the usual header, then mx lines, one in 40 with a mistake people make. */
function policy(bytes) {
  const mistakes = [
    (i) => `mx: mx${i}.example.com.`, // trailing dot
    (i) => `mx: mail*${i}.example.com`, // wildcard inside a label
    (i) => `mx: 192.0.2.${i % 250}`, // IP address
    (i) => `mx: smtp://mx${i}.example.com:25`, // scheme and port
    (i) => `MX: mx${i}.example.com`, // key case
  ];
  const lines = ['version: STSv1', 'mode: enforce', 'max_age: 1209600'];
  let size = lines.join('\n').length + 1;
  for (let i = 0; size < bytes; i++) {
    const line = i % 40 === 39 ? mistakes[(i / 40) % mistakes.length | 0](i) : i % 3 === 0 ? `mx: *.pool${i}.example.com` : `mx: mx${i}.mail.example.com`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

const timeBin = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));

/**
 * One run: wall ms, peak RSS in KiB (or null), exit status; stdout goes to `outFile`. Peak RSS comes from
 * `/usr/bin/time -f %M` when present, else from polling the child's VmHWM in /proc (a high-water mark, so a late
 * sample still holds the peak), else it is unavailable.
 */
async function run(args, outFile) {
  const out = openSync(outFile, 'w');
  const cmd = timeBin ? [timeBin, '-f', '%M', process.execPath, bundle, ...args] : [process.execPath, bundle, ...args];
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', out, 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let hwmKiB = null;
  const poll = timeBin
    ? null
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwmKiB = Number(m[1]);
        } catch {
          // no /proc, or the child is gone: keep the last sample
        }
      }, 5);
  const [status, error] = await new Promise((done) => {
    child.on('error', (e) => done([null, e]));
    child.on('close', (code) => done([code, null]));
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (poll) clearInterval(poll);
  closeSync(out);
  let rssKiB = hwmKiB;
  if (timeBin) {
    const last = stderr.trim().split('\n').pop() ?? '';
    if (/^\d+$/.test(last)) rssKiB = Number(last);
  }
  return { ms, rssKiB, status, error };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
}

/**
 * The core alone, in one process: `lintText` on the same policies, timed once compiled (three runs first; what an
 * editor or a long-running service sees; the CLI figures above include a one-shot process's start-up and compile).
 */
async function inProcess(dir) {
  const runner = await buildCoreRunner(dir, `import { readFileSync } from 'node:fs';
${coreImport(['lintText'])}
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, 'utf8');
  for (let i = 0; i < 3; i++) lintText(text, 'policy', { path });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    lintText(text, 'policy', { path });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ path, bytes: Buffer.byteLength(text), ms: times[2] }));
}
`);
  const files = ['policy-1-MB', 'policy-20-MB'].map((d) => join(dir, d, 'mta-sts.txt')).filter((f) => existsSync(f));
  const out = spawnSync(process.execPath, [runner, ...files], { encoding: 'utf8' });
  for (const line of out.stdout.trim().split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    console.log(`core in-process, warm (lintText, median of 5 after 3 runs): ${(r.bytes / MB).toFixed(2)} MB in ${r.ms.toFixed(0)} ms = ${(r.bytes / MB / (r.ms / 1000)).toFixed(1)} MB/s`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sts-lens-bench-'));
try {
  const outFile = join(dir, 'out.json');
  const rows = [];

  // Process start-up and bundle load alone: the floor under every figure below.
  const startup = [];
  for (let i = 0; i < RUNS; i++) startup.push(await run(['--version'], outFile));
  const startupMs = median(startup.map((r) => r.ms));
  rows.push({ name: 'startup (--version)', bytes: 0, ms: startupMs, rss: Math.max(...startup.map((r) => r.rssKiB ?? 0)) || null, diags: '' });

  for (const [name, bytes] of [['policy 1 MB', 1 * MB], ['policy 20 MB', 20 * MB]]) {
    const file = join(dir, name.replace(/\W+/g, '-'), 'mta-sts.txt');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, policy(bytes));
    const size = statSync(file).size;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await run(['lint', '--format', 'json', file], outFile));
    const bad = runs.find((r) => r.error || (r.status !== 0 && r.status !== 1));
    if (bad) {
      console.error(`bench/lint: sts-lens failed on ${name}: ${bad.error?.message ?? `exit ${bad.status}`}`);
      process.exitCode = 1;
      continue;
    }
    const summary = JSON.parse(readFileSync(outFile, 'utf8')).summary;
    rows.push({
      name,
      bytes: size,
      ms: median(runs.map((r) => r.ms)),
      rss: Math.max(...runs.map((r) => r.rssKiB ?? 0)) || null,
      diags: `${summary.errors} errors, ${summary.warnings} warnings`,
    });
  }

  const fmt = (n, d = 1) => n.toFixed(d);
  const table = [['input', 'size', `wall (median of ${RUNS})`, 'MB/s', 'MB/s net of startup', 'peak RSS', 'findings']];
  for (const r of rows) {
    const mb = r.bytes / MB;
    table.push([
      r.name,
      r.bytes ? `${fmt(mb, 2)} MB` : '-',
      `${fmt(r.ms, 0)} ms`,
      r.bytes ? fmt(mb / (r.ms / 1000)) : '-',
      r.bytes && r.ms > startupMs ? fmt(mb / ((r.ms - startupMs) / 1000)) : '-',
      r.rss === null ? 'unavailable' : `${fmt(r.rss / 1024, 0)} MB`,
      r.diags,
    ]);
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  console.log(`sts-lens lint --format json, ${process.version}, bundle ${bundle.slice(root.length + 1)}`);
  for (const row of table) console.log(row.map((cell, c) => (c === 0 || c === 6 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  const small = rows.find((r) => r.name === 'policy 1 MB');
  const large = rows.find((r) => r.name === 'policy 20 MB');
  if (small && large) {
    const perMb = (r) => (r.ms - startupMs) / (r.bytes / MB);
    console.log(`linearity: ${fmt(perMb(small), 1)} ms/MB at 1 MB, ${fmt(perMb(large), 1)} ms/MB at 20 MB (net of startup; equal when linear)`);
  }
  console.log(`peak RSS: ${timeBin ? `${timeBin} -f %M` : 'VmHWM polled from /proc (unavailable where there is no /proc)'}`);
  await inProcess(dir);
  console.log('target: linear in size, >= 50 MB/s');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
