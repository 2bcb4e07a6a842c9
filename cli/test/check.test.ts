// `sts-lens check` and `sts-lens init` as a process, against the local test world (unbound + nginx + test CA).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM JavaScript with JSDoc types, no declaration file
import { startWorld, worldDir } from '../world/world.mjs';
import { stsLens, type Run } from './sts-lens.ts';

interface World {
  dnsServer: string;
  dohUrl: string;
  httpsPort: number;
  httpPort: number;
  smtpPort: number;
  caFile: string;
  cases: { domain: string; verdict: string; previousPolicy?: string; mxTls?: Record<string, string> }[];
  stop(): Promise<void>;
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  source: string;
  message: string;
  range: { start: { line: number; character: number } };
}
interface JsonResult {
  domain: string;
  verdict: string;
  score: number | null;
  unreachable: string | null;
  derivedFrom: string;
  sts: { id: string | null; records: { value: string }[]; cnames: string[] };
  policy: { fetched: boolean; status: number | null; mode: string | null; maxAge: number | null; mx: string[]; text: string | null };
  mx: {
    host: string;
    preference: number;
    pattern: string | null;
    tlsa: boolean;
    tls: {
      status: string;
      address: string | null;
      protocol: string | null;
      certificate: { subject: string; issuer: string; names: string[]; notAfter: string; daysLeft: number } | null;
      error: string | null;
      ms: number;
    };
  }[];
  tlsrpt: { rua: string[] };
  diagnostics: JsonDiagnostic[];
  timings: { totalMs: number; mxMs: number; smtpMs: number };
}

/** Every world case: the verdict and the exact findings (source:code:severity) the checker must give. */
const EXPECTED: Record<string, { verdict: string; score: number; codes: string[] }> = {
  'enforce.test': { verdict: 'enforced', score: 100, codes: [] },
  'testing.test': { verdict: 'testing', score: 90, codes: [] },
  'none.test': { verdict: 'none', score: 65, codes: ['policy:check/mode-none:warning'] },
  'absent.test': { verdict: 'absent', score: 0, codes: ['dns:check/sts-missing:warning'] },
  'tlsrptonly.test': { verdict: 'absent', score: 10, codes: ['dns:check/sts-missing:warning', 'tlsrpt:check/tlsrpt-without-sts:info'] },
  'redirect.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-redirect:error'] },
  'notfound.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-status:error'] },
  'html.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-content-type:error'] },
  'httponly.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-http-only:error'] },
  'wrongname.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-certificate:error'] },
  'expired.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-certificate:error'] },
  'untrusted.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-certificate:error'] },
  'big.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-too-large:error'] },
  'slow.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-slow:error'] },
  'uncovered.test': { verdict: 'broken', score: 75, codes: ['dns:check/mx-not-covered:error'] },
  'twolabels.test': { verdict: 'broken', score: 75, codes: ['dns:check/mx-not-covered:error', 'dns:check/mx-pattern-unused:info'] },
  'several.test': { verdict: 'broken', score: 10, codes: ['dns:check/sts-multiple:error', 'dns:check/txt-unrelated:hint'] },
  'cut.test': { verdict: 'broken', score: 10, codes: ['sts:sts-txt/id-missing:error'] },
  'split.test': { verdict: 'enforced', score: 100, codes: [] },
  'nortlsrpt.test': { verdict: 'enforced', score: 90, codes: ['tlsrpt:check/tlsrpt-missing:warning'] },
  'badrua.test': { verdict: 'enforced', score: 90, codes: ['tlsrpt:tlsrpt-txt/rua-missing-mailto:error', 'tlsrpt:tlsrpt-txt/rua-scheme:error'] },
  'dane.test': { verdict: 'enforced', score: 100, codes: ['dns:check/dane-present:info'] },
  'cname.test': { verdict: 'enforced', score: 100, codes: [] },
  'stale.test': { verdict: 'enforced', score: 100, codes: [] },
  'nohost.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-host-missing:error'] },
  'mxtls.test': { verdict: 'enforced', score: 100, codes: [] },
  'mxexpired.test': { verdict: 'broken', score: 70, codes: ['smtp:check/mx-certificate-expired:error'] },
  'mxwrongname.test': { verdict: 'broken', score: 70, codes: ['smtp:check/mx-certificate-name:error'] },
  'mxselfsigned.test': { verdict: 'broken', score: 70, codes: ['smtp:check/mx-certificate-untrusted:error'] },
  'mxexpiring.test': { verdict: 'enforced', score: 100, codes: ['smtp:check/mx-certificate-expiring:warning'] },
  'mxplain.test': { verdict: 'broken', score: 70, codes: ['smtp:check/mx-starttls-missing:error'] },
  'mxdown.test': { verdict: 'enforced', score: 100, codes: ['smtp:check/mx-unreachable:warning'] },
  'mxtesting.test': { verdict: 'testing', score: 80, codes: ['smtp:check/mx-certificate-expired:warning'] },
  'mxv6.test': { verdict: 'enforced', score: 100, codes: [] },
  'mxdual.test': { verdict: 'enforced', score: 100, codes: [] },
  'mxcnonly.test': { verdict: 'broken', score: 70, codes: ['smtp:check/mx-certificate-name:error'] },
  'mxdeep.test': { verdict: 'broken', score: 70, codes: ['smtp:check/mx-certificate-name:error'] },
  'mxfuture.test': { verdict: 'broken', score: 70, codes: ['smtp:check/mx-certificate-expired:error'] },
  'mxchain.test': { verdict: 'broken', score: 70, codes: ['smtp:check/mx-certificate-untrusted:error'] },
  'mxip.test': { verdict: 'broken', score: 75, codes: ['dns:check/mx-ip-address:error'] },
  'mxcname.test': { verdict: 'enforced', score: 100, codes: [] },
};

