// Real reports from other projects' test data (shared/fixtures/real-world/reports, README there): each JSON report is
// read without a crash, its sums match the hand-written expectations, and valid material raises no error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportAggregator } from './aggregate.ts';
import { lintReport } from './lint-report.ts';

const dir = join(import.meta.dirname, '../../fixtures/real-world/reports');
interface Expected {
  readonly organization: string;
  readonly reportId: string;
  readonly domains: Record<string, [number, number]>;
  readonly findings: readonly string[];
}
const expected = JSON.parse(readFileSync(join(dir, '../reports-expected.json'), 'utf8')) as { reports: Record<string, Expected> };
const jsonFiles = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('real-world TLS-RPT reports (core)', () => {
  it('has an expectation for every report file', () => {
    expect(jsonFiles.length).toBeGreaterThanOrEqual(5);
    for (const f of readdirSync(dir).filter((f) => /\.(json|eml)$/.test(f))) expect(Object.keys(expected.reports)).toContain(f);
  });

  for (const file of jsonFiles) {
    it(`${file}: sums and findings as written down`, () => {
      const want = expected.reports[file]!;
      const lint = lintReport(readFileSync(join(dir, file), 'utf8'));
      expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(lint.diagnostics.map((d) => d.code)).toEqual(want.findings);
      expect(lint.report?.organization).toBe(want.organization);
      expect(lint.report?.reportId).toBe(want.reportId);
      const agg = new ReportAggregator();
      expect(agg.add(lint.report!)).toBe(true);
      // The same report a second time is a duplicate and changes nothing.
      expect(agg.add(lint.report!)).toBe(false);
      const s = agg.summary();
      expect(s.duplicates).toBe(1);
      expect(Object.fromEntries(s.domains.map((d) => [d.domain, [d.successful, d.failed]]))).toEqual(want.domains);
      expect(s.daysCovered).toBe(1);
    });
  }
});
