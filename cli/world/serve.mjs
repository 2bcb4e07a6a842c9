#!/usr/bin/env node
// @ts-check
// Start the test world and keep it up until Ctrl-C: `node cli/world/serve.mjs [--verbose]`.
// Used by `pnpm demo` and for trying the CLI, the language server or the browser extension by hand.
import { startWorld } from './world.mjs';

const verbose = process.argv.includes('--verbose');

let world;
try {
  world = await startWorld(verbose ? { log: (line) => console.error(line) } : {});
} catch (e) {
  console.error(`sts-lens test world: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

const w = world;
const width = Math.max(...w.cases.map((c) => c.domain.length));
console.log(`STS Lens test world is up (loopback only; files in ${w.dir})

  DNS resolver   ${w.dnsServer}        (UDP and TCP; serves only the sample zones)
  DoH endpoint   ${w.dohUrl}   (HTTP/2, RFC 8484)
  HTTPS          127.0.0.1:${w.httpsPort}  stands for port 443 of every mta-sts.<domain>
  HTTP           127.0.0.1:${w.httpPort}  stands for port 80
  SMTP           port ${w.smtpPort} on ${w.mxServers.filter((m) => m.kind !== 'closed').map((m) => m.address).join(', ')}  (Postfix; stands for port 25)
  Test CA        ${w.caFile}

Try:
  dig @127.0.0.1 -p ${w.dnsServer.split(':')[1]} _mta-sts.enforce.test TXT
  node cli/dist/sts-lens.js check --resolver ${w.dnsServer} --ca ${w.caFile} --https-port ${w.httpsPort} --smtp-port ${w.smtpPort} mxexpired.test
  openssl s_client -starttls smtp -connect 127.0.0.33:${w.smtpPort} -servername mx1.mxexpired.test -CAfile ${w.caFile}
  curl --cacert ${w.caFile} --resolve mta-sts.enforce.test:${w.httpsPort}:127.0.0.1 https://mta-sts.enforce.test:${w.httpsPort}/.well-known/mta-sts.txt
  chromium --host-resolver-rules="${w.chromiumHostRules}"

Sample domains:
${w.cases.map((c) => `  ${c.domain.padEnd(width)}  ${c.verdict.padEnd(8)}  ${c.description}`).join('\n')}

Ctrl-C stops the world.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await w.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// Keep the event loop alive while the servers run.
setInterval(() => undefined, 1 << 30);
