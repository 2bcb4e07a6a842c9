#!/usr/bin/env node
// bench/check: how much a domain check costs compared with its slowest single request, when every DNS answer
// and the HTTPS response are slow; and 100 domains checked at once. A small delaying proxy on loopback sits
// between `sts-lens check` and the test world: every DNS answer (UDP) and every HTTPS connection waits DELAY ms.
// Target (design.md §5): the whole check costs at most 1.5x its slowest single request. Prints figures only.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorld } from '../cli/world/world.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'cli', 'dist', 'sts-lens.js');
const DELAYS = [50, 200];
if (!existsSync(bundle)) {
  console.error('bench/check: build the CLI first (pnpm run build)');
  process.exit(1);
}

/** A UDP DNS proxy answering each query `delay` ms late, from `upstream` (`HOST:PORT`). */
function dnsDelayProxy(upstream, delay) {
  const [uHost, uPort] = [upstream.slice(0, upstream.lastIndexOf(':')), Number(upstream.slice(upstream.lastIndexOf(':') + 1))];
  const server = dgram.createSocket('udp4');
  server.on('message', (msg, rinfo) => {
    const up = dgram.createSocket('udp4');
    up.on('message', (answer) => {
      setTimeout(() => server.send(answer, rinfo.port, rinfo.address), delay);
      up.close();
    });
    up.send(msg, uPort, uHost);
  });
  return new Promise((resolve) => server.bind(0, '127.0.0.1', () => resolve({ port: server.address().port, close: () => server.close() })));
}

/** A TCP proxy that opens the upstream connection `delay` ms late (so the HTTPS answer comes that much later). */
function tcpDelayProxy(upstreamPort, delay) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.pause();
    setTimeout(() => {
      const up = net.connect(upstreamPort, '127.0.0.1', () => {
        client.pipe(up);
        up.pipe(client);
        client.resume();
      });
      sockets.add(up);
      up.on('error', () => client.destroy());
      client.on('error', () => up.destroy());
      up.on('close', () => sockets.delete(up));
    }, delay);
    client.on('close', () => sockets.delete(client));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
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
  console.log(`sts-lens check, ${process.version}; delay injected on every DNS answer and every HTTPS connection`);
  console.log('delay  domain         total ms  slowest single ms (which)  ratio  target <= 1.5');
  for (const delay of DELAYS) {
    const dns = await dnsDelayProxy(world.dnsServer, delay);
    const https = await tcpDelayProxy(world.httpsPort, delay);
    try {
      for (const domain of ['enforce.test', 'dane.test']) {
        const runs = [];
        for (let i = 0; i < 3; i++) {
          runs.push((await check(['--resolver', `127.0.0.1:${dns.port}`, '--ca', world.caFile, '--https-port', String(https.port), '--timeout', '5', domain])).results);
        }
        const r = runs.sort((a, b) => a.timings.totalMs - b.timings.totalMs)[1];
        const t = r.timings;
        const parts = { sts: t.stsMs, tlsrpt: t.tlsrptMs, mx: t.mxMs, policy: t.policyMs, 'mx+tlsa': t.mxMs + t.tlsaMs };
        const [which, slowest] = Object.entries(parts).sort((a, b) => b[1] - a[1])[0];
        console.log(
          `${String(delay).padStart(5)}  ${domain.padEnd(13)} ${String(t.totalMs).padStart(9)}  ${String(slowest).padStart(17)} (${which})`.padEnd(62) +
            `${(t.totalMs / slowest).toFixed(2).padStart(5)}`,
        );
      }
    } finally {
      dns.close();
      https.close();
    }
  }
  const domains = world.cases.map((c) => c.domain);
  const hundred = Array.from({ length: 100 }, (_, i) => domains[i % domains.length]);
  const started = Date.now();
  const { results, rssMb } = await check(['--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort), '--timeout', '3', ...hundred]);
  const wall = Date.now() - started;
  const slowest = Math.max(...results.map((r) => r.timings.totalMs));
  console.log(`\n100 domains at once (the ${domains.length} world domains, 4 times; slow.test waits for its 3 s timeout):`);
  console.log(`  wall ${wall} ms (process included), slowest single check ${slowest} ms, peak RSS ${rssMb.toFixed(0)} MB`);
} finally {
  await world.stop();
}
