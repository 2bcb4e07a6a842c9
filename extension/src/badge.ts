// What the toolbar shows for a tab: text, colour and tooltip per verdict, plus the checking and error states.
// Pure: the worker applies the result through the action API.
import type { CheckResult, Verdict } from '@sts-lens/shared/check';
import type { PolicyAccess, StoredCheck, TabState } from './state.ts';

/** A verdict as the extension shows it: `unfetched` is an STS record whose policy was not fetched (no permission). */
export type ShownVerdict = Verdict | 'unfetched';

export interface Badge {
  readonly text: string;
  /** Background colour, #rrggbb. */
  readonly color: string;
  readonly title: string;
}

/** Text and colour per state; the colours keep white text readable (contrast ≥ 4.5:1). */
export const BADGE_STYLE = {
  enforced: { text: 'ENF', color: '#1a7f37' },
  testing: { text: 'TEST', color: '#9a6700' },
  none: { text: 'NONE', color: '#57606a' },
  absent: { text: 'OFF', color: '#57606a' },
  broken: { text: 'FAIL', color: '#cf222e' },
  unfetched: { text: 'DNS', color: '#0969da' },
  checking: { text: '…', color: '#57606a' },
  error: { text: 'ERR', color: '#8250df' },
  // Not checked (no DNS answer): the worker shows it as the error state, never as a verdict.
  unknown: { text: 'ERR', color: '#8250df' },
} as const satisfies Record<string, { text: string; color: string }>;

export const DEFAULT_TITLE = 'STS Lens: MTA-STS and TLS-RPT of the site’s mail domain';

/** The verdict to show: a record whose policy was not fetched for want of permission is `unfetched`, not broken. */
export function shownVerdict(result: CheckResult, access: PolicyAccess): ShownVerdict {
  if (access === 'fetched' || result.verdict === 'absent' || result.verdict === 'unknown') return result.verdict;
  const dnsError = result.diagnostics.some((d) => d.severity === 'error' && (d.source === 'dns' || d.source === 'sts'));
  return dnsError ? 'broken' : 'unfetched';
}

/** One line per verdict: what it means for mail sent to the domain. */
export function headline(verdict: ShownVerdict, result: CheckResult): string {
  switch (verdict) {
    case 'enforced':
      return 'MTA-STS enforced: senders must use TLS with a valid certificate to every MX';
    case 'testing':
      return 'MTA-STS in testing: senders report TLS failures but still deliver without TLS';
    case 'none':
      return 'MTA-STS policy in mode none: the domain has withdrawn its policy';
    case 'absent':
      return 'no MTA-STS: senders may deliver mail without TLS';
    case 'broken': {
      const n = result.diagnostics.filter((d) => d.severity === 'error').length;
      return `MTA-STS broken: ${n} ${n === 1 ? 'error fails' : 'errors fail'} senders (open for details)`;
    }
    case 'unknown':
      return `could not check ${result.domain}: no DNS answer (${result.unreachable ?? 'no lookup answered'})`;
    case 'unfetched':
      return `MTA-STS record found${result.sts.id ? ` (id ${result.sts.id})` : ''}; the policy was not fetched (allow access to mta-sts.${result.domain} in the popup)`;
  }
}

/** The TLS-RPT line of the tooltip. */
export function tlsrptLine(result: CheckResult): string {
  return result.tlsrpt.rua.length > 0 ? `TLS-RPT: reports to ${result.tlsrpt.rua.join(', ')}` : 'TLS-RPT: none';
}

/** The badge of a tab from its state and, when done, the cached check. */
export function badgeFor(state: TabState | undefined, stored?: StoredCheck): Badge {
  if (!state || state.kind === 'unsupported') return { text: '', color: BADGE_STYLE.none.color, title: DEFAULT_TITLE };
  switch (state.kind) {
    case 'checking':
      return { ...BADGE_STYLE.checking, title: `STS Lens: checking ${state.domain}…` };
    case 'error':
      return { ...BADGE_STYLE.error, title: `STS Lens: could not check ${state.domain}: ${state.message}` };
    case 'idle':
      return { text: '', color: BADGE_STYLE.none.color, title: `STS Lens: click to check ${state.domain}` };
    case 'excluded':
      return { text: '', color: BADGE_STYLE.none.color, title: `STS Lens: ${state.domain} is excluded in the options` };
    case 'done': {
      if (!stored || stored.domain !== state.domain) return { ...BADGE_STYLE.checking, title: `STS Lens: checking ${state.domain}…` };
      const v = shownVerdict(stored.result, stored.access);
      const r = stored.result;
      if (r.score === null) return { ...BADGE_STYLE[v], title: `STS Lens: ${headline(v, r)}` };
      return { ...BADGE_STYLE[v], title: `${r.domain}: ${headline(v, r)}\n${tlsrptLine(r)}\nScore ${r.score}/100` };
    }
  }
}
