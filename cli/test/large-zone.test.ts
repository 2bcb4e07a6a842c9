// A zone large enough for the lint's worker thread (shared/src/node/page-worker.ts: 4 MB and up) must give byte for byte the
// output of a lint without it, findings of every kind included.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stsLens } from './sts-lens.ts';

const dir = mkdtempSync(join(tmpdir(), 'sts-lens-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 140 000 records: hosts of every common type, and every few hundred lines a mistake some rule reports. */
function largeZone(): string {
  const out = [
    '$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster ( 2026010101 7200 3600 1209600 300 )', '@ IN NS ns1', '@ IN NS ns2',
    'ns1 IN A 192.0.2.1', '@ IN MX 10 mx1', 'mx1 IN A 192.0.2.25', '_mta-sts IN TXT "v=STSv1; id=20260101T000000"',
    '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"', 'sub IN NS ns.sub', 'www IN CNAME host1',
  ];
  for (let i = 0; i < 130_000; i++) {
    switch (i % 10) {
      case 0: out.push(`host${i} IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`); break;
      case 1: out.push(`host${i} 300 IN AAAA 2001:db8::${i.toString(16)}`); break;
      case 2: out.push(`host${i} IN MX ${i % 50} mx${i % 9}.example.net.`); break;
      case 3: out.push(`host${i} IN TXT "v=spf1 ip4:192.0.2.${i & 255} -all" "token=${i}"`); break;
      case 4: out.push(`alias${i} IN CNAME host${i - 4}`); break;
      case 5: out.push(`_sip._tcp.host${i} 86400 IN SRV 10 60 5060 sip${i % 100}.example.net.`); break;
      default: out.push(`host${i} IN A 10.1.${(i >> 8) & 255}.${i & 255}`);
    }
    if (i % 997 === 0) {
      const k = (i / 997) % 10;
      out.push([
        `bad${i} IN A 10.0.0.${256 + (i % 100)}`, // zone/bad-ipv4
        `alias${i - (i % 10) + 4} IN TXT "next to a CNAME"`, // zone/cname-and-other-data
        `mail${i} IN MX 10 alias${i - (i % 10) + 4}`, // zone/target-is-cname
        `empty..label${i} IN A 10.0.0.1`, // zone/bad-name
        `${'l'.repeat(64)}${i} IN A 10.0.0.2`, // zone/name-length
        `host${i - (i % 10)} 60 IN A 10.9.9.9`, // zone/rrset-ttl (TTL differs from the other A of the name)
        `odd${i} IN BOGUS 1`, // zone/unknown-type
        `ipmx${i} IN MX 10 192.0.2.${i & 255}`, // zone/target-is-address
        `dup${i} IN A 10.0.0.3\ndup${i} IN A 10.0.0.3`, // zone/duplicate-record
        `ttl${i} 99999999999 IN A 10.0.0.4`, // zone/bad-ttl
      ][k]!);
    }
  }
  return `${out.join('\n')}\n`;
}

describe('sts-lens lint of a zone large enough for the worker thread', () => {
  it('prints the same findings with and without it', () => {
    const file = join(dir, 'large.zone');
    writeFileSync(file, largeZone());
    expect(statSync(file).size).toBeGreaterThan(4 << 20);
    const args = ['lint', '--kind', 'zone', '--origin', 'example.com.', '--format', 'json', file];
    const withWorker = stsLens(args);
    const without = stsLens(args, { env: { STS_LENS_PAGE_WORKER: '0' } });
    expect(withWorker.stderr).toBe('');
    expect(withWorker.status).toBe(1);
    expect(without.status).toBe(withWorker.status);
    expect(withWorker.stdout).toBe(without.stdout);
    const codes = new Set((JSON.parse(withWorker.stdout) as { files: { diagnostics: { code: string }[] }[] }).files[0]!.diagnostics.map((d) => d.code));
    for (const code of ['zone/bad-ipv4', 'zone/cname-and-other-data', 'zone/target-is-cname', 'zone/bad-name', 'zone/name-length', 'zone/rrset-ttl', 'zone/unknown-type', 'zone/target-is-address', 'zone/duplicate-record', 'zone/bad-ttl', 'zone/missing-glue']) {
      expect(codes, code).toContain(code);
    }
  }, 60_000);
});
