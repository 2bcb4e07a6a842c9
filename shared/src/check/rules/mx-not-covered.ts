import { parentWildcard } from '../../mx/match.ts';
import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';
import { mxHostIsAddress } from '../mx-tls.ts';

export const mxNotCovered: Rule<CheckContext> = {
  code: 'check/mx-not-covered',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §4.1',
  summary: 'An MX host of the domain matches no `mx:` pattern of the policy: in enforce mode it receives no mail from MTA-STS senders.',
  fixable: false,
  check(ctx, report) {
    const mode = ctx.policy?.effective.mode;
    if (!ctx.policy || !mode || mode === 'none') return;
    for (const mx of ctx.mx) {
      // An IP address as exchange has no name to cover: check/mx-ip-address names that problem and its fix.
      if (mx.pattern !== null || mxHostIsAddress(mx.host)) continue;
      const wildcard = parentWildcard(mx.host);
      const consequence =
        mode === 'enforce'
          ? 'MTA-STS senders will not deliver to it (mail queues and bounces once the others fail)'
          : 'in testing mode senders still deliver, but report failures; enforce would block it';
      report({
        range: { start: 0, end: 0 },
        severity: mode === 'enforce' ? 'error' : 'warning',
        message: `MX host \`${mx.host}\` is not covered by any \`mx:\` pattern of the policy (${ctx.policy.effective.mx.map((p) => `\`${p}\``).join(', ') || 'none'}): ${consequence}; add \`mx: ${mx.host}\`${wildcard ? ` (or \`mx: ${wildcard}\`)` : ''} to the policy and bump the id`,
      });
    }
  },
};
