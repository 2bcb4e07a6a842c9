import { describe, expect, it } from 'vitest';
import { fakeTransports, mx, tlsa, txt, type FakeWorld } from '../../test/fake-transport.ts';
import { checkDomain, couldNotCheck, DomainInputError } from './check-domain.ts';
import { checkResultText } from './format-text.ts';
import { domainFromInput } from './domain-input.ts';
import type { Resolve } from './transport.ts';
import { MX_TLS_SKIPPED } from './mx-tls.ts';

const GOOD_POLICY = 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.mx.example.com\nmax_age: 1209600\n';

function world(over: Partial<FakeWorld['dns']> = {}, policy: FakeWorld['policy'] = { body: GOOD_POLICY }, delayMs = 0): FakeWorld {
  return {
    dns: {
      'TXT _mta-sts.example.com': [txt('v=STSv1; id=20260101000000')],
      'TXT _smtp._tls.example.com': [txt('v=TLSRPTv1; rua=mailto:tls@example.com')],
      'MX example.com': [mx(10, 'mail.example.com.'), mx(20, 'a.mx.example.com.')],
      ...over,
    } as FakeWorld['dns'],
    policy,
    delayMs,
  };
}

async function check(w: FakeWorld, input = 'example.com', extra = {}) {
  const t = fakeTransports(w);
  const r = await checkDomain(input, { resolve: t.resolve, fetchPolicy: t.fetchPolicy, ...extra });
  return { r, calls: t.calls, codes: r.diagnostics.map((d) => `${d.source}:${d.code}:${d.severity}`) };
}

