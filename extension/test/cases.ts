// The expectations both browsers' end-to-end suites assert (test/e2e.test.ts in Chromium, test/e2e-firefox.test.ts in
// Firefox): one table, so the two browsers must show the same badge and the same problems for every world case.
import { expect } from 'vitest';
import { cases as allCases } from '../../cli/world/cases.mjs';
import { BADGE_STYLE } from '../src/badge.ts';
import { CONNECT_FAILURE } from '../src/fetch-policy.ts';

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
  'several.test': { state: 'broken', problems: ['check/sts-multiple', 'check/txt-unrelated'] },
  'cut.test': { state: 'broken', problems: ['sts-txt/id-missing'] },
  'split.test': { state: 'enforced', problems: [] },
  'nortlsrpt.test': { state: 'enforced', problems: ['check/tlsrpt-missing'] },
  'badrua.test': { state: 'enforced', problems: ['tlsrpt-txt/rua-missing-mailto', 'tlsrpt-txt/rua-scheme'] },
  'dane.test': { state: 'enforced', problems: ['check/dane-present'] },
  'cname.test': { state: 'enforced', problems: [] },
  'stale.test': { state: 'enforced', problems: [] },
  'nohost.test': { state: 'broken', problems: ['check/policy-unreachable'] },
  // A browser opens no SMTP connections: every MX TLS status is `skipped`, so the MX TLS cases show their policy alone.
  'mxtls.test': { state: 'enforced', problems: [] },
  'mxexpired.test': { state: 'enforced', problems: [] },
  'mxwrongname.test': { state: 'enforced', problems: [] },
  'mxselfsigned.test': { state: 'enforced', problems: [] },
  'mxexpiring.test': { state: 'enforced', problems: [] },
  'mxplain.test': { state: 'enforced', problems: [] },
  'mxdown.test': { state: 'enforced', problems: [] },
  'mxtesting.test': { state: 'testing', problems: [] },
  'mxv6.test': { state: 'enforced', problems: [] },
  'mxdual.test': { state: 'enforced', problems: [] },
  'mxcnonly.test': { state: 'enforced', problems: [] },
  'mxdeep.test': { state: 'enforced', problems: [] },
  'mxfuture.test': { state: 'enforced', problems: [] },
  'mxchain.test': { state: 'enforced', problems: [] },
  'mxcname.test': { state: 'enforced', problems: [] },
  // An MX record naming an IP address is a DNS fact: the browser sees it too.
  'mxip.test': { state: 'broken', problems: ['check/mx-ip-address'] },
  // Last: its check waits for the policy fetch's 10 s cap; every other tab is checked meanwhile.
  'slow.test': { state: 'broken', problems: ['check/policy-slow'] },
};
/** The cases whose policy fetch the browser reports only as "failed" (see EXPECT). */
export const CONNECT_FAILED = ['httponly.test', 'wrongname.test', 'expired.test', 'untrusted.test', 'nohost.test'];

/** What the copy without host access shows: what DNS alone tells. */
// `grant`: whether the popup offers to allow the policy host (only when there is an STS record).
export const DNS_ONLY: Record<string, { state: State; problems: string[]; grant: boolean }> = {
  'nortlsrpt.test': { state: 'unfetched', problems: ['check/tlsrpt-missing'], grant: true },
  'several.test': { state: 'broken', problems: ['check/sts-multiple', 'check/txt-unrelated'], grant: true },
  'absent.test': { state: 'absent', problems: ['check/sts-missing'], grant: false },
};

/** What the suites read from a popup, whichever driver they use. */
export interface PopupReader {
  attr(selector: string, name: string): Promise<string | null>;
  /** The text of the first element matching `selector`. */
  text(selector: string): Promise<string | null>;
  /** The texts of every element matching `selector`. */
  texts(selector: string): Promise<string[]>;
}

/** A badge as read through the action API: text, colour (#rrggbb) and tooltip. */
export interface BadgeSeen {
  readonly text: string;
  readonly color: string;
  readonly title: string;
}

