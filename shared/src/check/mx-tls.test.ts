import { describe, expect, it } from 'vitest';
import { fakeTransports, mx, txt, type FakeWorld } from '../../test/fake-transport.ts';
import { checkDomain } from './check-domain.ts';
import { checkResultText } from './format-text.ts';
import { judgeMxTls } from './mx-tls.ts';
import type { PeerCertificate, SmtpProbeResult } from './transport.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

function cert(over: Partial<PeerCertificate> = {}): PeerCertificate {
  return {
    subject: 'CN=mail.example.com',
    issuer: 'O=Test CA, CN=Test CA',
    names: ['mail.example.com'],
    notBefore: new Date(NOW.getTime() - 30 * DAY).toISOString(),
    notAfter: new Date(NOW.getTime() + 61 * DAY + 3_600_000).toISOString(),
    ...over,
  };
}

function tls(over: Partial<SmtpProbeResult> = {}, c: Partial<PeerCertificate> = {}): SmtpProbeResult {
  return { outcome: 'tls', address: '192.0.2.1', protocol: 'TLSv1.3', certificate: cert(c), chainError: null, error: null, ms: 40, ...over };
}

const failed = (outcome: SmtpProbeResult['outcome'], error: string): SmtpProbeResult => ({
  outcome,
  address: '192.0.2.1',
  protocol: null,
  certificate: null,
  chainError: null,
  error,
  ms: 20,
});

