import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, repoRoot, stsLens } from './sts-lens.ts';

const dir = join(fixtures, 'report');
const report = (...args: string[]) => stsLens(['report', ...args], { cwd: dir });
const temp = mkdtempSync(join(tmpdir(), 'sts-lens-report-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const RFC_EXAMPLE = `1 report from 1 organisation, 2016-04-01 to 2016-04-01 (1 day)
sessions: 5326 successful, 303 failed (5.38% failed)

organisation  reports
Company-X           1

policy domain      type  successful  failed  failed %
company-y.example  sts         5326     303     5.38%

result type             failed
starttls-not-supported     200
certificate-expired        100
validation-failure           3

company-y.example: not ready for enforce: 303 of 5629 sessions failed (5.38%)
  MX host                           failed  result types                policy mx
  mx2.mail.company-y.example           200  starttls-not-supported 200  *.mail.company-y.example
  mx1.mail.company-y.example           100  certificate-expired 100     *.mail.company-y.example
  mx-backup.mail.company-y.example       3  validation-failure 3        *.mail.company-y.example
  policies senders saw:
    current  sts   mode testing; mx *.mail.company-y.example; max_age 86400  (1 report, 2016-04-01 to 2016-04-01)
  next step: enable STARTTLS on mx2.mail.company-y.example, then wait for 7 days of reports with no failures before switching to enforce
`;

describe('sts-lens report: valid reports', () => {
  it('summarises the RFC 8460 §4.5 example with a not-ready verdict', () => {
    const r = report('rfc-example.json');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(RFC_EXAMPLE);
    expect(r.status).toBe(0);
  });

  it('reads the same report gzipped, by extension or by content, and from standard input', () => {
    for (const path of ['gzip/rfc-example.json.gz', 'gzip/company-x.gz']) {
      const r = report(path);
      expect(r.stdout).toBe(RFC_EXAMPLE);
      expect(r.status).toBe(0);
    }
    const r = stsLens(['report', '-'], { cwd: dir, input: readFileSync(join(dir, 'gzip/rfc-example.json.gz')) });
    expect(r.stdout).toBe(RFC_EXAMPLE);
  });

  it('reads the report attached to a mail (multipart/report, base64 gzip)', () => {
    const r = report('--format', 'json', 'mail/company-x.eml');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.read).toBe(1);
    expect(json.summary.successful).toBe(5326);
    expect(json.summary.failed).toBe(303);
    expect(report('mail/company-x.eml').stdout).toBe(RFC_EXAMPLE);
  });

  it('reads every mail of an mbox and skips mails without a report', () => {
    const r = report('--format', 'json', 'mail/two.mbox');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.read).toBe(1);
    expect(json.summary.organizations).toEqual([{ name: 'Mail Provider A', reports: 1 }]);
    expect(json.summary.domains[0].verdict.status).toBe('wait');
  });

  it('says ready after a clean week, with the concrete next step', () => {
    const r = report('clean');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`3 reports from 2 organisations, 2026-01-01 to 2026-01-08 (8 days)
sessions: 360 successful, 0 failed (0.00% failed)

organisation     reports
Mail Provider A        2
Mail Provider B        1

policy domain  type  successful  failed  failed %
example.com    sts          360       0     0.00%

example.com: ready for enforce: all 360 sessions over 8 days of reports succeeded (0.00% failed)
  policies senders saw:
    current  sts   mode testing; mx mx1.example.com, mx2.example.com; max_age 604800  (3 reports, 2026-01-01 to 2026-01-08)
  next step: change \`mode: testing\` to \`mode: enforce\` in https://mta-sts.example.com/.well-known/mta-sts.txt and publish a new \`id\` in the \`_mta-sts.example.com\` TXT record (senders refetch the policy only when the id changes)
`);
  });

  it('shows a sender still on the old policy', () => {
    const r = report('stale');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(-10, -1).join('\n')).toBe(`example.org: mode enforce, but 4 of 204 sessions failed (1.96%): senders that honour MTA-STS did not deliver that mail
  MX host          failed  result types                 policy mx
  mx2.example.com       4  certificate-host-mismatch 4  mx2.example.com
  policies senders saw:
    current  sts   mode enforce; mx mx1.example.com, mx2.example.com; max_age 604800  (1 report, 2026-01-09 to 2026-01-09)
    older    sts   mode testing; mx mx1.example.com; max_age 604800  (3 reports, 2026-01-01 to 2026-01-10); stale at Mail Provider B
  - Mail Provider B still applied an older policy (mode testing, mx mx1.example.com, max_age 604800; last seen 2026-01-10) after the current one was seen: a policy changed without a new \`id\` stays cached until its max_age runs out
  - no reports from 2026-01-03 to 2026-01-08
  next step: install a certificate on mx2.example.com whose names include \`mx2.example.com\`; if it cannot be fixed at once, switch back to \`mode: testing\` and publish a new \`id\``);
  });

  it('prints JSON with the summary tables and the verdict', () => {
    const r = report('--format', 'json', 'rfc-example.json');
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['read', 'invalid', 'reports', 'duplicates', 'warnings', 'summary']);
    expect(json.reports).toEqual([]);
    const d = json.summary.domains[0];
    expect(d.domain).toBe('company-y.example');
    expect(d.failureRate).toBeCloseTo(303 / 5629, 12);
    expect(d.mxHosts[0]).toEqual({ host: 'mx2.mail.company-y.example', failed: 200, resultTypes: [{ resultType: 'starttls-not-supported', failed: 200 }], coveredBy: '*.mail.company-y.example' });
    expect(d.verdict.status).toBe('not-ready');
    expect(d.verdict.reasons).toEqual([
      'mx2.mail.company-y.example: 200 failed sessions (starttls-not-supported 200)',
      'mx1.mail.company-y.example: 100 failed sessions (certificate-expired 100)',
      'mx-backup.mail.company-y.example: 3 failed sessions (validation-failure 3)',
    ]);
    expect(json.summary.policyTypes).toEqual([{ type: 'sts', successful: 5326, failed: 303 }]);
  });
});

