// The expectations both browsers' end-to-end suites assert (test/e2e.test.ts in Chromium, test/e2e-firefox.test.ts in
// Firefox): one table, so the two browsers must show the same badge and the same problems for every world case.
import type { BADGE_STYLE } from '../src/badge.ts';

type State = keyof typeof BADGE_STYLE;

/**
 * Every world case as the extension shows it: the badge state and the problem codes the popup lists, in order.
 * In a browser a certificate failure (expired, wrong name, untrusted), an unknown or refusing policy host and an HTTPS
 * port that does not answer are one and the same failed fetch, so those cases all show check/policy-unreachable with
 * CONNECT_FAILURE as the policy's status (the Node checker tells them apart; the browser does not). The HTTP-only probe
 * of the Node checker is not made from the browser (policy fetches are https only), so httponly.test shows the same.
 */
export const EXPECT: Record<string, { state: State; problems: string[] }> = {
  'enforce.test': { state: 'enforced', problems: [] },
  'testing.test': { state: 'testing', problems: [] },
  'none.test': { state: 'none', problems: ['check/mode-none'] },
  'absent.test': { state: 'absent', problems: ['check/sts-missing'] },
  'tlsrptonly.test': { state: 'absent', problems: ['check/sts-missing', 'check/tlsrpt-without-sts'] },
  'redirect.test': { state: 'broken', problems: ['check/policy-redirect'] },
  'notfound.test': { state: 'broken', problems: ['check/policy-status'] },
  'html.test': { state: 'broken', problems: ['check/policy-content-type'] },
  'httponly.test': { state: 'broken', problems: ['check/policy-unreachable'] },
  'wrongname.test': { state: 'broken', problems: ['check/policy-unreachable'] },
  'expired.test': { state: 'broken', problems: ['check/policy-unreachable'] },
  'untrusted.test': { state: 'broken', problems: ['check/policy-unreachable'] },
  'big.test': { state: 'broken', problems: ['check/policy-too-large'] },
  'uncovered.test': { state: 'broken', problems: ['check/mx-not-covered'] },
  'twolabels.test': { state: 'broken', problems: ['check/mx-not-covered', 'check/mx-pattern-unused'] },
  'several.test': { state: 'broken', problems: ['check/sts-multiple'] },
  'cut.test': { state: 'broken', problems: ['sts-txt/id-missing'] },
  'split.test': { state: 'enforced', problems: [] },
  'nortlsrpt.test': { state: 'enforced', problems: ['check/tlsrpt-missing'] },
  'badrua.test': { state: 'enforced', problems: ['tlsrpt-txt/rua-missing-mailto', 'tlsrpt-txt/rua-scheme'] },
  'dane.test': { state: 'enforced', problems: ['check/dane-present'] },
  'cname.test': { state: 'enforced', problems: [] },
  'stale.test': { state: 'enforced', problems: [] },
  'nohost.test': { state: 'broken', problems: ['check/policy-unreachable'] },
  // Last: its check waits for the policy fetch's 10 s cap; every other tab is checked meanwhile.
  'slow.test': { state: 'broken', problems: ['check/policy-slow'] },
};
/** The cases whose policy fetch the browser reports only as "failed" (see EXPECT). */
export const CONNECT_FAILED = ['httponly.test', 'wrongname.test', 'expired.test', 'untrusted.test', 'nohost.test'];

/** What the copy without host access shows: what DNS alone tells. */
// `grant`: whether the popup offers to allow the policy host (only when there is an STS record).
export const DNS_ONLY: Record<string, { state: State; problems: string[]; grant: boolean }> = {
  'nortlsrpt.test': { state: 'unfetched', problems: ['check/tlsrpt-missing'], grant: true },
  'several.test': { state: 'broken', problems: ['check/sts-multiple'], grant: true },
  'absent.test': { state: 'absent', problems: ['check/sts-missing'], grant: false },
};
