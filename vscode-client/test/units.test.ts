// The extension's pure parts: the check-result text of "STS Lens: Check domain…", the settings → server configuration
// mapping, the check's transport settings, and the status-bar verdict.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDomain, checkResultText } from '@sts-lens/shared';
import { describe, expect, it } from 'vitest';
import { fakeTransports, mx, txt } from '../../shared/test/fake-transport.ts';
import { readSettings } from '../../lsp-server/src/settings.ts';
import { checkSettings, checkTransports } from '../src/check-settings.ts';
import { serverSettings } from '../src/settings.ts';
import { documentStatus } from '../src/status.ts';

const examples = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

async function check(policyBody: string | null, extraDns: Record<string, unknown> = {}) {
  const t = fakeTransports({
    dns: {
      'TXT _mta-sts.example.com': [txt('v=STSv1; id=20260101000000')],
      'TXT _smtp._tls.example.com': [txt('v=TLSRPTv1; rua=mailto:tls@example.com')],
      'MX example.com': [mx(10, 'mail.example.com.'), mx(20, 'backup.other.net.')],
      ...extraDns,
    } as never,
    ...(policyBody === null ? {} : { policy: { body: policyBody } }),
    // mail.example.com passes STARTTLS; backup.other.net does not answer.
    smtp: {
      'mail.example.com': {
        outcome: 'tls',
        address: '192.0.2.25',
        protocol: 'TLSv1.3',
        certificate: {
          subject: 'CN=mail.example.com',
          issuer: 'CN=Test CA',
          names: ['mail.example.com'],
          notBefore: new Date(Date.now() - 86_400_000).toISOString(),
          notAfter: new Date(Date.now() + 61 * 86_400_000 + 3_600_000).toISOString(),
        },
        chainError: null,
        error: null,
        ms: 30,
      },
    },
  });
  const r = await checkDomain('postmaster@example.com', { resolve: t.resolve, fetchPolicy: t.fetchPolicy, probeSmtp: t.probeSmtp });
  // Timings vary from run to run; the text's last line shows them.
  return { ...r, timings: { totalMs: 12, stsMs: 1, tlsrptMs: 2, mxMs: 3, policyMs: 4, tlsaMs: 5, smtpMs: 6 } };
}

describe('checkResultText', () => {
  it('writes verdict, records, policy, MX coverage and TLS, TLS-RPT and problems with fixes, like `sts-lens check`', async () => {
    const r = await check('version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 1209600\n');
    expect(r.verdict).toBe('broken');
    const text = checkResultText(r);
    const lines = text.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'example.com  BROKEN: the setup fails senders (errors below)  score 75/100  (from the address postmaster@example.com)',
      '  STS      "v=STSv1; id=20260101000000"',
      '  Policy   https://mta-sts.example.com/.well-known/mta-sts.txt  HTTP 200 text/plain',
      '           mode enforce  ·  max_age 1209600 (14 days)  ·  id 20260101000000',
      '  MX        10 mail.example.com  ✓ mail.example.com  ✓ TLS 1.3, certificate valid 61 days  [192.0.2.25]',
      '            20 backup.other.net  ✗ not covered       ? no answer on SMTP',
      '  MX TLS   1 of 2 MX hosts ready for MTA-STS, 1 not known',
      '  TLS-RPT  mailto:tls@example.com',
    ]);
    expect(lines[8]).toBe('  Problems');
    expect(lines[9]).toMatch(/^ {4}error {4}check\/mx-not-covered \(dns\) {2}MX host `backup\.other\.net` is not covered/);
    expect(lines[10]).toBe(
      '    warning  check/mx-unreachable (smtp)  MX host `backup.other.net` did not answer SMTP: no address; its TLS could not be checked, and senders move on to the next MX host (or queue the mail)',
    );
    expect(lines.at(-2)).toBe('  checked in 12 ms (sts 1, tls-rpt 2, mx 3, policy 4, tlsa 5, smtp 6)');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('\x1b['); // plain text: an output channel shows no terminal colours
  });

  it('says absent and shows no policy line when there is no _mta-sts record', async () => {
    const r = await check(null, { 'TXT _mta-sts.example.com': 'nxdomain', 'TXT _smtp._tls.example.com': 'nxdomain', 'MX example.com': [mx(10, 'mail.example.com.')] });
    expect(checkResultText(r).split('\n').slice(0, 4)).toEqual([
      'example.com  ABSENT: no MTA-STS; senders use opportunistic TLS  score 0/100  (from the address postmaster@example.com)',
      '  STS      no TXT record at _mta-sts.example.com (nxdomain)',
      '  MX        10 mail.example.com  ✓ TLS 1.3, certificate valid 61 days  [192.0.2.25]',
      '  MX TLS   1 of 1 MX host ready for MTA-STS',
    ]);
  });
});

