// @ts-check
// `pnpm demo`: start the test world (DNS, DoH and HTTPS for the sample domains, loopback only), run
// `sts-lens check` on every sample domain as a user would, print its output and a summary, stop the world.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startWorld } from './world.mjs';

const bundle = fileURLToPath(new URL('../dist/sts-lens.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('demo: build the CLI first (`pnpm run build`)');
  process.exit(2);
}

const world = await startWorld();
let status = 0;
try {
  const transport = [
    '--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort),
    '--smtp-port', String(world.smtpPort), '--timeout', '3',
  ];
  const domains = world.cases.map((c) => c.domain);
  console.log(`The demo world is up: DNS ${world.dnsServer}, DoH ${world.dohUrl}, HTTPS 127.0.0.1:${world.httpsPort}, SMTP (Postfix) port ${world.smtpPort} on the MX addresses, test CA ${world.caFile}`);
  console.log(`$ sts-lens check ${transport.join(' ')} ${domains.join(' ')}\n`);
  const env = { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
  spawnSync(process.execPath, [bundle, 'check', ...transport, ...domains], { stdio: 'inherit', env });

  const json = spawnSync(process.execPath, [bundle, 'check', ...transport, '--format', 'json', ...domains], { encoding: 'utf8' });
  /** @type {{ domain: string, verdict: string, score: number, mx: { host: string, tls: { status: string } }[] }[]} */
  const results = JSON.parse(json.stdout);
  console.log('\nSummary: what each sample domain shows (MX TLS: each MX host\'s STARTTLS status, probed on Postfix)');
  const dw = Math.max(...world.cases.map((c) => c.domain.length)) + 1;
  console.log(`  ${'domain'.padEnd(dw)} ${'verdict'.padEnd(9)} score  ${'MX TLS'.padEnd(22)} what it exercises`);
  for (const c of world.cases) {
    const r = results.find((x) => x.domain === c.domain);
    const tls = r?.mx.map((m) => m.tls.status) ?? [];
    const wantTls = r?.mx.map((m) => c.mxTls?.[m.host] ?? 'ok') ?? [];
    const ok = r?.verdict === c.verdict && tls.join() === wantTls.join();
    if (!ok) status = 1;
    const expected = ok ? '' : `  (expected ${c.verdict}, MX TLS ${wantTls.join(' ')}!)`;
    console.log(`  ${c.domain.padEnd(dw)} ${(r?.verdict ?? '?').padEnd(9)} ${String(r?.score ?? '?').padStart(5)}  ${tls.join(' ').padEnd(22)} ${c.exercises.join(', ')}${expected}`);
  }
  console.log(status === 0 ? '\nEvery verdict and MX TLS status is the expected one.' : '\nSome verdicts or MX TLS statuses differ from the expected ones (marked above).');
} finally {
  await world.stop();
}
process.exit(status);
