import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const mxMissing: Rule<CheckContext> = {
  code: 'check/mx-missing',
  kind: 'check',
  severity: 'warning',
  rfc: 'RFC 8461 §4',
  summary: 'The domain publishes MTA-STS but has no MX records, so the policy protects nothing.',
  fixable: false,
  check(ctx, report) {
    if (ctx.stsCandidates.length === 0 || ctx.mx.length > 0) return;
    if (ctx.mxAnswer.status !== 'nodata' && ctx.mxAnswer.status !== 'nxdomain' && ctx.mxAnswer.status !== 'ok') return;
    const nullMx = ctx.mxAnswer.records.some((r) => r.type === 'MX' && (r.exchange === '.' || r.exchange === ''));
    if (nullMx) {
      report({
        range: { start: 0, end: 0 },
        message: `\`${ctx.domain}\` publishes a null MX (\`MX 0 .\`, RFC 7505): it accepts no mail, so an MTA-STS policy protects nothing; remove the MTA-STS and TLS-RPT records, or publish real MX hosts`,
      });
      return;
    }
    report({
      range: { start: 0, end: 0 },
      message: `\`${ctx.domain}\` has no MX records; MTA-STS applies only to MX hosts (senders do not apply it to an implicit MX): publish MX records, or remove the MTA-STS records if the domain receives no mail`,
    });
  },
};