describe('serverSettings', () => {
  const from = (o: Record<string, unknown>) => serverSettings((k) => o[k]);

  it('maps the stsLens.* settings to the configuration the server reads, normalising domains', () => {
    const m = from({
      rules: { 'policy/max-age-too-short': 'off', 'zone/cname-and-other-data': 'warning' },
      domain: ' Example.COM. ',
      domains: { 'web\\policy.mta-sts': 'Other.example.' },
      debounceMs: 75,
      maxSymbols: 20000,
    });
    expect(m).toEqual({
      settings: { rules: { 'policy/max-age-too-short': 'off', 'zone/cname-and-other-data': 'warning' }, domain: 'example.com', domains: { 'web/policy.mta-sts': 'other.example' }, debounceMs: 75, maxSymbols: 20000 },
      problems: [],
    });
    // The server reads the mapped value as it is.
    expect(readSettings(m.settings)).toEqual(m.settings);
  });

  it('gives the defaults for unset settings (VS Code passes the declared defaults: {}, "", 50)', () => {
    expect(from({})).toEqual({ settings: { rules: {}, domain: null, domains: {}, debounceMs: 50, maxSymbols: 5000 }, problems: [] });
    expect(from({ rules: {}, domain: '', domains: {}, debounceMs: 50, maxSymbols: 5000 }).settings).toEqual(readSettings({}));
  });

  it('drops and names unknown codes, bad severities, empty domains and an out-of-range debounce', () => {
    const m = from({ rules: { 'policy/nope': 'off', 'policy/max-age-too-short': 'fatal' }, domains: { a: '' }, debounceMs: 99999, maxSymbols: 0 });
    expect(m.settings).toEqual({ rules: {}, domain: null, domains: {}, debounceMs: 50, maxSymbols: 5000 });
    expect(m.problems).toEqual([
      'stsLens.rules: `policy/nope` is not a rule code (run `sts-lens rules` for the list)',
      'stsLens.rules: `policy/max-age-too-short` is set to "fatal"; use error, warning, info, hint or off',
      'stsLens.domains: `a` needs a domain name, not ""',
      'stsLens.debounceMs must be between 0 and 5000; using 50',
      'stsLens.maxSymbols must be a whole number of at least 1; using 5000',
    ]);
  });
});

describe('documentStatus', () => {
  const good = readFileSync(join(examples, 'good.example', 'mta-sts.txt'), 'utf8');
  const none = { errors: 0, warnings: 0, infos: 0 };

  it('gives a policy its verdict from its mode, and broken on any error', () => {
    expect(good).toContain('mode: enforce');
    expect(documentStatus('mta-sts', good, none)).toEqual({
      text: '$(lock) STS Lens: enforced',
      tooltip: 'STS Lens: mode enforce, senders must use TLS to the listed MX hosts; no problems',
    });
    expect(documentStatus('mta-sts', good.replace('mode: enforce', 'mode: testing'), { ...none, warnings: 2 }).text).toBe('$(unlock) STS Lens: testing (2 warnings)');
    expect(documentStatus('mta-sts', good, { errors: 1, warnings: 1, infos: 0 })).toEqual({
      text: '$(error) STS Lens: broken',
      tooltip: 'STS Lens: senders cannot use this policy as written (1 error, 1 warning); click to list the problems',
    });
    expect(documentStatus('mta-sts', 'version: STSv1\n', none).text).toBe('$(error) STS Lens: broken');
  });

  it('gives a zone file its problem count', () => {
    expect(documentStatus('dns-zone', '', { errors: 3, warnings: 0, infos: 1 }).text).toBe('$(error) STS Lens: zone has 3 errors');
    expect(documentStatus('dns-zone', '', none)).toEqual({ text: '$(check) STS Lens: zone OK', tooltip: 'STS Lens: this zone file has no problems; click to list problems' });
  });
});

describe('checkSettings', () => {
  const map = (values: Record<string, unknown>) => checkSettings((key) => values[key]);

  it('defaults to the system resolver, standard ports and a 10 s cap', () => {
    expect(map({ resolver: '', caFile: '', httpsPort: 0, httpPort: 0, timeoutSeconds: 10 })).toEqual({ settings: { timeoutMs: 10_000 }, problems: [] });
  });

  it('takes HOST:PORT as a DNS server and an https:// URL as DoH, with a CA file, ports and a timeout', () => {
    expect(map({ resolver: ' 127.0.0.1:5353 ', caFile: '/etc/ca.pem', httpsPort: 8443, httpPort: 8080, timeoutSeconds: 2.5 }).settings).toEqual({
      resolver: '127.0.0.1:5353',
      caFile: '/etc/ca.pem',
      httpsPort: 8443,
      httpPort: 8080,
      timeoutMs: 2500,
    });
    expect(map({ resolver: 'https://dns.example/dns-query' }).settings).toEqual({ doh: 'https://dns.example/dns-query', timeoutMs: 10_000 });
  });

  it('drops and names what does not fit', () => {
    const r = map({ resolver: 'http://dns.example/dns-query', httpsPort: 70000, timeoutSeconds: 0 });
    expect(r.settings).toEqual({ timeoutMs: 10_000 });
    expect(r.problems).toEqual([
      'stsLens.check.resolver: `http://dns.example/dns-query` is neither HOST:PORT (a DNS server) nor an https:// DoH URL; using the system resolver',
      'stsLens.check.httpsPort must be a port number from 1 to 65535 (0 for the standard port); using the standard port',
      'stsLens.check.timeoutSeconds must be between 1 and 600; using 10',
    ]);
  });

  it('says plainly when the CA file cannot be read or holds no certificate', async () => {
    expect(await checkTransports({ caFile: '/nonexistent/ca.pem', timeoutMs: 1000 })).toEqual({ error: 'stsLens.check.caFile: cannot read /nonexistent/ca.pem (ENOENT)' });
    expect(await checkTransports({ caFile: join(examples, 'good.example', 'mta-sts.txt'), timeoutMs: 1000 })).toEqual({
      error: `stsLens.check.caFile: ${join(examples, 'good.example', 'mta-sts.txt')} holds no PEM certificate`,
    });
    expect((await checkTransports({ resolver: '127.0.0.1:5353', timeoutMs: 1000 }) as { via: string }).via).toBe('DNS 127.0.0.1:5353');
  });
});
