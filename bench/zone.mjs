#!/usr/bin/env node
// Zone lint benchmark: generates realistic zones (100k and 1M records) in a temp dir with two generators (this file's
// own, and bench/gen-zone.mjs, the mix of issue 19) and prints, side by side, wall time, CPU time and peak RSS of
// `sts-lens lint --kind zone --format json`, `kzonecheck` and `named-checkzone -i local` (no lookups of outside MX/SRV targets) on each file, in the same run, with
// sts-lens's wall time and peak RSS as a ratio of kzonecheck's (target: wall <= 0.6x, RSS <= 1x, on 1M records).
// It prints figures; it never fails.
// Usage: node bench/zone.mjs [--sizes 100000,1000000] [--runs 3] [--generators own,gen-zone] [--keep]
// Without the CLI bundle (cli/dist/sts-lens.js) it bundles a small runner that calls lintText through the core.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prng } from '../cli/world/prng.mjs';
import { buildCoreRunner, coreImport } from './core-runner.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('sizes', '100000,1000000').split(',').map(Number);
const runs = Number(opt('runs', '3'));
const keep = args.includes('--keep');
const generators = opt('generators', 'own,gen-zone').split(',');
const ORIGIN = 'bench.example';
/** The origin of each generator's zone. */
const originOf = { own: ORIGIN, 'gen-zone': 'example.com' };

/**
 * A zone of about `n` records that loads cleanly in BIND and Knot: apex SOA/NS/MX/TXT, then hosts with a realistic
 * mix of A, AAAA, CNAME, MX, TXT, SRV, CAA, TLSA, PTR-like names, varied TTLs (some with units, some inherited),
 * inherited owners, a few multi-line records and comments.
 */
function generateZone(n) {
  const rand = prng(n);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const ttls = ['', '', '', '300 ', '3600 ', '1h ', '86400 ', '1d ', '600 '];
  const out = [
    `$ORIGIN ${ORIGIN}.`,
    '$TTL 3600',
    '@ IN SOA ns1 hostmaster ( 2026010101 ; serial',
    '    7200 3600 1209600 300 )',
    '  IN NS ns1',
    '  IN NS ns2',
    '  IN MX 10 mx1',
    '  IN MX 20 mx2',
    '  IN TXT "v=spf1 mx -all"',
    'ns1 IN A 192.0.2.1',
    'ns2 IN A 192.0.2.2',
    'mx1 IN A 192.0.2.3',
    'mx2 IN AAAA 2001:db8::3',
    '_mta-sts IN TXT "v=STSv1; id=20260101000000"',
    '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tls@bench.example"',
    'mta-sts IN CNAME www',
    'www IN A 192.0.2.80',
  ];
  let count = out.length - 3;
  let i = 0;
  while (count < n) {
    i++;
    const name = rand() < 0.3 ? `host${i}.dept${i % 97}` : `host${i}`;
    const ttl = pick(ttls);
    const r = rand();
    if (r < 0.35) {
      out.push(`${name} ${ttl}IN A ${10 + (i % 200)}.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`);
      count++;
      if (rand() < 0.3) {
        out.push(`  ${ttl}IN AAAA 2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::${(i % 97).toString(16)}`);
        count++;
      }
    } else if (r < 0.5) {
      out.push(`${name} ${ttl}IN AAAA 2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`);
      count++;
    } else if (r < 0.6) {
      out.push(`${name} ${ttl}IN CNAME ${rand() < 0.5 ? 'www' : `www.${ORIGIN}.`}`);
      count++;
    } else if (r < 0.75) {
      out.push(`${name} ${ttl}IN TXT "google-site-verification=${Math.floor(rand() * 1e12).toString(36)}${i.toString(36)}"`);
      count++;
    } else if (r < 0.82) {
      out.push(`${name} ${ttl}IN MX 10 mx1.${ORIGIN}.`, `${name} ${ttl}IN MX 20 mx2`, `${name} IN A 198.51.100.${i & 255}`);
      count += 3;
    } else if (r < 0.88) {
      out.push(`_sip._tcp.${name} ${ttl}IN SRV 10 60 5060 ${name}`, `${name} IN A 203.0.113.${i & 255}`);
      count += 2;
    } else if (r < 0.92) {
      out.push(`${name} ${ttl}IN CAA 0 issue "letsencrypt.org"`, `${name} IN A 203.0.113.${(i * 3) & 255}`);
      count += 2;
    } else if (r < 0.95) {
      out.push(`_25._tcp.${name} ${ttl}IN TLSA 3 1 1 ${(i * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(8)}`, `${name} IN A 203.0.113.${(i * 5) & 255}`);
      count += 2;
    } else if (r < 0.97) {
      out.push(`${name} ${ttl}IN TXT ( "v=DKIM1; k=rsa; " ; key`, `    "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC${i.toString(36)}" )`);
      count++;
    } else {
      out.push(`; host ${i} retired`, `${name} ${ttl}IN A 192.0.2.${i & 255} ; comment`);
      count++;
    }
  }
  return out.join('\n') + '\n';
}