describe('sts-lens report: what real reports need', () => {
  const json = (...args: string[]) => JSON.parse(report('--format', 'json', ...args).stdout);

  it('counts a report read twice (kept as .eml and as .json) once and says so', () => {
    const r = report('rfc-example.json', 'mail/company-x.eml', 'gzip/company-x.gz');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\n2 duplicate reports skipped (same organisation and `report-id` as a report already counted): mail/company-x.eml (company-x.example!company-y.example!1459468800!1459555199.json.gz) (same as rfc-example.json), gzip/company-x.gz (same as rfc-example.json)\nsessions: 5326 successful, 303 failed');
    const s = json('rfc-example.json', 'mail/company-x.eml').summary;
    expect([s.reports, s.duplicates, s.successful, s.failed]).toEqual([1, 1, 5326, 303]);
  });

  it('two gaps apart one-day reports cover 2 days, not 9, and the gap is named', () => {
    const r = report('gaps');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 reports from 2 organisations, 2026-01-01 to 2026-01-09 (9 days, 2 with reports)\n');
    expect(r.stdout).toContain(`example.com: no failures in 240 sessions, but the reports cover only 2 days
  policies senders saw:
    current  sts   mode testing; mx mx1.example.com, mx2.example.com; max_age 604800  (2 reports, 2026-01-01 to 2026-01-09)
  - no reports from 2026-01-02 to 2026-01-08
  next step: keep \`mode: testing\` until reports cover at least 7 days, then read them again
`);
    const d = json('gaps').summary.domains[0];
    expect([d.daysCovered, d.gaps, d.verdict.status]).toEqual([2, [{ start: '2026-01-01T23:59:59.000Z', end: '2026-01-09T00:00:00.000Z' }], 'wait']);
  });

  it('shows TLSA records (a JSON array in one string unpacked) apart from STS versions; no-policy-found is no policy', () => {
    const r = report('tlsa');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`  policies senders saw:
    current  sts   mode testing; mx mx.dane.example; max_age 604800  (1 report, 2026-02-01 to 2026-02-01)
    seen     tlsa  3 1 1 206d5f55ecb9f8389bc57b5ba14716dd5b23d0834fd2c99fd402f0bda32e9523; 3 1 1 4201e4b741c746b62ff806c142158c35ecbbbd9ac56b6d791f760e272736f8d0  (1 report, 2026-02-01 to 2026-02-01)
  next step:`);
    const policies = json('tlsa').summary.domains[0].policies;
    expect(policies.map((p: { type: string; current: boolean; older: boolean }) => [p.type, p.current, p.older])).toEqual([['sts', true, false], ['tlsa', false, false]]);
  });

  it('calls no policy current or stale when one report shows two policies for the same day', () => {
    const r = report('same-day');
    expect(r.stdout).toContain(`    seen     sts   mode testing; mx mx1.example.net; max_age 86400  (1 report, 2026-03-01 to 2026-03-01)
    seen     sts   mode enforce; mx mx1.example.net; max_age 86400  (1 report, 2026-03-01 to 2026-03-01)
  - 2 different MTA-STS policies were first seen in the same reports (mode testing, mx mx1.example.net, max_age 86400; mode enforce, mx mx1.example.net, max_age 86400): the dates do not show which one is current, so no sender is called stale; publish a new \`id\` if the policy changed without one
`);
    expect(r.stdout).not.toContain('stale at');
  });

  it('counts a report with two entries for the same policy (lines in another order) as one report of one policy', () => {
    const d = json('repeat-entry').summary.domains[0];
    expect(d.policies).toHaveLength(1);
    expect(d.policies[0]).toMatchObject({ reports: 1, mx: ['mx1.example.net', 'mx2.example.net'], current: true });
    expect(d.successful).toBe(45);
  });

  it('groups entries without a policy-domain apart, with advice that names no domain', () => {
    const r = report('no-domain');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('(no policy-domain)  sts            9       1    10.00%\n');
    expect(r.stdout).toContain('(no policy-domain): 10 sessions in report entries without a `policy-domain` (1 failed): they count for no domain\n');
    expect(r.stdout).toContain('  next step: nothing to decide from these entries; RFC 8460 §4.4 requires `policy-domain`, so tell the sender (Mail Provider C) through the report\'s `contact-info`\n');
    expect(r.stdout).not.toMatch(/_mta-sts\.\(|init \(|\(none\)/);
    const d = json('no-domain').summary.domains[0];
    expect([d.domain, d.verdict.status]).toEqual([null, 'no-domain']);
  });

  it('skips a mail without a report found in a folder with a warning, exit 0; named, it stays exit 2', () => {
    const r = report('bounce');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('sts-lens: warning: bounce/bounce.eml: no TLS-RPT report attached to the mail (looked for application/tlsrpt+gzip, application/tlsrpt+json and *.json / *.gz files); skipped\n');
    expect(r.stdout).toContain('1 report from 1 organisation');
    expect(json('bounce').warnings).toHaveLength(1);
    const named = report('bounce/bounce.eml');
    expect(named.status).toBe(2);
    expect(named.stderr).toBe('sts-lens: bounce/bounce.eml: no TLS-RPT report attached to the mail (looked for application/tlsrpt+gzip, application/tlsrpt+json and *.json / *.gz files)\n');
  });

  it('asks "did you mean" for draft-era field names, with a rename fix', () => {
    const r = report('--format', 'json', 'draft');
    expect(r.status).toBe(0);
    const ds = JSON.parse(r.stdout).reports[0].diagnostics;
    expect(ds.map((d: { code: string; severity: string; fixes: { edits: { newText: string }[] }[] }) => [d.code, d.severity, d.fixes[0]!.edits[0]!.newText])).toEqual([
      ['report/unknown-field', 'warning', '"receiving-mx-hostname"'],
      ['report/unknown-field', 'warning', '"failure-reason-code"'],
      ['report/unknown-field', 'warning', '"additional-information"'],
    ]);
  });

  it('reads Microsoft\'s date-times without an offset as UTC: a warning with a fix, and the day counts', () => {
    const r = report('--format', 'json', join(repoRoot, 'shared/fixtures/real-world/reports/mox-microsoft.eml'));
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    const d = json.reports[0].diagnostics[0];
    expect([d.code, d.severity, d.message, d.fixes[0].title, d.range, d.fixes[0].edits]).toEqual([
      'report/date-invalid',
      'warning',
      '`start-datetime` `2023-01-10T00:00:00` has no offset (RFC 3339 requires `Z` or `+hh:mm`); it is read as UTC, which the sender most likely means; a report writer should append `Z`',
      'Append `Z` (UTC)',
      { start: { line: 0, character: 76 }, end: { line: 0, character: 97 } },
      [{ range: { start: { line: 0, character: 96 }, end: { line: 0, character: 96 } }, newText: 'Z' }],
    ]);
    expect([json.summary.start, json.summary.end, json.summary.daysCovered]).toEqual(['2023-01-10T00:00:00.000Z', '2023-01-10T23:59:59.000Z', 1]);
  });

  it('names the mails of an mbox that carry no report, and reads the others', () => {
    const r = report('mail/two.mbox');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('sts-lens: warning: mail/two.mbox: mail 2 of 2 carries no TLS-RPT report; skipped\n');
  });
});

describe('sts-lens report: invalid reports', () => {
  it('reports every schema violation at its exact position, exit 1', () => {
    const r = report('invalid');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const findings = r.stdout.slice(0, r.stdout.indexOf('\n\n'));
    expect(findings).toBe(`invalid/bad-values.json:3:76  error  report/date-invalid  \`end-datetime\` \`2026-01-01\` is not an RFC 3339 date-time; write e.g. \`2026-01-01T00:00:00Z\` (date, \`T\`, time, and \`Z\` or an offset)
invalid/bad-values.json:7:31  error  report/policy-type-unknown  \`policy-type\` \`STS\` is not one of \`sts\`, \`tlsa\`, \`no-policy-found\`; did you mean \`sts\`?
  fix: Change to \`sts\`
invalid/bad-values.json:8:51  error  report/count-invalid  \`total-successful-session-count\` is \`1.5\`: a count is a whole number; write a whole number of sessions, 0 or more
invalid/bad-values.json:8:87  error  report/count-invalid  \`total-failure-session-count\` is \`-2\`: a count cannot be negative; write a whole number of sessions, 0 or more
invalid/bad-values.json:10:23  warning  report/result-type-unknown  \`result-type\` \`certificate-expire\` is not a registered result type; did you mean \`certificate-expired\`?
  fix: Change to \`certificate-expired\`
invalid/bad-values.json:10:63  warning  report/ip-invalid  \`sending-mta-ip\` \`300.1.2.3\` is not an IPv4 or IPv6 address
invalid/bad-values.json:11:23  warning  report/result-type-unknown  \`result-type\` \`tls-is-broken\` is not a registered result type (RFC 8460 §4.3: starttls-not-supported, certificate-host-mismatch, certificate-expired, certificate-not-trusted, validation-failure, tlsa-invalid, dnssec-invalid, dane-required, sts-policy-fetch-error, sts-policy-invalid, sts-webpki-invalid)
invalid/bad-values.json:11:108  error  report/count-invalid  \`failed-session-count\` is \`1e2\`: a count is a whole number; write a whole number of sessions, 0 or more
invalid/missing-fields.json:1:1  error  report/missing-field  the report has no \`contact-info\`; RFC 8460 §4.4 requires it
invalid/missing-fields.json:3:3  error  report/missing-field  \`date-range\` has no \`end-datetime\`; RFC 8460 §4.4 requires it
invalid/missing-fields.json:6:5  error  report/missing-field  \`policy\` has no \`policy-domain\`; RFC 8460 §4.4 requires it
invalid/missing-fields.json:8:25  error  report/missing-field  this failure detail has no \`failed-session-count\`; RFC 8460 §4.4 requires it
invalid/reversed-range.json:3:76  error  report/date-range-reversed  \`end-datetime\` 2026-01-01T00:00:00Z is before \`start-datetime\` 2026-01-02T00:00:00Z; a report covers the period from start to end
invalid/reversed-range.json:5:3  info  report/unknown-field  \`report_id\` is not a field RFC 8460 defines here; it is ignored
invalid/reversed-range.json:6:3  warning  report/duplicate-key  \`report-id\` appears again later in this object; that later value is the one read
invalid/reversed-range.json:9:5  error  report/missing-field  \`policy\` has no \`policy-type\`; RFC 8460 §4.4 requires it
invalid/reversed-range.json:9:16  warning  report/unknown-field  \`policy_type\` is not a field of \`policy\`; did you mean \`policy-type\`? As written it is ignored
  fix: Rename to \`policy-type\`
invalid/reversed-range.json:10:85  warning  report/failure-count-mismatch  \`total-failure-session-count\` is 1 but the failure details count 3 failed sessions; the total cannot be smaller than its parts
invalid/syntax.json:4:38  error  report/json-syntax  not valid JSON: expected a key in double quotes, found \`}\`
invalid/wrong-types.json:2:24  error  report/wrong-type  \`organization-name\` must be a string, found a number
invalid/wrong-types.json:7:55  error  report/wrong-type  \`policy-string\` must be a list of strings, found a string
invalid/wrong-types.json:7:135  error  report/wrong-type  each entry of \`mx-host\` must be a string, found a number
invalid/wrong-types.json:8:51  error  report/wrong-type  \`total-successful-session-count\` must be a number, found a string
  fix: Write 10 as a number
invalid/wrong-types.json:8:88  error  report/wrong-type  \`total-failure-session-count\` must be a number, found null
invalid/wrong-types.json:9:24  error  report/wrong-type  \`failure-details\` must be a list of objects, found an object`);
    expect(r.stdout).toContain('\n5 reports (5 invalid) from 2 organisations, 2026-01-01 to 2026-01-01 (1 day)\n');
  });

  it('gives JSON diagnostics with LSP ranges and fixes', () => {
    const r = report('--format', 'json', 'invalid/syntax.json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).reports).toEqual([
      {
        path: 'invalid/syntax.json',
        valid: false,
        diagnostics: [
          {
            code: 'report/json-syntax',
            severity: 'error',
            message: 'not valid JSON: expected a key in double quotes, found `}`',
            range: { start: { line: 3, character: 37 }, end: { line: 3, character: 38 } },
            fixes: [],
          },
        ],
      },
    ]);
  });
});