let world: World;
const world_cases = () => Object.keys(EXPECTED);
let transport: string[];
let all: Run;
let results: Map<string, JsonResult>;

beforeAll(async () => {
  world = (await startWorld()) as World;
  transport = [
    '--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort),
    '--smtp-port', String(world.smtpPort), '--timeout', '3',
  ];
  all = stsLens(['check', ...transport, '--format', 'json', ...world.cases.map((c) => c.domain)]);
  const parsed = JSON.parse(all.stdout) as JsonResult[];
  results = new Map(parsed.map((r) => [r.domain, r]));
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

describe('sts-lens check against the test world', () => {
  it('covers every world case with an expectation', () => {
    expect(world.cases.map((c) => c.domain).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const c of world.cases) expect(EXPECTED[c.domain]!.verdict, c.domain).toBe(c.verdict);
  });

  it('checks all domains in one run and exits 1 because some have errors', () => {
    expect(all.stderr).toBe('');
    expect(all.status).toBe(1);
    expect(results.size).toBe(world.cases.length);
  });

  it.each(Object.entries(EXPECTED))('%s: verdict, score and exact findings', (domain, want) => {
    const r = results.get(domain)!;
    expect(r.verdict).toBe(want.verdict);
    expect(r.diagnostics.map((d) => `${d.source}:${d.code}:${d.severity}`)).toEqual(want.codes);
    expect(r.score).toBe(want.score);
  });

  it.each(world_cases())('%s: every MX host probed on Postfix with the expected TLS status', (domain) => {
    const c = world.cases.find((x) => x.domain === domain)!;
    const r = results.get(domain)!;
    expect(r.mx.length).toBeGreaterThan(0);
    for (const m of r.mx) {
      const want = c.mxTls?.[m.host] ?? 'ok';
      expect(m.tls.status, m.host).toBe(want);
      if (want === 'unreachable' || want === 'no-starttls') expect(m.tls.certificate, m.host).toBeNull();
      else expect(m.tls.protocol, m.host).toBe('TLSv1.3');
      if (m.host === '127.0.0.5') expect(m.tls.address, m.host).toBeNull();
      else expect(m.tls.address, m.host).toMatch(/^127\.0\.0\.\d+$|^::1$/);
      expect(m.tls.ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports each MX certificate exactly: subject, issuer, names, notAfter and days left', () => {
    const [mx1, mx2] = results.get('mxtls.test')!.mx;
    expect(mx1!.tls).toMatchObject({ status: 'ok', address: '127.0.0.1', error: null });
    expect(mx1!.tls.certificate!.names).toContain('mx1.mxtls.test');
    expect(mx1!.tls.certificate!.issuer).toMatch(/^O=STS Lens test world, CN=STS Lens test CA /);
    expect(mx1!.tls.certificate!.daysLeft).toBe(89);
    expect(mx2!.tls).toMatchObject({ status: 'ok', address: '127.0.0.31', certificate: { subject: 'CN=*.mxtls.test', names: ['*.mxtls.test'] } });
    const expired = results.get('mxexpired.test')!.mx[0]!.tls;
    expect(expired).toMatchObject({ status: 'expired', certificate: { notAfter: '2020-02-01T00:00:00.000Z' }, error: 'the certificate expired on 2020-02-01' });
    expect(expired.certificate!.daysLeft).toBeLessThan(-2000);
    expect(results.get('mxexpiring.test')!.mx[0]!.tls.certificate!.daysLeft).toBe(2);
    expect(results.get('mxwrongname.test')!.mx[0]!.tls.error).toBe('the certificate names `mx.elsewhere.test`, not `mx1.mxwrongname.test`');
    expect(results.get('mxselfsigned.test')!.mx[0]!.tls.error).toBe('the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT; issuer CN=mx1.mxselfsigned.test)');
    expect(results.get('mxplain.test')!.mx[0]!.tls.error).toBe('the EHLO reply lists no STARTTLS extension');
    expect(results.get('mxdown.test')!.mx[1]!.tls.error).toBe(`nothing answered on port ${world.smtpPort} (127.0.0.38: connection refused)`);
  });

  it('names the subtler certificate faults exactly, and probes over IPv6', () => {
    expect(results.get('mxv6.test')!.mx[0]!.tls).toMatchObject({ status: 'ok', address: '::1', protocol: 'TLSv1.3', certificate: { names: ['mx1.mxv6.test', 'mx1.mxdual.test'] } });
    // A 127.0.0.38 refuses the connection, AAAA ::1 answers: the address that answered is reported.
    expect(results.get('mxdual.test')!.mx[0]!.tls).toMatchObject({ status: 'ok', address: '::1', error: null });
    expect(results.get('mxcnonly.test')!.mx[0]!.tls).toMatchObject({
      status: 'name-mismatch',
      certificate: { subject: 'CN=mx1.mxcnonly.test', names: [] },
      error:
        'the certificate has no DNS name in its subjectAltName; `mx1.mxcnonly.test` appears only in its subject CN, which MTA-STS senders do not consult (RFC 8461 §4.2 requires a subjectAltName DNS-ID; the CN fallback of RFC 6125 §6.4.4 does not apply)',
    });
    expect(results.get('mxdeep.test')!.mx[0]!.tls.error).toBe(
      'the certificate names `*.mxdeep.test`, not `a.b.mxdeep.test` (a wildcard covers exactly one label: `*.mxdeep.test` covers `b.mxdeep.test`, not `a.b.mxdeep.test`)',
    );
    const future = results.get('mxfuture.test')!.mx[0]!.tls;
    expect(future.status).toBe('expired');
    expect(future.error).toMatch(/^the certificate is not valid before \d{4}-\d\d-\d\d$/);
    expect(Date.parse(future.error!.slice(-10)) - Date.now()).toBeGreaterThan(28 * 86_400_000);
    expect(results.get('mxchain.test')!.mx[0]!.tls).toMatchObject({
      status: 'untrusted',
      certificate: { issuer: 'O=STS Lens test world, CN=STS Lens test intermediate' },
      error: 'the server sent no intermediate certificate leading to a trusted root (UNABLE_TO_VERIFY_LEAF_SIGNATURE; issuer O=STS Lens test world, CN=STS Lens test intermediate)',
    });
    // The MX host is a CNAME: the certificate names the MX host (not the target smtp.mxcname.test), and that passes.
    const cname = results.get('mxcname.test')!.mx[0]!;
    expect(cname.host).toBe('mx1.mxcname.test');
    expect(cname.tls).toMatchObject({ status: 'ok', address: '127.0.0.1' });
    expect(cname.tls.certificate!.names).toContain('mx1.mxcname.test');
    expect(cname.tls.certificate!.names).not.toContain('smtp.mxcname.test');
    const ip = results.get('mxip.test')!;
    expect(ip.mx.map((m) => [m.host, m.tls.status])).toEqual([['mx1.mxip.test', 'ok'], ['127.0.0.5', 'unreachable']]);
    expect(ip.diagnostics[0]!.message).toContain('MX record `20 127.0.0.5.` names an IP address, not a host name');
  });

  it('probes in parallel with the lookups and the fetch: a domain costs about its slowest probe', () => {
    const r = results.get('mxtls.test')!;
    const slowest = Math.max(...r.mx.map((m) => m.tls.ms));
    expect(r.timings.totalMs).toBeLessThan(r.timings.mxMs + slowest + 250);
  });

  it('--no-smtp: every MX skipped, verdicts and scores as without probes', () => {
    const r = stsLens(['check', ...transport, '--no-smtp', '--format', 'json', 'mxexpired.test', 'mxplain.test', 'mxdown.test', 'mxtesting.test']);
    const got = JSON.parse(r.stdout) as JsonResult[];
    expect(got.map((x) => [x.domain, x.verdict, x.score])).toEqual([
      ['mxexpired.test', 'enforced', 100],
      ['mxplain.test', 'enforced', 100],
      ['mxdown.test', 'enforced', 100],
      ['mxtesting.test', 'testing', 90],
    ]);
    for (const x of got) {
      expect(x.diagnostics).toEqual([]);
      for (const m of x.mx) expect(m.tls).toEqual({ status: 'skipped', address: null, protocol: null, certificate: null, error: null, ms: 0 });
    }
    expect(r.status).toBe(0);
    const text = stsLens(['check', ...transport, '--no-smtp', 'mxexpired.test']);
    expect(text.stdout).toMatch(/^ {2}MX +10 mx1\.mxexpired\.test +✓ mx1\.mxexpired\.test +TLS not checked$/m);
    expect(text.stdout).toContain('  MX TLS   not checked (no STARTTLS probe was made)');
  });

  it('prints one line per MX with its TLS, and what failed', () => {
    const r = stsLens(['check', ...transport, 'mxexpired.test', 'mxdown.test', 'mxtesting.test']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}MX +10 mx1\.mxexpired\.test +✓ mx1\.mxexpired\.test +✗ TLS 1\.3, certificate expired 2020-02-01 {2}\[127\.0\.0\.33\]$/m);
    expect(r.stdout).toContain('  MX TLS   0 of 1 MX host ready for MTA-STS; senders refuse mx1.mxexpired.test (certificate out of date)');
    expect(r.stdout).toMatch(/^ +20 mx2\.mxdown\.test +✓ \*\.mxdown\.test +\? no answer on SMTP {2}\[127\.0\.0\.38\]$/m);
    expect(r.stdout).toContain('  MX TLS   1 of 2 MX hosts ready for MTA-STS, 1 not known');
    expect(r.stdout).toContain('  MX TLS   0 of 1 MX host ready for MTA-STS; not ready to enforce: fix mx1.mxexpired.test (certificate out of date)');
    expect(r.stdout).toMatch(/error +check\/mx-certificate-expired \(smtp\) +the certificate of MX host `mx1\.mxexpired\.test` is out of date/);
  });

  it('sends the EHLO name given with --ehlo, and rejects a bad one', () => {
    const ok = stsLens(['check', ...transport, '--ehlo', 'probe.example.net', '--format', 'json', 'mxtls.test']);
    expect((JSON.parse(ok.stdout) as JsonResult).verdict).toBe('enforced');
    expect(stsLens(['check', ...transport, '--ehlo', 'not a name', 'mxtls.test']).stderr).toContain('--ehlo needs a host name');
    expect(stsLens(['check', ...transport, '--no-smtp', '--ehlo', 'x.test', 'mxtls.test']).status).toBe(2);
  });

  it('says port 25 may be blocked when no MX host answers, and keeps the verdict', () => {
    // Nothing listens on port 9 of the loopback MX addresses (a later --smtp-port wins).
    const r = stsLens(['check', ...transport, '--smtp-port', '9', '--format', 'json', 'mxtls.test']);
    const j = JSON.parse(r.stdout) as JsonResult;
    expect([j.verdict, j.score]).toEqual(['enforced', 100]);
    expect(j.mx.map((m) => m.tls.status)).toEqual(['unreachable', 'unreachable', 'unreachable']);
    expect(j.diagnostics.map((d) => `${d.code}:${d.severity}`)).toEqual(['check/mx-unreachable:warning']);
    expect(j.diagnostics[0]!.message).toContain('outbound port 25 may be blocked from this network');
    expect(r.status).toBe(0);
  });

  it('reports the MX table with the covering pattern, or none', () => {
    expect(results.get('enforce.test')!.mx.map((m) => [m.host, m.pattern])).toEqual([
      ['mx1.enforce.test', '*.enforce.test'],
      ['mx.world.test', 'mx.world.test'],
    ]);
    const two = results.get('twolabels.test')!;
    expect(two.mx.some((m) => m.pattern === null && m.host.split('.').length > 3)).toBe(true);
    expect(results.get('dane.test')!.mx.some((m) => m.tlsa)).toBe(true);
    expect(results.get('cname.test')!.sts.cnames.length).toBeGreaterThan(0);
  });

  it('joins the strings of a split TXT record and reads the policy fields', () => {
    const r = results.get('split.test')!;
    expect(r.sts.id).not.toBeNull();
    const e = results.get('enforce.test')!;
    expect(e.policy).toMatchObject({ fetched: true, status: 200, mode: 'enforce' });
    expect(e.tlsrpt.rua.length).toBeGreaterThan(0);
  });

  it('exits 0 for a clean domain and prints a table a person reads at a glance', () => {
    const r = stsLens(['check', ...transport, 'enforce.test']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^enforce\.test {2}ENFORCED: senders must use TLS to the listed MX hosts {2}score 100\/100$/);
    expect(r.stdout).toMatch(/^ {2}MX +10 mx1\.enforce\.test {2}✓ \*\.enforce\.test {2}✓ TLS 1\.3, certificate valid 89 days {2}\[127\.0\.0\.1\]$/m);
    expect(r.stdout).toMatch(/^ +20 mx\.world\.test {5}✓ mx\.world\.test {3}✓ TLS 1\.3, certificate valid 89 days {2}\[127\.0\.0\.1\]$/m);
    expect(r.stdout).toContain('  MX TLS   2 of 2 MX hosts ready for MTA-STS\n');
    expect(r.stdout).toContain('No problems found.');
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('prints each problem with its code, source and way out', () => {
    const r = stsLens(['check', ...transport, 'uncovered.test']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/error +check\/mx-not-covered \(dns\) +MX host `[^`]+` is not covered by any `mx:` pattern/);
    expect(r.stdout).toContain('add `mx: ');
  });

  it('accepts a URL or an address and says which domain it checked', () => {
    const r = stsLens(['check', ...transport, '--format', 'json', 'https://www.testing.test/some/page?x=1']);
    const j = JSON.parse(r.stdout) as JsonResult;
    expect([j.domain, j.derivedFrom, j.verdict]).toEqual(['testing.test', 'url', 'testing']);
    const text = stsLens(['check', ...transport, 'postmaster@testing.test']);
    expect(text.stdout.split('\n')[0]).toContain('(from the address postmaster@testing.test)');
  });

  it('reaches the same answer over DNS-over-HTTPS (HTTP/2, wire format)', () => {
    const r = stsLens(['check', '--doh', world.dohUrl, ...transport.slice(2), '--format', 'json', 'enforce.test', 'cut.test', 'mxdual.test']);
    const [a, b, c] = JSON.parse(r.stdout) as JsonResult[];
    expect([a!.verdict, b!.verdict, c!.verdict]).toEqual(['enforced', 'broken', 'enforced']);
    // The MX hosts' A and AAAA come over DoH too: the system resolver knows no `.test` name, and mx1.mxdual.test
    // answers only at its AAAA (::1), after its A (127.0.0.38) refused.
    expect(c!.mx[0]!.tls).toMatchObject({ status: 'ok', address: '::1' });
  });

  it('catches a policy changed while the id stayed (--since an earlier JSON result)', () => {
    const stale = world.cases.find((c) => c.domain === 'stale.test')!;
    const now = results.get('stale.test')!;
    const dir = mkdtempSync(join(tmpdir(), 'sts-lens-since-'));
    const earlier = { ...now, policy: { ...now.policy, text: readFileSync(join(worldDir, 'policies', stale.previousPolicy!), 'utf8') } };
    writeFileSync(join(dir, 'last.json'), JSON.stringify(earlier));
    const r = stsLens(['check', ...transport, '--format', 'json', '--since', join(dir, 'last.json'), 'stale.test']);
    const j = JSON.parse(r.stdout) as JsonResult;
    expect(j.diagnostics.map((d) => d.code)).toEqual(['check/stale-id']);
    expect(r.status).toBe(1);
  });

  it('gives policy findings positions inside the policy text', () => {
    const r = stsLens(['check', ...transport, '--format', 'json', 'uncovered.test', 'none.test']);
    const [u] = JSON.parse(r.stdout) as JsonResult[];
    expect(u!.diagnostics[0]!.range.start).toEqual({ line: 0, character: 0 });
  });

  // A resolver or DoH provider that gives no answer is no verdict on the domain: exit 2, one line on stderr per domain,
  // nothing on stdout in text, and in JSON an entry that says nothing was checked (verdict unknown, no score, no findings).
  const notChecked = (r: JsonResult | undefined) => ({ verdict: r?.verdict, score: r?.score, diagnostics: r?.diagnostics, unreachable: typeof r?.unreachable });
  const unchecked = { verdict: 'unknown', score: null, diagnostics: [], unreachable: 'string' };

  it('fails with exit 2 and one clear line when the resolver does not answer, and says in JSON that nothing was checked', () => {
    const r = stsLens(['check', '--resolver', '127.0.0.1:9', '--timeout', '500ms', 'enforce.test']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sts-lens check: could not check enforce\.test: DNS 127\.0\.0\.1:9 did not answer \(.+\); is the resolver reachable\?\n$/);
    const j = stsLens(['check', '--resolver', '127.0.0.1:9', '--timeout', '500ms', '--format', 'json', 'enforce.test']);
    expect(j.status).toBe(2);
    expect(notChecked(JSON.parse(j.stdout) as JsonResult)).toEqual(unchecked);
    expect(j.stderr).toBe(r.stderr.replace(/\(.+\)/, `(${(JSON.parse(j.stdout) as JsonResult).unreachable})`));
  });

  // The DoH provider's outage is no verdict on the domain, for a domain with MTA-STS and one without.
  it.each([
    ['untrusted (the world’s CA not given)', () => world.dohUrl, /certificate|self.signed|issuer/i],
    ['not listening', () => 'https://127.0.0.1:9/dns-query', /ECONNREFUSED|connect/i],
  ])('fails with exit 2 when the DoH provider is %s, for a domain with and one without MTA-STS', (_what, url, why) => {
    for (const format of ['text', 'json']) {
      const r = stsLens(['check', '--doh', url(), '--timeout', '2s', '--format', format, 'enforce.test', 'absent.test']);
      expect(r.status).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.map((l) => l.replace(/ \(.*\); /, ' (…); '))).toEqual(
        ['enforce.test', 'absent.test'].map((d) => `sts-lens check: could not check ${d}: DoH ${url()} did not answer (…); is the resolver reachable?`),
      );
      expect(lines[0]).toMatch(why);
      if (format === 'text') {
        expect(r.stdout).toBe('');
      } else {
        const entries = JSON.parse(r.stdout) as JsonResult[];
        expect(entries.map((e) => e.domain)).toEqual(['enforce.test', 'absent.test']);
        expect(entries.map(notChecked)).toEqual([unchecked, unchecked]);
        expect(entries[0]!.unreachable).toMatch(why);
      }
    }
  });

  // A scan draws the same line: a domain not checked gets its line, the same object as `check --format json`, and the
  // scan still completes (exit 0: in a scan an unchecked domain is data, counted apart in the summary).
  it('gives a scan line that says nothing was checked when the resolver does not answer', () => {
    const r = stsLens(['check', '--resolver', '127.0.0.1:9', '--timeout', '500ms', '--no-progress', '--from', '-'], { input: 'enforce.test\n# a comment\nabsent.test\n' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as JsonResult & { input: string; line: number });
    expect(lines.map((l) => [l.input, l.line, l.domain])).toEqual([['enforce.test', 1, 'enforce.test'], ['absent.test', 3, 'absent.test']]);
    expect(lines.map(notChecked)).toEqual([unchecked, unchecked]);
    const text = stsLens(['check', '--resolver', '127.0.0.1:9', '--timeout', '500ms', '--no-progress', '--format', 'text', '--from', '-'], { input: 'enforce.test\n' });
    expect(text.stdout).toMatch(/^line 1: could not check enforce\.test: DNS 127\.0\.0\.1:9 did not answer \(.+\)\n$/);
  });

  it('rejects input that names no domain, and bad options, with exit 2', () => {
    expect(stsLens(['check', '192.0.2.1']).stderr).toContain('is an IP address');
    expect(stsLens(['check', '--timeout', 'soon', 'a.test']).status).toBe(2);
    expect(stsLens(['check', '--resolver', 'x:y:z', 'a.test']).stderr).toContain('--resolver needs HOST:PORT');
    expect(stsLens(['check']).stderr).toContain('name at least one domain');
  });
});

describe('sts-lens init against the test world', () => {
  const smtp = () => ['--smtp-port', String(world.smtpPort), '--ca', world.caFile];

  it('prints an enforce policy when every MX host passes STARTTLS, an STS record with a fresh id and a TLS-RPT record', () => {
    const r = stsLens(['init', '--resolver', world.dnsServer, ...smtp(), 'absent.test'], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# mode enforce: every MX host passed the STARTTLS probe (mx1.absent.test TLSv1.3)\nversion: STSv1\nmode: enforce\nmx: mx1.absent.test\n');
    expect(r.stdout).toContain('max_age: 604800\n');
    expect(r.stdout).toContain('_mta-sts.absent.test.   3600 IN TXT "v=STSv1; id=20260101000000"');
    expect(r.stdout).toContain('_smtp._tls.absent.test. 3600 IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@absent.test"');
    // What it prints lints clean.
    const policy = r.stdout.slice(r.stdout.indexOf('version:'), r.stdout.indexOf('# DNS'));
    expect(stsLens(['lint', '--kind', 'policy', '-'], { input: policy }).status).toBe(0);
  });

  it('proposes testing and names the hosts to fix when an MX host fails', () => {
    const r = stsLens(['init', '--resolver', world.dnsServer, ...smtp(), 'mxdown.test']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      `# mode testing: these MX hosts must pass STARTTLS before you switch to enforce:\n#   mx2.mxdown.test: unreachable (nothing answered on port ${world.smtpPort} (127.0.0.38: connection refused))\nversion: STSv1\nmode: testing\nmx: mx1.mxdown.test\nmx: mx2.mxdown.test\n`,
    );
    const expired = stsLens(['init', '--resolver', world.dnsServer, ...smtp(), 'mxexpired.test']);
    expect(expired.stdout).toContain('#   mx1.mxexpired.test: expired (the certificate expired on 2020-02-01)\nversion: STSv1\nmode: testing\n');
    const off = stsLens(['init', '--resolver', world.dnsServer, '--no-smtp', 'mxtls.test']);
    expect(off.stdout).toContain('# mode testing: the MX hosts were not probed (--no-smtp)');
    expect(off.stdout).toContain('\nmode: testing\n');
  });

  it('notes an existing _mta-sts record', () => {
    const r = stsLens(['init', '--resolver', world.dnsServer, 'enforce.test']);
    expect(r.stderr).toMatch(/^note: enforce\.test already publishes _mta-sts "v=STSv1; id=\w+"/);
  });
});
