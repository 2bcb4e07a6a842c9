// @ts-check
// `pnpm demo`: start the test world (DNS, DoH and HTTPS for the sample domains, loopback only), run
// `sts-lens check` on every sample domain as a user would, print its output and a summary, then scan the world's
// 2,000 generated domains (`check --from`, cli/world/scan-world.mjs) and compare each verdict with the one built,
// stop the world.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorld } from './world.mjs';

const bundle = fileURLToPath(new URL('../dist/sts-lens.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('demo: build the CLI first (`pnpm run build`)');
  process.exit(2);
}

const SCAN = 2000;
const world = await startWorld({ scan: { count: SCAN, seed: 1 } });
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

  // A scan: the generated domains, nine MX hosts shared by all, one NDJSON line each; the summary on stderr.
  const scan = /** @type {NonNullable<typeof world.scan>} */ (world.scan);
  const out = join(world.dir, 'scan.ndjson');
  console.log(`\nA scan of ${SCAN} generated domains behind nine shared MX hosts (cli/world/scan-world.mjs):`);
  console.log(`$ sts-lens check ${transport.join(' ')} --from ${scan.listFile} --resume ${out}\n`);
  const run = spawnSync(process.execPath, [bundle, 'check', ...transport, '--from', scan.listFile, '--resume', out], { stdio: ['ignore', 'inherit', 'inherit'], env });
  /** @type {{ line: number, verdict?: string }[]} */
  const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const wrong = lines.filter((l) => l.verdict !== scan.domains[l.line - 1]?.verdict);
  if (run.status !== 0 || lines.length !== SCAN || wrong.length > 0) status = 1;
  console.log(`\n${lines.length} lines for ${SCAN} inputs; ${wrong.length === 0 ? 'every verdict is the one the domain was built for' : `${wrong.length} verdicts differ from the ones built`}. First line:`);
  console.log(`${JSON.stringify(lines[0]).slice(0, 300)}…`);
} finally {
  await world.stop();
}
process.exit(status);
