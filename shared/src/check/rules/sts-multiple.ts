import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const stsMultiple: Rule<CheckContext> = {
  code: 'check/sts-multiple',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'More than one `_mta-sts` record begins with `v=STSv1`: senders then treat the domain as having no policy.',
  fixable: false,
  check(ctx, report) {
    if (ctx.stsRecords.length < 2) return;
    const values = ctx.stsRecords.map((r) => `\`${r.value}\``).join(', ');
    report({
      range: { start: 0, end: 0 },
      message: `${ctx.stsRecords.length} records at \`_mta-sts.${ctx.domain}\` begin with \`v=STSv1\` (${values}); with more than one, senders act as if there were no policy: delete all but one`,
    });
  },
};
