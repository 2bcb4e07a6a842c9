import type { Report } from '../rule.ts';

/** Findings per check are capped: past this many the record is garbage, and more noise helps no one. */
export const MAX_FINDINGS = 1000;

/** A report that passes on at most `MAX_FINDINGS` findings; `full()` tells a loop it may stop. */
export function cappedReport(report: Report): { readonly report: Report; full(): boolean } {
  let count = 0;
  return {
    report: (finding) => {
      if (count++ < MAX_FINDINGS) report(finding);
    },
    full: () => count >= MAX_FINDINGS,
  };
}
