import type { Rule } from '../../rule.ts';
import { lookupFailed, policyFetched, type CheckContext } from '../context.ts';

export const stsMissing: Rule<CheckContext> = {
  code: 'check/sts-missing',
  kind: 'check',
  severity: 'warning',
  rfc: 'RFC 8461 §3.1',
  summary: 'The domain publishes no `_mta-sts` TXT record, so senders use opportunistic TLS only.',
  fixable: false,
  check(ctx, report) {
    if (ctx.stsCandidates.length > 0 || lookupFailed(ctx.sts)) return;
    if (ctx.mxAnswer.status === 'nxdomain') return; // check/domain-missing says it better
    const orphan = policyFetched(ctx)
      ? ` A policy file is served at ${ctx.policyUrl}, but senders never fetch it without the record.`
      : '';
    report({
      range: { start: 0, end: 0 },
      message: `no MTA-STS record at \`_mta-sts.${ctx.domain}\`: senders deliver with opportunistic TLS, which an attacker can strip.${orphan} Publish \`_mta-sts.${ctx.domain} TXT "v=STSv1; id=<timestamp>"\` and a policy at ${ctx.policyUrl} (start with \`mode: testing\`; \`sts-lens init ${ctx.domain}\` prints both)`,
    });
  },
};
