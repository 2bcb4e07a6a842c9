#!/usr/bin/env node
// bench/scan: `sts-lens check --from` over the generated scan world (cli/world/scan-world.mjs): 10,000 domains behind
// nine shared MX hosts, served by the world's unbound, nginx and Postfix on the same cores. Prints wall time,
// domains/s, peak RSS, STARTTLS probes made against distinct MX hosts, and the same domains through a plain loop of
// one-domain `check` runs, next to the targets of issue 18 (>= 400 domains/s on 2 cores; RSS <= 200 MB at 100k and
// at most 1.5x that of 10k). Figures only, never a verdict.
//   node bench/scan.mjs [--domains 10000] [--big 100000 | --no-big] [--concurrency 16,32,64,128]
//     [--latency-concurrency 32,64,128,256] [--loop 200]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startWorld } from '../cli/world/world.mjs';
import { dnsDelayProxy, tcpDelayProxy } from './lib/delay-proxies.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'cli', 'dist', 'sts-lens.js');
if (!existsSync(bundle)) {
  console.error('bench/scan: build the CLI first (pnpm run build)');
  process.exit(1);
}
const { values } = parseArgs({
  options: {
    domains: { type: 'string', default: '10000' },
    big: { type: 'string', default: '100000' },
    'no-big': { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '16,32,64,128' },
    'latency-concurrency': { type: 'string', default: '32,64,128,256' },
    loop: { type: 'string', default: '200' },
  },
});
const N = Number(values.domains);
const BIG = values['no-big'] ? 0 : Number(values.big);
const LEVELS = values.concurrency.split(',').map(Number);
const LOOP = Number(values.loop);
const LATENCY_LEVELS = values['latency-concurrency'].split(',').map(Number);
const DELAY = 50;
const DEFAULT = 64; // sts-lens check's default --concurrency (cli/src/commands/check.ts)
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Run sts-lens under /usr/bin/time: wall seconds, peak RSS in MB, the summary JSON. */
async function scan(world, list, extra, via = transport(world)) {
  const summaryFile = join(tmpdir(), `sts-lens-bench-scan-${process.pid}.json`);
  const args = ['-f', '%M', process.execPath, bundle, 'check', ...via, '--from', list, '--summary', summaryFile, ...extra];
  const started = Date.now();
  const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const status = await new Promise((resolve) => child.on('close', resolve));
  const seconds = (Date.now() - started) / 1000;
  if (status !== 0) throw new Error(`sts-lens check exited ${status}: ${stderr.slice(-500)}`);
  const rssMb = Number(stderr.trim().split('\n').pop()) / 1024;
  return { seconds, rssMb, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) };
}

function transport(world) {
  return [
    '--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort),
    '--smtp-port', String(world.smtpPort), '--timeout', '10',
  ];
}

/** One `check DOMAIN --format json` process per domain, one after another: what a shell loop over the list does. */
async function plainLoop(world, domains) {
  const started = Date.now();
  for (const d of domains) {
    const child = spawn(process.execPath, [bundle, 'check', ...transport(world), '--format', 'json', d], { stdio: 'ignore' });
    await new Promise((resolve) => child.on('close', resolve));
  }
  return (Date.now() - started) / 1000;
}

console.log(`bench/scan: sts-lens check --from over the scan world, ${process.version}, ${N} domains (load before start: ${load()})`);
let world = await startWorld({ scan: { count: N, seed: 1 } });
const distinctMx = new Set(world.scan.domains.flatMap((d) => d.mx)).size;
let rss10k = NaN;
try {
  console.log('\nconcurrency  wall s  domains/s  peak RSS MB  probes made / distinct MX hosts  DNS queries / lookups  load (1/5/15 min)');
  let best = null;
  for (const c of LEVELS) {
    const r = await scan(world, world.scan.listFile, ['--concurrency', String(c)]);
    const rate = N / r.seconds;
    if (!best || rate > best.rate) best = { c, rate, r };
    if (c === DEFAULT) rss10k = r.rssMb;
    console.log(
      `${String(c).padStart(11)}  ${r.seconds.toFixed(1).padStart(6)}  ${rate.toFixed(0).padStart(9)}  ${r.rssMb.toFixed(0).padStart(11)}  ${`${r.summary.probes.made} / ${distinctMx}`.padStart(32)}  ${`${r.summary.dns.queries} / ${r.summary.dns.lookups}`.padStart(21)}  ${load()}`,
    );
  }
  if (Number.isNaN(rss10k)) rss10k = best.r.rssMb;
  console.log(`  target: >= 400 domains/s on 2 cores with the world on the same cores; best here ${best.rate.toFixed(0)} at concurrency ${best.c}`);

  // The same scan with every DNS answer and every HTTPS connection 50 ms late (proxies in this process), as on a real
  // network: throughput is then bound by round trips, not by the cores, and concurrency pays.
  const dns = await dnsDelayProxy(world.dnsServer, DELAY);
  const https = await tcpDelayProxy(world.httpsPort, DELAY);
  const delayed = [...transport(world)];
  delayed[1] = `127.0.0.1:${dns.port}`;
  delayed[5] = String(https.port);
  const part = join(tmpdir(), `sts-lens-bench-scan-${process.pid}-2000.txt`);
  writeFileSync(part, world.scan.domains.slice(0, 2000).map((d) => d.domain).join('\n') + '\n');
  console.log(`\n2000 of the domains, every DNS answer and HTTPS connection ${DELAY} ms late:`);
  console.log('concurrency  wall s  domains/s  peak RSS MB  load');
  try {
    for (const c of LATENCY_LEVELS) {
      const r = await scan(world, part, ['--concurrency', String(c)], delayed);
      console.log(`${String(c).padStart(11)}  ${r.seconds.toFixed(1).padStart(6)}  ${(2000 / r.seconds).toFixed(0).padStart(9)}  ${r.rssMb.toFixed(0).padStart(11)}  ${load()}`);
    }
  } finally {
    dns.close();
    https.close();
  }

  const sample = world.scan.domains.slice(0, LOOP).map((d) => d.domain);
  const loopSeconds = await plainLoop(world, sample);
  const loopRate = sample.length / loopSeconds;
  console.log(`\nplain loop of one-domain \`check\` (${sample.length} domains, one process each): ${loopSeconds.toFixed(1)} s, ${loopRate.toFixed(1)} domains/s;`);
  console.log(`  the scan is ${(best.rate / loopRate).toFixed(0)}x faster (${N} domains by the loop: about ${(N / loopRate / 60).toFixed(0)} min)   load ${load()}`);
} finally {
  await world.stop();
}

if (BIG > 0) {
  console.log(`\n${BIG} domains (world start-up is slow: ${BIG / 100} certificates, ${BIG * 5} records)`);
  world = await startWorld({ scan: { count: BIG, seed: 1 }, readyTimeoutMs: 180_000 });
  try {
    const r = await scan(world, world.scan.listFile, ['--concurrency', String(DEFAULT)]);
    console.log(`  wall ${r.seconds.toFixed(0)} s, ${(BIG / r.seconds).toFixed(0)} domains/s, peak RSS ${r.rssMb.toFixed(0)} MB (target <= 200), ${(r.rssMb / rss10k).toFixed(2)}x the RSS of ${N} (target <= 1.5), probes ${r.summary.probes.made} for ${new Set(world.scan.domains.flatMap((d) => d.mx)).size} distinct MX hosts   load ${load()}`);
  } finally {
    await world.stop();
  }
}
