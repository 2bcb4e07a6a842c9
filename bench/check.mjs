#!/usr/bin/env node
// bench/check: how much a domain check costs compared with its slowest single request, when every DNS answer,
// the HTTPS response and every SMTP connection are slow; a domain with three MX hosts against its slowest STARTTLS
// probe; 100 domains checked at once, and 50 with every MX probed on the world's Postfix. Small delaying proxies on
// loopback sit between `sts-lens check` and the test world: every DNS answer (UDP), every HTTPS connection and every
// SMTP connection waits DELAY ms. Targets: the whole check costs at most 1.5x its slowest single request (design.md
// §5); a domain's total at most 1.2x its slowest MX probe (issue 13). Prints figures only.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorld } from '../cli/world/world.mjs';
import { dnsDelayProxy, smtpDelayProxies, tcpDelayProxy } from './lib/delay-proxies.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'cli', 'dist', 'sts-lens.js');
const DELAYS = [50, 200];
if (!existsSync(bundle)) {
  console.error('bench/check: build the CLI first (pnpm run build)');
  process.exit(1);
}


/** Run `sts-lens check --format json` (asynchronously: the proxies live in this process) with its peak RSS. */
async function check(args) {
  const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, bundle, 'check', '--format', 'json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise((resolve) => child.on('close', resolve));
  const rssKb = Number(stderr.trim().split('\n').pop());
  return { results: JSON.parse(stdout), rssMb: Number.isFinite(rssKb) ? rssKb / 1024 : NaN };
}

const world = await startWorld();
try {
  const mxHosts = ['127.0.0.1', '127.0.0.31', '127.0.0.32'];
  console.log(`sts-lens check, ${process.version}; delay injected on every DNS answer, every HTTPS and every SMTP connection`);
  console.log('delay  domain         total ms  slowest single ms (which)  ratio  target <= 1.5');
  for (const delay of DELAYS) {
    const dns = await dnsDelayProxy(world.dnsServer, delay);
    const https = await tcpDelayProxy(world.httpsPort, delay);
    const smtp = await smtpDelayProxies(world.smtpPort, delay, mxHosts);
    try {
      for (const domain of ['enforce.test', 'dane.test']) {
        const runs = [];
        for (let i = 0; i < 3; i++) {
          runs.push((await check(['--resolver', `127.0.0.1:${dns.port}`, '--ca', world.caFile, '--https-port', String(https.port), '--smtp-port', String(smtp.port), '--timeout', '5', domain])).results);
        }
        const r = runs.sort((a, b) => a.timings.totalMs - b.timings.totalMs)[1];
        const t = r.timings;
        // A probe starts with the MX answer (and looks up its host's address first): its chain is mx + probe.
        const parts = { sts: t.stsMs, tlsrpt: t.tlsrptMs, mx: t.mxMs, policy: t.policyMs, 'mx+tlsa': t.mxMs + t.tlsaMs, 'mx+smtp': t.mxMs + t.smtpMs };
        const [which, slowest] = Object.entries(parts).sort((a, b) => b[1] - a[1])[0];
        console.log(
          `${String(delay).padStart(5)}  ${domain.padEnd(13)} ${String(t.totalMs).padStart(9)}  ${String(slowest).padStart(17)} (${which})`.padEnd(62) +
            `${(t.totalMs / slowest).toFixed(2).padStart(5)}`,
        );
      }
    } finally {
      dns.close();
      https.close();
      smtp.close();
    }
  }

  // Three MX hosts (three addresses of the world's Postfix), each SMTP connection slowed: probed side by side, the
  // domain costs its slowest probe, not the sum.
  console.log('\nmxtls.test: three MX hosts, SMTP delay injected; total vs slowest single STARTTLS probe (target <= 1.2)');
  console.log('delay  total ms  slowest probe ms  sum of probes ms  ratio');
  for (const delay of DELAYS) {
    const smtp = await smtpDelayProxies(world.smtpPort, delay, mxHosts);
    try {
      const runs = [];
      for (let i = 0; i < 5; i++) {
        runs.push((await check(['--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--smtp-port', String(smtp.port), '--timeout', '5', 'mxtls.test'])).results);
      }
      const r = runs.sort((a, b) => a.timings.totalMs - b.timings.totalMs)[2];
      const probes = r.mx.map((m) => m.tls.ms);
      const slowest = Math.max(...probes);
      const sum = probes.reduce((a, b) => a + b, 0);
      console.log(`${String(delay).padStart(5)}  ${String(r.timings.totalMs).padStart(8)}  ${String(slowest).padStart(16)}  ${String(sum).padStart(16)}  ${(r.timings.totalMs / slowest).toFixed(2).padStart(5)}   (${r.mx.map((m) => m.tls.status).join(' ')})`);
    } finally {
      smtp.close();
    }
  }
  const domains = world.cases.map((c) => c.domain);
  const hundred = Array.from({ length: 100 }, (_, i) => domains[i % domains.length]);
  const started = Date.now();
  const { results, rssMb } = await check(['--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort), '--no-smtp', '--timeout', '3', ...hundred]);
  const wall = Date.now() - started;
  const slowest = Math.max(...results.map((r) => r.timings.totalMs));
  console.log(`\n100 domains at once, --no-smtp (the ${domains.length} world domains cycled; slow.test waits for its 3 s timeout):`);
  console.log(`  wall ${wall} ms (process included), slowest single check ${slowest} ms, peak RSS ${rssMb.toFixed(0)} MB`);

  // 50 domains with every MX host probed on the world's Postfix (one smtpd per connection, as a real MTA runs).
  const quick = domains.filter((d) => d !== 'slow.test');
  const fifty = Array.from({ length: 50 }, (_, i) => quick[i % quick.length]);
  const started50 = Date.now();
  const probed = await check(['--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort), '--smtp-port', String(world.smtpPort), '--timeout', '5', ...fifty]);
  const wall50 = Date.now() - started50;
  const tls = probed.results.flatMap((r) => r.mx.map((m) => m.tls));
  const slowestProbe = Math.max(...tls.map((t) => t.ms));
  console.log(`\n${fifty.length} domains at once with STARTTLS probes (world domains cycled, slow.test left out): ${tls.length} MX probes`);
  console.log(`  wall ${wall50} ms (process included), slowest single check ${Math.max(...probed.results.map((r) => r.timings.totalMs))} ms, slowest probe ${slowestProbe} ms, peak RSS ${probed.rssMb.toFixed(0)} MB`);
} finally {
  await world.stop();
}
