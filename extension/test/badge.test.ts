// The pure parts: badge per state and verdict, settings normalization, the policy URL guard.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '@sts-lens/shared';
import { badgeFor, BADGE_STYLE, shownVerdict } from '../src/badge.ts';
import { policyUrlProblem } from '../src/fetch-policy.ts';
import { dohUrlProblem, isExcluded, normalizeSettings } from '../src/settings.ts';
import type { StoredCheck } from '../src/state.ts';

const enforced = JSON.parse(readFileSync(new URL('./fixtures/enforce.test.json', import.meta.url), 'utf8')) as CheckResult;
const stored = (result: CheckResult, access: StoredCheck['access'] = 'fetched'): StoredCheck => ({ domain: result.domain, checkedAt: 0, endpoint: 'https://doh.example/dns-query', access, result });
const done = { kind: 'done', nav: 'n1', domain: 'enforce.test', url: 'https://www.enforce.test/', checkedAt: 0 } as const;

describe('badgeFor', () => {
  it('shows each verdict with its text, colour and a tooltip naming the domain and TLS-RPT', () => {
    expect(badgeFor(done, stored(enforced))).toEqual({
      text: 'ENF',
      color: '#1a7f37',
      title: 'enforce.test: MTA-STS enforced: senders must use TLS with a valid certificate to every MX\nTLS-RPT: reports to mailto:tls-reports@enforce.test\nScore 100/100',
    });
    for (const v of ['testing', 'none', 'absent', 'broken'] as const) {
      const b = badgeFor(done, stored({ ...enforced, verdict: v }));
      expect([b.text, b.color]).toEqual([BADGE_STYLE[v].text, BADGE_STYLE[v].color]);
    }
  });

  it('never shows a result for another domain than the tab’s', () => {
    expect(badgeFor({ ...done, domain: 'other.test' }, stored(enforced)).text).toBe('…');
  });

  it('checking, error, idle, excluded and non-web pages', () => {
    expect(badgeFor({ kind: 'checking', nav: 'n', domain: 'a.test', url: 'u' })).toEqual({ text: '…', color: '#57606a', title: 'STS Lens: checking a.test…' });
    expect(badgeFor({ kind: 'error', nav: 'n', domain: 'a.test', url: 'u', message: 'no answer within 5000 ms' })).toEqual({
      text: 'ERR',
      color: '#8250df',
      title: 'STS Lens: could not check a.test: no answer within 5000 ms',
    });
    expect(badgeFor({ kind: 'idle', nav: 'n', domain: 'a.test', url: 'u' }).title).toBe('STS Lens: click to check a.test');
    expect(badgeFor({ kind: 'excluded', nav: 'n', domain: 'a.test', url: 'u' }).text).toBe('');
    expect(badgeFor(undefined).text).toBe('');
  });

  it('shows a result that checked nothing (verdict unknown) as ERR, never a verdict or a score', () => {
    const unknown: CheckResult = { ...enforced, verdict: 'unknown', score: null, diagnostics: [], unreachable: 'no answer within 5000 ms' };
    for (const access of ['fetched', 'not-permitted'] as const) {
      expect(shownVerdict(unknown, access)).toBe('unknown');
      expect(badgeFor(done, stored(unknown, access))).toEqual({ text: 'ERR', color: '#8250df', title: 'STS Lens: could not check enforce.test: no DNS answer (no answer within 5000 ms)' });
    }
  });

  it('without the policy host permission: DNS facts only, unless DNS alone shows it broken', () => {
    const unfetched = { ...enforced, verdict: 'broken' as const, diagnostics: [{ code: 'check/policy-unreachable', severity: 'error' as const, message: 'not fetched', range: { start: 0, end: 0 }, fixes: [], source: 'https' as const }] };
    expect(shownVerdict(unfetched, 'not-permitted')).toBe('unfetched');
    expect(badgeFor(done, stored(unfetched, 'not-permitted')).title).toContain('the policy was not fetched');
    const several = { ...unfetched, diagnostics: [{ ...unfetched.diagnostics[0]!, code: 'check/sts-multiple', source: 'dns' as const }] };
    expect(shownVerdict(several, 'not-permitted')).toBe('broken');
    expect(shownVerdict({ ...enforced, verdict: 'absent' }, 'not-permitted')).toBe('absent');
  });
});

describe('settings', () => {
  it('validates a custom DoH URL', () => {
    expect(dohUrlProblem('https://dns.example/dns-query')).toBe(null);
    expect(dohUrlProblem('https://dns.example/dns-query{?dns}')).toBe(null);
    expect(dohUrlProblem('http://dns.example/dns-query')).toBe('the DoH endpoint must be an https:// URL (lookups must not travel in clear text)');
    expect(dohUrlProblem('dns.example')).toBe('`dns.example` is not a URL');
    expect(dohUrlProblem('https://u:p@dns.example/')).toBe('the DoH URL must not carry a user name or password');
  });

  it('normalizes whatever storage holds', () => {
    expect(normalizeSettings(undefined)).toEqual({ provider: 'cloudflare', customUrl: '', checkOn: 'navigation', cacheMinutes: 30, exclusions: [] });
    expect(normalizeSettings({ provider: 'custom', customUrl: 'http://x/', cacheMinutes: 99999, exclusions: ['Example.COM', '*.b.test', 7], checkOn: 'click' })).toEqual({
      provider: 'cloudflare',
      customUrl: 'http://x/',
      checkOn: 'click',
      cacheMinutes: 1440,
      exclusions: ['example.com', 'b.test'],
    });
    expect(isExcluded('mail.example.com', ['example.com'])).toBe(true);
    expect(isExcluded('notexample.com', ['example.com'])).toBe(false);
  });
});

describe('policyUrlProblem', () => {
  it('lets only https://mta-sts.<domain>/.well-known/mta-sts.txt through', () => {
    expect(policyUrlProblem('https://mta-sts.example.com/.well-known/mta-sts.txt')).toBe(null);
    expect(policyUrlProblem('http://mta-sts.example.com/.well-known/mta-sts.txt')).toBe('only https policy URLs are fetched');
    expect(policyUrlProblem('https://127.0.0.1/.well-known/mta-sts.txt')).toBe('policy hosts are names, never IP literals');
    expect(policyUrlProblem('https://[::1]/.well-known/mta-sts.txt')).toBe('policy hosts are names, never IP literals');
    expect(policyUrlProblem('https://mta-sts.localhost/.well-known/mta-sts.txt')).toBe('`mta-sts.localhost` is a local name');
    expect(policyUrlProblem('https://mta-sts.router.lan/.well-known/mta-sts.txt')).toBe('`mta-sts.router.lan` is a local name');
    expect(policyUrlProblem('https://www.example.com/.well-known/mta-sts.txt')).toBe('only mta-sts.<domain> hosts are fetched');
    expect(policyUrlProblem('https://mta-sts.example.com:8443/.well-known/mta-sts.txt')).toBe('the policy URL carries more than a host and the well-known path');
  });
});
