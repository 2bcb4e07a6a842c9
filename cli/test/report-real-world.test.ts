// `sts-lens report` as a process over the real-world corpus (shared/fixtures/real-world/reports): every report, the
// mails included, read without a crash; the sums per report and over all as written down by hand in expected.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, stsLens } from './sts-lens.ts';

const dir = join(repoRoot, 'shared/fixtures/real-world/reports');
const expected = JSON.parse(readFileSync(join(dir, '../reports-expected.json'), 'utf8'));
const files = readdirSync(dir).filter((f) => /\.(json|eml)$/.test(f));

describe('sts-lens report on real-world reports', () => {
  for (const file of files) {
    it(`${file}: read, no error, sums as written down`, () => {
      const want = expected.reports[file];
      const r = stsLens(['report', '--format', 'json', file], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.read).toBe(1);
      expect(json.invalid).toBe(0);
      expect(json.reports.flatMap((x: { diagnostics: { code: string }[] }) => x.diagnostics.map((d) => d.code))).toEqual(want.findings);
      expect(json.summary.organizations).toEqual([{ name: want.organization, reports: 1 }]);
      expect(Object.fromEntries(json.summary.domains.map((d: { domain: string; successful: number; failed: number }) => [d.domain, [d.successful, d.failed]]))).toEqual(want.domains);
      expect(json.summary.daysCovered).toBe(want.days);
    });
  }

  it('sums the whole folder: one policy for Google and Microsoft lines in different orders, TLSA apart', () => {
    const r = stsLens(['report', '--format', 'json', '.'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout).summary;
    const all = expected.all;
    expect([s.reports, s.duplicates, s.successful, s.failed]).toEqual([all.reports, all.duplicates, all.successful, all.failed]);
    const domains = Object.fromEntries(
      s.domains.map((d: { domain: string; successful: number; failed: number; policies: unknown[]; verdict: { status: string } }) => [d.domain, { successful: d.successful, failed: d.failed, policies: d.policies.length, status: d.verdict.status }]),
    );
    expect(domains).toEqual(all.domains);
    const xmox = s.domains.find((d: { domain: string }) => d.domain === 'test.xmox.nl');
    const komijn = xmox.policies.find((p: { mx: string[] }) => p.mx.includes('komijn.test.xmox.nl'));
    expect(komijn).toMatchObject({ type: 'sts', reports: 2, organizations: ['Google Inc.', 'Microsoft Corporation'], older: true, staleOrganizations: [] });
    const tlsa = xmox.policies.find((p: { type: string }) => p.type === 'tlsa');
    expect(tlsa).toMatchObject({ current: false, older: false, records: ['3 1 1 206d5f55ecb9f8389bc57b5ba14716dd5b23d0834fd2c99fd402f0bda32e9523', '3 1 1 4201e4b741c746b62ff806c142158c35ecbbbd9ac56b6d791f760e272736f8d0'] });
  });

  it('counts a report kept twice (as .eml and as extracted .json) once', () => {
    const r = stsLens(['report', '--format', 'json', 'mox-google.eml', 'mox-google.eml', join(repoRoot, 'cli/test/fixtures/report/mail/company-x.eml'), join(repoRoot, 'cli/test/fixtures/report/rfc-example.json')], { cwd: dir });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.summary.reports).toBe(2);
    expect(json.summary.duplicates).toBe(1);
    expect(json.summary.successful).toBe(3 + 5326);
    expect(json.duplicates).toEqual([{ path: join(repoRoot, 'cli/test/fixtures/report/rfc-example.json'), firstPath: `${join(repoRoot, 'cli/test/fixtures/report/mail/company-x.eml')} (company-x.example!company-y.example!1459468800!1459555199.json.gz)` }]);
  });
});
