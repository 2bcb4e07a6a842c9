import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

const HANDLED = new Set(['dns', 'tls-certificate-expired', 'tls-certificate-name', 'tls-certificate-untrusted', 'too-large', 'timeout']);

export const policyUnreachable: Rule<CheckContext> = {
  code: 'check/policy-unreachable',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The policy URL could not be fetched over HTTPS (connection refused, TLS failure).',
  fixable: false,
  check(ctx, report) {
    const err = ctx.policyFetch.error;
    if (ctx.stsCandidates.length === 0 || !err || HANDLED.has(err.kind)) return;
    const probe = ctx.httpProbe;
    if (probe && !probe.error && probe.status === 200) return; // reported as policy-http-only
    report({
      range: { start: 0, end: 0 },
      message: `could not fetch ${ctx.policyUrl}: ${err.message}; serve the policy over HTTPS on port 443 of \`mta-sts.${ctx.domain}\``,
    });
  },
};