/** Write generator `gen`'s zone of `n` records to `file`. */
function writeZone(gen, n, file) {
  if (gen === 'own') writeFileSync(file, generateZone(n));
  else spawnSync(process.execPath, [join(root, 'bench', 'gen-zone.mjs'), String(n), file], { stdio: 'inherit' });
}

/** Wall time (s), CPU time (user + system, s) and peak RSS (MB) of a command, through GNU time. */
function measure(cmd, argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, sys, kb] = last.split(' ').map(Number);
  return { wall, cpu: user + sys, rss: kb / 1024, status: r.status, out: r.stdout.slice(0, 300), err: r.stderr.slice(0, 300) };
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** The command that lints a zone: the CLI bundle, else a runner bundled from the core. */
async function stsLensCommand(dir) {
  const cli = join(root, 'cli/dist/sts-lens.js');
  if (existsSync(cli) && !args.includes('--core')) return { label: 'sts-lens lint', argv: (f, origin) => [cli, 'lint', '--kind', 'zone', '--origin', `${origin}.`, '--format', 'json', f] };
  const runner = await buildCoreRunner(dir, `import { readFileSync } from 'node:fs';
${coreImport(['lintBytes', 'LineIndex'])}
const path = process.argv[2]!;
const { text, diagnostics } = lintBytes(readFileSync(path), 'zone', { path, origin: process.argv[3] + '.' });
const lines = new LineIndex(text);
const json = diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: { start: lines.positionAt(d.range.start), end: lines.positionAt(d.range.end) }, fixes: d.fixes }));
process.stdout.write(JSON.stringify({ files: [{ path, kind: 'zone', diagnostics: json }] }) + '\\n');
`);
  return { label: 'core runner', argv: (f, origin) => [runner, f, origin] };
}

const dir = mkdtempSync(join(tmpdir(), 'sts-lens-zone-bench-'));
try {
  const lens = await stsLensCommand(dir);
  const tools = [
    { label: lens.label, cmd: process.execPath, argv: lens.argv },
    ...(has('kzonecheck') ? [{ label: 'kzonecheck', cmd: 'kzonecheck', argv: (f, origin) => ['-o', origin, f] }] : []),
    ...(has('named-checkzone') ? [{ label: 'named-checkzone', cmd: 'named-checkzone', argv: (f, origin) => ['-i', 'local', origin, f] }] : []),
  ];
  const kzone = tools.findIndex((t) => t.label === 'kzonecheck');
  console.log(`zone lint benchmark (best of ${runs} alternating runs; wall and CPU seconds, peak RSS MB; ${os.cpus().length} CPUs, load ${loadavg()})`);
  for (const gen of generators) {
    for (const n of sizes) {
      const file = join(dir, `${gen}-${n}.zone`);
      writeZone(gen, n, file);
      const origin = originOf[gen];
      const mb = statSync(file).size / 1e6;
      console.log(`\n${gen === 'own' ? "bench/zone.mjs's generator" : 'bench/gen-zone.mjs'}: ${n.toLocaleString('en')} records, ${mb.toFixed(1)} MB (load ${loadavg()})`);
      console.log(`  ${'tool'.padEnd(18)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(7)} ${'peak MB'.padStart(9)} ${'MB/s'.padStart(7)}  exit`);
      // Runs alternate between the tools, so a burst of load on a shared machine hits them alike; the best run counts,
      // and the ratio to kzonecheck is taken run by run (the same moment's load).
      const best = tools.map(() => null);
      const ratios = [];
      for (let r = 0; r < runs; r++) {
        const wall = tools.map((tool, k) => {
          const m = measure(tool.cmd, tool.argv(file, origin));
          if (best[k] === null || m.wall < best[k].wall) best[k] = m;
          return m.wall;
        });
        if (kzone >= 0) ratios.push(wall[0] / wall[kzone]);
      }
      tools.forEach((tool, k) => {
        const b = best[k];
        console.log(`  ${tool.label.padEnd(18)} ${b.wall.toFixed(2).padStart(8)} ${b.cpu.toFixed(2).padStart(7)} ${b.rss.toFixed(0).padStart(9)} ${(mb / b.wall).toFixed(0).padStart(7)}  ${b.status}${b.status !== 0 && b.status !== 1 ? ` ${b.err.trim().split('\n')[0]}` : ''}`);
      });
      if (kzone >= 0) {
        const wallRatio = best[0].wall / best[kzone].wall;
        const rssRatio = best[0].rss / best[kzone].rss;
        const sorted = [...ratios].sort((a, b) => a - b);
        console.log(`  sts-lens / kzonecheck: wall ${wallRatio.toFixed(2)}x best-to-best (per run ${sorted.map((x) => x.toFixed(2)).join(', ')})${n >= 1_000_000 ? `  target <= 0.6x ${wallRatio <= 0.6 ? 'met' : 'NOT met'}` : ''}; peak RSS ${rssRatio.toFixed(2)}x${n >= 1_000_000 ? `  target <= 1x ${rssRatio <= 1 ? 'met' : 'NOT met'}` : ''}`);
      }
    }
  }
  if (keep) console.log(`\nfiles kept in ${dir}`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