describe('sts-lens report: bad input', () => {
  it('stops a 100 MB gzip bomb at the cap with a clear message', () => {
    const bomb = join(temp, 'bomb.json.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20), { level: 9 }));
    const r = stsLens(['report', bomb]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`sts-lens: ${bomb}: gzip data decompresses to more than 64 MiB; stopped there (a real report is far smaller)\n`);
    expect(r.stdout).toBe('');
  });

  it('names truncated gzip as such, exit 2, and still reads the other reports (the same report twice counts once)', () => {
    const r = report('gzip');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sts-lens: gzip/truncated.json.gz: gzip data is truncated (unexpected end of file); the report was cut off in transit or on disk\n');
    expect(r.stdout).toContain('1 report from 1 organisation, 2016-04-01 to 2016-04-01 (1 day)\n1 duplicate report skipped (same organisation and `report-id` as a report already counted): gzip/rfc-example.json.gz (same as gzip/company-x.gz)\nsessions: 5326 successful, 303 failed');
  });

  it('gives a diagnostic, not a stack overflow, for JSON nested 100 000 deep', () => {
    const r = stsLens(['report', '-'], { input: '['.repeat(100_000) + ']'.repeat(100_000) });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('<stdin>:1:513  error  report/json-syntax  not valid JSON: nested deeper than 512 levels of arrays and objects; the report is not read\n\n1 report (1 invalid), none readable: nothing to summarise\n');
  });

  it('summarises one report with 1 000 000 failure details within a bounded heap', async () => {
    const path = join(temp, 'million.json.gz');
    const head = '{"organization-name":"Big","date-range":{"start-datetime":"2026-01-01T00:00:00Z","end-datetime":"2026-01-01T23:59:59Z"},"contact-info":"a@b.example","report-id":"m","policies":[{"policy":{"policy-type":"sts","policy-domain":"example.com"},"summary":{"total-successful-session-count":0,"total-failure-session-count":1000000},"failure-details":[';
    function* chunks(): Generator<string> {
      yield head;
      for (let i = 0; i < 1000; i++) {
        const part: string[] = [];
        for (let j = 0; j < 1000; j++) part.push(`{"result-type":"dane-required","failed-session-count":1}`);
        yield (i === 0 ? '' : ',') + part.join(',');
      }
      yield ']}]}';
    }
    await pipeline(Readable.from(chunks()), createGzip(), createWriteStream(path));
    // A 1 GiB heap ceiling: V8 aborts the process beyond it, so passing proves the bound.
    const r = stsLens(['report', '--format', 'json', path], { env: { NODE_OPTIONS: '--max-old-space-size=1024' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout).summary;
    expect(s.failed).toBe(1_000_000);
    expect(s.resultTypes).toEqual([{ resultType: 'dane-required', failed: 1_000_000 }]);
    expect(s.domains[0].mxHosts).toEqual([{ host: '(not named)', failed: 1_000_000, resultTypes: [{ resultType: 'dane-required', failed: 1_000_000 }] }]);
  }, 90_000);

  it('says which path cannot be read, and what a mail without a report lacks', () => {
    const r = report('nope.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sts-lens: nope.json: no such file or directory\n');
    const mail = join(temp, 'plain.eml');
    writeFileSync(mail, 'From: a@b.example\nSubject: hi\nContent-Type: text/plain\n\nhello\n');
    const m = stsLens(['report', mail]);
    expect(m.status).toBe(2);
    expect(m.stderr).toBe(`sts-lens: ${mail}: no TLS-RPT report attached to the mail (looked for application/tlsrpt+gzip, application/tlsrpt+json and *.json / *.gz files)\n`);
  });

  it('rejects usage mistakes with exit 2', () => {
    expect(report().status).toBe(2);
    expect(report().stderr).toContain('no PATH given');
    const f = report('--format', 'sarif', 'rfc-example.json');
    expect(f.status).toBe(2);
    expect(f.stderr).toContain('unknown format `sarif`; use text, json');
  });
});
