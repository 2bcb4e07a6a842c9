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
  caFile: string;
  cases: { domain: string; verdict: string; previousPolicy?: string }[];
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
  score: number;
  derivedFrom: string;
  sts: { id: string | null; records: { value: string }[]; cnames: string[] };
  policy: { fetched: boolean; status: number | null; mode: string | null; maxAge: number | null; mx: string[]; text: string | null };
  mx: { host: string; preference: number; pattern: string | null; tlsa: boolean }[];
  tlsrpt: { rua: string[] };
  diagnostics: JsonDiagnostic[];
  timings: { totalMs: number };
}

/** Every world case: the verdict and the exact findings (source:code:severity) the checker must give. */
const EXPECTED: Record<string, { verdict: string; score: number; codes: string[] }> = {
  'enforce.test': { verdict: 'enforced', score: 100, codes: [] },
  'testing.test': { verdict: 'testing', score: 85, codes: [] },
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
  'uncovered.test': { verdict: 'broken', score: 65, codes: ['dns:check/mx-not-covered:error'] },
  'twolabels.test': { verdict: 'broken', score: 65, codes: ['dns:check/mx-not-covered:error', 'dns:check/mx-pattern-unused:info'] },
  'several.test': { verdict: 'broken', score: 10, codes: ['dns:check/sts-multiple:error'] },
  'cut.test': { verdict: 'broken', score: 10, codes: ['sts:sts-txt/id-missing:error'] },
  'split.test': { verdict: 'enforced', score: 100, codes: [] },
  'nortlsrpt.test': { verdict: 'enforced', score: 90, codes: ['tlsrpt:check/tlsrpt-missing:warning'] },
  'badrua.test': { verdict: 'enforced', score: 90, codes: ['tlsrpt:tlsrpt-txt/rua-missing-mailto:error', 'tlsrpt:tlsrpt-txt/rua-scheme:error'] },
  'dane.test': { verdict: 'enforced', score: 100, codes: ['dns:check/dane-present:info'] },
  'cname.test': { verdict: 'enforced', score: 100, codes: [] },
  'stale.test': { verdict: 'enforced', score: 100, codes: [] },
  'nohost.test': { verdict: 'broken', score: 30, codes: ['https:check/policy-host-missing:error'] },
};

let world: World;
let transport: string[];
let all: Run;
let results: Map<string, JsonResult>;

beforeAll(async () => {
  world = (await startWorld()) as World;
  transport = ['--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort), '--timeout', '3'];
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
    expect(r.stdout).toMatch(/^ {2}MX +10 mx1\.enforce\.test +✓ \*\.enforce\.test$/m);
    expect(r.stdout).toMatch(/^ +20 mx\.world\.test +✓ mx\.world\.test$/m);
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
    const r = stsLens(['check', '--doh', world.dohUrl, ...transport.slice(2), '--format', 'json', 'enforce.test', 'cut.test']);
    const [a, b] = JSON.parse(r.stdout) as JsonResult[];
    expect([a!.verdict, b!.verdict]).toEqual(['enforced', 'broken']);
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

  it('fails with exit 2 and one clear line when the resolver does not answer', () => {
    const r = stsLens(['check', '--resolver', '127.0.0.1:9', '--timeout', '500ms', 'enforce.test']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sts-lens check: could not check enforce\.test: no DNS answer from DNS 127\.0\.0\.1:9 \(.+\); is the resolver reachable\?\n$/);
  });

  // The DoH provider's outage is no verdict on the domain: no output on stdout (text or JSON), exit 2, one line.
  it.each([
    ['untrusted (the world’s CA not given)', () => world.dohUrl, /certificate|self.signed|issuer/i],
    ['not listening', () => 'https://127.0.0.1:9/dns-query', /ECONNREFUSED|connect/i],
  ])('fails with exit 2 when the DoH provider is %s, for a domain with and one without MTA-STS', (_what, url, why) => {
    for (const format of ['text', 'json']) {
      const r = stsLens(['check', '--doh', url(), '--timeout', '2s', '--format', format, 'enforce.test', 'absent.test']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.map((l) => l.replace(/ \(.*\); /, ' (…); '))).toEqual(
        ['enforce.test', 'absent.test'].map((d) => `sts-lens check: could not check ${d}: no DNS answer from DoH ${url()} (…); is the resolver reachable?`),
      );
      expect(lines[0]).toMatch(why);
    }
  });

  it('rejects input that names no domain, and bad options, with exit 2', () => {
    expect(stsLens(['check', '192.0.2.1']).stderr).toContain('is an IP address');
    expect(stsLens(['check', '--timeout', 'soon', 'a.test']).status).toBe(2);
    expect(stsLens(['check', '--resolver', 'x:y:z', 'a.test']).stderr).toContain('--resolver needs HOST:PORT');
    expect(stsLens(['check']).stderr).toContain('name at least one domain');
  });
});

describe('sts-lens init against the test world', () => {
  it('prints a testing policy from the live MX hosts, an STS record with a fresh id and a TLS-RPT record', () => {
    const r = stsLens(['init', '--resolver', world.dnsServer, 'absent.test'], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('version: STSv1\nmode: testing\nmx: ');
    expect(r.stdout).toContain('max_age: 604800\n');
    expect(r.stdout).toContain('_mta-sts.absent.test.   3600 IN TXT "v=STSv1; id=20260101000000"');
    expect(r.stdout).toContain('_smtp._tls.absent.test. 3600 IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@absent.test"');
    // What it prints lints clean.
    const policy = r.stdout.slice(r.stdout.indexOf('version:'), r.stdout.indexOf('# DNS'));
    expect(stsLens(['lint', '--kind', 'policy', '-'], { input: policy }).status).toBe(0);
  });

  it('notes an existing _mta-sts record', () => {
    const r = stsLens(['init', '--resolver', world.dnsServer, 'enforce.test']);
    expect(r.stderr).toMatch(/^note: enforce\.test already publishes _mta-sts "v=STSv1; id=\w+"/);
  });
});
