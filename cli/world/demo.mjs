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
  const transport = ['--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort), '--timeout', '3'];
  const domains = world.cases.map((c) => c.domain);
  console.log(`The demo world is up: DNS ${world.dnsServer}, DoH ${world.dohUrl}, HTTPS 127.0.0.1:${world.httpsPort}, test CA ${world.caFile}`);
  console.log(`$ sts-lens check ${transport.join(' ')} ${domains.join(' ')}\n`);
  const env = { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
  spawnSync(process.execPath, [bundle, 'check', ...transport, ...domains], { stdio: 'inherit', env });

  const json = spawnSync(process.execPath, [bundle, 'check', ...transport, '--format', 'json', ...domains], { encoding: 'utf8' });
  /** @type {{ domain: string, verdict: string, score: number }[]} */
  const results = JSON.parse(json.stdout);
  console.log('\nSummary: what each sample domain shows');
  console.log(`  ${'domain'.padEnd(17)} ${'verdict'.padEnd(9)} score  what it exercises`);
  for (const c of world.cases) {
    const r = results.find((x) => x.domain === c.domain);
    const ok = r?.verdict === c.verdict;
    if (!ok) status = 1;
    console.log(`  ${c.domain.padEnd(17)} ${(r?.verdict ?? '?').padEnd(9)} ${String(r?.score ?? '?').padStart(5)}  ${c.exercises.join(', ')}${ok ? '' : `  (expected ${c.verdict}!)`}`);
  }
  console.log(status === 0 ? '\nEvery verdict is the expected one.' : '\nSome verdicts differ from the expected ones (marked above).');
} finally {
  await world.stop();
}
process.exit(status);