/** The assertions of one world case, in either browser: the badge, the popup's verdict, problems and tooltip parts. */
export async function expectCase(domain: string, url: string, badge: BadgeSeen, popup: PopupReader): Promise<void> {
  const want = EXPECT[domain]!;
  expect({ text: badge.text, color: badge.color }).toEqual({ text: BADGE_STYLE[want.state].text, color: BADGE_STYLE[want.state].color });
  expect(await popup.attr('#verdict', 'data-verdict')).toBe(want.state);
  expect(await popup.text('#domain')).toBe(domain);
  expect(await popup.text('#derived')).toBe(`registrable domain of this tab’s page (${url})`);
  expect((await popup.texts('#problems .code')).map((x) => x.replace(/ \(.*\)$/, ''))).toEqual(want.problems);
  if (want.problems.length === 0) expect(await popup.text('#problems')).toBe('none found');
  // The tooltip: the popup's headline, the TLS-RPT addresses, the popup's score.
  const rua = await popup.texts('#rua li');
  expect(allCases.find((c) => c.domain === domain)!.tlsrpt).toBe(rua.length > 0);
  const score = (await popup.text('#score'))!.replace(/^score/, 'Score');
  expect(badge.title).toBe(`${domain}: ${await popup.text('#headline')}\n${rua.length ? `TLS-RPT: reports to ${rua.join(', ')}` : 'TLS-RPT: none'}\n${score}`);
  expect(await popup.text('#mx-tls')).toBe(`not checked in the browser — run sts-lens check ${domain}`);
  if (CONNECT_FAILED.includes(domain)) {
    expect(await popup.text('#policy-status')).toBe(CONNECT_FAILURE);
    expect(await popup.text('#problems .message')).toBe(
      `could not fetch https://mta-sts.${domain}/.well-known/mta-sts.txt: ${CONNECT_FAILURE}; serve the policy over HTTPS on port 443 of \`mta-sts.${domain}\``,
    );
  }
}

/** The assertions of a DNS-only case (the copy without host access), in either browser. */
export async function expectDnsOnly(domain: string, badge: BadgeSeen, popup: PopupReader): Promise<void> {
  const want = DNS_ONLY[domain]!;
  expect({ text: badge.text, color: badge.color }).toEqual({ text: BADGE_STYLE[want.state].text, color: BADGE_STYLE[want.state].color });
  expect(await popup.attr('#verdict', 'data-verdict')).toBe(want.state);
  expect((await popup.texts('#problems .code')).map((x) => x.replace(/ \(.*\)$/, ''))).toEqual(want.problems);
  expect(await popup.text('#policy-status')).toBe('not fetched (no permission for this host)');
  expect(await popup.texts('#grant')).toEqual(want.grant ? [`Allow access to mta-sts.${domain}`] : []);
  if (want.state === 'unfetched') {
    const score = (await popup.text('#score'))!.replace(/^score/, 'Score');
    expect(badge.title).toBe(
      `${domain}: MTA-STS record found (id 20260118000000); the policy was not fetched (allow access to mta-sts.${domain} in the popup)\nTLS-RPT: none\n${score}`,
    );
    expect(await popup.text('#mx li .muted')).toBe('(policy not read)');
  }
}

/** The DoH providers that cannot answer, as both suites set them: nothing listening, and a certificate not for it. */
export const PROVIDERS_DOWN = [
  ['not listening', () => 'https://127.0.0.1:9/dns-query'],
  ['with a certificate not valid for it', (httpsPort: number) => `https://127.0.0.1:${httpsPort}/dns-query`],
] as const;

/** A check whose DoH provider (`endpoint`) did not answer: ERR with the reason and a Re-check, never a verdict. */
export async function expectProviderDown(domain: string, endpoint: string, badge: BadgeSeen, popup: PopupReader & { recheckEnabled(): Promise<boolean> }): Promise<void> {
  expect({ text: badge.text, color: badge.color }).toEqual({ text: BADGE_STYLE.error.text, color: BADGE_STYLE.error.color });
  const prefix = `STS Lens: could not check ${domain}: the DNS-over-HTTPS provider ${new URL(endpoint).host} did not answer (`;
  expect(badge.title.slice(0, prefix.length)).toBe(prefix);
  expect(badge.title).toMatch(/\); Re-check once it is reachable, or choose another provider in the options$/);
  expect(await popup.text('#message')).toBe(`Could not check ${domain}: ${badge.title.slice('STS Lens: could not check '.length + domain.length + 2)}`);
  expect(await popup.recheckEnabled()).toBe(true);
  expect(await popup.texts('#verdict')).toEqual([]);
}

/** Every part of the popup of enforce.test, in either browser; `policyText` is the world's policy file. */
export async function expectEnforcedPopup(popup: PopupReader, policyText: string): Promise<void> {
  expect(await popup.text('#sts-id')).toBe('20260101000000');
  expect(await popup.text('#mode')).toBe('enforce');
  expect(await popup.text('#max-age')).toBe('604800 s (7 days)');
  expect(await popup.text('#score')).toBe('score 100/100');
  expect(await popup.texts('#mx li')).toEqual(['10 mx1.enforce.test ✓ *.enforce.test', '20 mx.world.test ✓ mx.world.test']);
  expect(await popup.texts('#rua li')).toEqual(['mailto:tls-reports@enforce.test']);
  expect(await popup.text('#sts-txt')).toBe('v=STSv1; id=20260101000000');
  expect(await popup.text('#tlsrpt-txt')).toBe('v=TLSRPTv1; rua=mailto:tls-reports@enforce.test');
  expect(await popup.text('#policy-text')).toBe(policyText);
  expect(await popup.text('#policy-status')).toBe('HTTP 200 · text/plain · 82 bytes');
}