describe('checkDomain', () => {
  it('gives enforced, score 100 and MX coverage for a complete setup', async () => {
    const { r, codes } = await check(world());
    expect(r.verdict).toBe('enforced');
    expect(r.score).toBe(100);
    expect(codes).toEqual([]);
    expect(r.mx).toEqual([
      { host: 'mail.example.com', preference: 10, pattern: 'mail.example.com', tlsa: false, tls: MX_TLS_SKIPPED },
      { host: 'a.mx.example.com', preference: 20, pattern: '*.mx.example.com', tlsa: false, tls: MX_TLS_SKIPPED },
    ]);
    expect(r.sts.id).toBe('20260101000000');
    expect(r.tlsrpt.rua).toEqual(['mailto:tls@example.com']);
    expect(r.policy).toMatchObject({ fetched: true, mode: 'enforce', maxAge: 1209600, status: 200 });
  });

  it('starts the policy fetch before any DNS answer arrives, and all lookups at once', async () => {
    const { calls, r } = await check(world({}, { body: GOOD_POLICY }, 60));
    const first = calls.slice(0, 4).map((c) => c.what.split(' ')[0]);
    expect(first.sort()).toEqual(['GET', 'MX', 'TXT', 'TXT']);
    for (const c of calls.slice(0, 4)) expect(c.at).toBeLessThan(30);
    // TLSA lookups follow the MX answer: two rounds of 60 ms, not five.
    expect(r.timings.totalMs).toBeLessThan(60 * 2 + 80);
  });

  it('says absent when there is no _mta-sts record, and ignores a policy file that exists', async () => {
    const { r, codes } = await check(world({ 'TXT _mta-sts.example.com': 'nxdomain' }));
    expect(r.verdict).toBe('absent');
    expect(r.policy.fetched).toBe(false);
    expect(codes).toEqual(['dns:check/sts-missing:warning', 'tlsrpt:check/tlsrpt-without-sts:info']);
    expect(r.diagnostics[0]!.message).toContain('A policy file is served at https://mta-sts.example.com/.well-known/mta-sts.txt');
    expect(r.score).toBe(10); // TLS-RPT only
  });

  it('gives another service\'s record beside the real ones a hint, not errors; a near miss of the tag stays an error', async () => {
    const { r, codes } = await check(
      world({
        'TXT _mta-sts.example.com': [txt('google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ'), txt('v=STSv1; id=20260101000000')],
        'TXT _smtp._tls.example.com': [txt('v=TLSRPTv1; rua=mailto:tls@example.com'), txt('MS=ms12345678')],
      }),
    );
    expect(r.verdict).toBe('enforced');
    expect(r.score).toBe(100);
    expect(codes).toEqual(['dns:check/txt-unrelated:hint', 'dns:check/txt-unrelated:hint']);
    expect(r.diagnostics[0]!.message).toBe(
      '`google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWv…` at `_mta-sts.example.com` is not an MTA-STS record: senders discard TXT records there that do not begin with `v=STSv1` (RFC 8461 §3.1), so it is ignored; leave it if another service needs it',
    );
    const near = await check(world({ 'TXT _mta-sts.example.com': [txt('google-site-verification=abc'), txt('V=STSv1; id=20260101000000')] }));
    expect(near.codes).toEqual(['dns:check/txt-unrelated:hint', 'sts:sts-txt/version:error']);
  });

  it('breaks enforce when an MX host is not covered, and names the fix', async () => {
    const { r, codes } = await check(world({ 'MX example.com': [mx(10, 'mail.example.com'), mx(20, 'backup.example.net')] }));
    expect(r.verdict).toBe('broken');
    expect(codes).toEqual(['dns:check/mx-not-covered:error', 'dns:check/mx-pattern-unused:info']);
    expect(r.diagnostics[0]!.message).toContain('add `mx: backup.example.net`');
  });

  it('does not let a wildcard match two labels', async () => {
    const { r } = await check(world({ 'MX example.com': [mx(10, 'a.b.mx.example.com')] }));
    expect(r.mx[0]!.pattern).toBeNull();
    expect(r.verdict).toBe('broken');
  });

  it('warns instead of failing for an uncovered MX in testing mode', async () => {
    const { r, codes } = await check(
      world({ 'MX example.com': [mx(10, 'other.example.org')] }, { body: GOOD_POLICY.replace('enforce', 'testing') }),
    );
    expect(r.verdict).toBe('testing');
    expect(codes).toContain('dns:check/mx-not-covered:warning');
    expect(codes).toContain('dns:check/mx-pattern-unused:info');
  });

  it('treats several v=STSv1 records as no policy', async () => {
    const { r, codes } = await check(world({ 'TXT _mta-sts.example.com': [txt('v=STSv1; id=1'), txt('v=STSv1; id=2')] }));
    expect(r.verdict).toBe('broken');
    expect(codes).toContain('dns:check/sts-multiple:error');
  });

  it('reports redirects, wrong status and content type as https problems', async () => {
    const redirect = await check(world({}, { status: 301, location: 'https://example.com/', body: '' }));
    expect(redirect.r.verdict).toBe('broken');
    expect(redirect.codes).toEqual(['https:check/policy-redirect:error']);
    const notFound = await check(world({}, { status: 404, body: 'nope' }));
    expect(notFound.codes).toEqual(['https:check/policy-status:error']);
    const html = await check(world({}, { contentType: 'text/html; charset=utf-8', body: GOOD_POLICY }));
    expect(html.codes).toEqual(['https:check/policy-content-type:error']);
    expect(html.r.verdict).toBe('broken');
  });

  it('tells certificate, timeout, size and missing-host failures apart', async () => {
    const cases = [
      [{ error: { kind: 'tls-certificate-expired', message: 'certificate has expired' } }, 'check/policy-certificate'],
      [{ error: { kind: 'timeout', message: 'no complete answer within 10 s' }, bytes: 12 }, 'check/policy-slow'],
      [{ error: { kind: 'too-large', message: 'body over 65536 bytes' }, truncated: true, bytes: 65536 }, 'check/policy-too-large'],
      [{ error: { kind: 'dns', message: 'ENOTFOUND' } }, 'check/policy-host-missing'],
      [{ error: { kind: 'connect', message: 'connection refused' } }, 'check/policy-unreachable'],
    ] as const;
    for (const [policy, code] of cases) {
      const { r, codes } = await check(world({}, { status: undefined, ...policy } as FakeWorld['policy']));
      expect(codes).toEqual([`https:${code}:error`]);
      expect(r.verdict).toBe('broken');
    }
  });

  it('says "HTTP only" when HTTPS fails and plain HTTP serves the policy', async () => {
    const w = world({}, { status: undefined, error: { kind: 'connect', message: 'connection refused' } });
    const t = fakeTransports(w);
    const r = await checkDomain('example.com', {
      resolve: t.resolve,
      fetchPolicy: t.fetchPolicy,
      probeHttp: async (url) => ({ url, status: 200, contentType: 'text/plain', body: GOOD_POLICY, bytes: 90, truncated: false, ms: 1 }),
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['check/policy-http-only']);
  });

  it('catches a changed policy whose id did not change', async () => {
    const lastSeen = { id: '20260101000000', policy: GOOD_POLICY.replace('enforce', 'testing') };
    const { codes } = await check(world(), 'example.com', { lastSeen });
    expect(codes).toEqual(['policy:check/stale-id:error']);
    const same = await check(world(), 'example.com', { lastSeen: { id: '20260101000000', policy: GOOD_POLICY.replace('mx: mail', 'mx: MAIL') } });
    expect(same.codes).toEqual([]);
  });

  it('lints the records and the policy it fetched, with their source', async () => {
    const { r, codes } = await check(
      world({ 'TXT _mta-sts.example.com': [txt('v=STSv1; id=2026-01-01')], 'TXT _smtp._tls.example.com': 'nxdomain' }, { body: GOOD_POLICY.replace('1209600', '86400') }),
    );
    expect(codes).toContain('sts:sts-txt/id-invalid:error');
    expect(codes).toContain('policy:policy/max-age-too-short:warning');
    expect(codes).toContain('tlsrpt:check/tlsrpt-missing:warning');
    expect(r.verdict).toBe('broken');
  });

  it('reports mode none and DANE', async () => {
    const { r, codes } = await check(
      world({ 'TLSA _25._tcp.mail.example.com': [tlsa('ab')] }, { body: 'version: STSv1\nmode: none\nmax_age: 86400\n' }),
    );
    expect(r.verdict).toBe('none');
    expect(codes).toContain('policy:check/mode-none:warning');
    expect(codes).toContain('dns:check/dane-present:info');
    expect(r.mx[0]!.tlsa).toBe(true);
  });

  it('derives the domain from URLs and addresses, and rejects what names no domain', async () => {
    const { r } = await check(world(), 'https://www.example.com/some/page');
    expect(r.domain).toBe('example.com');
    expect(r.derivedFrom).toBe('url');
    expect(domainFromInput('Postmaster@Example.COM.')).toMatchObject({ ok: true, domain: 'example.com', via: 'email' });
    expect(domainFromInput('bücher.example')).toMatchObject({ ok: true, domain: 'xn--bcher-kva.example' });
    expect(domainFromInput('192.0.2.1')).toMatchObject({ ok: false });
    expect(domainFromInput('localhost')).toMatchObject({ ok: false });
    // A URL's registrable domain, by the public suffix list's rules, wildcards and exceptions.
    expect(domainFromInput('https://www.example.co.uk/x')).toMatchObject({ ok: true, domain: 'example.co.uk', via: 'url' });
    expect(domainFromInput('https://a.b.kobe.jp/')).toMatchObject({ ok: true, domain: 'a.b.kobe.jp' });
    expect(domainFromInput('https://www.city.kobe.jp/')).toMatchObject({ ok: true, domain: 'city.kobe.jp' });
    expect(domainFromInput('https://co.uk/')).toMatchObject({ ok: true, domain: 'co.uk' });
    // The URL parser reads `0x7f.1` as 127.0.0.1; a label no host name has stays an error about the whole host.
    expect(domainFromInput('https://0x7f.1/')).toEqual({ ok: false, input: 'https://0x7f.1/', error: '`127.0.0.1` is an IP address; MTA-STS policies belong to mail domains: give a domain name' });
    expect(domainFromInput('https://a*b.example.com/')).toEqual({ ok: false, input: 'https://a*b.example.com/', error: '`a*b.example.com` has a label with characters not allowed in host names (`a*b`)' });
    await expect(checkDomain('', { resolve: fakeTransports(world()).resolve, fetchPolicy: fakeTransports(world()).fetchPolicy })).rejects.toBeInstanceOf(DomainInputError);
  });

  it('says when the domain does not exist, instead of "no MTA-STS record"', async () => {
    const { r, codes } = await check(world({ 'TXT _mta-sts.example.com': 'nxdomain', 'TXT _smtp._tls.example.com': 'nxdomain', 'MX example.com': 'nxdomain' }));
    expect(codes).toEqual(['dns:check/domain-missing:error']);
    expect(r.verdict).toBe('absent');
  });

  it('names a null MX (RFC 7505) for what it is', async () => {
    const { codes, r } = await check(world({ 'MX example.com': [mx(0, '.')] }));
    expect(codes).toContain('dns:check/mx-missing:warning');
    expect(r.diagnostics.find((d) => d.code === 'check/mx-missing')!.message).toContain('null MX');
  });

  it('says the resolver was unreachable when no lookup got an answer, and only then', async () => {
    const t = fakeTransports(world());
    const down: Resolve = async (name, type) => ({ name, type, status: 'error', records: [], cnames: [], error: 'DoH request failed: certificate not trusted', ms: 1 });
    const r = await checkDomain('example.com', { resolve: down, fetchPolicy: t.fetchPolicy });
    expect(r.unreachable).toBe('DoH request failed: certificate not trusted');
    // Nothing was checked, although the policy host answered: no verdict, no score, no finding that blames the domain.
    expect({ verdict: r.verdict, score: r.score, diagnostics: r.diagnostics, sts: r.sts.status, mx: r.mx }).toEqual({ verdict: 'unknown', score: null, diagnostics: [], sts: 'error', mx: [] });
    expect(couldNotCheck(r.domain, 'the DNS-over-HTTPS provider doh.example', r.unreachable!)).toBe('could not check example.com: the DNS-over-HTTPS provider doh.example did not answer (DoH request failed: certificate not trusted)');
    expect(checkResultText(r)).toBe('could not check example.com: the resolver did not answer (DoH request failed: certificate not trusted)\n');
    const slow: Resolve = async (name, type) => ({ name, type, status: 'timeout', records: [], cnames: [], error: 'no answer within 5000 ms', ms: 5000 });
    expect((await checkDomain('example.com', { resolve: slow, fetchPolicy: t.fetchPolicy })).unreachable).toBe('no answer within 5000 ms');
    // One answer, even SERVFAIL or NXDOMAIN, means the resolver is there: the domain is judged.
    const partly: Resolve = (name, type, opts) => (type === 'MX' ? t.resolve(name, type, opts) : down(name, type));
    const judged = await checkDomain('example.com', { resolve: partly, fetchPolicy: t.fetchPolicy });
    expect([judged.unreachable, judged.verdict, typeof judged.score]).toEqual([null, 'broken', 'number']);
    expect((await check(world({ 'TXT _mta-sts.example.com': 'servfail', 'TXT _smtp._tls.example.com': 'servfail', 'MX example.com': 'servfail' }))).r.unreachable).toBe(null);
    expect((await check(world())).r.unreachable).toBe(null);
  });
});