describe('judgeMxTls (RFC 8461 §4.2)', () => {
  it('passes a trusted, current certificate naming the host, and counts the days left', () => {
    const t = judgeMxTls('mail.example.com', tls(), NOW);
    expect(t).toEqual({
      status: 'ok',
      address: '192.0.2.1',
      protocol: 'TLSv1.3',
      certificate: { subject: 'CN=mail.example.com', issuer: 'O=Test CA, CN=Test CA', names: ['mail.example.com'], notAfter: cert().notAfter, daysLeft: 61 },
      error: null,
      ms: 40,
    });
  });

  it.each([
    ['untrusted before everything else', tls({ chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, { names: ['other.example'] }), 'untrusted', 'the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT; issuer O=Test CA, CN=Test CA)'],
    ['expired by OpenSSL', tls({ chainError: 'CERT_HAS_EXPIRED' }, { notAfter: '2026-05-01T00:00:00.000Z' }), 'expired', 'the certificate expired on 2026-05-01'],
    ['expired by date alone', tls({}, { notAfter: '2026-05-31T00:00:00.000Z' }), 'expired', 'the certificate expired on 2026-05-31'],
    ['not yet valid', tls({ chainError: 'CERT_NOT_YET_VALID' }, { notBefore: '2026-07-01T00:00:00.000Z' }), 'expired', 'the certificate is not valid before 2026-07-01'],
    ['another name', tls({}, { subject: 'CN=mx.elsewhere.test', names: ['mx.elsewhere.test'] }), 'name-mismatch', 'the certificate names `mx.elsewhere.test`, not `mail.example.com`'],
    [
      'CN only, no SAN',
      tls({}, { names: [] }),
      'name-mismatch',
      'the certificate has no DNS name in its subjectAltName; `mail.example.com` appears only in its subject CN, which MTA-STS senders do not consult (RFC 8461 §4.2 requires a subjectAltName DNS-ID; the CN fallback of RFC 6125 §6.4.4 does not apply)',
    ],
    ['no SAN, another CN', tls({}, { subject: 'CN=localhost', names: [] }), 'name-mismatch', 'the certificate has no DNS name in its subjectAltName'],
    [
      'the host in the CN, another name in the SAN',
      tls({}, { names: ['www.example.com'] }),
      'name-mismatch',
      'the certificate names `www.example.com`, not `mail.example.com`; `mail.example.com` appears only in the subject CN, which is not consulted (RFC 6125 §6.4.4)',
    ],
    ['a wildcard one label short (RFC 6125 §6.4.3)', tls({}, { names: ['*.example.com'] }), 'ok', null],
    ['a wildcard two labels up', tls({}, { subject: 'O=Wild', names: ['*.com', '*.org.example.com'] }), 'name-mismatch', 'the certificate names `*.com`, `*.org.example.com`, not `mail.example.com`'],
    ['no STARTTLS', failed('no-starttls', 'EHLO lists no STARTTLS'), 'no-starttls', 'EHLO lists no STARTTLS'],
    ['unreachable', failed('unreachable', 'refused'), 'unreachable', 'refused'],
    ['broken session', failed('failed', 'no greeting within 100 ms'), 'handshake-failed', 'no greeting within 100 ms'],
  ] as const)('%s', (_what, probe, status, error) => {
    const t = judgeMxTls('mail.example.com', probe, NOW);
    expect(t.status).toBe(status);
    expect(t.error).toBe(error);
  });

  it('accepts a wildcard covering exactly the leftmost label, and says why one two labels short fails', () => {
    expect(judgeMxTls('mail.example.com', tls({}, { names: ['*.example.com'] }), NOW).status).toBe('ok');
    expect(judgeMxTls('a.mail.example.com', tls({}, { names: ['*.example.com'] }), NOW)).toMatchObject({
      status: 'name-mismatch',
      error: 'the certificate names `*.example.com`, not `a.mail.example.com` (a wildcard covers exactly one label: `*.example.com` covers `mail.example.com`, not `a.mail.example.com`)',
    });
  });

  it('says not yet valid (status expired) from the dates alone, even when the chain error is another', () => {
    const t = judgeMxTls('mail.example.com', tls({}, { notBefore: '2026-06-03T00:00:00.000Z' }), NOW);
    expect(t).toMatchObject({ status: 'expired', error: 'the certificate is not valid before 2026-06-03' });
  });

  it('names an incomplete chain (leaf without its intermediate) untrusted, saying so', () => {
    const t = judgeMxTls('mail.example.com', tls({ chainError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), NOW);
    expect(t).toMatchObject({ status: 'untrusted', error: 'the server sent no intermediate certificate leading to a trusted root (UNABLE_TO_VERIFY_LEAF_SIGNATURE; issuer O=Test CA, CN=Test CA)' });
  });
});

const ENFORCE = 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: backup.example.com\nmax_age: 1209600\n';

function world(policy: string | null, smtp: FakeWorld['smtp'], delayMs = 0): FakeWorld {
  return {
    dns: {
      ...(policy === null ? {} : { 'TXT _mta-sts.example.com': [txt('v=STSv1; id=20260101000000')] }),
      'TXT _smtp._tls.example.com': [txt('v=TLSRPTv1; rua=mailto:tls@example.com')],
      'MX example.com': [mx(10, 'mail.example.com.'), mx(20, 'backup.example.com.')],
    },
    ...(policy === null ? {} : { policy: { body: policy } }),
    ...(smtp ? { smtp } : {}),
    delayMs,
  };
}

async function check(w: FakeWorld, probe = true) {
  const t = fakeTransports(w);
  const r = await checkDomain('example.com', {
    resolve: t.resolve,
    fetchPolicy: t.fetchPolicy,
    ...(probe ? { probeSmtp: t.probeSmtp } : {}),
    now: () => NOW,
  });
  return { r, calls: t.calls, codes: r.diagnostics.map((d) => `${d.source}:${d.code}:${d.severity}`), text: checkResultText(r) };
}

const good = (host: string, over: Partial<SmtpProbeResult> = {}) => tls(over, { subject: `CN=${host}`, names: [host] });

describe('checkDomain with STARTTLS probes', () => {
  it('keeps enforced and 100 when every MX passes, and prints each host’s TLS', async () => {
    const { r, codes, text } = await check(world(ENFORCE, { 'mail.example.com': good('mail.example.com'), 'backup.example.com': good('backup.example.com', { protocol: 'TLSv1.2' }) }));
    expect(r.verdict).toBe('enforced');
    expect(r.score).toBe(100);
    expect(codes).toEqual([]);
    expect(r.mx.map((m) => m.tls.status)).toEqual(['ok', 'ok']);
    expect(text).toContain(' 10 mail.example.com    ✓ mail.example.com    ✓ TLS 1.3, certificate valid 61 days  [192.0.2.1]');
    expect(text).toContain(' 20 backup.example.com  ✓ backup.example.com  ✓ TLS 1.2, certificate valid 61 days  [192.0.2.1]');
    expect(text).toContain('MX TLS   2 of 2 MX hosts ready for MTA-STS');
  });

  it('breaks enforce for an expired MX certificate: an error naming the host, the fix, and a lower score', async () => {
    const { r, codes, text } = await check(
      world(ENFORCE, { 'mail.example.com': good('mail.example.com'), 'backup.example.com': tls({ chainError: 'CERT_HAS_EXPIRED' }, { names: ['backup.example.com'], notAfter: '2026-02-01T00:00:00.000Z' }) }),
    );
    expect(r.verdict).toBe('broken');
    expect(codes).toEqual(['smtp:check/mx-certificate-expired:error']);
    expect(r.diagnostics[0]!.message).toBe(
      'the certificate of MX host `backup.example.com` is out of date: the certificate expired on 2026-02-01; MTA-STS senders refuse to deliver to it (TLS-RPT result `certificate-expired`); renew it, reload the mail server, and automate renewal (e.g. certbot with a deploy hook that reloads the MTA)',
    );
    expect(r.score).toBe(70);
    expect(text).toContain('✗ TLS 1.3, certificate expired 2026-02-01');
    expect(text).toContain('MX TLS   1 of 2 MX hosts ready for MTA-STS; senders refuse backup.example.com (certificate out of date)');
  });

  it.each([
    [failed('no-starttls', 'EHLO lists no STARTTLS'), 'check/mx-starttls-missing'],
    [tls({ chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'check/mx-certificate-untrusted'],
    [tls({}, { names: ['mx.elsewhere.test'] }), 'check/mx-certificate-name'],
    [failed('failed', 'TLS alert: handshake failure'), 'check/mx-tls-handshake'],
  ] as const)('names the fault %#: %s', async (probe, code) => {
    const { r, codes } = await check(world(ENFORCE, { 'mail.example.com': probe, 'backup.example.com': good('backup.example.com') }));
    expect(r.verdict).toBe('broken');
    expect(codes).toEqual([`smtp:${code}:error`]);
    expect(r.diagnostics[0]!.message).toContain('`mail.example.com`');
  });

  it('keeps testing with warnings and says the domain is not ready to enforce', async () => {
    const { r, codes, text } = await check(world(ENFORCE.replace('enforce', 'testing'), { 'mail.example.com': failed('no-starttls', 'EHLO lists no STARTTLS'), 'backup.example.com': good('backup.example.com') }));
    expect(r.verdict).toBe('testing');
    expect(codes).toEqual(['smtp:check/mx-starttls-missing:warning']);
    expect(r.diagnostics[0]!.message).toContain('the domain is not ready for `mode: enforce`');
    expect(text).toContain('1 of 2 MX hosts ready for MTA-STS; not ready to enforce: fix mail.example.com (no STARTTLS)');
  });

  it('counts ready hosts for a domain without a policy', async () => {
    const { r, codes, text } = await check(world(null, { 'mail.example.com': good('mail.example.com'), 'backup.example.com': tls({}, { names: ['x.example.net'] }) }));
    expect(r.verdict).toBe('absent');
    expect(codes).toContain('smtp:check/mx-certificate-name:warning');
    expect(text).toContain('1 of 2 MX hosts ready for MTA-STS; to fix first: backup.example.com (certificate for another name)');
  });

  it('treats an unreachable MX as a warning that changes no verdict, and one line when none answers', async () => {
    const one = await check(world(ENFORCE, { 'mail.example.com': good('mail.example.com') }));
    expect(one.r.verdict).toBe('enforced');
    expect(one.r.score).toBe(100);
    expect(one.codes).toEqual(['smtp:check/mx-unreachable:warning']);
    expect(one.r.diagnostics[0]!.message).toContain('MX host `backup.example.com` did not answer SMTP: no address');
    const none = await check(world(ENFORCE, {}));
    expect(none.r.verdict).toBe('enforced');
    expect(none.codes).toEqual(['smtp:check/mx-unreachable:warning']);
    expect(none.r.diagnostics[0]!.message).toContain('outbound port 25 may be blocked from this network');
    expect(none.text).toContain('no MX host answered SMTP from here: port 25 may be blocked from this network');
  });

  it('an MX exchange that is an IP address: not probed, its own error, not mx-not-covered, and enforce is broken', async () => {
    const w = world(ENFORCE, { 'mail.example.com': good('mail.example.com'), 'backup.example.com': good('backup.example.com') });
    const { r, codes, calls, text } = await check({ ...w, dns: { ...w.dns, 'MX example.com': [mx(10, 'mail.example.com.'), mx(20, '127.0.0.5.'), mx(30, 'backup.example.com.')] } });
    expect(calls.filter((c) => c.what.startsWith('SMTP')).map((c) => c.what)).toEqual(['SMTP mail.example.com', 'SMTP backup.example.com']);
    expect(codes).toEqual(['dns:check/mx-ip-address:error']);
    expect(r.diagnostics[0]!.message).toBe(
      'MX record `20 127.0.0.5.` names an IP address, not a host name: an MX exchange must be a host name with A/AAAA records (RFC 5321 §5.1), so senders look `127.0.0.5` up as a name and find nothing (Postfix and Exim skip such records), and MTA-STS `mx:` patterns match host names only (RFC 8461 §4.1); give the server a name (e.g. `mx.example.com. A 127.0.0.5`), point the MX record at it, and list that name in the policy',
    );
    expect(r.mx[1]!.tls).toEqual({ status: 'unreachable', address: null, protocol: null, certificate: null, error: '`127.0.0.5` is an IP address, not a host name: not probed, since senders find no host behind it', ms: 0 });
    expect(r.verdict).toBe('broken');
    expect(text).toContain(' 20 127.0.0.5           ✗ not covered         ✗ an IP address, not a host name\n');
    expect(text).toContain('MX TLS   2 of 3 MX hosts ready for MTA-STS; senders refuse 127.0.0.5 (an IP address, not a host name)');
    // Even a policy that lists the address does not make it a host senders deliver to.
    const listed = await check({ ...w, policy: { body: `${ENFORCE}mx: 127.0.0.5\n` }, dns: { ...w.dns, 'MX example.com': [mx(10, 'mail.example.com.'), mx(20, '127.0.0.5.')] } });
    expect(listed.r.verdict).toBe('broken');
    expect(listed.codes).toContain('dns:check/mx-ip-address:error');
  });

  it('a null MX (RFC 7505) is no host: nothing probed', async () => {
    const w = world(ENFORCE, {});
    const { r, calls, codes } = await check({ ...w, dns: { ...w.dns, 'MX example.com': [mx(0, '.')] } });
    expect(calls.filter((c) => c.what.startsWith('SMTP'))).toEqual([]);
    expect(r.mx).toEqual([]);
    expect(codes).toContain('dns:check/mx-missing:warning');
  });

  it('warns about a certificate expiring within 14 days without changing the verdict', async () => {
    const soon = new Date(NOW.getTime() + 3 * DAY + 3_600_000).toISOString();
    const { r, codes, text } = await check(world(ENFORCE, { 'mail.example.com': tls({}, { notAfter: soon }), 'backup.example.com': good('backup.example.com') }));
    expect(r.verdict).toBe('enforced');
    expect(codes).toEqual(['smtp:check/mx-certificate-expiring:warning']);
    expect(r.diagnostics[0]!.message).toContain(`expires in 3 days (${soon.slice(0, 10)})`);
    expect(text).toContain('! TLS 1.3, certificate valid 3 days');
  });

  it('marks every host skipped without a probe, with the verdict of a check without probes', async () => {
    const { r, codes, text } = await check(world(ENFORCE, { 'mail.example.com': failed('no-starttls', 'x') }), false);
    expect(r.verdict).toBe('enforced');
    expect(r.score).toBe(100);
    expect(codes).toEqual([]);
    expect(r.mx.map((m) => m.tls)).toEqual([
      { status: 'skipped', address: null, protocol: null, certificate: null, error: null, ms: 0 },
      { status: 'skipped', address: null, protocol: null, certificate: null, error: null, ms: 0 },
    ]);
    expect(text).toContain('TLS not checked');
    expect(r.timings.smtpMs).toBe(0);
  });

  it('starts the probes with the MX answer and runs them side by side', async () => {
    const slow = (host: string, delayMs: number) => ({ ...good(host, { ms: delayMs }), delayMs });
    const { r, calls } = await check(world(ENFORCE, { 'mail.example.com': slow('mail.example.com', 150), 'backup.example.com': slow('backup.example.com', 150) }, 30));
    const smtpCalls = calls.filter((c) => c.what.startsWith('SMTP'));
    expect(smtpCalls).toHaveLength(2);
    for (const c of smtpCalls) expect(c.at).toBeLessThan(30 + 25);
    expect(r.timings.smtpMs).toBe(150);
    // One DNS round (30 ms) then both probes at once (150 ms), not one after the other.
    expect(r.timings.totalMs).toBeLessThan(30 + 150 + 90);
  });
});
